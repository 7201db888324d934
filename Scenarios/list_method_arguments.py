# list.index(x, start, stop) and tuple.index search only the slice between
# the bounds (slice indices: clamped, negative from the end, never an
# OverflowError); list.pop(i) and list.insert(i, x) convert i to a C index
# first, so a str or float is a TypeError (3.8-3.9 word a float differently),
# even on an empty list, and a huge int an OverflowError.


def attempt(label, f):
    try:
        print(label, f())
    except (TypeError, ValueError, IndexError, OverflowError) as e:
        print(label, type(e).__name__ + ":", e)


a = [1, 2, 3, 2, 1]
attempt("index from 2:", lambda: a.index(2, 2))
attempt("index from -2:", lambda: a.index(2, -2))
attempt("index in 1..4:", lambda: a.index(1, 1, 4))
attempt("index past the end:", lambda: a.index(1, 10**30))
attempt("index from far before:", lambda: a.index(1, -10**30))
attempt("empty window:", lambda: a.index(2, 4, 2))
attempt("tuple from 1:", lambda: (1, 2, 1).index(1, 1))
attempt("tuple in 1..2:", lambda: (1, 2, 1).index(1, 1, 2))
attempt("str bound:", lambda: a.index(2, "a"))
attempt("float bound:", lambda: a.index(2, 0, 1.5))
attempt("pop str:", lambda: [].pop("a"))
attempt("pop float:", lambda: [1].pop(1.5))
attempt("pop huge:", lambda: [1].pop(10**30))
attempt("pop empty:", lambda: [].pop(0))
attempt("insert float:", lambda: [1].insert(1.5, 2))
attempt("insert str:", lambda: [1].insert("a", 2))
b = [1]
b.insert(10**3, 5)
b.insert(-(10**3), 0)
print("insert clamps:", b)
