# What __slots__ saves: a slotted instance stores its attributes in fixed
# fields and has no per-instance dict. getsizeof(o) does not count the dict, so
# the dict (when one exists) is added by hand.
import sys


class WithDict:
    def __init__(self, a, b, c):
        self.a = a
        self.b = b
        self.c = c


class WithSlots:
    __slots__ = ("a", "b", "c")

    def __init__(self, a, b, c):
        self.a = a
        self.b = b
        self.c = c


class Empty:
    __slots__ = ()


class WeakSlots:
    __slots__ = ("a", "__weakref__")


warm = [WithDict(1, 2, 3) for i in range(40)]
d = WithDict(1, 2, 3)
s = WithSlots(1, 2, 3)
print("WithDict instance:", sys.getsizeof(d))
print("WithDict instance + __dict__:", sys.getsizeof(d) + sys.getsizeof(d.__dict__))
print("WithSlots instance:", sys.getsizeof(s))
print("__slots__ = ():", sys.getsizeof(Empty()))
print("__slots__ with __weakref__:", sys.getsizeof(WeakSlots()))
print("slotted has __dict__:", hasattr(s, "__dict__"))
try:
    s.d = 4
except AttributeError as e:
    print("AttributeError:", e)
print("object():", sys.getsizeof(object()))
