# sum() keeps its running total in a C variable.
#
# A naive sum makes a new int object for every partial total: x = x + item,
# allocate the new one, free the old one. CPython's sum() does not. While
# the items are plain ints (and bools, from 3.9) it adds them as machine
# words and makes one int object at the very end; floats (and the ints
# met after them) are added as doubles, with one float object at the end.
# Only an item of another type, or an int total outgrowing a machine word,
# makes the total an object again, and from then on every step allocates.
#
# Watch the ids: a block is freed just before each sum, and the sum's
# result lands in that very block, because nothing else was allocated on
# the way. On 3.8 a bool among the ints drops the sum to the slow path at
# that item, and the partial totals after it take turns between two
# blocks; the last one is not the block freed before the call.
#
# From 3.12 float sums are compensated (Neumaier's algorithm): the rounding
# error of each addition is carried along and added back at the end, so
# sum([0.1] * 10) is exactly 1.0 there and 0.9999999999999999 before.


def fresh_block(n=3):
    """The id of a block just freed, the first one the next int will get."""
    z = 10**9 * n  # made at run time: a constant would never be freed
    zid = id(z)
    del z
    return zid


ints = [10**9 + i for i in range(4)]
zid = fresh_block()
total = sum(ints)
print("ints:", total, "result in the freed block:", id(total) == zid)
del total, zid

mixed = [10**9, True, 10**9 + 1, 10**9 + 2, 10**9 + 3]
zid = fresh_block()
total = sum(mixed)
print("with a bool:", total, "result in the freed block:", id(total) == zid)
del total, zid

tenths = [0.1] * 10
print("tenths:", sum(tenths), sum(tenths, 0.0), sum(tenths, 1))
print("floats then ints:", sum([0.5, 1, 2, True]), sum([1e308, 1e308, -1e308]))
print("big start:", sum([1, 2], 2**70), "overflowing:", sum([2**62, 2**62, 2**62]))
print("lists:", sum([[1], [2, 3]], []), "tuples:", sum([(1,), (2,)], ()))
print("compensated:", sum([1e16, 1.0, -1e16]), sum([0.1, 0.2, 0.3, -0.6]))
start = []
print("start untouched:", sum([[1], [2]], start), start)
print("keyword start:", sum(range(5), start=100))

for bad_start in ["", b"", bytearray()]:
    try:
        sum([], bad_start)
    except TypeError as exc:
        print("TypeError:", exc)
try:
    sum(5, "")
except TypeError as exc:
    print("TypeError:", exc)
try:
    sum([1, "a"])
except TypeError as exc:
    print("TypeError:", exc)
