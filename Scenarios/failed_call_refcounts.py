# A call that fails to bind its arguments takes no references.
#
# CPython checks a call's arguments against the function's parameters
# before the frame exists. When they do not fit (too many positional
# arguments, a missing one, an unexpected keyword), TypeError is raised and
# every reference the binding took so far is given back: the arguments'
# refcounts are what they were, and nothing of the attempted frame is left.
# A class call is the same, one level up: type_call made the instance (and
# the argument tuple) first, and when __init__'s arguments do not fit, the
# instance is freed again — watch its block being reused by the next one.
import sys


def one(a):
    return a


def with_default(a, b=2, *, c):
    return a


class Point:
    def __init__(self, x, y=0):
        self.x = x
        self.y = y


payload = [1, 2, 3]
before = sys.getrefcount(payload)
messages = []
for attempt in range(3):
    for call in (
        lambda: one(payload, payload),
        lambda: one(),
        lambda: one(payload, b=payload),
        lambda: with_default(payload, payload, payload, c=1),
        lambda: with_default(payload),
        lambda: with_default(payload, c=payload, d=payload),
        lambda: Point(payload, payload, payload),
        lambda: Point(),
        lambda: Point(payload, z=payload),
    ):
        try:
            call()
        except TypeError as exc:
            if attempt == 0:
                messages.append(str(exc))
for message in messages:
    print(message)
print("references gained by failed calls:", sys.getrefcount(payload) - before)

first = Point(1)
first_id = id(first)
del first
try:
    Point(1, 2, 3)
except TypeError:
    pass
second = Point(1)
print("the freed instance's block is reused:", id(second) == first_id)
