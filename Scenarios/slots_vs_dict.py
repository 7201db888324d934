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

# A slot is a descriptor on the class reading a fixed place in the
# instance: until something is stored there, reading it raises
# AttributeError — in 3.8–3.9 with the bare slot name as its message, from
# 3.10 with the usual "'WeakSlots' object has no attribute 'a'". `del`
# empties the place again; a subclass without __slots__ gets a __dict__ but
# keeps its base's slots.
w = WeakSlots()
try:
    w.a
except AttributeError as e:
    print("empty slot:", e)
w.a = 1
del w.a
try:
    w.a
except AttributeError as e:
    print("emptied slot:", e)


class SlotsChild(WithSlots):
    def __init__(self):
        self.extra = 1


child = SlotsChild()
try:
    child.b
except AttributeError as e:
    print("base's empty slot:", e, "| child has __dict__:", hasattr(child, "__dict__"))
