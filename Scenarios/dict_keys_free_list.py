# Small dicts recycle their keys tables. A dict's keys (its hash table) are a
# block of their own; when a dict with the smallest table (8 slots) dies,
# CPython parks that block on a free list of 80 instead of freeing it, next
# to the 80 parked dict objects. Watch the keys class in the reports: of
# 3,000 freed dicts, 80 dict blocks and 80 keys blocks stay "in use".
# Since 3.11 only tables whose keys are all str are recycled: the int-keyed
# dicts below give back every keys block there (3.8-3.10 park 80 of them).
import gc
import sys

gc.collect()
gc.disable()
warm = [{"id": i, "name": i} for i in range(1000)] + [{i: i} for i in range(1000)]
sys._debugmallocstats()
records = [{"id": i, "name": i} for i in range(3000)]
sys._debugmallocstats()
del records
sys._debugmallocstats()
gc.collect()  # a full collection empties the free lists: the parked blocks go back
sys._debugmallocstats()
by_number = [{i: i} for i in range(3000)]
sys._debugmallocstats()
del by_number
sys._debugmallocstats()
print("done")
