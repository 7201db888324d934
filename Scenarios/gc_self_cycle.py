# An object that refers to itself never reaches refcount 0: del only removes the
# name. gc.collect() finds it unreachable and frees it. It counts every tracked
# object freed, which includes instance dicts up to 3.10 only.
import gc


class Node:
    pass


gc.collect()
gc.disable()
n = Node()
n.me = n
del n
print("self-referencing instance:", gc.collect())
lst = []
lst.append(lst)
del lst
print("list containing itself:", gc.collect())
d = {}
d["self"] = d
del d
print("dict containing itself:", gc.collect())


def outer():
    def rec(k):
        return rec(k - 1) if k else 0
    return rec


f = outer()
del f
print("recursive nested function (function, cell, closure tuple):", gc.collect())
print("nothing left:", gc.collect())
gc.enable()
