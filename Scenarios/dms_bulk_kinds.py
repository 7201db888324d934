# A thousand objects of each kind, with sys._debugmallocstats() after each
# batch: which size class every kind lands in and how many pools it takes.
# Instances with a __dict__ and with __slots__, closures (function + cell),
# never-started generators (3.8-3.10: a 400-byte frame each, made by the call
# before the generator; 3.11+: the frame lives inside the generator object),
# exceptions, small sets, big ints, strs, dicts, nested tuples, weak
# references, bound methods, bytes. Dropping the first five batches at the
# end frees their blocks, except what the free lists keep (3.8-3.10: 200
# frames and each code's zombie frame).
import gc
import sys
import weakref
gc.collect()
gc.disable()
class Plain:
    def __init__(self, i):
        self.i = i
        self.j = i
class Slotted:
    __slots__ = ("a", "b")
    def __init__(self, i):
        self.a = i
        self.b = i
def closure(i):
    def inner():
        return i
    return inner
def gen(i):
    yield i
# CPython starts with free 64-byte blocks scattered in used pools, how many
# depends on the installation (site-packages, paths); fill them first so the
# batches below land in fresh pools as in the model.
warm = [{} for i in range(600)]
sys._debugmallocstats()
plains = [Plain(i) for i in range(1000)]
sys._debugmallocstats()
slots = [Slotted(i) for i in range(1000)]
sys._debugmallocstats()
closures = [closure(i) for i in range(1000)]
sys._debugmallocstats()
gens = [gen(i) for i in range(1000)]
sys._debugmallocstats()
excs = [ValueError(i) for i in range(1000)]
sys._debugmallocstats()
sets = [{i, i + 1} for i in range(1000)]
sys._debugmallocstats()
bigs = [2 ** 70 + i for i in range(1000)]
sys._debugmallocstats()
strs = ["s%d" % i for i in range(1000)]
sys._debugmallocstats()
dicts = [{"a": i, "b": i, "c": i, "d": i, "e": i, "f": i} for i in range(1000)]
sys._debugmallocstats()
tups = [(i, (i, i)) for i in range(1000)]
sys._debugmallocstats()
refs = [weakref.ref(p) for p in plains]
sys._debugmallocstats()
bms = [p.__init__ for p in plains]
sys._debugmallocstats()
byts = [b"x" * (i % 50) for i in range(1000)]
sys._debugmallocstats()
del plains, slots, closures, gens, excs
sys._debugmallocstats()
print("done")
