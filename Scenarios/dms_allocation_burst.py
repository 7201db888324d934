# sys._debugmallocstats() before and after allocating 20,000 small objects,
# and after freeing them: blocks in use per size class go up by the count of
# objects of that size, pools fill, and come back when the objects are freed.
# (The report goes to stderr; the differential compares the changes.)
import gc
import sys

# A full collection first empties the free lists; with automatic collections
# off, only this scenario's own objects move the counts.
gc.collect()
gc.disable()


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


# CPython starts with free 48-byte blocks scattered in used pools, how many
# depends on the installation (site-packages, paths; ~290 on 3.9 here); fill
# them first so the objects below land in fresh pools as in the model.
warm = [Point(0, 0) for i in range(1000)]
sys._debugmallocstats()
points = [Point(i, i) for i in range(20000)]
sys._debugmallocstats()
del points
sys._debugmallocstats()
print("done")
