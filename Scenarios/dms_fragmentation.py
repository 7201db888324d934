# Fragmentation: freeing every other object empties no pool, so no memory goes
# back; freeing the rest empties the pools and finally whole arenas.
import gc
import sys

# A full collection first empties the free lists; with automatic collections
# off, only this scenario's own objects move the counts.
gc.collect()
gc.disable()


class Cell:
    __slots__ = ("v",)


# CPython starts with free 48-byte blocks scattered in used pools, how many
# depends on the installation (site-packages, paths; ~290 on 3.9 here); fill
# them first so the objects below land in fresh pools as in the model.
warm = [Cell() for i in range(1000)]
cells = [Cell() for i in range(60000)]
sys._debugmallocstats()
i = 0
while i < len(cells):
    cells[i] = None
    i += 2
sys._debugmallocstats()
cells = None
sys._debugmallocstats()
print("done")
