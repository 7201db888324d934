# How big is a list? It depends on how it was built: a display with a variable
# is exact, a display of constants, list(range(n)) and a comprehension follow
# different growth rules, [x] * n is exact.
import sys

v = 7
print("[v, v, v]          ", sys.getsizeof([v, v, v]))
print("[1, 2, 3]          ", sys.getsizeof([1, 2, 3]))
print("[1, 2, 3, 4, 5]    ", sys.getsizeof([1, 2, 3, 4, 5]))
print("[1, 2, 3, 4, 5, 6] ", sys.getsizeof([1, 2, 3, 4, 5, 6]))
print("list(range(5))     ", sys.getsizeof(list(range(5))))
print("list(range(10))    ", sys.getsizeof(list(range(10))))
print("[x for x in r(10)] ", sys.getsizeof([x for x in range(10)]))
print("[None] * 10        ", sys.getsizeof([None] * 10))
print("list((1, 2, 3))    ", sys.getsizeof(list((1, 2, 3))))
a = [0] * 10
a.extend([1, 2, 3])
print("[0]*10 + extend 3  ", sys.getsizeof(a))
b = a[:5]
print("a[:5]              ", sys.getsizeof(b))
a.clear()
print("after clear()      ", sys.getsizeof(a))
print("sorted(range(7))   ", sys.getsizeof(sorted(range(7))))
