# Each request size maps to a size class (multiples of 16 bytes up to 512):
# bytes objects of growing length move up through the classes. Larger requests
# bypass pymalloc and never show up in the table.
import gc
import sys

# A full collection first empties the free lists; with automatic collections
# off, only this scenario's own objects move the counts.
gc.collect()
gc.disable()

# CPython starts with free 48-byte blocks scattered in used pools, how many
# depends on the installation (site-packages, paths; ~290 on 3.9 here); fill
# them first so the objects below land in fresh pools as in the model.
warm = [bytes(10) for i in range(1000)]
sys._debugmallocstats()
small = [bytes(10) for i in range(3000)]
sys._debugmallocstats()
medium = [bytes(200) for i in range(3000)]
sys._debugmallocstats()
large = [bytes(1000) for i in range(3000)]
sys._debugmallocstats()
print("sizes:", sys.getsizeof(small[0]), sys.getsizeof(medium[0]), sys.getsizeof(large[0]))
