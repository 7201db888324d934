#!/usr/bin/env python3
"""Record what real CPython writes, as fixtures for heapscope's formatting layer.

The formatting layer (Sources/Scenario/Interpreter/Builtins/Formatting) must write
byte-for-byte what CPython writes: float repr, int text, format specs, %-formatting,
str/bytes repr, round/divmod/true division, hash(). This script builds a table of
cases (curated edge cases plus seeded random ones), evaluates every case under each
installed interpreter 3.8-3.13, and writes the expected outputs:

  Tests/ScenarioTests/Fixtures/Formatting/float_repr.txt   "<bits hex> <repr>" lines
  Tests/ScenarioTests/Fixtures/Formatting/cases.jsonl      one JSON array per case
  Sources/Scenario/Interpreter/Builtins/Formatting/UnicodePrintability+Tables.swift

A cases.jsonl line is [category, [arguments...], expected], where expected is either
one string (all versions agree) or an object {"8,9": "...", "10,11,12,13": "..."}
keyed by comma-separated minor versions. An expected string starting with "=" is a
result; "!" starts "ExceptionType: message".

Argument encoding for Python values: "i:<decimal>" int, "b:0|1" bool,
"f:<16 hex digits>" float by IEEE bits, "s:<text>" str, "y:<hex>" bytes,
"n:" None, "o:<name>" one of the named objects in OBJECTS below.

Usage:
  python3 tools/gen_format_cases.py                 # regenerate all fixtures
  python3 tools/gen_format_cases.py --bulk N FILE   # N random doubles -> FILE (bits repr),
                                                    # checked by HEAPSCOPE_FLOAT_BULK=FILE
Every interpreter runs with PYTHONHASHSEED=0.
"""

import json
import math
import os
import random
import struct
import subprocess
import sys
import tempfile

VERSIONS = ["3.8.18", "3.9.18", "3.10.13", "3.11.7", "3.12.1", "3.13.0"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "ScenarioTests", "Fixtures", "Formatting")
TABLES = os.path.join(ROOT, "Sources", "Scenario", "Interpreter", "Builtins", "Formatting",
                      "UnicodePrintability+Tables.swift")

# Objects the formatting layer only sees as (type name, str text, repr text).
OBJECTS = {
    "list12": lambda: [1, 2],
    "dict": lambda: {"a": 1},
    "tuple0": lambda: (),
    "bytes": lambda: b"hi",
    "set": lambda: {3},
    "complex": lambda: 1 + 2j,
}


# ----------------------------------------------------------------------------
# Encoding
# ----------------------------------------------------------------------------

def fbits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def ffrom(bits):
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


def enc(v):
    if v is None:
        return "n:"
    if isinstance(v, bool):
        return "b:%d" % v
    if isinstance(v, int):
        return "i:%d" % v
    if isinstance(v, float):
        return "f:%016x" % fbits(v)
    if isinstance(v, str):
        return "s:" + v
    if isinstance(v, bytes):
        return "y:" + v.hex()
    raise TypeError(v)


def dec(s):
    tag, body = s[0], s[2:]
    if tag == "n":
        return None
    if tag == "b":
        return body == "1"
    if tag == "i":
        return int(body)
    if tag == "f":
        return ffrom(int(body, 16))
    if tag == "s":
        return body
    if tag == "y":
        return bytes.fromhex(body)
    if tag == "o":
        return OBJECTS[body]()
    raise ValueError(s)


def dec_args(a):
    """%-format arguments: {"t": [...]} tuple, {"v": x} single value, {"m": {...}} dict."""
    if "t" in a:
        return tuple(dec(x) for x in a["t"])
    if "v" in a:
        return dec(a["v"])
    return {k: dec(x) for k, x in a["m"].items()}


# ----------------------------------------------------------------------------
# Evaluation (runs inside each interpreter)
# ----------------------------------------------------------------------------

def ev_round(x, n):
    return round(x) if n is None else round(x, n)


