# The compiler already knows some subscripts must fail: indexing a str, bytes
# or tuple constant, or a list or tuple display, with a constant that is not
# an int or a slice, and subscripting a number, None or a set display. It
# writes a SyntaxWarning ("perhaps you missed a comma?") to stderr before the
# module runs; the subscript still raises TypeError when it executes. Indexes
# of unknown type (a name) or an int, bool or slice are not warned about.


def attempt(f):
    try:
        f()
    except (TypeError, KeyError) as e:
        print(type(e).__name__ + ":", e)


x = 1
attempt(lambda: [1, 2][None])
attempt(lambda: (1, 2)[(1,)])
attempt(lambda: (x, 2)["k"])
attempt(lambda: b"ab"[b"a"])
attempt(lambda: [y for y in "ab"][{}])
attempt(lambda: 5[0])
attempt(lambda: None[0])
attempt(lambda: {1, 2}[0])
attempt(lambda: "abc"[x])
attempt(lambda: "abc"[True])
attempt(lambda: "abc"[1:2])
attempt(lambda: {1: 2}["a"])
print("done")
