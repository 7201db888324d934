// swift-format-ignore-file
// Scenarios compiled into the binary, so `heapscope` with no argument works
// from any directory. `Scenarios/tour.py` is the source of truth
// (regenerate with tools/gen-bundled-scenarios.py); a test keeps this copy
// identical to it.

/// Scenario texts built into heapscope.
public enum BundledScenarios {
  /// The file name the tour is shown under.
  public static let tourName = "tour.py"

  /// `Scenarios/tour.py`.
  public static let tour = #"""
# A guided tour of CPython's memory, in six stops. Each breakpoint() pauses the
# inspector (press c to continue); the comments say what to look at there.
# Under plain python3 run it with PYTHONBREAKPOINT=0 to skip the pauses.
import gc
import sys
import weakref

# Stop 1 - small ints are cached. Ints from -5 to 256 exist once, created at
# start-up; computing one returns the cached object. Bigger ones are new
# objects each time. Look at the object graph: `a` and `b` point at one box,
# `c` and `d` at two.
n = 200
a = n + 56
b = n + 56
c = n + 300
d = n + 300
print("256 is cached:", a is b, "- 500 is not:", c is d)
breakpoint()

# Stop 2 - a list grows in steps. append() over-allocates, so the item array
# is reallocated only now and then: watch the heap grid, where the array moves
# to a larger size class (and finally leaves pymalloc at 512 bytes).
items = []
sizes = []
for i in range(70):
    items.append(i)
    sizes.append(sys.getsizeof(items))
print("list sizes seen:", sorted(set(sizes)))
breakpoint()

# Stop 3 - a dict. Its keys table starts at 8 slots and doubles when two
# thirds are used. The Events pane names the C function doing the work
# (dictresize).
ages = {}
for name in ["ann", "bob", "cyd", "dee", "eve", "fay"]:
    ages[name] = len(name) * 10
print("dict of", len(ages), "keys:", sys.getsizeof(ages), "bytes")
breakpoint()


# Stop 4 - instances with and without __slots__. A plain instance keeps its
# attributes in a dict (or, from 3.11, in a values array next to it); a
# slotted one stores them in fixed fields. Compare the blocks they occupy.
class Plain:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


plains = [Plain(i, i) for i in range(100)]
slots = [Slotted(i, i) for i in range(100)]
print("slotted instance:", sys.getsizeof(slots[0]), "bytes")
breakpoint()


# Stop 5 - a reference cycle. `del` drops the names, but the two nodes still
# refer to each other, so their counts never reach zero. Only the cycle
# collector frees them: step into gc.collect() and watch the GC pane go through
# update_refs, subtract_refs and move_unreachable.
class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None

    def __del__(self):
        print("  freeing", self.name)


gc.collect()
gc.disable()
left = Node("left")
right = Node("right")
left.peer = right
right.peer = left
del left, right
print("the cycle is unreachable but alive")
breakpoint()
print("gc.collect() found", gc.collect() > 0)
gc.enable()
breakpoint()


# Stop 6 - a weak reference with a callback. A weakref does not keep its
# target alive; when the target dies the callback runs, and the weakref then
# returns None.
def gone(ref):
    print("  callback: the target is gone, ref() is", ref())


target = Node("target")
watch = weakref.ref(target, gone)
print("alive:", watch() is target)
del target
print("after del:", watch())
print("end of the tour")

"""#
}