EVAL = {
    "int.str": lambda a: str(dec(a[0])),
    "int.hex": lambda a: hex(dec(a[0])),
    "int.oct": lambda a: oct(dec(a[0])),
    "int.bin": lambda a: bin(dec(a[0])),
    "format": lambda a: format(dec(a[0]), a[1]),
    "percent": lambda a: a[0] % dec_args(a[1]),
    "repr": lambda a: repr(dec(a[0])),
    "ascii": lambda a: ascii(dec(a[0])),
    "repr.bytearray": lambda a: repr(bytearray(dec(a[0]))),
    "round": lambda a: repr(ev_round(dec(a[0]), None if a[1] == "" else int(a[1]))),
    "divmod": lambda a: repr(divmod(dec(a[0]), dec(a[1]))),
    "floordiv": lambda a: repr(dec(a[0]) // dec(a[1])),
    "mod": lambda a: repr(dec(a[0]) % dec(a[1])),
    "truediv": lambda a: repr(dec(a[0]) / dec(a[1])),
    "float": lambda a: repr(float(dec(a[0]))),
    "int": lambda a: repr(int(dec(a[0]))),
    "hash": lambda a: str(hash(dec(a[0]))),
    "hash.tuple": lambda a: str(hash(tuple(dec(x) for x in a[0]))),
    "identifier": lambda a: str(dec(a[0]).isidentifier()),
}


def evaluate(case):
    cat, args = case
    try:
        return "=" + EVAL[cat](args)
    except Exception as e:  # the exact exception is the expectation
        return "!%s: %s" % (type(e).__name__, e)


def printable_ranges():
    ranges, start = [], None
    for c in range(0x110000):
        p = chr(c).isprintable()
        if p and start is None:
            start = c
        elif not p and start is not None:
            ranges.append([start, c - 1])
            start = None
    if start is not None:
        ranges.append([start, 0x10FFFF])
    return ranges


def worker(cases_path, out_path):
    with open(cases_path) as f:
        cases = json.load(f)
    results = [evaluate(c) for c in cases["cases"]]
    floats = []
    for bits in cases["floats"]:
        x = ffrom(bits)
        r = repr(x)
        assert r == str(x)
        floats.append(r)
    with open(out_path, "w") as f:
        json.dump({"results": results, "floats": floats, "printable": printable_ranges()}, f)


# ----------------------------------------------------------------------------
# Case generation (runs once, in the driving interpreter)
# ----------------------------------------------------------------------------

def random_double(rng):
    """A mix of distributions: all bit patterns, [0,1), short decimals, integers."""
    k = rng.randrange(6)
    if k == 0:
        while True:
            x = ffrom(rng.getrandbits(64))
            if math.isfinite(x):
                return x
    if k == 1:
        return rng.random()
    if k == 2:
        return round(rng.uniform(-1e6, 1e6), rng.randrange(0, 8))
    if k == 3:
        return float(rng.randrange(-10**17, 10**17))
    if k == 4:
        return rng.random() * 10.0 ** rng.randrange(-330, 309)
    m = rng.randrange(1, 10**rng.randrange(1, 18))
    return float("%de%d" % (m, rng.randrange(-330, 300)))


SPECIAL_FLOATS = [
    0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 1234.5678, -1234.5678,
    1e16, 1e15, 9999999999999998.0, 123456789012345.0, 1234567890123456.0, 12345678901234567.0,
    1e-5, 1e-4, 0.0001, 0.00001234, 1.5e300, 1e22, 1e23, 1e100, 5e-324, 2.2250738585072014e-308,
    1.7976931348623157e308, float("inf"), float("-inf"), float("nan"), 0.001, 9.995, 0.125, 100.0,
    1e-10, 12345678.9, -0.0001, 2.675, 1.005, 0.045, 99.99, 999999.5, 9.5, 10.5, 0.05, 123.456,
    4.35, 1e308, 3.141592653589793, 2.718281828459045, 6.02214076e23, 1e-7, 0.9999999999999999,
    4503599627370496.5, 9007199254740993.0, 1e21, 1e-320, 255.0, 65.0, 1048576.0,
]

INTS = [
    0, 1, -1, 7, 42, -42, 97, 255, -255, 1000, 1234, -1234, 65535, 1234567, -1234567, 2**31, 2**63 - 1,
    -2**63, 2**64, 10**20, -10**20, 0x10FFFF, 0x110000, 12345678901234567890123, -5,
    2**53 + 1, 10**30, -(10**30) + 7,
]

STRS = ["", "a", "abc", "hello world", "é", "ÿ", "日本", "😀x", "a\tb", "Ab_9", "x" * 12]


def format_specs():
    ints = ["", "d", "5", "<5", ">5", "^5", "=5", "*^9", "05", "+", "-", " ", "+5", " 5", "#x", "#X",
            "#o", "#b", "x", "X", "o", "b", "c", "n", ",", "_", ",d", "_x", "_b", "_o", "#_x", ",x",
            "010,", "012_", "+010,d", "#010x", "-#10b", "e", "E", "f", ".2f", ".3e", "g", "G", "%",
            ".1%", ",.2f", "F", ".0f", "z", "zd", ".2", ",n", "_n", ",c", "+c", "#c", "=c", "10c",
            "s", "r", "q", "0>+#8x", "<<10", "0=10", "08,.2f", "1,", "x<+010,", " 7_d", "#n",
            "^", "=", "+#", "\u00e9>6", "20,d", "-010", "#.2", "100"]
    floats = ["", "f", "F", "e", "E", "g", "G", "n", "%", ".0", ".1", ".3", ".10", ".17", ".0f",
              ".1f", ".2f", ".3f", ".10f", ".20f", ".0e", ".2e", ".10e", ".0g", ".1g", ".2g", ".6g",
              ".12g", ".17g", ".20g", "#", "#g", "#.3g", "#.0f", "#.0e", "#e", "#.0", "#.3", "+",
              "+.2f", " .2f", "-.2f", "10", "<10", ">10", "^10", "=10", "*^12.3f", "010", "010.2f",
              "+010.2f", "-010.2e", ",", "_", ",.2f", "_.3f", "015,.2f", "015_.2f", ",g", ",e",
              ",.3", ".2%", "10.1%", "z", "z.1f", "z.0f", "+z.2f", "z.2e", "zg", "z.0", "d", "x",
              "c", "s", ".", "f.", ",n", ".3n", "n.2", "020,.4f", "<+15.3e", "^-12,.1f", "#,.0f",
              ".300f", "12.1", "#.1", "0>20.4g", "\u00e9^9", ".30f", ".60e", ".40g"]
    strs = ["", "s", "5", "<5", ">5", "^5", "=5", "05", "*>7", ".2", ".0", "10.3", "^9.1s", "+",
            " ", "#", ",", "_", "d", "x", "c", "z", "05s", "0<5", "1", "-", "\u00e9^7", "\U0001F600<4"]
    return ints, floats, strs


def gen_cases(rng):
    cases = []

    def add(cat, *args):
        cases.append([cat, list(args)])

    big_ints = INTS + [rng.randrange(-10**rng.randrange(1, 60), 10**rng.randrange(1, 60))
                       for _ in range(80)]
    for v in big_ints + [2**k for k in range(0, 200, 7)] + [-(2**k) + 1 for k in range(1, 130, 9)]:
        for cat in ("int.str", "int.hex", "int.oct", "int.bin"):
            add(cat, enc(v))

    int_specs, float_specs, str_specs = format_specs()
    int_values = INTS + [True, False] + [rng.randrange(-10**9, 10**9) for _ in range(6)]
    float_values = SPECIAL_FLOATS + [random_double(rng) for _ in range(20)]
    for v in int_values:
        for s in int_specs:
            add("format", enc(v), s)
    for v in float_values:
        for s in float_specs:
            add("format", enc(v), s)
    for v in STRS:
        for s in str_specs:
            add("format", enc(v), s)
    for s in ["", "s", ">5", "d"]:
        add("format", "n:", s)
        add("format", "o:list12", s)
    # Random specs assembled from the grammar, applied to every kind of value.
    fills = ["", "", "", "*", "0", "x"]
    aligns = ["", "", "<", ">", "^", "="]
    for _ in range(3000):
        fill = rng.choice(fills)
        align = rng.choice(aligns)
        spec = (fill + align if align else "") + rng.choice(["", "", "+", "-", " "])
        spec += rng.choice(["", "", "", "z"]) + rng.choice(["", "", "#"]) + rng.choice(["", "", "0"])
        spec += rng.choice(["", "", str(rng.randrange(0, 30))]) + rng.choice(["", "", ",", "_"])
        spec += rng.choice(["", "", "." + str(rng.randrange(0, 25))])
        spec += rng.choice(["", "", "b", "c", "d", "o", "x", "X", "n", "e", "E", "f", "F", "g", "G", "%", "s"])
        kind = rng.randrange(5)
        if kind == 0:
            v = rng.choice(INTS + [rng.randrange(-10**12, 10**12)])
        elif kind == 4:
            v = rng.choice(STRS)
        else:
            v = rng.choice(SPECIAL_FLOATS + [random_double(rng)])
        add("format", enc(v), spec)

    # %-formatting.
    def T(*vs):
        return {"t": [enc(v) for v in vs]}

    def V(v):
        return {"v": enc(v)}

    percent = [
        ("%d items, %s, %r, %5.2f, %x, %%", T(3, "a", "b", 2.345, 255)),
        ("%s", V("x")), ("%s", V(1.5)), ("%r", V("it's")), ("%a", V("é\n")), ("%s", T()),
        ("%s %s", T(1)), ("%s", T(1, 2)), ("hello", T()), ("hello", V(1)), ("hello", {"m": {}}),
        ("%(a)s-%(b)d", {"m": {"a": enc("x"), "b": enc(7)}}), ("%(a)s", V(3)), ("%(a)s", {"m": {}}),
        ("%(a)s %s", {"m": {"a": enc(1)}}), ("%", T()), ("abc%", T(1)), ("%q", V(1)), ("%y", V(1)),
        ("%\u00e9", V(1)), ("%5%", T()), ("%-5%", V(1)), ("%c", V(65)), ("%c", V("é")),
        ("%c", V("ab")), ("%c", V(0x110000)), ("%c", V(-1)), ("%c", V(1.5)), ("%5c|%-3c", T(97, "b")),
        ("%d", V("a")), ("%i", V("a")), ("%x", V("a")), ("%x", V(1.5)), ("%o", V(1.5)), ("%X", V(None)),
        ("%f", V("a")), ("%e", V(None)), ("%g", {"v": "o:list12"}), ("%d", V(3.99)), ("%d", V(-3.99)),
        ("%d", V(float("inf"))), ("%d", V(float("nan"))), ("%d", V(1e20)), ("%i", V(True)),
        ("%s", V(True)), ("%r", V(False)), ("%f", V(True)), ("%x", V(True)), ("%u", V(-7)),
        ("%*d", T(5, 42)), ("%-*d|", T(5, 42)), ("%*d", T(-5, 42)), ("%.*f", T(2, 3.14159)),
        ("%*.*f", T(10, 3, 2.5)), ("%*d", T("a", 1)), ("%.*f", T(1.5, 1.0)), ("%*d", T(5)),
        ("%s", {"v": "o:list12"}), ("%r", {"v": "o:dict"}), ("%s", {"v": "o:dict"}),
        ("%s|%r|%a", {"t": ["o:bytes", "o:bytes", enc("é\n")]}), ("%s", {"v": "o:tuple0"}),
        ("%s", {"t": ["o:complex"]}),
        ("%d", {"t": ["o:complex"]}), ("%x", {"t": ["o:set"]}), ("%s %s", {"v": "o:list12"}),
        ("x%sy", {"v": "o:list12"}), ("%.3s|%-6.2s|%6r", T("abcdef", "xyz", "q")),
        ("%(x)*d", {"m": {"x": enc(1)}}), ("%(x", {"m": {"x": enc(1)}}), ("%(x)", {"m": {"x": enc(1)}}),
        ("%(x)(y)s", {"m": {"x": enc(1)}}), ("%((x))s", {"m": {"(x)": enc(1)}}),
        ("%ld %hd %Lf", T(1, 2, 3.0)), ("%.0f %.0f %.0f", T(0.5, 1.5, 2.5)), ("%#o %#x %#X", T(8, 255, 255)),
        ("%.5d|%.5x|%#.5x|%+.3d|%-8.3d|%08.3d", T(42, 255, 255, 7, 7, 7)), ("%+d % d %+d % d", T(5, 5, -5, -5)),
        ("%05d|%-05d|%+05d|%05s|%05x", T(-42, -42, 42, "ab", 255)), ("%#.0f|%#g|%#.3g|%#e", T(1.0, 1.0, 1.0, 1.0)),
        ("%g|%G|%e|%E|%f|%F", T(1e-5, 1e16, 1234.5, 1234.5, 1e22, float("inf"))),
        ("%.1f%%", V(99.95)), ("%s and %s", T(1.0, 10**30)), ("%d", V(10**30)), ("%x|%X|%o", T(-255, -255, -8)),
        ("%#x|%#o", T(-255, -8)), ("%10.4f|%-10.2e|%+.3g", T(3.14159, 31415.9, 0.000012345)),
        ("%.20f", V(0.1)), ("%.0e", V(12345.0)), ("%r %r", T(0.1, 1e16)), ("%s", V(float("nan"))),
        ("%f %f", T(float("-inf"), float("nan"))), ("%010.3f|%-10.3f|%+010.3f", T(-1.5, -1.5, 1.5)),
        ("%010f", V(float("inf"))), ("%05s|%5s|%-5s|", T("é", "日本", "😀")), ("%3d%%", V(50)),
        ("%c%c", T(0x1F600, 10)), ("%.2c", V(65)), ("%s", V(b"x".decode())), ("% s", V("x")),
        ("%#s|%+s|%0s", T("a", "b", "c")), ("%.1000000000000f", V(1.0)), ("%.99999999999999999999f", V(1.0)), ("%1000000000000000000000d", V(1)),
        ("%.200f", V(1e-300)), ("%d%s", {"t": [enc(1), "o:list12"]}),
        ("%r", V(2.675)), ("%a", V("日本😀")), ("%-#10x|", V(255)), ("%(a)s", {"v": "o:list12"}),
    ]
    for fmt, args in percent:
        add("percent", fmt, args)
    for _ in range(600):
        conv = rng.choice("diouxXeEfFgGcrsa")
        spec = "%" + "".join(rng.sample("-+ #0", rng.randrange(0, 3)))
        spec += rng.choice(["", str(rng.randrange(0, 15))]) + rng.choice(["", "." + str(rng.randrange(0, 12))])
        spec += conv
        if conv in "diouxXc":
            v = rng.choice(INTS[:18] + [rng.randrange(-10**6, 10**6)])
        elif conv in "eEfFgG":
            v = rng.choice(SPECIAL_FLOATS + [random_double(rng)])
        else:
            v = rng.choice(STRS + [1.5, 7, None])
        add("percent", "<" + spec + ">", T(v))

    # repr / ascii of str, bytes, bytearray.
    texts = ["", "a", "it's", 'say "hi"', "both ' and \"", "tab\there", "nl\nret\r", "back\\slash",
             "\x00\x07\x1b\x7f", "\x80\x9f\xa0\xad\xff", "é", "ñandú", "日本語", "😀", "\u200b\u2028\u2029",
             "\ufeff", "\ue000", "\U000f0000", "\u0378", "\U0001FAE8", "\u3000 \u00a0", "\u0300",
             "\U0001F6DC", "\U0001FA76", "\u0c5d", "\U00011F00", "\U0001B132", "\U0002B739", "\U00031350",
             "\U0002EBF0", "\u061c", "\u2066", "\U000E0001", "\U0010FFFF", "a'b\"c", "'", '"', "\\'",
             "\x1f\x20\x7e", "\u00ad\u034f", "x\u0000y"]
    for cp in list(range(0, 0x300)) + [rng.randrange(0x300, 0x110000) for _ in range(600)]:
        if 0xD800 <= cp < 0xE000:
            continue
        texts.append(chr(cp) + ("'" if cp % 3 == 0 else ""))
    for t in texts:
        add("repr", enc(t))
        add("ascii", enc(t))
    for b in [b"", b"abc", b"it's", b'"', b"'\"", b"\x00\xff\x7f\x80\t\n\r\\", bytes(range(256)),
              b"caf\xc3\xa9"]:
        add("repr", enc(b))
        add("repr.bytearray", enc(b))
    for t in ["abc", "Ab_9", "_", "9a", "a b", "é", "", "a-b", "__init__", "λ", "x\u00b7"]:
        add("identifier", enc(t))

    # round().
    round_values = SPECIAL_FLOATS + [random_double(rng) for _ in range(150)] + [
        rng.randrange(-10**6, 10**6) / 1000 + 0.0005 for _ in range(60)]
    for v in round_values:
        for n in ["", "0", "1", "2", "3", "-1", "-2", "5", "-308", "-309", "400", "-400", "17", "22", "23"]:
            if n in ("", "0", "1", "2") or rng.random() < 0.3:
                add("round", enc(v), n)
    for v in INTS + [15, 25, 35, 45, -15, -25, 150, 250, 1250, 10**22 + 5 * 10**21, -(10**22 + 5 * 10**21)]:
        for n in ["", "0", "2", "-1", "-2", "-3", "-22"]:
            add("round", enc(v), n)

    # //, %, divmod, /.
    fl = [0.0, -0.0, 1.0, -1.0, 7.5, -7.5, 2.0, -2.0, 0.1, 3.0, 1e300, 1e-300, float("inf"),
          float("-inf"), float("nan"), 5e-324, 1e16, -3.25]
    for a in fl:
        for b in fl:
            for cat in ("divmod", "floordiv", "mod", "truediv"):
                add(cat, enc(a), enc(b))
    for _ in range(200):
        a, b = random_double(rng) * rng.choice([1, -1]), random_double(rng) * rng.choice([1, -1])
        add("divmod", enc(a), enc(b))
    iv = [0, 1, -1, 7, -7, 3, -3, 10**30, -(10**30), 2**64 + 1, 12345678901234567890, -2]
    for a in iv:
        for b in iv:
            for cat in ("divmod", "floordiv", "mod", "truediv"):
                add(cat, enc(a), enc(b))
    mixed = [(7, 2.0), (-7, 2.0), (7.5, 2), (10**400, 1.0), (1.0, 10**400), (True, 2), (5, True), (3, 0.0)]
    for a, b in mixed:
        for cat in ("divmod", "floordiv", "mod", "truediv"):
            add(cat, enc(a), enc(b))
    truediv_pairs = [(10**30, 7), (2**53 + 1, 1), (2**54 + 3, 2), (10**400, 10**399), (10**400, 1),
                     (1, 10**320), (1, 10**330), (-(10**30), 7), (3, -10**25), (2**1024, 2), (2**1025, 2),
                     (2**1024 - 2**970, 1), (2**1024 - 2**970 - 1, 1), (2**1024 - 2**971, 1),
                     (1, 2**1074), (1, 2**1075), (3, 2**1076), (1, 3 * 2**1073), (0, 10**400), (-0, -5)]
    for _ in range(300):
        truediv_pairs.append((rng.randrange(-10**rng.randrange(1, 80), 10**rng.randrange(1, 80)),
                              rng.randrange(1, 10**rng.randrange(1, 80)) * rng.choice([1, -1])))
    for a, b in truediv_pairs:
        add("truediv", enc(a), enc(b))

    # int <-> float conversions.
    conv_ints = [0, 1, -1, 2**53, 2**53 + 1, 2**53 + 2, 2**53 + 3, -(2**53 + 1), 2**54 + 2, 2**54 + 6,
                 2**64 - 1, 10**22, 10**23, 2**1023, 2**1024, -(2**1024), 2**1024 - 2**970,
                 2**1024 - 2**970 - 1, 2**1024 - 2**971, 10**308, 10**309]
    conv_ints += [rng.randrange(-10**rng.randrange(1, 330), 10**rng.randrange(1, 330)) for _ in range(300)]
    for v in conv_ints:
        add("float", enc(v))
    for v in SPECIAL_FLOATS + [random_double(rng) for _ in range(100)]:
        add("int", enc(v))

    # hash().
    hash_values = INTS + [2**61 - 1, 2**61, 2**61 - 2, -(2**61 - 1), -(2**61), 2**122, -2, 10**100,
                          rng.randrange(-10**40, 10**40), True, False]
    hash_values += [v for v in SPECIAL_FLOATS if v == v] + [random_double(rng) for _ in range(60)]
    hash_values += ["", "a", "abc", "hello world", "é", "ÿ", "日本", "😀", "a😀", "Ab_9" * 10,
                    "x" * 7, "x" * 8, "x" * 9, "\u0100", "abcdefghijklmnop"]
    hash_values += [b"", b"abc", b"\x00\xff", bytes(range(40))]
    for v in hash_values:
        add("hash", enc(v))
    tuples = [[], [1], [1, 2], [2, 1], ["a", 2.5], [0.0], [-1], [True, 3], ["abc", b"abc", 7, -1.5],
              [10**30], list(range(30))]
    for t in tuples:
        add("hash.tuple", [enc(v) for v in t])
    return cases


def merge(per_version):
    """Collapse per-version outputs into one string or a {"8,9": ...} object."""
    if all(v == per_version[0] for v in per_version):
        return per_version[0]
    groups = {}
    for ver, out in zip(VERSIONS, per_version):
        groups.setdefault(out, []).append(ver.split(".")[1])
    return {",".join(vs): out for out, vs in groups.items()}


def python_for(ver):
    root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=True).stdout.strip()
    return os.path.join(root, "versions", ver, "bin", "python3")


