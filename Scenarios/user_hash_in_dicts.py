# What a class's __hash__ returns, and how a dict uses it.
#
# hash(obj) for an instance whose class defines __hash__ is the int the
# method returns, taken as it is when it fits a machine word (a Py_ssize_t):
# only -1 changes, to -2, because -1 means "error" to C code. A bigger int is
# hashed the way hash() hashes ints, reduced modulo 2**61 - 1. So a key class
# can return hash("a") itself and land in the very slot of the dict where
# the str "a" is stored.
#
# Two keys with equal hashes collide: the lookup compares the key it holds
# with the key it is given. Here the stored key is a str and the new one an
# instance: str's == does not know the class and declines (NotImplemented),
# so Python asks the other side, and the class's __eq__ runs with the str
# as its argument. Watch the "eq" lines: every lookup of the instance that
# meets "a" first pays for a Python-level call, while a lookup of "a"
# itself stops at the first probe, on identity, and never calls __eq__.
import sys


class Key:
    def __init__(self, h):
        self.h = h

    def __hash__(self):
        return self.h

    def __eq__(self, other):
        print("  eq:", type(other).__name__, other if type(other) is str else "")
        return self is other


print("hashes as returned:")
for value in (0, 1, -1, -2, 2**61 - 1, 2**61, 2**62, 2**63 - 1, -(2**63)):
    print(" ", value, "->", hash(Key(value)))
print("hashes reduced (too big for a word):")
for value in (2**63, 2**64 + 5, -(2**63) - 1, 10**30):
    print(" ", value, "->", hash(Key(value)))
print("bool results:", hash(Key(True)), hash(Key(False)))

d = {"a": 1}
k = Key(hash("a"))
print("same hash as 'a':", hash(k) == hash("a"))
print("insert:")
d[k] = 2
print("len:", len(d))
print("get:")
print(" ", d.get(k))
print("'a' in d:", "a" in d)
print("k in d:")
print(" ", k in d)
print("pop:")
print(" ", d.pop(k))
print("refcount of k:", sys.getrefcount(k))

# The same with an int key: int's == declines too.
n = {7: "seven"}
print("int collision:")
print(" ", Key(7) in n)

# A set probes the same way.
s = {"a"}
print("set collision:")
print(" ", k in s)
