# How a set's hash table decides its order. A set of n slots (8 inline, then
# a power of two) puts a key at slot hash & (n - 1); if that slot is taken it
# looks at the next 9 slots in a row (when they fit before the end of the
# table), then jumps: perturb >>= 5, slot = (slot * 5 + 1 + perturb) % n.
# Iteration, repr, list() and pop() all read the slots from first to last.
# Watch: collisions pushed along, deleted keys leaving "dummies" that 3.9
# never reuses, pop() resuming where it stopped, and copies that rebuild
# the table at a smaller size.
import sys

# Small ints hash to themselves; 0, 8 and 16 all want slot 0 of 8. The
# first one added gets it; with 8 slots there is no room for a run of 9, so
# the second jumps to slot 1 and the third jumps twice (slots 1, then 6).
s = set()
for k in [16, 8, 0]:
    s.add(k)
print("16, 8, 0 added:", s)
s = set()
for k in [0, 8, 16]:
    s.add(k)
print("0, 8, 16 added:", s)

# In a 32-slot table (5+ keys) 3, 35, 67 and 99 all want slot 3: each walks
# the run 4, 5, 6, ... to the next free slot, after 100..104 (slots 4..8).
s = set(range(100, 105))
for k in [3, 35, 67, 99]:
    s.add(k)
print("collisions walk the run:", list(s), sys.getsizeof(s))

# A discarded key leaves a dummy: the slot stays "used" so that probes for
# the keys behind it go on. A new key that meets dummies on its way takes the
# last one it met -- except in 3.9, which always takes the first empty slot.
s.discard(3)
s.discard(67)
s.add(131)
print("131 after discarding 3 and 67:", list(s))

# Growth: the table is rebuilt when 3/5 of it is used (live keys plus
# dummies), at the next power of two above 4 x len. The rebuild walks the
# old slots in order and re-inserts, so keys that collided may separate.
grow = set()
last = sys.getsizeof(grow)
for k in [40, 8, 72, 1, 33, 7, 104, 136, 65, 2, 200, 168, 9, 41, 73, 105, 137, 169, 201, 233]:
    grow.add(k)
    if sys.getsizeof(grow) != last:
        last = sys.getsizeof(grow)
        print(" ", len(grow), "keys,", last, "bytes:", list(grow))
print("20 keys:", list(grow))

# pop() takes the first live slot from a "finger" that remembers where the
# last pop stopped, wrapping around at the end.
p = set(range(6))
print("pops:", p.pop(), p.pop(), p.pop())
p.add(0)
p.add(1)
print("after re-adding 0 and 1:", p)
print("next pop:", p.pop())

# Hashes: -1 hashes to -2 (so -1 and -2 collide), huge ints reduce modulo
# 2**61 - 1, floats with an integer value hash like the int, tuples mix
# their items' hashes.
nums = set()
for k in [-2, -1, 2 ** 61, 2 ** 61 - 1, 2 ** 64, -(2 ** 64), 1.5, 2.0, -0.5]:
    nums.add(k)
print("numbers:", list(nums))
pairs = set()
for k in [(1, 2), (2, 1), (0,), (), (1, (2, 3))]:
    pairs.add(k)
print("tuples:", list(pairs))

# Strings hash with SipHash (fixed by PYTHONHASHSEED=0; 3.11 switched from
# SipHash-2-4 to SipHash-1-3, so the order changes there).
words = set()
for w in ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"]:
    words.add(w)
print("words:", list(words))

# Copies: set(s), frozenset(s) and s | t start with one resize sized for the
# incoming keys (the power of two above 2 x len), then re-insert s's keys in
# s's slot order -- so a copy can be smaller than, and ordered unlike, the
# original. Intersection walks the smaller set; difference and symmetric
# difference copy one side and discard the other's keys.
a = set()
for k in [1, 17, 33, 49, 65]:
    a.add(k)
b = set(a)
print("a:", list(a), sys.getsizeof(a), " set(a):", list(b), sys.getsizeof(b))
print("frozenset(a):", list(frozenset(a)))
t = set([2, 18, 1, 34])
print("a | t:", list(a | t), " t | a:", list(t | a))
print("a & t:", list(a & t), " a - t:", list(a - t), " t - a:", list(t - a))
print("a ^ t:", list(a ^ t), " t ^ a:", list(t ^ a))
c = set(a)
c |= t
d = set(a)
d -= t
print("c |= t:", list(c), " d -= t:", list(d), sys.getsizeof(d))

# A display of 3+ constants is a frozenset constant from 3.9 on, copied
# into the new set: 5 items give a 16-slot table there, 32 slots in 3.8.
print("{1, 17, 33, 49, 65}:", list({1, 17, 33, 49, 65}), sys.getsizeof({1, 17, 33, 49, 65}))
# Equal displays share the first one's frozenset (in 3.9+), whatever the
# order of their items; in 3.8 each set is built in its own order.
print("{65, 49, 33, 17, 1}:", list({65, 49, 33, 17, 1}))

# A frozenset hashes its keys' hashes in any order, so a set of frozensets
# is ordered by content, not by address.
nested = set()
for k in [frozenset([1]), frozenset([2, 3]), frozenset(), frozenset([3, 2]), frozenset([frozenset([4])])]:
    nested.add(k)
print("frozensets:", list(nested))

# An iterator walks the slots by index, so a resize under it would skip or
# repeat keys: it compares the set's size with the size it started with at
# every step, and fails instead.
s = set(range(3))
try:
    for x in s:
        s.add(x + 100)
except RuntimeError as e:
    print("RuntimeError:", e, sorted(s))
