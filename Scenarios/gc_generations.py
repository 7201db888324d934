# Generations: a new container starts in generation 0; each collection it
# survives promotes it one generation, up to 2. get_objects(generation=g)
# lists one generation.
import gc


class Node:
    pass


def where(obj):
    for g in (0, 1, 2):
        for o in gc.get_objects(generation=g):
            if o is obj:
                return g
    return None


gc.collect()
gc.disable()
n = Node()
print("new object in generation:", where(n))
gc.collect(0)
print("after collect(0):", where(n))
gc.collect(1)
print("after collect(1):", where(n))
gc.collect(0)
print("collect(0) does not touch older generations:", where(n))
young = [Node() for i in range(5)]
print("young nodes in gen 0:", sum(1 for o in gc.get_objects(generation=0) if type(o) is Node))
print("nodes in gen 2:", sum(1 for o in gc.get_objects(generation=2) if type(o) is Node))
gc.collect()
print("after a full collection, all in gen 2:", sum(1 for o in gc.get_objects(generation=2) if type(o) is Node))
print("untracked objects are in no generation:", where(12345), gc.is_tracked(12345))
gc.enable()
