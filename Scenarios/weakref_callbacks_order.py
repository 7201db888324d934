# Weak reference callbacks. When the referent dies by reference counting the
# callbacks run newest first; when it dies in a cycle collection they run before
# any __del__, in creation order across objects.
import gc
import weakref


class Target:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  __del__", self.name)


def report(label):
    def callback(ref):
        print("  callback", label, "- ref now returns", ref())
    return callback


t = Target("t")
r1 = weakref.ref(t, report("r1"))
r2 = weakref.ref(t, report("r2"))
r3 = weakref.ref(t, report("r3"))
print("weak refs do not count:", weakref.getweakrefcount(t), "weakrefs")
print("r1() is t:", r1() is t)
print("del t (refcount):")
del t
print("after:", r1(), r2(), r3())
gc.collect()
gc.disable()
a = Target("a")
b = Target("b")
a.other = b
b.other = a
ra = weakref.ref(a, report("ra"))
rb = weakref.ref(b, report("rb"))
del a, b
print("cycle collected:")
print("collected:", gc.collect())
c = Target("c")
c.me = c
c.self_ref = weakref.ref(c, report("inside the garbage"))
del c
print("a weakref that is itself garbage does not call back:")
print("collected:", gc.collect())
gc.enable()
