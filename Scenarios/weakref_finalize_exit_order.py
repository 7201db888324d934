# weakref.finalize in detail: keyword arguments, peek() and detach(), the
# atexit flag, a callback run by the cycle collector, and what happens at
# interpreter exit: live finalizers run newest first, before the module's
# globals are cleared (and before the __del__ that clearing triggers); a
# finalizer whose atexit flag is off never runs.
import gc
import sys
import weakref


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        print("  __del__", self.name)


def report(label, *args, **kwargs):
    print("  finalizer", label, args, sorted(kwargs.items()))
    return label.upper()


first = Node("first")
f1 = weakref.finalize(first, report, "first", 1, 2, mode="exit")
print("alive:", f1.alive, "atexit:", f1.atexit)
obj, func, args, kwargs = f1.peek()
print("peek:", obj.name, func.__name__, args, kwargs)
obj = None
print("getsizeof finalize:", sys.getsizeof(f1))
print("registry entries:", len(weakref.finalize._registry))

detached = Node("detached")
f2 = weakref.finalize(detached, report, "detached")
obj, func, args, kwargs = f2.detach()
print("detach:", obj.name, args, kwargs, "alive now:", f2.alive)
obj = None
print("second detach:", f2.detach(), "peek:", f2.peek())
del detached
print("detached object gone, no callback")

quiet = Node("quiet")
f3 = weakref.finalize(quiet, report, "quiet")
f3.atexit = False
print("quiet atexit:", f3.atexit, "alive:", f3.alive)

a = Node("cycle-a")
b = Node("cycle-b")
a.other = b
b.other = a
f4 = weakref.finalize(a, report, "cycle")
del a, b
print("cycle unreachable, collecting")
print("collected:", gc.collect() > 0)
print("f4 alive:", f4.alive)

early = Node("early")
f5 = weakref.finalize(early, report, "early", when="now")
print("called early:", f5(), "again:", f5())
print("after the early call:", f5.alive, f5.atexit)

last = Node("last")
f6 = weakref.finalize(last, report, "last")
print("registry entries:", len(weakref.finalize._registry))
print("end of script")
