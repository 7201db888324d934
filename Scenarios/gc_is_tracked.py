# Which objects the collector watches. Atomic values (ints, strs, floats) are
# never tracked; dicts start untracked until they hold a container; tuples
# start tracked and are untracked by the first collection that sees they only
# hold atomic values.
import gc


class C:
    pass


print("int, str, float:", gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked(1.5))
print("list, set, instance:", gc.is_tracked([]), gc.is_tracked(set()), gc.is_tracked(C()))
print("{} and {'a': 1}:", gc.is_tracked({}), gc.is_tracked({"a": 1}))
print("{'a': []}:", gc.is_tracked({"a": []}))
x = 5
t = (x, "a", 2.5)
nested = ((x, x), (x,))
holds_list = (x, [])
d = {"k": x}
print("runtime tuple of atoms:", gc.is_tracked(t))
print("constant tuple:", gc.is_tracked((1, 2)))
d["list"] = []
print("dict after storing a list:", gc.is_tracked(d))
del d["list"]
print("list removed again:", gc.is_tracked(d))
gc.collect()
print("after a collection - tuple of atoms:", gc.is_tracked(t))
print("  tuple holding a list:", gc.is_tracked(holds_list))
print("  dict without containers:", gc.is_tracked(d))
print("  nested tuples, outer:", gc.is_tracked(nested), "inner:", gc.is_tracked(nested[0]))
gc.collect()
print("after a second collection, outer:", gc.is_tracked(nested))
print("functions and classes:", gc.is_tracked(gc.collect), gc.is_tracked(C), gc.is_tracked(lambda: 0))
