# print() and string formatting: f-strings with conversions and format specs,
# %-formatting, sep/end, and the reprs of built-in values.
name = "heap"
n = 1234567
x = 3.14159
print(f"{name!r} {name!s:>8}| {n:,} {n:_} {n:>12} {n:<8}|")
print(f"{x:.2f} {x:10.3f} {x:e} {x:g} {x:%} {-x:+.1f}")
print(f"{255:x} {255:X} {255:o} {255:b} {255:#x} {255:08b} {-42:05d}")
print(f"{'mid':^9}|{'left':<6}|{'right':>7}|{'fill':*^10}")
print("%s has %d items, %.3f ratio, %5s|%-5s| %r %x %%" % (name, 3, 0.5, "a", "b", "q", 255))
print("a", "b", "c", sep="-", end="!\n")
print(1, 2.0, True, None, "s", b"b", [1, "a"], (1,), {"k": [2]}, set(), {3})
print(repr("quote's"), repr('dq"'), repr("both'\""), repr("tab\tnl\n"), repr("é€"))
print(str(1e16), str(1.5e-7), repr(0.1 + 0.2), 1 / 3, 2 / 2, -0.0)
print(hex(-255), bin(5), round(2.5), round(3.5), round(2.675, 2), divmod(-7, 2), -7 // 2, -7 % 2)
print(int("42") + 1, float("1.5"), str(12), bool(0), bool("x"), chr(97), ord("a"))
print(len("héllo"), "abc".upper(), "a,b,c".split(","), "-".join(["x", "y"]))
# str.format: positional, automatic and keyword fields, attribute and item
# access, conversions, nested specs; %-formatting with a mapping.
point = {"x": 3, "y": [4, 5]}


class Box:
    def __init__(self, content):
        self.content = content


print("{0}{1}{0}".format("a", "b"), "{}-{}".format(1, 2), "{0.content[0]} {0.content!s:^8}|".format(Box("ab")))
print("{name!r:>8}|{p[x]} {p[y][1]} {{literal}}".format(name="heap", p=point))
print("{:{fill}^{width}.{prec}f}|".format(3.14159, fill="*", width=10, prec=2))
print("%(x)s-%(x)03d %(y)r %%" % point)
for template in ["{", "}", "{0!x}", "{}{0}", "{0}{}", "{5}", "{w}", "{0:{1:{2}}}", "{0.nope}", "{0[}"]:
    try:
        template.format("s", 1, 2)
    except (ValueError, IndexError, KeyError, AttributeError) as e:
        print(repr(template), type(e).__name__, e)
# print()'s keywords are checked before anything is written: sep before end,
# each None or a str; an unknown keyword names print() (3.13: with a
# suggestion).
for keywords in [{"sep": 1}, {"end": b"x"}, {"sep": 1, "end": 2}, {"foo": 2}, {"sepp": " "}]:
    try:
        print("not written", **keywords)
    except TypeError as e:
        print("TypeError:", e)
print("a", "b", sep=None, end=None)
print("a", "b", sep="", end="|\n", flush=True)
