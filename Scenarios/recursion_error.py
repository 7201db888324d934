# Unbounded recursion raises RecursionError at the recursion limit instead of
# crashing. The depth reached depends on the version's bookkeeping.
import sys

print("limit:", sys.getrecursionlimit())
depth = 0


def dive(n):
    global depth
    depth = n
    return dive(n + 1)


try:
    dive(1)
except RecursionError as e:
    print("RecursionError:", e)
print("deepest level reached:", depth)
sys.setrecursionlimit(200)
try:
    dive(1)
except RecursionError:
    print("with limit 200, reached:", depth)
sys.setrecursionlimit(1000)


def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


print("fact(100) has", len(str(fact(100))), "digits")


# Where the limit strikes depends on what the deepest frame does first. Up to
# 3.10 a comparison there is itself a guarded C call, so the error says "in
# comparison"; 3.11 says so only for a comparison it has not specialised
# (one that does not feed a jump, or whose operands are not small ints,
# floats or strs); from 3.12 comparisons never count.
def count_down_to_minus(n):
    global depth
    depth = n
    if n == -1:  # a comparison that feeds a jump
        return 0
    return count_down_to_minus(n + 1)


def keep_flags(n):
    global depth
    depth = n
    flag = n < -1  # a comparison whose result is stored
    return flag or keep_flags(n + 1)


def membership(n):
    global depth
    depth = n
    return n in [None, -1] or membership(n + 1)


for probe in (count_down_to_minus, keep_flags, membership):
    try:
        probe(1)
    except RecursionError as e:
        print(probe.__name__, "stopped at", depth, "-", e)
