# With the collector disabled, cycles pile up (the counters still move); one
# explicit collection frees them all at once.
import gc


class Node:
    __slots__ = ("other",)


gc.collect()
gc.disable()
start = gc.get_count()[0]
i = 0
while i < 5000:
    a = Node()
    b = Node()
    a.other = b
    b.other = a
    i += 1
del a, b
grown = gc.get_count()[0] - start
print("enabled:", gc.isenabled())
print("count[0] grew by:", grown)
print("collected:", gc.collect())
gc.enable()
