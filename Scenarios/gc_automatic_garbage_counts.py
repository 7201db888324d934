# How much garbage each automatic collection finds while a loop makes
# self-referencing objects and keeps every third.
#
# A collection of generation 0 starts when the count of new containers
# passes threshold0 (700, 2000 in 3.13). 3.8-3.11 run it inside the
# allocation that crossed the threshold, before that new object is tracked:
# the object sits the collection out and waits in generation 0 for the next
# one, where it is found unreachable with the others. 3.12+ run it at the
# next instruction (the eval breaker). Watch the counts after the first:
# each includes the object whose allocation started the previous collection.
# (Instances have a separate __dict__ up to 3.10: two objects each.)
import gc

gc.collect()
found = []
position = [0]


def record(phase, info):
    if phase == "stop":
        found.append((position[0], info["generation"], info["collected"]))


gc.callbacks.append(record)


class Node:
    pass


kept = []
for i in range(3000):
    position[0] = i
    node = Node()
    node.me = node
    if i % 3 == 0:
        kept.append(node)
gc.callbacks.remove(record)
print(found)
