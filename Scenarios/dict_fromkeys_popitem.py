# dict.fromkeys presizes its table when the keys come from a dict or a set
# (their length is known): one resize instead of growing step by step. 3.10+
# estimate the size with a formula that gives 16 slots for 1-4 keys but 8
# for 5, so a fromkeys dict can be bigger than the same dict built by a loop.
# From 3.11, keys taken from a set make a "general" table (24-byte entries)
# even when every key is a str. popitem() removes the last entry (LIFO) and
# never shrinks the table; on an empty dict it raises KeyError.
import sys

for n in [0, 1, 4, 5, 6, 11, 21, 22]:
    keys = list(range(n))
    from_list = dict.fromkeys(keys)
    from_set = dict.fromkeys(set(keys))
    from_dict = dict.fromkeys(from_list, 0)
    print(n, sys.getsizeof(from_list), sys.getsizeof(from_set), sys.getsizeof(from_dict))

names = ["alpha", "beta", "gamma"]
by_list = dict.fromkeys(names)
by_set = dict.fromkeys(set(names))
print("str keys, from a list:", sys.getsizeof(by_list), "from a set:", sys.getsizeof(by_set))

d = dict.fromkeys(range(10), "x")
size = sys.getsizeof(d)
order = []
while d:
    key, value = d.popitem()
    order.append(key)
print("popitem order:", order)
print("table kept:", sys.getsizeof(d) == size)
try:
    d.popitem()
except KeyError as e:
    print("KeyError:", e)
