# Interning: identifier-like string constants are interned by the compiler, so
# equal constants are one object. Strings built at run time are new objects
# until sys.intern() maps them to the canonical copy.
import sys

a = "hello_world"
b = "hello" + "_world"
c = "".join(["hello", "_world"])
print("constant vs folded constant:", a is b)
print("constant vs joined at run time:", a is c, a == c)
print("after sys.intern:", sys.intern(c) is a)
d = "hello world!"
e = "".join(["hello ", "world!"])
print("non-identifier constant vs runtime:", d is e)
print("that constant is not interned, so intern(e) keeps e:", sys.intern(e) is e)
A = "A"
print("one-character strings are cached:", chr(65) is A, chr(200) is chr(200))
print("but not beyond latin-1:", chr(300) is chr(300))
empty = ""
print("empty string is a singleton:", "".join([]) is empty)
