# Constants of the main script: a literal is shared by the code object's
# co_consts, by the parser's list of constants (alive while __main__ runs) and
# by every name bound to it. A value computed at run time has only its names.
import sys

a = 1000000
print("literal bound to one name:", sys.getrefcount(a))
b = 1000000
print("same literal, second name:", sys.getrefcount(a), a is b)
c = int("1000000")
print("built at run time:", sys.getrefcount(c), c is a, c == a)
s = "not an identifier!"
print("string literal:", sys.getrefcount(s))
u = "".join(["not an ", "identifier!"])
print("joined at run time:", sys.getrefcount(u), u is s, u == s)
f = 2.5
print("float literal:", sys.getrefcount(f))
g = f * 1
print("float from arithmetic:", sys.getrefcount(g), g is f)
t = (1, 2, 3)
print("constant tuple:", sys.getrefcount(t))
big = 10 ** 20
print("folded constant 10 ** 20:", sys.getrefcount(big))


def returns_literal():
    return 1000000


print("function returns the same object:", returns_literal() is a)
