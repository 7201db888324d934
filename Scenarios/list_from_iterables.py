# How big is a list built from something else? list(x) and lst.extend(x) size
# the item array from len(x) when x has one, else from x.__length_hint__()
# (iterators over lists, tuples, str, bytes, ranges, dicts and sets know how
# many items are left), else they guess 8 and trim at the end. 3.10+ round an
# exact preallocation up to even; 3.13 takes sets, frozensets, dicts and dict
# views through one list_resize (over-allocated) instead. lst *= n grows the
# same list in place with one list_resize; clear() and lst[:] = [] free the
# item array. Watch getsizeof per source and per version.
import sys


def gen(n):
    i = 0
    while i < n:
        yield i
        i += 1


class Sized:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __iter__(self):
        return iter(range(self.n))


for n in [0, 1, 2, 3, 5, 9, 17]:
    src = list(range(n))
    d = dict.fromkeys(src)
    it = iter(src)
    next(it, None)
    print(
        n,
        "sized:",
        sys.getsizeof(list(tuple(src))),
        sys.getsizeof(list(d)),
        sys.getsizeof(list(d.values())),
        sys.getsizeof(list(set(src))),
        sys.getsizeof(list(frozenset(src))),
        sys.getsizeof(list(bytes(n))),
        sys.getsizeof(list(Sized(n))),
        "hinted:",
        sys.getsizeof(list(iter(src))),
        sys.getsizeof(list(reversed(src))),
        sys.getsizeof(list(iter(d.items()))),
        sys.getsizeof(list(iter(set(src)))),
        sys.getsizeof(list(iter("x" * n))),
        sys.getsizeof(list(it)),
        sys.getsizeof(sorted(d)),
        "guessed:",
        sys.getsizeof(list(gen(n))),
        sys.getsizeof(list(enumerate(src))),
    )

for n in [0, 1, 4, 9]:
    src = list(range(n))
    d = dict.fromkeys(src)
    sizes = []
    for source in [src, d.keys(), d.items(), iter(src), set(src), d, gen(n)]:
        a = [1, 2]
        a.extend(source)
        sizes.append(sys.getsizeof(a))
    print("extend [1, 2] by", n, "items:", *sizes)

a = [1, 2]
b = a
a *= 3
print("*= is in place:", a is b, b, sys.getsizeof(a))
a *= 0
print("*= 0 clears it:", a is b, b, sys.getsizeof(a))
one = list(range(1))
one.clear()
print("clear() frees the array:", sys.getsizeof(one))
one = list(range(1))
one[:] = []
print("so does emptying a slice:", sys.getsizeof(one))
d = {1: 2, 3: 4}
print("len of dict views:", len(d.keys()), len(d.values()), len(d.items()))
