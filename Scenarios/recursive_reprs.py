# Containers that contain themselves print as [...] and {...} instead of
# recursing forever; equal-looking nested structures print in full.
#
# How CPython knows: every container repr appends the container to a list
# kept in the thread state's dict (Py_ReprEnter) and removes it afterwards.
# The first container repr of a run creates that dict and that list: two GC
# allocations that stay. Empty lists and tuples print without entering.
# (Each count below also holds what the line itself makes: the list display,
# and gc.get_count()'s tuple the first time.)
import gc

gc.collect()
gc.disable()
empty = []
before = gc.get_count()[0]
text = repr(empty)
first = gc.get_count()[0]
text = repr([1])
second = gc.get_count()[0]
text = repr([2])
third = gc.get_count()[0]
print("GC allocations: empty list repr", first - before, "first container repr", second - first,
      "second", third - second)
gc.enable()
views = {"a": 1, "b": [2]}
print(views.keys(), views.values(), views.items(), {3}, frozenset({4}))
lst = [1, 2]
lst.append(lst)
print(lst)
d = {"name": "d"}
d["self"] = d
print(d)
a = [1]
b = [2, a]
a.append(b)
print(a, b)
t = ([],)
t[0].append(t)
print(t)
shared = [0]
print([shared, shared, [shared]])
nested = {"k": [1, (2, {"x": None})]}
print(nested, len(str(nested)))
s = "x"
print([s, [s, [s]]], repr([s]))

# Nesting that is deep rather than circular is printed level by level, each
# a nested C call: CPython stops it with RecursionError — in 3.8-3.11 at
# the recursion limit (less the frames running), in 3.12 and 3.13 at a
# C-stack limit that does not follow sys.setrecursionlimit (about 1500 and
# 10000 levels).
def nested_lists(n):
    x = []
    for i in range(n):
        x = [x]
    return x


for depth in (900, 1400, 1500, 9990, 10010):
    try:
        print(depth, "levels:", len(repr(nested_lists(depth))), "characters")
    except RecursionError as e:
        print(depth, "levels:", e)

# Comparing two such nests recurses the same way, with its own message.
for depth in (900, 1497, 1600, 9998, 10010):
    try:
        print(depth, "levels equal:", nested_lists(depth) == nested_lists(depth))
    except RecursionError as e:
        print(depth, "levels:", e)
