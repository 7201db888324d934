# Free lists: a freed list or dict object is kept on a per-type free list and
# handed back by the next allocation of that type - same id, no pymalloc call.
a = []
old = id(a)
del a
b = []
print("new list reuses the freed list object:", id(b) == old)
d = {}
old = id(d)
del d
e = {}
print("new dict reuses the freed dict object:", id(e) == old)
x, y = 2, 3
t = (x, y)
old = id(t)
del t
u = (y, x)
print("a 2-tuple reuses the freed 2-tuple:", id(u) == old)
t3 = (x, y, x)
print("a 3-tuple does not:", id(t3) == old)
lists = [[] for i in range(5)]
ids = [id(l) for l in lists]
del lists
again = [[] for i in range(5)]
print("reused, most recently freed first:", sorted(id(l) for l in again) == sorted(ids))

# Calling the type is different: list(...) and dict(...) allocate through the
# type's tp_alloc, a fresh GC object that never comes from the free list. The
# freed list stays parked there for the next display. (A full collection
# first empties the free lists, so only this part's objects are on them.)
import gc
gc.collect()
gc.disable()
p = [1]
old = id(p)
del p
before = gc.get_count()[0]
q = list((1, 2))
print("list(...) takes the free list:", id(q) == old, "- gen0 count grew by", gc.get_count()[0] - before)
r = [3]
print("the next display does:", id(r) == old)
d = {"k": 1}
old = id(d)
del d
before = gc.get_count()[0]
e = dict(k=1)
print("dict(...) takes the free list:", id(e) == old, "- gen0 count grew by", gc.get_count()[0] - before)
f = {"k": 2}
print("the next display does:", id(f) == old)

# Python 3.8 also kept freed bound methods (256 of them) on a free list; 3.9
# removed it. Making a bound method from a parked one is no GC allocation in
# 3.8, a new one (+1 on the gen0 count) later.
class Greeter:
    def hello(self):
        return "hi"

g = Greeter()
m = g.hello
del m
before = gc.get_count()[0]
m = g.hello
print("a new bound method counted as GC allocations:", gc.get_count()[0] - before)
