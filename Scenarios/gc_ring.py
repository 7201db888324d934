# A ring of objects: each holds the next, the last holds the first. Dropping
# the only outside reference leaves the whole ring unreachable.
import gc


class Link:
    __slots__ = ("next", "label")

    def __init__(self, label):
        self.label = label
        self.next = None


class Plain:
    pass


def ring(cls, n):
    first = cls(0) if cls is Link else cls()
    node = first
    i = 1
    while i < n:
        new = cls(i) if cls is Link else cls()
        node.next = new
        node = new
        i += 1
    node.next = first
    return first


gc.collect()
gc.disable()
for n in [2, 10, 100]:
    r = ring(Link, n)
    del r
    print(f"ring of {n} slotted links:", gc.collect())
r = ring(Plain, 10)
print("a live ring is not garbage:", gc.collect())
del r
print("ring of 10 plain instances (dicts counted up to 3.10):", gc.collect())
gc.enable()
