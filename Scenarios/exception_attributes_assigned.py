# Assigning an exception's own attributes: args, __traceback__,
# __context__, __cause__ (which sets __suppress_context__).
#
# They are not entries of the exception's __dict__ but fields of the
# exception object itself (BaseException's getset descriptors), so
# assigning them replaces what the exception holds. The classic use:
# `e.__traceback__ = None` lets go of the traceback, and with it every
# frame of the raise and every local those frames hold — the
# exception -> traceback -> frame -> locals chain that keeps memory alive.
# (3.8–3.11 store the None itself in the field, 3.12+ store nothing: see
# gc.get_referents.) A wrong type is a TypeError, and args becomes a tuple.
import gc
import sys

gc.collect()
gc.disable()


class Payload:
    pass


def fail(payload):
    local = payload  # the frame's local keeps the payload alive
    raise KeyError("lost")


payload = Payload()
try:
    fail(payload)
except KeyError as caught:
    saved = caught
print("held by the traceback's frame:", sys.getrefcount(payload))
print("referents before:", sorted(type(r).__name__ for r in gc.get_referents(saved)))
saved.__traceback__ = None
print("after __traceback__ = None:", sys.getrefcount(payload), saved.__traceback__)
print("referents after:", sorted(type(r).__name__ for r in gc.get_referents(saved)))

saved.args = ["a", "list"]
print("args:", type(saved.args).__name__, saved.args, saved)

other = ValueError("other")
saved.__context__ = other
print("suppress context:", saved.__suppress_context__)
# Setting __cause__, even to None, suppresses the context in a traceback
# (__suppress_context__ becomes True), as `raise ... from` does.
saved.__cause__ = None
print("context:", repr(saved.__context__), "cause:", saved.__cause__)
print("suppress context:", saved.__suppress_context__)
saved.__cause__ = other
print("cause:", repr(saved.__cause__))
saved.__context__ = None
print("context cleared:", saved.__context__)

for name, value in [("__traceback__", 5), ("__context__", "text"), ("__cause__", 1.5)]:
    try:
        setattr(saved, name, value)
    except TypeError as problem:
        print(name, "->", problem)

saved.note = "kept in __dict__"
print("ordinary attribute:", saved.note)

# Raising again after the traceback was dropped starts a fresh one.
try:
    raise saved
except KeyError as again:
    print("new traceback:", type(again.__traceback__).__name__, again.__traceback__.tb_next)

# `raise ... from` sets both the cause and the suppression; a plain raise
# inside an `except` sets only the context.
try:
    try:
        1 / 0
    except ZeroDivisionError as inner:
        raise KeyError("outer") from inner
except KeyError as e:
    print("from:", type(e.__cause__).__name__, e.__suppress_context__, type(e.__context__).__name__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise KeyError("outer")
except KeyError as e:
    print("plain:", e.__cause__, e.__suppress_context__, type(e.__context__).__name__)


# `raise ... from X` takes a class (instantiated), an instance or None; any
# other cause makes the raise itself a TypeError.
def raise_from(cause):
    try:
        raise ValueError("v") from cause
    except Exception as e:
        return type(e).__name__ + ": " + str(e) + " | cause " + repr(e.__cause__)


for cause in (KeyError, KeyError("k"), None, 5, "text", int):
    print(raise_from(cause))
