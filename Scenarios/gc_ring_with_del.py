# Finalizers in a cycle (PEP 442, 3.4+): the collector calls every __del__ once,
# in the order the unreachable objects sit in its list, then breaks the cycle.
import gc


class Member:
    def __init__(self, name):
        self.name = name
        self.peer = None

    def __del__(self):
        print("  __del__", self.name, "peer is", self.peer.name)


gc.collect()
gc.disable()
a = Member("a")
b = Member("b")
c = Member("c")
a.peer = b
b.peer = c
c.peer = a
del a, b, c
print("collecting a -> b -> c -> a:")
print("collected:", gc.collect())
y = Member("y")
x = Member("x")
x.peer = y
y.peer = x
del x, y
print("created y then x:")
print("collected:", gc.collect())
gc.enable()
