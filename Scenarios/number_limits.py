# Where int and float arithmetic runs out: what CPython raises, and where it
# does not. Watch the message text (several changed between versions) and the
# exceptions' args: a float power that overflows is OverflowError(34, ...) from
# libm's errno, not a one-string message.


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e.args)


big = 10 ** 20
attempt("1**big", lambda: 1 ** big)
attempt("0**big", lambda: 0 ** big)
attempt("(-1)**(big+1)", lambda: (-1) ** (big + 1))
attempt("1>>big", lambda: 1 >> big)
attempt("-1>>big", lambda: -1 >> big)
attempt("0<<big", lambda: 0 << big)
# A shift by 2**63 bits needs 2**60 bytes: malloc fails. By 2**70 bits the
# digit count itself does not fit (_PyLong_New's "too many digits").
attempt("1<<2**63", lambda: 1 << 2 ** 63)
attempt("1<<2**70", lambda: 1 << 2 ** 70)
attempt("1<<-1", lambda: 1 << -1)
# >> floors: shifting out one-bits of a negative number rounds down (the
# last one is folded at compile time).
n = -(2 ** 100) - 1
print(n >> 99, -(2 ** 100) >> 99, n >> 3, -7 >> 1, (-(2 ** 100) - 1) >> 99)
# float ** float: overflow is an error, underflow is not.
attempt("10.0**400", lambda: 10.0 ** 400)
attempt("1e300**2", lambda: 1e300 ** 2)
attempt("(-10.0)**401", lambda: (-10.0) ** 401)
attempt("10**400.0", lambda: 10 ** 400.0)
attempt("2.0**1024", lambda: 2.0 ** 1024)
attempt("2**-1080", lambda: 2 ** -1080)
attempt("0.0**-1", lambda: 0.0 ** -1)
attempt("0**-1", lambda: 0 ** -1)
attempt("nan**0", lambda: float("nan") ** 0)
attempt("1**nan", lambda: 1.0 ** float("nan"))
attempt("(-1)**inf", lambda: (-1.0) ** float("inf"))
attempt("(-0.0)**3", lambda: (-0.0) ** 3)
attempt("(-inf)**-3", lambda: float("-inf") ** -3)
print(1e308 * 10, -1e308 - 1e308)
# Division by zero: int % 0 changed its message in 3.11, float // 0 in 3.9,
# float % 0 in 3.13; divmod() of floats kept "float divmod()" throughout.
zero = 0
attempt("1//0", lambda: 1 // zero)
attempt("1%0", lambda: 1 % zero)
attempt("divmod(1,0)", lambda: divmod(1, zero))
attempt("1.0//0", lambda: 1.0 // zero)
attempt("1.0%0", lambda: 1.0 % zero)
attempt("divmod(1.0,0)", lambda: divmod(1.0, zero))
attempt("divmod(1,0.0)", lambda: divmod(1, 0.0))
# chr() read its argument as a C int before 3.13.
attempt("chr(2**31)", lambda: chr(2 ** 31))
attempt("chr(-2**31)", lambda: chr(-(2 ** 31)))
attempt("chr(2**63)", lambda: chr(2 ** 63))
# Repetition: the count must fit Py_ssize_t (even for an empty sequence);
# a result longer than that is "too long" for str and bytes, MemoryError for
# lists and tuples.
for count in [big, -big, 2 ** 62]:
    attempt("str", lambda: len("ab" * count))
    attempt("empty str", lambda: len("" * count))
    attempt("bytes", lambda: len(b"ab" * count))
    attempt("list", lambda: len([1, 2] * count))
    attempt("tuple", lambda: len(count * (1, 2)))
    attempt("empty list", lambda: len([] * count))
# The same with constants: the compiler folds the empty ones and leaves the
# too-large count to run time.
print(repr("" * 2 ** 62), repr(b"" * 2 ** 62), () * 2 ** 62)
attempt("constant", lambda: "ab" * -(10 ** 20))
