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
