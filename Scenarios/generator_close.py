# Closing a suspended generator: dropping the last reference (or the
# collector finding it unreachable) calls its finalizer, which throws
# GeneratorExit into the frame at its yield, so `finally` blocks and
# `except GeneratorExit` run before the frame's locals are released. A
# generator that never started has nothing to run: 3.8–3.11 still run its
# fresh frame (releasing its arguments at once), 3.12+ leave its locals to
# the collector.
import gc


class Tag:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  freed", self.name)


def guarded(name):
    tag = Tag(name)
    try:
        yield 1
        yield 2
    finally:
        print("  finally of", name)


print("dropping a suspended generator:")
g = guarded("dropped")
next(g)
del g
print("exhausted generators need no closing:")
g = guarded("exhausted")
print(" ", list(g))
del g


def catcher():
    try:
        yield 1
    except GeneratorExit:
        print("  caught GeneratorExit")
        raise


print("except GeneratorExit:")
c = catcher()
next(c)
c = None


print("never started:")
u = guarded("never started")
del u
print("in a cycle:")
gc.collect()
gc.disable()
box = []
g = guarded("cycle")
box.append(g)
box.append(box)
next(g)
del g, box
print("collected:", gc.collect())
gc.enable()


def arg_holder(items):
    yield len(items)


print("an unstarted generator whose argument holds it:")
gc.disable()
items = [Tag("argument")]
g = arg_holder(items)
items.append(g)
del g, items
print("collected:", gc.collect())
gc.enable()
print("end")
