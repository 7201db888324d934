# str methods and the heap: a method whose result would equal the receiver
# returns the receiver itself (no new object: `s.strip() is s` when there is
# nothing to strip, `s.ljust(w) is s` when s is already that wide), empty and
# one-character latin-1 results are shared singletons, partition hands back
# the separator object it was given, and case changes always build a new str.

words = ["ab", "  pad  ", "Hello World", "ÉCOLE été", "x", "", "-42", "+7", "abc-def-ghi", "ÀbÇ", "a1b2", "123", "\t\n", "Title Case Here", "ǅungla", "ß", "hello_world 3rd"]
for w in words:
    print(repr(w), repr(w.strip()), repr(w.lstrip()), repr(w.rstrip()), repr(w.strip("a-")), repr(w.ljust(6, "*")), repr(w.rjust(5)), repr(w.center(8, ".")), repr(w.center(7)), repr(w.zfill(5)))
    print(" ", w.partition("-"), w.rpartition("-"), w.partition("zz"), repr(w.capitalize()), repr(w.title()), repr(w.swapcase()))
    print(" ", w.isdigit(), w.isalpha(), w.isalnum(), w.isspace(), w.isdecimal(), w.isupper(), w.islower())
s = "same"
empty = "x".strip("x")
print("empty result is the shared empty str:", empty is "x"[:0], len(empty))
print("unchanged results are the receiver:", s.strip() is s, s.ljust(2) is s, s.zfill(4) is s, s.center(3) is s, s.partition("x")[0] is s, s.rpartition("x")[2] is s)
sep = "-"
t = "a-b".partition(sep)
print("partition returns the separator object:", t[1] is sep)
try:
    "a".ljust("x")
except (TypeError, ValueError) as e:
    print('"a".ljust("x")', type(e).__name__, e)
try:
    "a".ljust(5, "ab")
except (TypeError, ValueError) as e:
    print('"a".ljust(5, "ab")', type(e).__name__, e)
try:
    "a".ljust(5, 1)
except (TypeError, ValueError) as e:
    print('"a".ljust(5, 1)', type(e).__name__, e)
try:
    "a".strip(1)
except (TypeError, ValueError) as e:
    print('"a".strip(1)', type(e).__name__, e)
try:
    "a".partition(1)
except (TypeError, ValueError) as e:
    print('"a".partition(1)', type(e).__name__, e)
try:
    "a".partition("")
except (TypeError, ValueError) as e:
    print('"a".partition("")', type(e).__name__, e)
try:
    "a".ljust()
except (TypeError, ValueError) as e:
    print('"a".ljust()', type(e).__name__, e)
try:
    "a".zfill(1, 2)
except (TypeError, ValueError) as e:
    print('"a".zfill(1, 2)', type(e).__name__, e)
try:
    "a".center(2.5)
except (TypeError, ValueError) as e:
    print('"a".center(2.5)', type(e).__name__, e)
# split preallocates its list (12 slots before 3.12; from 3.12 bounded by
# the text's length), and a str that does not split is its own only piece.
import sys

words = "a b c"
parts = [words.split(), "abc".split(), words.split(" "), ("x," * 20).split(","), words.split(None, 1)]
print([sys.getsizeof(p) for p in parts], "abc".split()[0] is "abc".split("z")[0])
