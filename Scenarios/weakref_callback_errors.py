# A weak reference callback that raises cannot stop the object from dying:
# the error is reported on stderr as "Exception ignored in: <the callback>"
# and the program goes on. Here the callback is the builtin len(), which
# fails on the weakref it is handed ("object of type 'weakref' has no len()";
# 3.10+ name the type weakref.ReferenceType). A builtin leaves no frame of
# its own, so the report's traceback shows the Python line that was running
# when the object died: the `del`, the function return, the gc.collect().
import gc
import weakref


class Node:
    pass


def scoped():
    local = Node()
    keep = weakref.ref(local, len)
    return keep  # local dies as the frame ends


gc.collect()
gc.disable()
first = Node()
r1 = weakref.ref(first, len)
del first
print("after del:", r1())
r2 = scoped()
print("after return:", r2())
ring = Node()
ring.me = ring
r3 = weakref.ref(ring, len)
del ring
print("collected:", gc.collect(), r3())
