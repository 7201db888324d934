# Instances of your own exception classes are bigger than the builtin ones.
#
# class NotFound(LookupError) makes a heap type that adds a __weakref__ slot
# to BaseException's layout (builtin exceptions cannot be weakly
# referenced): 8 more bytes up to 3.11, 16 from 3.12, where weak references
# and the dict move to a two-word pre-header. That can move the instance to
# the next pymalloc size class.
#
# The subclass keeps its builtin base's fields: from 3.10 a NameError
# subclass has `name`, an AttributeError subclass `name` and `obj`, and
# without an __init__ of its own the builtin __init__ takes (or refuses)
# the keywords. Define __init__ and BaseException.__new__ ignores the
# keywords, handing them all to your __init__.
import gc
import sys


class NotFound(LookupError):
    pass


class Missing(NameError):
    pass


class NoSuchField(AttributeError):
    pass


class Explained(AttributeError):
    def __init__(self, message, **details):
        super().__init__(message)
        self.details = sorted(details)


for builtin, mine in [(LookupError, NotFound), (NameError, Missing), (AttributeError, NoSuchField)]:
    extra = sys.getsizeof(mine("x")) - sys.getsizeof(builtin("x"))
    print(mine.__name__, "is", extra, "bytes bigger than", builtin.__name__)

for make in [
    lambda: NoSuchField("no field", name="colour", obj=[1, 2]),
    lambda: Missing("no name", name="colour"),
    lambda: NoSuchField("no field", colour=1),
    lambda: NotFound("nothing", key="k"),
    lambda: Missing("no name", obj=3),
]:
    try:
        error = make()
        print(type(error).__name__, error.args, getattr(error, "name", "(no name)"), getattr(error, "obj", "(no obj)"))
    except TypeError as problem:
        print("TypeError:", problem)

explained = Explained("why", hint="look", code=3)
print(explained.args, explained.details, getattr(explained, "name", "(no name)"))

# The __weakref__ slot is real: your exceptions can be weakly referenced,
# the builtin ones cannot.
import weakref

error = NotFound("gone soon")
ref = weakref.ref(error)
print("weakref alive:", ref() is error)
del error
print("weakref after del:", ref())
try:
    weakref.ref(LookupError("builtin"))
except TypeError as problem:
    print("TypeError:", problem)

# Two thousand of them, between two reports: the blocks are taken in the
# subclass's size class (fresh pools, after a thousand to fill the holes).
gc.collect()
gc.disable()
warm = [NotFound("x") for i in range(1000)]
sys._debugmallocstats()
kept = [NotFound("x") for i in range(2000)]
sys._debugmallocstats()
print(len(kept), "kept")


# BaseException.__init__ through super(): the exception's args become the
# tuple of that call, replacing the one the class call made.
class CodedError(Exception):
    def __init__(self, code):
        super().__init__("code %d" % code, code)
        self.code = code


coded = CodedError(4)
print(coded, repr(coded), coded.args, coded.code, sys.getrefcount(coded.args))


class QuietKeyError(KeyError):
    def __init__(self):
        super().__init__()


print(repr(QuietKeyError()), QuietKeyError().args)


class KeywordError(ValueError):
    def __init__(self, a):
        super().__init__(a=a)


try:
    KeywordError(1)
except TypeError as exc:
    print("TypeError:", exc)
