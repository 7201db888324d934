# Tuples are exact (40 + 8 per item, GC header included); the empty tuple is a
# singleton. Sets keep an 8-slot table inline, then grow by 4x while small.
import sys

t = ()
print("() is tuple():", t is tuple())
n = 0
while n < 6:
    print(f"tuple of {n}: {sys.getsizeof(tuple(range(n)))}")
    n += 1
s = set()
last = sys.getsizeof(s)
print("empty set:", last)
i = 0
while i < 100:
    s.add(i)
    if sys.getsizeof(s) != last:
        last = sys.getsizeof(s)
        print(f"set of {len(s)}: {last}")
    i += 1
print("frozenset of 3:", sys.getsizeof(frozenset([1, 2, 3])))
print("set from 50 items at once:", sys.getsizeof(set(range(50))))
print("frozenset() is frozenset():", frozenset() is frozenset())
