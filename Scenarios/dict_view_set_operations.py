# Keys and items views are set-like: & | - ^ with any iterable give a new set
# (whichever side the view is on; x |= view rebinds x to a new set), and they
# compare with sets and with each other as sets. A values view is not
# set-like. The result is an ordinary set, sized by its own growth rules.
import sys

d = {1: "a", 2: "b", 3: "c"}
keys = d.keys()
items = d.items()
for label, result in [
    ("keys & {2, 3, 4}", keys & {2, 3, 4}),
    ("keys | [5]", keys | [5]),
    ("keys - {1}", keys - {1}),
    ("keys ^ {1, 9}", keys ^ {1, 9}),
    ("{0, 1} & keys", {0, 1} & keys),
    ("[1, 7] - keys", [1, 7] - keys),
    ("items & {(1, 'a'), (2, 'x')}", items & {(1, "a"), (2, "x")}),
    ("items - {(1, 'a')}", items - {(1, "a")}),
    ("keys & other keys", keys & {2: 0, 5: 0}.keys()),
    ("keys | range(20)", keys | range(20)),
]:
    print(label, "->", type(result).__name__, sorted(result), sys.getsizeof(result))

s = {10}
alias = s
s |= keys
print("s |= keys rebinds:", s is alias, sorted(s), sorted(alias))
print("compare:", keys == {1, 2, 3}, keys != {1, 2}, keys <= {1, 2, 3, 4}, keys < {1, 2, 3}, keys > {1}, items == {(1, "a"), (2, "b"), (3, "c")})
print("views compare:", keys == {3: 0, 2: 0, 1: 0}.keys(), keys == [1, 2, 3], d.values() == d.values())
print("membership:", 2 in keys, (1, "a") in items, (1, "b") in items, "a" in d.values())
try:
    d.values() & {1}
except TypeError as e:
    print("TypeError:", e)
try:
    keys & [[1]]
except TypeError as e:
    print("TypeError:", e)
try:
    dict(1, 2)
except TypeError as e:
    print("TypeError:", e)
for view in [keys, d.values(), items]:
    try:
        hash(view)
        print(type(view).__name__, "hashes by identity")
    except TypeError as e:
        print("TypeError:", e)