def run_all(cases, floats):
    outs = []
    with tempfile.TemporaryDirectory() as tmp:
        cpath = os.path.join(tmp, "cases.json")
        with open(cpath, "w") as f:
            json.dump({"cases": cases, "floats": floats}, f)
        env = dict(os.environ, PYTHONHASHSEED="0", PYTHONBREAKPOINT="0")
        for ver in VERSIONS:
            opath = os.path.join(tmp, "out-%s.json" % ver)
            subprocess.run([python_for(ver), os.path.abspath(__file__), "--eval", cpath, opath],
                           env=env, check=True)
            with open(opath) as f:
                outs.append(json.load(f))
    return outs


def swift_ranges(ranges, indent="    "):
    items = ["(0x%X, 0x%X)" % (a, b) for a, b in ranges]
    lines, line = [], indent
    for it in items:
        piece = it + ", "
        if len(line) + len(piece) > 108:
            lines.append(line.rstrip())
            line = indent
        line += piece
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


def xor_ranges(a, b):
    sa = set()
    for x, y in a:
        sa.update(range(x, y + 1))
    sb = set()
    for x, y in b:
        sb.update(range(x, y + 1))
    diff = sorted(sa ^ sb)
    out = []
    for c in diff:
        if out and out[-1][1] == c - 1:
            out[-1][1] = c
        else:
            out.append([c, c])
    return out


