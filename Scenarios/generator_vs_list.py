# Generators vs lists: a list comprehension materialises every item, a
# generator expression produces one at a time, so its size does not depend on n.
import sys

n = 1000
squares_list = [i * i for i in range(n)]
squares_gen = (i * i for i in range(n))
print("list of 1000 squares:", sys.getsizeof(squares_list))
print("generator of 1000 squares:", sys.getsizeof(squares_gen))
print("sums agree:", sum(squares_list) == sum(squares_gen))
print("generator is spent:", sum(squares_gen))
big = (i for i in range(10 ** 6))
print("generator of a million:", sys.getsizeof(big))
print("range(10 ** 6):", sys.getsizeof(range(10 ** 6)))


def countdown(k):
    while k > 0:
        yield k
        k -= 1


print("generator function object:", sys.getsizeof(countdown(3)))
print(list(countdown(5)))
it = iter([1, 2, 3])
print("list iterator:", next(it), next(it), next(it), next(it, "done"))
