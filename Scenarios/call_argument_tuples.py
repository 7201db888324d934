# Hidden tuples: some calls pack their arguments into a new tuple before the C
# function sees them, and some objects keep a tuple of their own inside. Both
# are freed onto the tuple free list, where the next tuple of that length
# picks them up: invisible in the source, visible to gc.get_count().
#
# Which calls do it changes between versions: builtins written with
# METH_VARARGS (min, max, str.format) always take a tuple; print takes one from
# 3.11 on (Argument Clinic's *args); calling a type takes one unless the type
# has a vectorcall entry (range, list, dict, set from 3.9, map, filter,
# reversed, float, bool, type from 3.10, enumerate from 3.11, str and int from
# 3.13; zip and bytes never). map keeps its iterators in a tuple, zip keeps
# two (its iterators and a result tuple it reuses), enumerate a result pair.
import gc

gc.collect()
gc.disable()
L = [1, 2]
D = {"a": 1}
a = 5


class O:
    pass


o = O()
calls = [
    ("min(1, 2)", lambda: min(1, 2)),
    ("max(L, key=abs)", lambda: max(L, key=abs)),
    ("sorted(L)", lambda: sorted(L)),
    ("'x{}'.format(1)", lambda: "x{}".format(1)),
    ("getattr(o, 'x', 1)", lambda: getattr(o, "x", 1)),
    ("zip(L)", lambda: zip(L)),
    ("zip(L, L)", lambda: zip(L, L)),
    ("map(abs, L)", lambda: map(abs, L)),
    ("map(divmod, L, L)", lambda: map(divmod, L, L)),
    ("filter(None, L)", lambda: filter(None, L)),
    ("enumerate(L)", lambda: enumerate(L)),
    ("reversed(L)", lambda: reversed(L)),
    ("range(1, 3)", lambda: range(1, 3)),
    ("list(L)", lambda: list(L)),
    ("dict(D)", lambda: dict(D)),
    ("set(L)", lambda: set(L)),
    ("str(1)", lambda: str(1)),
    ("int('1')", lambda: int("1")),
    ("float(1)", lambda: float(1)),
    ("bool(1)", lambda: bool(1)),
    ("bytes(2)", lambda: bytes(2)),
    ("type(1)", lambda: type(1)),
    ("O()", lambda: O()),
]
for text, call in calls:
    gc.collect()  # a full collection empties the free lists
    x = call()
    del x
    gc.get_count()  # parks the 3-tuple the next two calls reuse
    before = gc.get_count()[0]
    t1 = (a,)
    middle = gc.get_count()[0]
    t2 = (a, a)
    after = gc.get_count()[0]
    del t1, t2
    # A new tuple that does not count as a GC allocation came off the free list.
    print(text, "left a 1-tuple:", middle == before, "a 2-tuple:", after == middle)

# print itself: from 3.11 its arguments arrive as a tuple.
gc.collect()
print("one", "two")
gc.get_count()
before = gc.get_count()[0]
t2 = (a, a)
after = gc.get_count()[0]
print("print left a 2-tuple:", after == before)

# Calling a class is a call from C: type_call gets the arguments as a tuple,
# which holds a reference to each while __init__ runs, and the caller's
# stack keeps its own until the call returns.
import sys


class Point:
    def __init__(self, x):
        print("refcount of the argument inside __init__:", sys.getrefcount(x))


def plain(x):
    print("refcount of the argument inside a function:", sys.getrefcount(x))


value = object()
p = Point(value)
plain(value)

# enumerate and zip recycle their result tuple when nobody else holds it.
pairs = enumerate(["a", "b", "c"])
first = next(pairs)
first_id = id(first)
del first
second = next(pairs)
print("enumerate refilled the same pair:", id(second) == first_id, second)
kept = next(pairs)
print("a pair still held is not refilled:", kept is not second, kept)
