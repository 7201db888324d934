# What one call allocates, as gc.get_count() sees it: the GC objects a line
# creates (instances, lists, dicts, closures, tuples, iterators) minus the
# ones it frees, free-list traffic excluded. Each line runs three times: the
# first run also pays one-time costs (a keyword parser's tuple of names in
# 3.8-3.11, the first container repr's bookkeeping, an empty free list),
# the later runs show the steady state.
import gc, sys
gc.collect(); gc.disable()
class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next
    def __repr__(self):
        return "Node(%r)" % (self.value,)
class Slot:
    __slots__ = ("a", "b")
    def __init__(self, a, b=2):
        self.a = a
        self.b = b
# Printing allocates inside CPython's io layer (how much depends on the
# stream's encoding), so the counts are kept and printed at the end.
labels = []
deltas = []


def counts(label, fn):
    before = gc.get_count()[0]
    result = fn()
    after = gc.get_count()[0]
    labels.append(label)
    deltas.append(after - before)
    return result
for i in range(3):
    counts("node", lambda: Node(i))
    counts("node kw", lambda: Node(i, next=None))
    counts("slot", lambda: Slot(i))
    counts("slot kw", lambda: Slot(a=i, b=3))
    counts("list comp", lambda: [x for x in range(3)])
    counts("dict comp", lambda: {x: x for x in range(3)})
    counts("closure", lambda: (lambda y: lambda: y)(i))
    counts("str fmt", lambda: "%s-%d" % ("a", i))
    counts("fstring", lambda: f"{i}-{i!r}")
    counts("sorted key", lambda: sorted([3, 1, 2], key=lambda v: -v))
    counts("max key", lambda: max([3, 1, 2], key=lambda v: -v))
    counts("exception", lambda: ValueError("x", 1))
    counts("repr node", lambda: repr([Node(1)]))
    counts("zip list", lambda: list(zip([1, 2], "ab")))
    counts("enum list", lambda: list(enumerate("ab")))
    counts("map list", lambda: list(map(str, [1, 2])))
    counts("dict items", lambda: list({1: 2}.items()))
    counts("print", lambda: print(i, "x", sep=",", end=" "))
print()
for label, delta in zip(labels, deltas):
    print(label, delta)
