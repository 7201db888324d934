# What a call adds to an argument's reference count.
# 3.8-3.10: the caller's stack keeps its reference while the callee's parameter
# holds another, so inside the function you see one more than in 3.11+, where
# the argument is moved into the callee's frame.
import sys


class Thing:
    pass


def count(a):
    return sys.getrefcount(a)


def count_with_alias(a):
    b = a
    return sys.getrefcount(a)


def count_twice(a, b):
    return sys.getrefcount(a)


class Holder:
    def method(self):
        return sys.getrefcount(self)


x = Thing()
keep = [x]
print("at module level:", sys.getrefcount(x))
print("inside f(x):", count(x))
print("with a local alias:", count_with_alias(x))
print("passed twice f(x, x):", count_twice(x, x))
print("keyword argument f(a=x):", count(a=x))
h = Holder()
print("self inside h.method():", h.method())
print("after the calls:", sys.getrefcount(x))


def nested(a, depth):
    if depth == 0:
        return sys.getrefcount(a)
    return nested(a, depth - 1)


print("three calls deep:", nested(x, 2))
