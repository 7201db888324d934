# Deleting from a dict leaves holes: the entry stays used (dk_nentries) and the
# table does not shrink, so re-inserting as many keys as were deleted can make
# it grow, even when it holds fewer keys than before. The resize is sized from
# the live keys (3.10+ never picks fewer than 16 slots for 1-7 of them). In
# 3.11+ a table of only str keys is compact (no hashes stored); the first
# non-str key rebuilds it as a general table, sized as a growth would be.
# d |= x updates d itself (any mapping or iterable of pairs), d | x is new.
import sys

for n in [2, 3, 4, 5, 10, 20, 40]:
    d = dict.fromkeys(range(n))
    before = sys.getsizeof(d)
    for k in range(n):
        del d[k]
    emptied = sys.getsizeof(d)
    for k in range(n):
        d[k] = 1
    half = dict.fromkeys(range(n))
    for k in range(n // 2 + 1):
        del half[k]
    for k in range(n, n + n // 2 + 2):
        half[k] = 1
    print(n, "keys:", before, "emptied:", emptied, "refilled:", sys.getsizeof(d), "half churned:", sys.getsizeof(half), list(half)[:3])

for n in [1, 2, 3, 5, 6, 10]:
    d = {}
    for i in range(n):
        d["k%d" % i] = i
    only_str = sys.getsizeof(d)
    d[0] = "int key"
    print(n, "str keys:", only_str, "after an int key:", sys.getsizeof(d))

d = {"a": 1}
d.update({1: 1})
print("update with an int key:", sys.getsizeof(d))

if sys.version_info >= (3, 9):
    d = {1: 2}
    alias = d
    d |= {3: 4}
    d |= [(5, 6)]
    print("|= in place:", d is alias, d, sys.getsizeof(d))
    merged = d | {7: 8}
    print("| is new:", merged is d, merged)
    try:
        d | [(9, 9)]
    except TypeError as e:
        print("TypeError:", e)
