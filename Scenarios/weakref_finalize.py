# weakref.finalize: a callback tied to an object's death that runs at most
# once, can be called early, and still runs at interpreter exit if the object
# is alive then.
import weakref


class Resource:
    def __init__(self, name):
        self.name = name


def cleanup(name):
    print("  cleanup", name)


a = Resource("a")
fa = weakref.finalize(a, cleanup, "a")
print("alive:", fa.alive)
del a
print("after del a, alive:", fa.alive)
b = Resource("b")
fb = weakref.finalize(b, cleanup, "b")
print("calling fb() early returns:", fb())
print("alive:", fb.alive, "second call:", fb())
del b
print("b deleted, nothing more to run")
c = Resource("c")
fc = weakref.finalize(c, cleanup, "c")
fd = weakref.finalize(c, cleanup, "c, registered second")
print("end of script; c is still alive")
