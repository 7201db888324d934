# Dict growth: the keys table doubles (8, 16, 32, ... slots) when two thirds
# are used. From 3.11 dicts with only str keys store smaller entries. Deleting
# keys never shrinks a dict; clear() does.
import sys


def grow(make_key):
    d = {}
    last = sys.getsizeof(d)
    print("  empty:", last)
    i = 0
    while i < 45:
        d[make_key(i)] = i
        size = sys.getsizeof(d)
        if size != last:
            print(f"  {len(d):2} keys: {size}")
            last = size
        i += 1
    return d


def int_key(i):
    return i


def str_key(i):
    return "k" + str(i)


print("int keys:")
d = grow(int_key)
print("str keys:")
s = grow(str_key)
for k in range(40):
    del d[k]
print("int dict after deleting 40 keys:", len(d), sys.getsizeof(d))
d.clear()
print("after clear():", sys.getsizeof(d))
print("dict() vs {}:", sys.getsizeof(dict()), sys.getsizeof({}))
print("dict(a=1):", sys.getsizeof(dict(a=1)), "{'a': 1}:", sys.getsizeof({"a": 1}))
print("a copy of the 45-key str dict:", sys.getsizeof(dict(s)), sys.getsizeof(s))
