# Arenas come and go: a burst of 200,000 small objects needs several arenas;
# when they are all freed the empty arenas are returned to the OS (3.9+ keep
# one empty arena around to avoid thrashing).
import gc
import sys

# A full collection first empties the free lists; with automatic collections
# off, only this scenario's own objects move the counts.
gc.collect()
gc.disable()

sys._debugmallocstats()
burst = [(i, i) for i in range(200000)]
sys._debugmallocstats()
burst = None
sys._debugmallocstats()
print("done")
