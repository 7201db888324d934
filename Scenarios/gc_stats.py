# gc.get_stats(): per generation, how many collections ran and how many
# objects they collected or found uncollectable (changes shown).
import gc


class Node:
    pass


gc.disable()
before = gc.get_stats()
a = Node()
a.me = a
del a
gc.collect(0)
b = Node()
b.me = b
del b
gc.collect()
after = gc.get_stats()
for g in (0, 1, 2):
    print(f"generation {g}:", {k: after[g][k] - before[g][k] for k in sorted(after[g])})
gc.enable()
