# A set iterates in the order of its hash table's slots, not in insertion
# order (dicts keep insertion order, sets do not): small ints hash to
# themselves, so {3, 1, 2} prints as {1, 2, 3}; a deleted slot stays a dummy
# until the table is rebuilt; a union copies the table, then adds.
print({3, 1, 2}, {10, 1, 100}, set([5, 4, 3]))
s = {3, 1, 2}
s.discard(1)
print(s, s | {9}, list({9} | s))
grow = set()
for i in [40, 8, 16, 1, 33, 7]:
    grow.add(i)
print(grow, sorted(grow))
print(frozenset([64, 0, 32]), {-1, -2, 5})
