# A function's locals are released when it returns (or raises), in the order
# they were declared; the return value survives.
class Probe:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  del", self.name)


def work():
    first = Probe("first")
    second = Probe("second")
    result = Probe("result")
    third = Probe("third")
    print("  returning")
    return result


print("calling work():")
r = work()
print("got", r.name)
del r


def fails():
    a = Probe("a")
    b = Probe("b")
    raise ValueError("boom")


print("calling fails():")
try:
    fails()
except ValueError:
    print("  caught (the traceback still holds the frame)")
print("after the except block")


def inner():
    x = Probe("inner x")
    return 1


def outer():
    y = Probe("outer y")
    inner()
    print("  inner returned")
    return 2


print("nested:")
outer()
print("end")
