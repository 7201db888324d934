# `except E as e` unbinds e even when the handler itself is left by an
# exception.
#
# The compiler wraps the handler body in a hidden try/finally whose
# cleanup sets e = None and deletes it, then re-raises. Without it, a
# handler that raises (or a suspended generator closed inside its handler)
# would leave the caught exception bound in a frame that the new
# exception's traceback keeps alive: the caught exception, its args and
# its own traceback would live on. Watch the refcount of `caught`: it goes
# back to 2 (the global name and getrefcount's argument) every time.
import gc
import sys

gc.collect()
gc.disable()

caught = KeyError("payload")


def refs():
    caught.__traceback__ = None  # the traceback of the last raise holds a frame
    return sys.getrefcount(caught)


def raise_from_handler():
    try:
        raise caught
    except KeyError as e:
        raise ValueError("while handling")


def return_from_handler():
    try:
        raise caught
    except KeyError as e:
        return "returned"


def delete_then_raise():
    try:
        raise caught
    except KeyError as e:
        del e
        raise ValueError("after del")


print("start:", refs())
try:
    raise_from_handler()
except ValueError as problem:
    print("context is the caught one:", problem.__context__ is caught)
    print("while the new one is alive:", refs())
print("raise from handler:", refs())
print(return_from_handler(), refs())
try:
    delete_then_raise()
except ValueError:
    pass
print("del then raise:", refs())


def suspended_in_handler():
    try:
        raise caught
    except KeyError as e:
        yield "inside the handler"


g = suspended_in_handler()
print(next(g), refs())
del g  # closing throws GeneratorExit at the yield; the cleanup unbinds e
print("generator closed:", refs(), "collected:", gc.collect())

for attempt in range(3):
    try:
        raise_from_handler()
    except ValueError:
        pass
print("after three more:", refs(), "collected:", gc.collect())
