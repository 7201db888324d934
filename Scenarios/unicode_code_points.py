# A str is a sequence of code points, not of what you see. "á" can be one
# code point (U+00E1, composed) or two: "a" followed by the combining acute
# accent U+0301 (decomposed). They look alike but are different strings:
# unequal, of different lengths and sizes, different dict keys, never
# merged as constants nor found by sys.intern for one another. The kind
# (bytes per code point: latin-1 1, UCS-2 2, UCS-4 4) follows the widest
# code point, so the decomposed form, whose U+0301 needs 2 bytes, is stored
# in UCS-2 while the composed one fits in latin-1. Watch getsizeof.
import sys

composed = "\u00e1"
decomposed = "a\u0301"
built = "".join(["a", "\u0301"])
print("equal:", composed == decomposed, decomposed == built)
print("same object:", composed is decomposed)
print("lengths:", len(composed), len(decomposed), [hex(ord(c)) for c in decomposed])
print("sizes:", sys.getsizeof(composed), sys.getsizeof(decomposed))
print("ten of each:", sys.getsizeof(composed * 10), sys.getsizeof(decomposed * 10))
print("ordered:", composed < decomposed, sorted([composed, "b", decomposed]) == [decomposed, "b", composed])

# Two keys, two entries: a dict compares keys code point by code point.
d = {composed: "composed", decomposed: "decomposed"}
print("dict:", len(d), d[built], composed in d, "a" in decomposed, "a" in composed)

# Searching works on code points too: "a" is inside the decomposed form.
print("find:", decomposed.find("a"), composed.find("a"), "xa\u0301y".replace("a", "o") == "xo\u0301y")
print("iterate:", [c for c in decomposed] == ["a", "\u0301"], decomposed[1] == "\u0301", decomposed[::-1] == "\u0301a")

# Padding counts code points: the decomposed form takes two of the width.
print("[%5s] [%5s]" % (composed, decomposed), f"[{composed:>5}] [{decomposed:<5}]")

# sys.intern keeps one object per exact text: the decomposed string is not
# the composed one's twin.
x = sys.intern("".join(["x", "\u00e1"]))
y = sys.intern("".join(["x", "a", "\u0301"]))
z = sys.intern("x" + composed)
print("interned:", x is y, x is z, x == z)

# The kinds: the widest code point decides the bytes per code point.
for text in ["aaaa", "aaa\u00e1", "aaa\u0301", "aaa\u20ac", "aaa\U0001F600"]:
    print(len(text), sys.getsizeof(text), max(text) > "\u00ff", max(text) > "\uffff")

# Case changes map code point by code point, some to several.
print("upper:", "stra\u00dfe".upper(), len("\ufb01".upper()), "\u0130".lower() == "i\u0307")
print("final sigma:", "\u039f\u0394\u039f\u03a3".lower(), "\u03a3".lower())

# Names are different: the parser normalises identifiers (NFKC), so the
# ligature "ﬁ" in a name is "fi", and the composed and decomposed
# spellings of a name are one variable (assigned composed, printed
# decomposed).
ﬁle = 1
á = 2
print("names:", file, á)
