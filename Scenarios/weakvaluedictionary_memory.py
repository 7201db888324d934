# What a WeakValueDictionary costs: every entry is a KeyedRef (a weakref
# subclass with a `key` slot, 80 bytes, 88 from 3.11) in the mapping's inner
# dict, on top of the value itself. When the values die their KeyedRefs'
# callbacks empty the dict again.
import sys
import weakref


class Blob:
    pass


cache = weakref.WeakValueDictionary()
blobs = [Blob() for i in range(1000)]
sys._debugmallocstats()
for i, blob in enumerate(blobs):
    cache[i] = blob
blob = None
sys._debugmallocstats()
blobs = None
sys._debugmallocstats()
print("entries after the values died:", len(cache), len(cache.data))
cache[0] = Blob
print("a class as a value:", len(cache), "KeyedRef size:", sys.getsizeof(cache.data[0]))
