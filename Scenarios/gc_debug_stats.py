# DEBUG_STATS makes each collection report itself on stderr: generation, how
# many objects it found unreachable and how many it could not free. The
# differential masks the elapsed time and the per-generation totals (they count
# the interpreter's own objects).
import gc


class Node:
    pass


gc.collect()
gc.disable()
gc.set_debug(gc.DEBUG_STATS)
a = Node()
b = Node()
a.b = b
b.a = a
del a, b
n = gc.collect()
gc.set_debug(0)
print("collected:", n)
