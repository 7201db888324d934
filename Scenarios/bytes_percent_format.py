# printf-style formatting of bytes (PEP 461): `b"..." % args` builds a new bytes
# object of exactly the formatted length (33 + n bytes, or the cached b'' and
# one-byte objects); a bytearray template gives a bytearray. %s (alias %b) takes
# only bytes-like arguments or objects with __bytes__, %r (alias %a) is
# ascii(repr(x)), %c an int below 256 or a single byte. Watch the sizes, the
# cached one-byte results and each misuse's message (3.8-3.9 say "a number is
# required", 3.10+ "a real number is required").
import gc
import sys


class Tag:
    def __bytes__(self):
        return b"<tag>"


def show(template, args):
    try:
        result = template % args
    except (TypeError, ValueError, OverflowError, KeyError) as e:
        print(type(e).__name__ + ":", e)
        return
    print(repr(result), type(result).__name__, sys.getsizeof(result))


show(b"%s %d", (b"ab", 3))
show(b"%b|%5s|%-5b|%.1s|", (b"x", b"ab", bytearray(b"cd"), b"xyz"))
show(b"%r %a", ("h\xe9", b"q"))
show(b"%d %i %u %x %X %o %#x %#o %+05d % d", (1, 2, 3, 255, 255, 8, 255, 8, 42, 7))
show(b"%e %f %g %.2f %10.3e %E %G", (1.5, 2.25, 1e20, 3.14159, 12345.678, 1.0, 1e-10))
show(b"%c%c%c|%3c|%-3c|", (65, b"B", bytearray(b"C"), 68, 69))
show(b"%*d|%-*d|%.*f", (5, 1, 4, 2, 2, 3.14159))
show(b"%(name)s is %(age)d", {b"name": b"Bob", b"age": 3})
show(b"%s|%b|%a", (Tag(), Tag(), 1.5))
show(bytearray(b"%s-%d"), (b"a", 1))
show(b"%s" * 20, tuple([b"abcdefgh"] * 20))
show(b"%%|%s", b"")
show(b"abc", {})
show(b"abc", [])

print("-- misuse")
show(b"%s", "text")
show(b"%b", 3)
show(b"%c", 256)
show(b"%c", "A")
show(b"%c", b"AB")
show(b"%(name)s", {"name": b"Bob"})
show(b"%(name)s", (1,))
show(b"%d %d", (1,))
show(b"%d", (1, 2))
show(b"abc", "x")
show(b"abc", bytearray(b"x"))
show(b"%y", 1)
show(b"%d", "x")
show(b"%x", 1.5)
show(b"%f", "x")
show(b"%", ())
show(b"%(a", {b"a": b"1"})

print("-- identity and caching")
plain = b"plain"
print("no conversion, new object:", (plain % ()) is plain)
print("one byte is the cached one:", (b"%c" % 65) is b"A", (b"%s" % b"z") is b"z")
print("empty is b'':", (b"%s" % b"") is b"")
print("bytes() calls __bytes__:", bytes(Tag()))
print("str % bytes is a mapping:", "abc" % b"x")

gc.collect()
gc.disable()
sys._debugmallocstats()
kept = []
i = 0
while i < 3000:
    kept.append(b"row %05d: %s" % (i, b"payload" * 3))
    i += 1
print("kept", len(kept), sys.getsizeof(kept[0]))
sys._debugmallocstats()
del kept
gc.enable()
