# Every class is a reference cycle. The type points to its method-resolution
# order tuple, which starts with the type itself; its __dict__ holds the
# getset descriptors for instance __dict__ and __weakref__, which point back
# to the type. Dropping the last name of a class therefore frees nothing:
# only the cycle collector reclaims a class, with its companions.
import gc

gc.collect()
gc.disable()


def make_plain():
    class Plain:
        pass
    return Plain


def make_with_method():
    class WithMethod:
        def f(self):
            return 1
        shared = [1]
    return WithMethod


def make_slotted():
    class Slotted:
        __slots__ = ("a",)
    return Slotted


class Base:
    pass


def make_subclass():
    class Sub(Base):
        pass
    return Sub


for make in (make_plain, make_with_method, make_slotted, make_subclass):
    before = gc.get_count()[0]
    cls = make()
    # A class allocates several GC objects: the type, its mro and bases
    # tuples, its namespace dict, the descriptors, a weak reference in its
    # base's subclass registry.
    print(cls.__name__, "GC allocations:", gc.get_count()[0] - before)
    gc.set_debug(gc.DEBUG_SAVEALL)
    del cls
    found = gc.collect()
    kinds = sorted(type(o).__name__ for o in gc.garbage)
    print("  collected", found, kinds)
    # Saved garbage is alive again; drop it and collect it for good.
    gc.garbage.clear()
    gc.set_debug(0)
    gc.collect()
