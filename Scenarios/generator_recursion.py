# Generators driven from C recurse like calls.
#
# `sum()` pulls each item of a generator by resuming its frame from C
# (`gen_send_ex`): a nested evaluation, just like a call. A generator whose
# item is the `sum()` of another generator of the same kind nests one
# generator frame per level, and the recursion limit counts them. Past it,
# the resume fails with RecursionError; the levels below are abandoned at
# their `yield`, and their suspended frames are released as the exception
# unwinds through them and the generators are freed.
#
# How many levels fit differs by version: 3.8-3.10 also count each `sum()`
# call (about 500 levels under the default limit of 1000), 3.11 and 3.13
# count the frames (about 1000), 3.12 stops at its separate C-stack limit
# (about 750) — heapscope counts the frames only, so it stops at the right
# place in 3.11 and 3.13 and with the right error everywhere.
import gc
import sys


def deep(n):
    yield (sum(deep(n - 1)) + 1) if n else 0


print("depth 50:", next(deep(50)))
try:
    print(next(deep(5000)))
except RecursionError as e:
    print("RecursionError:", e)
print("limit:", sys.getrecursionlimit())
print("unreachable after the unwinding:", gc.collect())
