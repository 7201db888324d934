#!/usr/bin/env python3
"""Measure CPython's argument-count errors of the builtins heapscope models.

Run under every installed CPython 3.8-3.13 (pyenv), each callable in its own
subprocess so that calls accepted with dummy arguments cannot disturb the
others. For each callable and each positional argument count 0..5 it records
the TypeError message when CPython rejects the count itself ("takes exactly
one argument (2 given)", "pop expected at most 1 argument, got 2", ...).

Writes Sources/Scenario/Interpreter/VM/BuiltinArity+Measured.swift: per
builtin, per version, the accepted range and the two message templates
("{n}" stands for the count given). Usage: tools/builtins/measure_arity.py, then `swift format format --in-place` the output.
"""
import glob
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Sources/Scenario/Interpreter/VM/BuiltinArity+Measured.swift")

# (Swift case, expression for the callable)
CALLABLES = [
    ("len", "len"), ("repr", "repr"), ("id", "id"), ("isinstance", "isinstance"),
    ("issubclass", "issubclass"), ("sum", "sum"), ("min", "min"), ("max", "max"),
    ("sorted", "sorted"), ("iter", "iter"), ("next", "next"), ("abs", "abs"), ("all", "all"),
    ("any", "any"), ("divmod", "divmod"), ("pow", "pow"), ("round", "round"), ("chr", "chr"),
    ("ord", "ord"), ("hex", "hex"), ("bin", "bin"), ("callable", "callable"), ("hash", "hash"),
    ("getattr", "getattr"), ("setattr", "setattr"), ("hasattr", "hasattr"), ("delattr", "delattr"),
    ("sysGetsizeof", "sys.getsizeof"), ("sysGetrefcount", "sys.getrefcount"),
    ("sysIntern", "sys.intern"), ("sysGetrecursionlimit", "sys.getrecursionlimit"),
    ("sysSetrecursionlimit", "sys.setrecursionlimit"),
    ("listAppend", "[].append"), ("listPop", "[].pop"), ("listExtend", "[].extend"),
    ("listInsert", "[].insert"), ("listRemove", "[].remove"), ("listIndex", "[].index"),
    ("listCount", "[].count"), ("listReverse", "[].reverse"), ("listSort", "[].sort"),
    ("listClear", "[].clear"), ("listCopy", "[].copy"),
    ("dictGet", "{}.get"), ("dictKeys", "{}.keys"), ("dictValues", "{}.values"),
    ("dictItems", "{}.items"), ("dictPop", "{}.pop"), ("dictSetdefault", "{}.setdefault"),
    ("dictUpdate", "{}.update"), ("dictClear", "{}.clear"), ("dictCopy", "{}.copy"),
    ("strJoin", "''.join"), ("strSplit", "''.split"), ("strUpper", "''.upper"),
    ("strLower", "''.lower"), ("strStrip", "''.strip"), ("strReplace", "''.replace"),
    ("strStartswith", "''.startswith"), ("strEndswith", "''.endswith"), ("strFind", "''.find"),
    ("strCount", "''.count"), ("strRfind", "''.rfind"), ("strIndex", "''.index"),
    ("strRindex", "''.rindex"), ("strLstrip", "''.lstrip"), ("strRstrip", "''.rstrip"),
    ("strLjust", "''.ljust"), ("strRjust", "''.rjust"), ("strCenter", "''.center"),
    ("strZfill", "''.zfill"), ("strPartition", "''.partition"), ("strRpartition", "''.rpartition"),
    ("strCapitalize", "''.capitalize"), ("strTitle", "''.title"), ("strSwapcase", "''.swapcase"),
    ("strIsdigit", "''.isdigit"), ("strIsalpha", "''.isalpha"), ("strIsalnum", "''.isalnum"),
    ("strIsspace", "''.isspace"), ("strIsdecimal", "''.isdecimal"), ("strIsupper", "''.isupper"),
    ("strIslower", "''.islower"),
    ("setAdd", "set().add"), ("setDiscard", "set().discard"), ("setRemove", "set().remove"),
    ("setPop", "set().pop"), ("tupleIndex", "().index"), ("tupleCount", "().count"),
    ("bytearrayAppend", "bytearray().append"), ("bytearrayExtend", "bytearray().extend"),
    ("gcCollect", "gc.collect"), ("gcEnable", "gc.enable"), ("gcDisable", "gc.disable"),
    ("gcIsenabled", "gc.isenabled"), ("gcGetCount", "gc.get_count"),
    ("gcGetThreshold", "gc.get_threshold"), ("gcSetThreshold", "gc.set_threshold"),
    ("gcGetStats", "gc.get_stats"), ("gcGetObjects", "gc.get_objects"),
    ("gcIsTracked", "gc.is_tracked"), ("gcIsFinalized", "gc.is_finalized"),
    ("gcSetDebug", "gc.set_debug"), ("gcGetDebug", "gc.get_debug"), ("gcFreeze", "gc.freeze"),
    ("gcUnfreeze", "gc.unfreeze"), ("gcGetFreezeCount", "gc.get_freeze_count"),
    ("weakrefGetweakrefcount", "weakref.getweakrefcount"),
    ("dictPopitem", "{}.popitem"), ("dictFromkeys", "dict.fromkeys"),
    ("strRsplit", "''.rsplit"), ("strSplitlines", "''.splitlines"), ("strEncode", "''.encode"),
    ("strCasefold", "''.casefold"), ("strExpandtabs", "''.expandtabs"),
    ("strIsidentifier", "''.isidentifier"), ("strIsprintable", "''.isprintable"),
    ("strIsascii", "''.isascii"), ("strRemoveprefix", "''.removeprefix"),
    ("strRemovesuffix", "''.removesuffix"),
    ("intBitLength", "(5).bit_length"), ("intBitCount", "(5).bit_count"), ("intToBytes", "(5).to_bytes"),
    ("intFromBytes", "int.from_bytes"), ("intConjugate", "(5).conjugate"),
    ("intAsIntegerRatio", "(5).as_integer_ratio"), ("intIsInteger", "(5).is_integer"),
    ("floatIsInteger", "(0.5).is_integer"), ("floatAsIntegerRatio", "(0.5).as_integer_ratio"),
    ("floatHex", "(0.5).hex"), ("floatFromhex", "float.fromhex"), ("floatConjugate", "(0.5).conjugate"),
    ("bytesDecode", "b''.decode"), ("bytesUpper", "b''.upper"), ("bytesLower", "b''.lower"),
    ("bytesSplit", "b''.split"), ("bytesStrip", "b''.strip"), ("bytesStartswith", "b''.startswith"),
    ("bytesEndswith", "b''.endswith"), ("bytesFind", "b''.find"), ("bytesCount", "b''.count"),
    ("bytesReplace", "b''.replace"), ("bytesHex", "b''.hex"), ("bytesFromhex", "bytes.fromhex"),
    ("bytesJoin", "b''.join"), ("bytesIndex", "b''.index"),
    ("bytearrayPop", "bytearray().pop"), ("bytearrayDecode", "bytearray().decode"),
    ("bytearrayClear", "bytearray().clear"), ("bytearrayInsert", "bytearray().insert"),
    ("bytearrayReverse", "bytearray().reverse"), ("bytearrayCopy", "bytearray().copy"),
    ("bytearrayRemove", "bytearray().remove"),
    # set and frozenset algebra (Interpreter+SetMethods.swift)
    ("setCopy", "set().copy"), ("setClear", "set().clear"), ("setUpdate", "set().update"),
    ("setUnion", "set().union"), ("setIntersection", "set().intersection"),
    ("setDifference", "set().difference"), ("setSymmetricDifference", "set().symmetric_difference"),
    ("setIssubset", "set().issubset"), ("setIssuperset", "set().issuperset"),
    ("setIsdisjoint", "set().isdisjoint"), ("setIntersectionUpdate", "set().intersection_update"),
    ("setDifferenceUpdate", "set().difference_update"),
    ("setSymmetricDifferenceUpdate", "set().symmetric_difference_update"),
    ("frozensetCopy", "frozenset().copy"), ("frozensetUnion", "frozenset().union"),
    ("frozensetIntersection", "frozenset().intersection"), ("frozensetDifference", "frozenset().difference"),
    ("frozensetSymmetricDifference", "frozenset().symmetric_difference"),
    ("frozensetIssubset", "frozenset().issubset"), ("frozensetIssuperset", "frozenset().issuperset"),
    ("frozensetIsdisjoint", "frozenset().isdisjoint"),
]

