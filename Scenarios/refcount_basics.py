# Reference counts of a fresh object as names and containers come and go.
# sys.getrefcount(x) reports one more than the references you can see: the
# argument itself is a temporary reference on the caller's evaluation stack.
import sys


class Thing:
    pass


x = Thing()
print("one name:", sys.getrefcount(x))
y = x
print("two names:", sys.getrefcount(x))
box = [x, x, x]
print("plus a list holding it three times:", sys.getrefcount(x))
d = {"a": x}
print("plus a dict value:", sys.getrefcount(x))
t = (x,)
print("plus a tuple:", sys.getrefcount(x))
del box
print("list deleted:", sys.getrefcount(x))
d.clear()
print("dict cleared:", sys.getrefcount(x))
del t, y
print("back to one name:", sys.getrefcount(x))
print("fresh object, no name at all:", sys.getrefcount(Thing()))
print("a dict value read back:", sys.getrefcount(d.get("missing", x)))
