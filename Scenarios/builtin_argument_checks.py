# Builtins check their arguments, and say so precisely.
#
# Every call below is refused by CPython with an exception, or answers
# something surprising; the model refuses or answers the same, with the
# same type and message, in every version (the messages changed: 3.10 calls
# a bad chr() argument "'str' object cannot be interpreted as an integer"
# where 3.8 said "an integer is required (got type str)", 3.12 says "min()
# iterable argument is empty" where earlier versions said "arg is an empty
# sequence"). A refused call allocates nothing that outlives it: the
# exception, its message and the traceback are all that is made.
#
# Two limits worth knowing: int() reads at most 4300 decimal digits and
# str() writes at most 4300 (sys.set_int_max_str_digits, CVE-2020-10735,
# backported to every version here) — hex() and bin() have no limit. And
# int() accepts underscores only between digits, a 0x/0o/0b prefix only in
# its own base or base 0, and any Unicode decimal digits ("١٢" is 12).


def t(f, *a):
    try:
        r = f(*a)
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__, e)

s = "abc"
t(s.join, [1])
t(s.split, 1)
t(s.replace, 1, "x")
t(s.replace, "a", 1)
t(s.strip, 1)
t(s.find, 1)
t(s.count, None)
t(s.partition, 1)
t(s.center, "x")
t(s.center, 5, "ab")
t(s.zfill, "a")
t(s.split, "")
t(s.format, 1)
t("{0}{1}".format, 1)
t(lambda: 1 in s)
t(lambda: s + 1)
t(lambda: s * "a")
t(lambda: s[1.0])
t(lambda: s["a"])
t(lambda: (1,)[1:2:0])
t(lambda: {}[[]])
t(lambda: {[]: 1})
t(lambda: set([[]]))
t(lambda: "%d" % "a")
t(lambda: "%s %s" % (1,))
t(lambda: "%s" % (1, 2))
t(lambda: "%(a)s" % {"a": 1})
t(lambda: "%z" % 1)
t(lambda: f"{1:z}")
t(lambda: f"{'a':d}")
t(lambda: int("x"))
t(lambda: int("10", 1))
t(lambda: int("z", 36))
t(lambda: float("x"))
t(lambda: chr(-1))
t(lambda: chr(0x110000))
t(lambda: ord("ab"))
t(lambda: ord(1))
t(lambda: bytes([256]))
t(lambda: bytes("a"))
t(lambda: b"a" + "b")
t(lambda: round(1.5, "a"))
t(lambda: divmod(1, 0))
t(lambda: 1 / 0)
t(lambda: 1.0 // 0)
t(lambda: 2 ** -1.5)
t(lambda: 10 ** 400 * 1.0)
t(lambda: float(10 ** 400))
t(lambda: 1 << -1)
t(lambda: hex(1.0))
t(lambda: bin("a"))
t(lambda: abs("a"))
t(lambda: len(5))
t(lambda: sorted([1, "a"]))
t(lambda: min([]))
t(lambda: max(1))
t(lambda: list(1))
t(lambda: dict([1]))
t(lambda: dict([(1, 2, 3)]))
t(lambda: tuple(None))
t(lambda: enumerate(1))
t(lambda: zip(1))
t(lambda: next(iter([])))
t(lambda: next(5))
t(lambda: iter(5))
t(lambda: getattr(1, "x"))
t(lambda: getattr(1, 2))
t(lambda: setattr(1, "x", 2))
t(lambda: delattr(1, "x"))
t(lambda: isinstance(1, 2))
t(lambda: issubclass(1, int))
t(lambda: hash([]))
t(lambda: [].pop())
t(lambda: [1].index(2))
t(lambda: [].remove(1))
t(lambda: {}.pop(1))
t(lambda: {}.popitem())
t(lambda: set().pop())
t(lambda: set().remove(1))
t(lambda: [1, 2].sort(key=1))
t(lambda: sorted([3, 1], key=lambda x: "a" if x > 1 else 1))
t(lambda: "a" < 1)
t(lambda: [1] < ["a"])
t(lambda: None < None)
t(lambda: {1} < 2)
t(lambda: str(b"a", "utf-8"))
t(lambda: str(1, "utf-8"))
t(lambda: bytearray(-1))
t(lambda: bytes(-1))
t(lambda: [0] * -1)
t(lambda: "ab" * 2.0)
t(lambda: range(1, 2, 0))
t(lambda: range(1.0))
t(lambda: range(10)[20])
t(lambda: range(10)[::-2])
t(lambda: reversed(5))
t(lambda: all(5))
t(lambda: sum(["a"]))
t(lambda: callable())
t(lambda: id())
t(lambda: type(1, 2))
t(lambda: object(1))

t(lambda: "abc".replace(1, "x"))
t(lambda: "abc".replace("a", 1))
t(lambda: "abc".replace("a", "b", "c"))
t(lambda: ord(1))
t(lambda: ord(b"ab"))
t(lambda: ord(b"a"))
t(lambda: ord(bytearray(b"a")))
t(lambda: bytes([256]))
t(lambda: bytes([-1]))
t(lambda: bytes(["a"]))
t(lambda: bytes("a"))
t(lambda: bytes(1.5))
t(lambda: bytearray([256]))
t(lambda: bytearray("a"))
t(lambda: bytes("é", "utf-8"))
t(lambda: bytes(3))

class C:
    pass
c = C()
t(lambda: getattr(c, 2))
t(lambda: getattr(c, 2, None))
t(lambda: hasattr(c, 2))
t(lambda: setattr(c, 2, 3))
t(lambda: delattr(c, 2))
t(lambda: hex(1.0))
t(lambda: hex("a"))
t(lambda: bin(None))
t(lambda: hex(True))
t(lambda: chr("a"))
t(lambda: chr(1.5))
t(lambda: abs(None))
t(lambda: len(None))
t(lambda: isinstance(1, (int, 2)))
t(lambda: isinstance(1, (str, 2)))

cases = ["12", " 12 ", "+12", "-12", "1_000", "1__0", "_1", "1_", "0x1f", "0X1F", "0o17", "0b101", "010", "00", "0_0", "0x_1f", "0x", "-0x10", "١٢", "\u2003 7\u2003", "1 2", "", " ", "12a", "0b102", "z", "Z", "9" * 30, "0x" + "f" * 20, "٣_٤", "1.5", "1e3", "\x1c12", "+", "-", "+ 1", "0_x1"]
for base in (10, 0, 16, 8, 2, 36, 3):
    row = []
    for text in cases:
        try:
            row.append(str(int(text, base)))
        except ValueError as e:
            row.append("VE")
    print(base, " ".join(row))
for args in [("12", 1), ("12", 37), ("12", -1), ("12", "10"), (12, 10), (1.5, 10), (b"12", 10), (b" 0x1f ", 0), (bytearray(b"7"), 10), ("12", 10.0), ("12", True)]:
    try:
        print(repr(args), int(*args))
    except (ValueError, TypeError) as e:
        print(repr(args), type(e).__name__, e)
for text in ["x", "1__0", "0x", "a" * 300, "é", "\x00", "12\n"]:
    try:
        int(text)
    except ValueError as e:
        print(e)
try:
    int("1" * 5000)
except ValueError as e:
    print(e)
print(int("1" * 4300) % 1000, int("f" * 5000, 16) % 1000)
try:
    print(len(str(10 ** 5000)))
except ValueError as e:
    print(e)
print(int(True), int(False), int(-0.0), int(2.9e20), int("-0"), int(" -0x0 ", 0))

x = 10 ** 4299
y = 10 ** 4300
z = -(10 ** 4299)
print(len(str(x)), len(repr(z)), len(f"{x}"), len("%d" % z), len(f"{x:,}") > 0)
for f in (str, repr, lambda v: f"{v}", lambda v: f"{v:d}", lambda v: "%d" % v, lambda v: "%s" % v, lambda v: "{}".format(v), lambda v: f"{v!r}", lambda v: f"{v:>10}", lambda v: str([v])):
    try:
        f(y)
        print("ok")
    except ValueError as e:
        print(e)
print(len(hex(y)), len(f"{y:x}"), len("%x" % y), len(bin(y)))
try:
    print(y)
except ValueError as e:
    print("print:", e)

try:
    str('a', 'utf-8')
except TypeError as e:
    print(e)
print(str(b'\xc3\xa9', 'utf-8'), str(bytearray(b'ab'), 'ascii'), str(b'x', encoding='ascii'))


class Slotted:
    __slots__ = ("a",)


def set_b(target):
    target.b = 1


def del_b(target):
    del target.b


for target in (Slotted(), object(), 5):
    for action in (set_b, del_b):
        try:
            action(target)
        except AttributeError as e:
            print("AttributeError", e)
