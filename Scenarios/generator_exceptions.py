# Exceptions and generators.
#
# 1. A generator has its own "exception being handled" (gi_exc_state). If it
#    yields inside an `except` block, its caller does not see that exception:
#    a new exception raised by the caller gets the caller's own context (or
#    none). Resumed, the generator sees its own exception again (a bare
#    `raise` re-raises it).
# 2. `return value` in a generator ends it with StopIteration(value), whose
#    `.value` next() callers can read; next(g, default) swallows it.
# 3. PEP 479: a StopIteration escaping a generator's body becomes
#    "RuntimeError: generator raised StopIteration", caused by it — here left
#    uncaught, so the traceback shows both, joined by "The above exception
#    was the direct cause of the following exception".
def handling():
    try:
        raise ValueError("inside the generator")
    except ValueError:
        yield 1
        try:
            raise KeyError("again inside")
        except KeyError as k:
            print("generator sees", repr(k.__context__))
        yield 2
        raise


gen = handling()
print(next(gen))
try:
    raise KeyError("caller")
except KeyError as e:
    print("caller sees", repr(e.__context__))
try:
    raise TypeError("caller handling")
except TypeError:
    print(next(gen))
    try:
        raise NameError("nested")
    except NameError as n:
        print("caller sees", repr(n.__context__))
try:
    next(gen)
except ValueError as v:
    print("re-raised", repr(v), repr(v.__context__))


def counted():
    yield "a"
    return 42


c = counted()
print(next(c))
try:
    next(c)
except StopIteration as stop:
    print(repr(stop), stop.value, stop.args)
try:
    next(c)
except StopIteration as stop:
    print(repr(stop), stop.value, stop.args)
print(next(counted(), "x"), next(iter([]), "default"))


def leaky():
    yield 1
    raise StopIteration("too early")


try:
    print(sum(leaky()))
except RuntimeError as error:
    print(repr(error), repr(error.__cause__), error.__suppress_context__)
for item in leaky():
    print("item", item)
