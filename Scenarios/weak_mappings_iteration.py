# WeakValueDictionary and WeakKeyDictionary beyond the basics: iterating
# after a value (key) died, pop/setdefault/get/update/copy, and the objects
# behind them — a KeyedRef per entry (a weakref that remembers its key) and
# plain weakrefs as the keys of a WeakKeyDictionary.
import sys
import weakref


class Item:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "Item(%s)" % self.name


values = weakref.WeakValueDictionary()
pool = [Item(n) for n in "abcde"]
for item in pool:
    values[item.name] = item
print("len:", len(values), "keys:", list(values.keys()))
del pool[1]
print("b died:", "b" in values, len(values), sorted(values))
print("items:", sorted(values.items()))
print("values:", sorted(v.name for v in values.values()))
print("get:", values.get("c"), values.get("b"), values.get("b", "default"))
print("pop:", values.pop("c"), values.pop("c", "gone"), len(values))
try:
    values.pop("c")
except KeyError as error:
    print("KeyError", error)
print("setdefault existing:", values.setdefault("a", pool[0]))
extra = Item("x")
print("setdefault new:", values.setdefault("x", extra), len(values))
del values["x"]
try:
    values["x"]
except KeyError as error:
    print("KeyError", error)
values.update({"y": pool[-1]}, z=pool[-2])
print("after update:", sorted(values.keys()))
copy = values.copy()
print("copy:", type(copy).__name__, len(copy), sorted(copy.keys()))
ref = values.data["a"]
print("KeyedRef:", type(ref).__name__, ref.key, ref() is pool[0])
print("refs to a:", weakref.getweakrefcount(pool[0]))
print("sizes:", sys.getsizeof(values), sys.getsizeof(ref))
try:
    values["n"] = 5
except TypeError as error:
    print("TypeError", error)
iterator = iter(values)
first = next(iterator)
pool.clear()
print("first key", first, "then", list(iterator), "len", len(values), len(copy))

keys = weakref.WeakKeyDictionary()
k1, k2, k3 = Item("k1"), Item("k2"), Item("k3")
keys[k1] = 1
keys[k2] = 2
keys[k3] = 3
keys[k1] = 10
print("wkd len:", len(keys), keys[k1], keys.get(k2), keys.get(Item("other"), "missing"))
print("contains:", k2 in keys, "str" in keys)
print("data keys are weakrefs:", all(type(r) is type(weakref.ref(k1)) for r in keys.data))
del k2
print("after del k2:", len(keys), sorted(keys.values()))
print("items:", sorted((k.name, v) for k, v in keys.items()))
print("pop:", keys.pop(k3), keys.pop(k3, None), len(keys))
print("setdefault:", keys.setdefault(k1, 99), keys.setdefault(k3, 30), len(keys))
del keys[k3]
print("keys:", [k.name for k in keys.keys()], [k.name for k in keys])
try:
    keys["text"] = 1
except TypeError as error:
    print("TypeError", error)
k1 = None
print("all keys gone:", len(keys), list(keys))
