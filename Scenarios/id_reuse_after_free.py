# id() is an address: when an object is freed its block goes back to the free
# list of its pool, and the next allocation of that size class takes it back -
# last freed, first reused. Which pool serves an allocation depends on how full
# the pools are, so this picks three neighbours that share one full pool.
import sys


class Box:
    __slots__ = ("v",)


# A pool is 4 KiB up to 3.9 and 16 KiB from 3.10 on.
POOL = 4096 if sys.version_info < (3, 10) else 16384
batch = [Box() for i in range(2000)]
i = 1000
while id(batch[i]) // POOL != id(batch[i + 2]) // POOL:
    i += 1
p, q, r = batch[i], batch[i + 1], batch[i + 2]
ids = [id(p), id(q), id(r)]
batch[i] = batch[i + 1] = batch[i + 2] = None
del p
del q
del r
a = Box()
b = Box()
c = Box()
print("first new object reuses the last freed (r):", id(a) == ids[2])
print("second reuses q:", id(b) == ids[1])
print("third reuses p:", id(c) == ids[0])
x = Box()
old = id(x)
del x
y = Box()
print("freed then allocated again:", id(y) == old)
print("two temporaries in a row share an id:", id(Box()) == id(Box()))
three = 3
f1 = 1.5 * three
old = id(f1)
del f1
f2 = 2.5 * three
print("floats come back from the float free list:", id(f2) == old)