PROBE = r'''
import gc, sys, weakref, json
gc.disable()
f = %s
out = {}
for n in range(6):
    try:
        f(*([0] * n))
        out[n] = None
    except TypeError as e:
        out[n] = str(e)
    except Exception:
        out[n] = None
print(json.dumps(out))
'''

ARITY = re.compile(
    r"(takes (exactly|at least|at most|no) .*\(\d+ given\)|expected .*arguments?, got \d+"
    r"|takes no arguments \(\d+ given\)|takes no positional arguments|\bmissing required argument"
    r"|function missing required)")


def template(message, n):
    return re.sub(r"\b%d given\)" % n, "{n} given)", re.sub(r"got %d$" % n, "got {n}", message))


def measure(python):
    table = {}
    for case, expression in CALLABLES:
        try:
            text = subprocess.run(
                [python, "-c", PROBE % expression], capture_output=True, text=True, timeout=20,
                env=dict(os.environ, PYTHONHASHSEED="0", PYTHONBREAKPOINT="0")).stdout
            results = {int(k): v for k, v in json.loads(text).items()}
        except Exception:
            continue  # absent in this version (gc.is_finalized in 3.8)
        accepted = [n for n, m in results.items() if not (m and ARITY.search(m))]
        if not accepted:
            continue
        low, high = min(accepted), max(accepted)
        few = template(results[low - 1], low - 1) if low > 0 else ""
        many = template(results[high + 1], high + 1) if high < 5 else ""
        table[case] = (low, high if high < 5 else -1, few, many)
    return table


