# Bound methods are created on attribute access: o.m is a new object every
# time, holding a reference to o. Calling o.m() directly usually avoids creating
# one at all.
import sys


class Greeter:
    def hello(self):
        return "hi"


g = Greeter()
print("o.m is o.m:", g.hello is g.hello)
print("o.m == o.m:", g.hello == g.hello)
print("bound method size:", sys.getsizeof(g.hello))
before = sys.getrefcount(g)
m = g.hello
print("holding a bound method adds a reference:", sys.getrefcount(g) - before)
print("m.__self__ is g:", m.__self__ is g)
ms = [g.hello for i in range(10)]
print("ten bound methods:", sys.getrefcount(g) - before)
del ms, m
print("released:", sys.getrefcount(g) - before)
print("calls:", g.hello(), Greeter.hello(g))
print("function vs method:", type(Greeter.hello).__name__, type(g.hello).__name__)
