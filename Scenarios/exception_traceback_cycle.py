# The classic exception cycle: an exception stored in a local of the frame it
# was raised in. exc.__traceback__ -> frame -> locals -> exc. Only the cycle
# collector can free it.
import gc


class Big:
    def __del__(self):
        print("  Big freed")


def keeps_exception():
    big = Big()
    try:
        raise ValueError("stored")
    except ValueError as e:
        err = e
    return 1


def drops_exception():
    big = Big()
    try:
        raise ValueError("not stored")
    except ValueError as e:
        pass
    return 1


gc.collect()
gc.disable()
print("drops_exception():")
drops_exception()
print("keeps_exception():")
keeps_exception()
print("returned; Big is still alive in the cycle")
print("gc.collect() found", gc.collect(), "unreachable objects")
gc.enable()
