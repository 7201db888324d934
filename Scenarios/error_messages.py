# The messages of common TypeErrors and friends, caught and printed: the
# wording comes from the C function that gives up (sq_concat of the left
# operand, sequence_repeat, ternary_op's "** or pow()", PySequence_Contains,
# unicode_subscript, slice indices, str.index), and some changed between
# versions (string indices, **=, the weakref type names).
import weakref


def show(thunk):
    try:
        thunk()
    except Exception as e:
        print(type(e).__name__, e)


def inplace_power():
    x = 2
    x **= "a"


def inplace_concat():
    x = "a"
    x += 1


def inplace_repeat():
    x = "a"
    x *= "b"


s = "abc"
t = (1, 2)
b = b"ab"
ba = bytearray(b"ab")
x = "x"
show(lambda: "a" + 1)
show(lambda: 1 + "a")
show(lambda: [1] + (2,))
show(lambda: (1,) + [2])
show(lambda: b"a" + "b")
show(lambda: "a" + b"b")
show(lambda: ba + "c")
show(inplace_concat)
show(lambda: 2 ** "x")
show(lambda: pow(2, "x"))
show(lambda: divmod("a", 2))
show(lambda: divmod(7.5, None))
show(lambda: pow(2, 3, "a"))
show(inplace_power)
show(lambda: "ab" * "s")
show(lambda: [1] * 2.5)
show(lambda: 2.5 * [1])
show(lambda: t * None)
show(inplace_repeat)
show(lambda: "a" - "b")
show(lambda: 1 in 5)
show(lambda: "a" in None)
show(lambda: 1 in "abc")
show(lambda: s[x])
show(lambda: s[1.5])
show(lambda: s[5])
show(lambda: t[x])
show(lambda: b[x])
show(lambda: b[5])
show(lambda: ba[x])
show(lambda: ba[5])
show(lambda: s[x:])
show(lambda: [1, 2][:x])
show(lambda: t[::1.5])
show(lambda: s.index("z"))
show(lambda: s.rindex("z"))
show(lambda: s.index(1))
show(lambda: s.find("c", x))
print(s.find("c"), s.rfind("c"), s.find(""), s.rfind(""), s.find("", 5), s.count(""), s.count("c", 0, 2))
print("abcabc".index("c"), "abcabc".rindex("c"), "abcabc".index("b", 2), "abcabc".rindex("a", 0, 3))
print("aaaa".count("aa"), "aaaa".rfind("aa"), "abcabc".find("c", -2), "abcabc".rfind("a", -10, -3))
show(lambda: -"a")
show(lambda: ~1.5)
show(lambda: "a" < 1)
show(lambda: None + 1)
show(lambda: [] - [])
show(lambda: len(5))
show(lambda: int("x"))
show(lambda: {}["k"])
show(lambda: [][3])


class Plain:
    pass


class Calls:
    def __call__(self):
        return 1


class Slotted:
    __slots__ = ("a",)

    def __call__(self):
        return 2


class SlottedPlain:
    __slots__ = ("a",)


print(callable(Plain()), callable(Calls()), callable(Slotted()), callable(SlottedPlain()))
print(callable(Plain), callable(len), callable(print), callable(s.upper), callable(1))
show(lambda: Plain()())
r = weakref.ref(Plain)
print(callable(r), isinstance(r, weakref.ref), type(r).__name__, weakref.ref is weakref.ReferenceType)
print(type(r) is weakref.ref, type(r), weakref.ref)
print(r() is Plain, weakref.ref(Plain) is r)

# Calling a builtin with the wrong number of arguments: the wording depends on
# how each function parses its arguments, and changed between versions
# (3.10 qualifies methods: "list.append()"; 3.13's str.replace counts
# positional arguments).
show(lambda: [].append())
show(lambda: [].append(1, 2))
show(lambda: [].pop(1, 2))
show(lambda: [].insert(1))
show(lambda: {}.get())
show(lambda: {}.setdefault())
show(lambda: {}.update({}, {}))
show(lambda: {}.keys(1))
show(lambda: set().add())
show(lambda: "".join())
show(lambda: "a".replace("a"))
show(lambda: "a".startswith())
show(lambda: isinstance(1))
show(lambda: min())
show(lambda: sorted([], []))
show(lambda: [].sort(1))
# str.split: a separator must be a str, never empty; maxsplit bounds the
# splits, and the whitespace split keeps the rest's trailing spaces.
show(lambda: "a".split(1))
show(lambda: "a".split(""))
print("a,b,c".split(",", 1), " a  b c ".split(None, 1), "a\x1cb".split(), " x ".split(maxsplit=0))
