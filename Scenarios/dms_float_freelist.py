# The float free list: freed floats are kept (up to 100) and reused without
# touching pymalloc, so a small churn of floats does not move the counts; a big
# one does.
import gc
import sys

# A full collection first empties the free lists; with automatic collections
# off, only this scenario's own objects move the counts.
gc.collect()
gc.disable()

sys._debugmallocstats()
few = [i * 0.5 for i in range(50)]
few = None
again = [i * 0.25 for i in range(50)]
sys._debugmallocstats()
many = [i * 0.5 for i in range(10000)]
sys._debugmallocstats()
print(len(again), len(many))
