# A cycle that something live still points to is reachable, so the collector
# keeps it; it becomes garbage only when that outside reference goes.
import gc


class Node:
    def __init__(self, name):
        self.name = name
        self.next = None

    def __del__(self):
        print("  freed", self.name)


gc.collect()
gc.disable()
a = Node("a")
b = Node("b")
a.next = b
b.next = a
holder = [a]
del a, b
print("cycle held by a list:", gc.collect())
holder.pop()
print("list emptied:")
print("collected:", gc.collect())
c = Node("c")
c.next = c
d = Node("d")
d.next = c
del c
print("self-cycle c referenced by d:", gc.collect())
del d
print("d freed by refcount, c needs the collector:")
print("collected:", gc.collect())
gc.enable()
