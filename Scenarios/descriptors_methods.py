# staticmethod, classmethod and property: which accesses create new objects.
# A staticmethod is the plain function every time; a classmethod and a normal
# method make a new bound method per access; a property computes on each read.
class Temp:
    scale = "C"

    def __init__(self, c):
        self._c = c

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @staticmethod
    def describe():
        return "temperature"

    @classmethod
    def unit(cls):
        return cls.scale

    def method(self):
        return self._c


t = Temp(100)
print("property:", t.fahrenheit, Temp(0).fahrenheit)
print("staticmethod is the same object:", t.describe is Temp.describe, t.describe())
print("classmethod is a new bound method:", t.unit is t.unit, t.unit == t.unit, t.unit())
print("method is a new bound method:", t.method is t.method)
print("bound to the class:", t.unit.__self__ is Temp)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print("AttributeError on a read-only property")
print("getattr/setattr/hasattr:", getattr(t, "_c"), hasattr(t, "nope"), getattr(t, "nope", "default"))
setattr(t, "_c", 37)
print("after setattr:", t.fahrenheit)
delattr(t, "_c")
print("after delattr:", hasattr(t, "_c"))
