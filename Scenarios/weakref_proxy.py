# weakref.proxy behaves like the object while it lives and raises
# ReferenceError once it is gone. Not every object can be weakly referenced.
import weakref


class Account:
    def __init__(self, balance):
        self.balance = balance

    def deposit(self, n):
        self.balance += n
        return self.balance


acc = Account(10)
p = weakref.proxy(acc)
print("through the proxy:", p.balance, p.deposit(5))
print("weakref count:", weakref.getweakrefcount(acc))
del acc
try:
    p.balance
except ReferenceError as e:
    print("ReferenceError:", e)
try:
    weakref.ref(42)
except TypeError as e:
    print("TypeError:", e)
try:
    weakref.ref([])
except TypeError as e:
    print("TypeError:", e)


class Slotted:
    __slots__ = ("x",)


try:
    weakref.ref(Slotted())
except TypeError as e:
    print("TypeError:", e)
