# One-character strs: which operations hand out the cached singleton?
#
# CPython keeps one str object per latin-1 character (created on first use
# up to 3.11, static from 3.12) and returns it from most operations whose
# result is one such character: indexing, chr(), join, slicing, split,
# %-formatting, str.format. But not all: a function that allocates its
# result with PyUnicode_New and fills it itself makes a new object even for
# one character. Watch str(7), repr(7) and f"{7}", and the case maps: in
# every version they are new objects, each with a block of its own.
#
# (Pick the character with care: a constant is interned, and when the
# interpreter interned an equal str that is not the singleton while starting
# up — "a" in 3.11 and 3.12 — the constant is that object, and even chr(97)
# is not it.)
import gc
import sys

gc.collect()
gc.disable()

SEVEN = "7"
Z = "z"
UPPER_Z = "Z"
ZY = "zy"
XZ = "xz"
Z_COMMA_Y = "z,y"
Z_SPACE_Y = "z y"
Z_NEWLINE_Y = "z\ny"

print("indexing:", ZY[0] is Z, XZ[-1] is Z)
print("chr and join:", chr(122) is Z, "".join([Z]) is Z)
print("slicing:", XZ[1:] is Z, ZY[:1] is Z)
print("split, rsplit, partition:", Z_COMMA_Y.split(",")[0] is Z, Z_COMMA_Y.rsplit(",")[0] is Z, Z_COMMA_Y.partition(",")[0] is Z)
print("split on whitespace and splitlines:", Z_SPACE_Y.split()[0] is Z, Z_NEWLINE_Y.splitlines()[0] is Z)
print("%-format and str.format:", "%d" % 7 is SEVEN, "{}".format(7) is SEVEN)
print("a digit of a longer result:", str(-7)[1] is SEVEN, str(7.0)[0] is SEVEN)
# New objects, not the singleton:
print("str(), repr() and f-string of an int:", str(7) is SEVEN, repr(7) is SEVEN, f"{7}" is SEVEN)
print("case mapping:", Z.upper() is UPPER_Z, UPPER_Z.lower() is Z, Z.title() is UPPER_Z)
print("swapcase, capitalize, casefold:", Z.swapcase() is UPPER_Z, Z.capitalize() is UPPER_Z, UPPER_Z.casefold() is Z)
# What a new one-character str costs: a block of its own, where the
# singleton costs nothing.
print("size of a new one-character str:", sys.getsizeof(str(7)), "same as the singleton's:", sys.getsizeof(SEVEN))
