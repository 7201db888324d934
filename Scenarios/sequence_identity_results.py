# When does an operation hand back the very object it was given? CPython
# skips the copy where the result would be equal and the type is exact: a
# replace() with nothing to replace (or old and new the same object), a
# one-item join, a format() without fields or of one plain str field, adding
# an empty tuple or bytes, tuple(t), frozenset(f), t[:], s * 1. No new object
# means no new block and one more reference to the old one. bytearray is
# mutable, so it never shares: ba * n is new, ba *= n and ba += x grow it in
# place (with over-allocation), item and slice assignment resize it.
import sys

s = "hello world"
t = (1, 2, 3)
b = b"bytes!"
print("replace:", s.replace("z", "y") is s, s.replace("o", "o") is s, s.replace("l", "L", 0) is s)
print("join:", "".join([s]) is s, " ".join((s,)) is s, "".join([s, ""]) is s)
print("format:", s.format() is s, "{}".format(s) is s, "{0!s:}".format(s) is s, "{w}".format(w=s) is s, "{!r}".format(s) is s)
print("concat:", t + () is t, () + t is t, s + "" is s, b + b"" is b, b"" + b is b)
print("copies:", tuple(t) is t, t[:] is t, s[:] is s, s * 1 is s, b[:] is b, bytes(b) is b)
before = sys.getrefcount(s)
same = [s.replace("q", "r"), "".join([s]), s.format()]
print("three more references:", sys.getrefcount(s) - before)

ba = bytearray(b"ab")
alias = ba
ba *= 3
print("ba *= 3:", ba is alias, ba, sys.getsizeof(ba))
ba += b"cd"
print("ba += b'cd':", ba is alias, ba, sys.getsizeof(ba))
print("ba * 2 is new:", ba * 2 is ba, sys.getsizeof(ba * 2), sys.getsizeof(3 * bytearray(b"xy")))
print("ba + bytes:", ba + b"!", sys.getsizeof(ba + b"!"), "bytes + ba:", b"!" + ba, sys.getsizeof(b"!" + ba))
ba = bytearray(b"0123456789")
ba[1] = 65
ba[2:4] = b"xyz"
ba[::2] = b"abcdef"
del ba[0]
del ba[::3]
print("assigned and deleted:", ba, sys.getsizeof(ba))
ba = bytearray(b"abcdefghij" * 5)
sizes = []
while ba:
    del ba[0]
    sizes.append(sys.getsizeof(ba))
print("shrinking from the front:", *sizes[::4])
print("built from ints:", *[sys.getsizeof(bytearray(range(n))) for n in range(0, 14, 2)])
print("from a list (exact in 3.11+):", *[sys.getsizeof(bytearray(list(range(n)))) for n in range(0, 14, 2)])
for bad in ["256", "str", "slice str", "extended", "index"]:
    try:
        if bad == "256":
            ba[0] = 256
        elif bad == "str":
            ba[0] = "a"
        elif bad == "slice str":
            ba[0:1] = "a"
        elif bad == "extended":
            ba[::2] = b"a"
        else:
            ba[99] = 1
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__ + ":", e)

# split() with a separator longer than the str (or of a wider kind) is a
# one-slot list of the str itself, before any preallocation.
for text in ["", "ab", "a,b"]:
    parts = text.split("abc")
    print(repr(text), "split('abc'):", parts, parts[0] is text, sys.getsizeof(parts), sys.getsizeof(text.rsplit("\u20ac")))

# `in` on bytes: an int is one byte (0-255), bytes-like is a substring.
print(b"bc" in b"abc", bytearray(b"b") in b"abc", b"" in b"abc", 98 in bytearray(b"abc"), 5 in b"abc")
for probe in [300, "a"]:
    try:
        probe in b"abc"
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
try:
    {bytearray(b"a"): 1}
except TypeError as e:
    print("TypeError:", e)
