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
