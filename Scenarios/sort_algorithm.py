# How list.sort works: CPython's timsort. While it sorts, the list is empty
# (its item array is taken out), so a key function or `__lt__` sees `[]`, and
# growing the list meanwhile is an error. The sort is stable, finds runs that
# are already in order (sorted or reversed input costs n - 1 comparisons),
# and its exact sequence of `<` calls can be watched, and decides the result
# when `<` is not a consistent order (NaN). Watch the `__lt__` counts: they
# differ between 3.8-3.10 (merge_collapse), 3.11-3.12 (powersort) and 3.13
# (descending runs may hold equal items).
import gc

gc.collect()
gc.disable()

# 1. The list is empty while it sorts.
lst = [3, 1, 2]
seen = []


def peek(x):
    seen.append(len(lst))
    return x


lst.sort(key=peek)
print("during the sort len(lst) was", seen, "; after:", lst)


# 2. Growing it during the sort: the new items are dropped (last first, with
#    the sorted list already back in place) and the sort raises.
class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  dropped", self.name, "while len(lst) ==", len(lst))


def grow(x):
    lst.append(Noisy("extra" + str(x)))
    return -x


try:
    lst.sort(key=grow)
except ValueError as e:
    print("ValueError:", e)
print("list:", lst)


# 3. Stable, also with reverse=True: equal keys keep their order.
records = [("b", 2), ("a", 1), ("c", 2), ("d", 1), ("e", 2)]
print(sorted(records, key=lambda r: r[1]))
print(sorted(records, key=lambda r: r[1], reverse=True))

# 4. Counting comparisons: runs already in order are found and kept.
calls = [0]


class Counted:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        calls[0] += 1
        return self.v < other.v


def count_calls(values):
    items = [Counted(v) for v in values]
    calls[0] = 0
    items.sort()
    return calls[0]


for n in [10, 100]:
    shuffled = [(i * 37) % n for i in range(n)]
    print(n, "items: sorted", count_calls(range(n)), "reversed", count_calls(range(n, 0, -1)),
          "shuffled", count_calls(shuffled), "two runs", count_calls(list(range(0, n, 2)) + list(range(1, n, 2))),
          "few keys", count_calls([i % 3 for i in range(n)]))

# Runs of 40, alternately rising and falling: the merge order of the runs is
# where the versions differ.
zigzag = [(i // 40) * 100 + (i % 40 if (i // 40) % 2 == 0 else -(i % 40)) for i in range(300)]
print("300 items in runs of 40:", count_calls(zigzag))

# 5. NaN: `nan < x` and `x < nan` are both False, so where NaN sits decides
#    the runs; the result is not sorted at all.
nan = float("nan")
print(sorted([3.0, nan, 1.0, 2.0]), sorted([1.0, nan, 3.0, 2.0]), sorted([2.0, 1.0, nan, 0.5]))


# 6. A key function that raises: the keys computed so far are released
#    (last first) and the list is left as it was.
class Key:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return self.v < other.v

    def __del__(self):
        print("  key", self.v, "released")


def key_until_4(x):
    if x == 4:
        raise KeyError(x)
    return Key(x)


data = [5, 2, 4, 1]
try:
    data.sort(key=key_until_4)
except KeyError as e:
    print("KeyError", e, data)

# With a key function that succeeds, the keys go in sorted order.
data.sort(key=Key, reverse=True)
print(data)


# 7. A comparison that raises stops the sort part way; the list keeps the
#    partial order the algorithm had reached.
class Fragile:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        calls[0] += 1
        if calls[0] == 12:
            raise RuntimeError("comparison failed")
        return self.v < other.v


items = [Fragile((i * 7) % 10) for i in range(10)]
calls[0] = 0
try:
    items.sort()
except RuntimeError as e:
    print(e, "after", calls[0], "calls:", [f.v for f in items])
