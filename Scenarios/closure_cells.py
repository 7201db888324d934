# Closures: a variable captured by an inner function lives in a cell object;
# the cell outlives the outer call for as long as the inner function does.
import sys


class Payload:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  freed", self.name)


def make_counter():
    count = 0
    payload = Payload("captured")

    def step():
        nonlocal count
        count += 1
        return count, payload.name

    return step


c = make_counter()
print("outer returned; the captured payload is still alive")
print(c(), c(), c())
print("function with a closure:", sys.getsizeof(c))
print("one more counter shares nothing:", make_counter()())
print("dropping the closure frees the cell and its payload:")
del c


def not_captured():
    p = Payload("plain local")
    return len(p.name)


print("a plain local dies on return:")
print(not_captured())
adders = [lambda x, k=k: x + k for k in range(3)]
print("defaults bind early:", [f(10) for f in adders])
late = [lambda x: x + k for k in range(3)]
print("closures bind late:", [f(10) for f in late])
