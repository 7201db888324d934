# DEBUG_SAVEALL: instead of freeing unreachable objects the collector appends
# them to gc.garbage, so you can inspect what a cycle consisted of.
import gc


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


gc.collect()
gc.disable()
gc.set_debug(gc.DEBUG_SAVEALL)
print("debug flags:", gc.get_debug() == gc.DEBUG_SAVEALL)
a = Node("a")
b = Node("b")
a.other = b
b.other = a
del a, b
print("collected:", gc.collect())
print("in gc.garbage:", len(gc.garbage))
print("types:", sorted(type(o).__name__ for o in gc.garbage))
print("names:", sorted(o.name for o in gc.garbage if isinstance(o, Node)))
gc.set_debug(0)
gc.garbage.clear()
print("after clearing gc.garbage:", gc.collect())
gc.enable()
