# What the set methods allocate. Methods that return a set build a new one
# (copy, union, intersection, difference, symmetric_difference); the *_update
# forms and update change the set in place and keep its identity. A copy is
# presized for its contents, so it can be smaller than a set that grew key by
# key; intersection_update swaps in a freshly built table even with nothing
# to intersect. With a list argument, issubset works on a temporary set
# (3.8-3.11: the whole list; 3.12+: an intersection that stops once it is
# full), and issuperset builds one until 3.10, then walks the list and stops
# at the first missing item. union, intersection, difference and update
# take *args: every call packs its arguments into a new tuple, which goes
# back to the tuple free list. The keys kept are the walked side's objects:
# intersection with a list keeps the list's items, not the set's.
import gc
import sys

grown = set()
for k in [1, 17, 33, 49, 65, 81]:
    grown.add(k)
print("grown:", list(grown), sys.getsizeof(grown))

# copy() is a new object, presized: half the slots of the grown table.
twin = grown.copy()
print("copy:", twin is grown, list(twin), sys.getsizeof(twin))

# update() and |= keep the object; union() builds a new one.
before = id(grown)
grown.update([2, 18], {34: "dict keys count"}, range(3))
print("update:", id(grown) == before, list(grown), sys.getsizeof(grown))
wider = twin.union([2, 18], "ab")
print("union:", wider is twin, len(wider), sys.getsizeof(wider))
print("union():", twin.union() is twin, twin.union() == twin)

# Without arguments, intersection_update still swaps in a copy's table.
loose = set(range(40))
for k in range(30):
    loose.discard(k)
print("loose:", list(loose), sys.getsizeof(loose))
loose.intersection_update()
print("intersection_update():", list(loose), sys.getsizeof(loose))

# A frozenset's copy() is itself; union() without arguments is not.
frozen = frozenset([3, 1, 2])
print("frozenset:", frozen.copy() is frozen, frozen.union() is frozen, frozenset(frozen) is frozen)
print("result types:", type(frozen.union(twin)).__name__, type(twin.union(frozen)).__name__)


# How much of an iterable the comparisons read.
def feed(*items):
    for item in items:
        print("  read", item)
        yield item


small = {1, 2}
print("issubset:", small.issubset(feed(1, 2, 3, 4)))
print("issuperset:", small.issuperset(feed(3, 1, 2)))
print("isdisjoint:", small.isdisjoint(feed(5, 1, 2)))
print("intersection:", small.intersection(feed(2, 1, 7)))

# Which objects a result keeps.
n = len(small)
x = 1000 + n  # run-time ints: equal, distinct objects
y = 1000 + n
box = {x}
print("& list keeps the list's item:", next(iter(box.intersection([y]))) is y)
print("& set keeps the smaller set's:", next(iter({x, 5}.intersection({y}))) is y)
print("union keeps the first seen:", next(iter(box.union([y]))) is x)

# Discarding a set from itself clears it; the table goes back inline.
own = set(range(20))
own.difference_update(own)
print("difference_update(self):", own, sys.getsizeof(own))
own = set(range(20))
own.symmetric_difference_update(own)
print("symmetric_difference_update(self):", own, sys.getsizeof(own))

# Orders follow the C code: the difference walks the left set or copies it.
left = set(range(0, 64, 4))
print("difference set:", list(left.difference({0, 8, 99})))
print("difference list:", list(left.difference([0, 8, 99])), sys.getsizeof(left.difference([0, 8])))
print("symmetric_difference:", list(left.symmetric_difference([1, 4, 9])))
print("intersection multi:", list(left.intersection(range(20), [8, 16, 12, 0])))

# The hidden argument tuple: union(a, b) leaves a 2-tuple on the free list,
# issubset(a) (one argument, passed directly) leaves none.
a = 5
for text, call in [
    ("union(L, L)", lambda: twin.union([1], [2])),
    ("difference(L, L)", lambda: twin.difference([1], [2])),
    ("update(L, L)", lambda: twin.update([1], [2])),
    ("issubset(L)", lambda: twin.issubset([1, 2])),
]:
    gc.collect()  # a full collection empties the free lists
    call()
    gc.get_count()  # parks the 3-tuple the next call reuses
    before = gc.get_count()[0]
    pair = (a, a)
    after = gc.get_count()[0]
    del pair
    print(text, "left a 2-tuple:", after == before)

# Unhashable items: update stops at the first, keeping what came before.
try:
    twin.update([100, [2], 101])
except TypeError as e:
    print("TypeError:", e, 100 in twin, 101 in twin)
try:
    twin.difference_update([[1]])
except TypeError as e:
    print("TypeError:", e)
