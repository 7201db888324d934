# A weakref.proxy forwards (almost) everything to its referent while it
# lives: attribute reads, stores and deletes, str(), truth, comparisons,
# len(), subscripts, `in`, iteration, and calls when the referent is
# callable (then the proxy's type is CallableProxyType). One proxy without a
# callback is shared, like a plain ref. A proxy is never hashable. Once the
# referent is gone every forwarded operation raises ReferenceError; repr()
# still works.
import weakref


class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance

    def __str__(self):
        return self.owner + ": " + str(self.balance)

    def __eq__(self, other):
        return isinstance(other, Account) and self.balance == other.balance

    def __len__(self):
        return self.balance


acc = Account("ada", 10)
p = weakref.proxy(acc)
print(p, str(p), bool(p), p == Account("bob", 10), p != acc)
p.balance = 0
p.note = "emptied"
print(acc.balance, acc.note, bool(p))
del p.note
print(hasattr(acc, "note"))
print(weakref.proxy(acc) is p, weakref.getweakrefcount(acc))
try:
    hash(p)
except TypeError as e:
    print("TypeError:", e)


class Scores:
    def __init__(self, values):
        self.values = values

    def __len__(self):
        return len(self.values)

    def __getitem__(self, i):
        return self.values[i]

    def __setitem__(self, i, v):
        self.values[i] = v

    def __contains__(self, v):
        return v in self.values


board = Scores([3, 1, 2])
pb = weakref.proxy(board)
pb[0] = 9
print(len(pb), pb[0], 2 in pb, 5 in pb, sorted(pb), board.values)


def double(x):
    return 2 * x


cp = weakref.proxy(double)
print(cp(21), callable(cp), callable(p), type(cp).__name__, type(p).__name__)

del acc
for attempt in (lambda: str(p), lambda: bool(p), lambda: p == 1, lambda: p.balance):
    try:
        attempt()
    except ReferenceError as e:
        print("ReferenceError:", e)
print(repr(p).startswith("<weakproxy at 0x"))
del double
try:
    cp(1)
except ReferenceError as e:
    print("ReferenceError:", e)
