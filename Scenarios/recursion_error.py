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
