SIZE = 1000000  # bench: scale (number of GC-tracked objects kept alive)
# Bench: one million tracked objects. Builds SIZE small lists (each a
# GC-tracked container) in 1000 groups and keeps them all alive to the end,
# then runs one full collection over the whole heap. The bench times the
# process from outside (wall time and peak RSS); nothing is timed inside.
import gc

groups = []
i = 0
while i < SIZE:
    group = []
    k = 0
    while k < 1000 and i < SIZE:
        group.append([i])
        k += 1
        i += 1
    groups.append(group)
found = gc.collect()
print("groups:", len(groups), "objects:", sum(len(g) for g in groups), "collected:", found)
