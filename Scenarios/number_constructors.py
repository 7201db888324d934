# int(), float(), bool() and str() as constructors: what text float() accepts
# (underscores only between digits, no hex, no "nan(...)"), which keywords
# each takes (int: only base; float and bool: none; str: object, encoding,
# errors), and the messages when they refuse — several changed in 3.10
# ("real number") and 3.13 (argument-count wording, keyword suggestions).


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


print(float("1_0.5"), float("1_0e1_0"), float(" -InFinity "), float("+nan"), float("١.٥"))
print(float(b"1.5"), float(bytearray(b" 2 ")), float(".5"), float("5."), float("1e99999"), float("-1e-99999"))
for text in ["0x10", "1__0", "_1", "1_", "1_.5", "1._5", "1e", "e5", ".", "1.5e+", "infinit", "nan(1)", "1.5 e3"]:
    attempt(repr(text), lambda: float(text))
# An all-space text: 3.8-3.9 quote it as '' (what was left after stripping).
for text in ["", " ", "\n", b" "]:
    attempt(repr(text), lambda: float(text))
attempt("float(None)", lambda: float(None))
attempt("float([])", lambda: float([]))
attempt("int(None)", lambda: int(None))
attempt("int base=8", lambda: int("12", base=8))
attempt("int base only", lambda: int(base=8))
attempt("int 3 args", lambda: int("12", 8, base=8))
attempt("int x=", lambda: int(x="1"))
attempt("int bse=", lambda: int("1", bse=2))
attempt("int(5, base=8)", lambda: int(5, base=8))
attempt("int 3 positional", lambda: int("1", 2, 3))
attempt("float x=", lambda: float(x="1"))
attempt("float 2 args", lambda: float("1", "2"))
attempt("bool x=", lambda: bool(x=1))
attempt("bool 2 args", lambda: bool(1, 2))
attempt("str object=", lambda: str(object=5))
attempt("str twice", lambda: str(5, object=5))
attempt("str object= encoding=", lambda: str(object=b"ab", encoding="ascii"))
attempt("str x=", lambda: str(x=1))
attempt("str 4 args", lambda: str(1, 2, 3, 4))
