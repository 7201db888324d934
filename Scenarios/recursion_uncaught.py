# Uncaught RecursionError: CPython collapses the repeated frames of the
# traceback into "[Previous line repeated N more times]".
import sys

sys.setrecursionlimit(100)


def down(n):
    return down(n + 1)


print("starting")
down(0)