def measure_all(measure):
    """`measure(python)` for the newest pyenv CPython of each minor 3.8-3.13."""
    root = subprocess.run(["pyenv", "root"], capture_output=True, text=True).stdout.strip()
    versions = {}
    for minor in range(8, 14):
        found = sorted(glob.glob(os.path.join(root, "versions", "3.%d.*" % minor, "bin", "python3")))
        if not found:
            sys.exit("no CPython 3.%d under %s" % (minor, root))
        versions[minor] = measure(found[-1])
    return versions


def main():
    versions = measure_all(measure)
    lines = [
        "// Generated by tools/builtins/measure_arity.py from CPython 3.8-3.13; do not edit.",
        "// Per builtin and version: the accepted positional counts (max -1: no limit",
        "// measured up to 5) and CPython's messages for too few and too many, with",
        "// {n} for the count given.",
        "",
        "extension BuiltinArity {",
        "  static let measured: [Builtin: [BuiltinArity?]] = [",
    ]
    for case, _ in CALLABLES:
        entries = []
        for minor in range(8, 14):
            entry = versions[minor].get(case)
            if entry is None:
                entries.append("nil")
            else:
                low, high, few, many = entry
                entries.append("BuiltinArity(%d, %d, %s, %s)" % (low, high, json.dumps(few), json.dumps(many)))
        lines.append("    .%s: [" % case)
        for entry in entries:
            lines.append("      %s," % entry)
        lines.append("    ],")
    lines += ["  ]", "}", ""]
    with open(OUT, "w") as handle:
        handle.write("\n".join(lines))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