def write_tables(outs):
    latest = outs[-1]["printable"]
    parts = [
        "// Generated by tools/gen_format_cases.py from real CPython 3.8-3.13 (str.isprintable over",
        "// every code point). Do not edit by hand: rerun the script.",
        "//",
        "// `latest` lists the printable ranges of 3.13 (Unicode 15.1); each older version lists",
        "// the ranges whose printability differs from 3.13 (code points assigned since).",
        "",
        "extension UnicodePrintability {",
        "  /// Printable code point ranges (inclusive) of CPython 3.13's Unicode database.",
        "  static let latest: [(UInt32, UInt32)] = [",
        swift_ranges(latest),
        "  ]",
        "",
        "  /// Per minor version, the ranges whose printability differs from `latest`.",
        "  static let differences: [Int: [(UInt32, UInt32)]] = [",
    ]
    for ver, out in zip(VERSIONS, outs):
        minor = int(ver.split(".")[1])
        diff = xor_ranges(out["printable"], latest)
        parts.append("    %d: [" % minor)
        if diff:
            parts.append(swift_ranges(diff, "      "))
        parts.append("    ],")
    parts += ["  ]", "}", ""]
    with open(TABLES, "w") as f:
        f.write("\n".join(parts))


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--eval":
        worker(sys.argv[2], sys.argv[3])
        return
    rng = random.Random(20240601)
    if len(sys.argv) == 4 and sys.argv[1] == "--bulk":
        n = int(sys.argv[2])
        bits = [fbits(random_double(rng)) for _ in range(n)]
        with open(sys.argv[3], "w") as f:
            for b in bits:
                f.write("%016x %s\n" % (b, repr(ffrom(b))))
        return
    cases = gen_cases(rng)
    floats = [fbits(x) for x in SPECIAL_FLOATS] + [fbits(-x) for x in SPECIAL_FLOATS]
    floats += [fbits(10.0**k) for k in range(-30, 30)] + [fbits(2.0**k) for k in range(-1074, 1024, 37)]
    floats += [fbits(random_double(rng)) for _ in range(20000 - len(floats))]
    outs = run_all(cases, floats)
    os.makedirs(FIXTURES, exist_ok=True)
    with open(os.path.join(FIXTURES, "float_repr.txt"), "w") as f:
        for i, b in enumerate(floats):
            assert len({o["floats"][i] for o in outs}) == 1, "float repr differs between versions"
            f.write("%016x %s\n" % (b, outs[0]["floats"][i]))
    with open(os.path.join(FIXTURES, "cases.jsonl"), "w") as f:
        for i, (cat, args) in enumerate(cases):
            exp = merge([o["results"][i] for o in outs])
            f.write(json.dumps([cat, args, exp], ensure_ascii=False) + "\n")
    write_tables(outs)
    print("%d cases, %d floats" % (len(cases), len(floats)))


if __name__ == "__main__":
    main()
