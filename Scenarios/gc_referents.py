# gc.get_referents(x): what x points to; gc.get_referrers(x): the tracked
# objects that point to x (found by scanning every tracked object).
import gc


class Node:
    def __init__(self, name):
        self.name = name


a = Node("a")
lst = [a, 1, "two"]
tup = (a, lst)
print("referents of the list:", len(gc.get_referents(lst)))
print("in the order the list's traverse visits them (last item first):")
print("  ", [type(x).__name__ for x in gc.get_referents(lst)])
print("tuple referents, also last first:", gc.get_referents(tup) == [lst, a])
print("an instance: its class plus its dict (to 3.10) or its values (3.11+):",
      sorted(type(x).__name__ for x in gc.get_referents(a)))
refs = gc.get_referrers(a)
print("list among a's referrers:", any(r is lst for r in refs))
print("tuple among a's referrers:", any(r is tup for r in refs))
# get_referrers(*objs) receives its arguments as a tuple that refers to a
# too; CPython skips that tuple (and the result list) in its search.
print("a's referrers by type:", sorted(type(r).__name__ for r in refs))
print("referents of an int:", gc.get_referents(12345))
# A builtin exception refers to its args (and traceback), not to its type:
# only instances of classes defined in Python visit their class.
class MyError(ValueError):
    pass


print("ValueError referents:", [type(x).__name__ for x in gc.get_referents(ValueError("x"))])
print("MyError referents:", [type(x).__name__ for x in gc.get_referents(MyError("y"))])
# A dict visits each entry's value, then its key — but only the values while
# every key is a str (CPython's str-only key tables), so a str-keyed dict
# shows half as many referents; one non-str key turns the keys back on.
print("str-keyed dict referents:", [type(x).__name__ for x in gc.get_referents({"k": a, "n": 1})])
print("int-keyed dict referents:", [type(x).__name__ for x in gc.get_referents({1: a, 2: "s"})])
mixed = {"k": a}
mixed[(1,)] = 2
print("after a tuple key:", [type(x).__name__ for x in gc.get_referents(mixed)])
