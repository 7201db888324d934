# A suspended generator keeps its frame, and with it every local, alive. The
# locals are freed when the generator finishes or is dropped.
import sys


class Resource:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  freed", self.name)


def numbers(n):
    res = Resource("held by the generator")
    i = 0
    while i < n:
        yield i
        i += 1
    print("  generator body finished")


g = numbers(3)
print("created, not started (no Resource yet)")
print("first value:", next(g))
print("suspended; getsizeof(g) =", sys.getsizeof(g))
print("second:", next(g))
print("dropping the suspended generator:")
del g
print("---")
g = numbers(2)
print("exhausting another one:", list(g))
print("exhausted generator still referenced, locals already gone")
del g
print("---")
h = numbers(5)
next(h)
keep = [h]
h = None
print("only a list refers to it now")
keep.clear()
print("end")
