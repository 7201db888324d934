# What runs when the script ends: Python does not simply set each global to
# None. At exit (Py_FinalizeEx):
#
#   1. atexit hooks run: live weakref.finalize callbacks, newest first;
#   2. the collector is enabled, so a full collection runs: the orphaned
#      cycle below (no name refers to it) is finalized here, first;
#   3. sys.modules lets go of __main__; its globals dict is in a cycle with
#      every function defined here (`f.__globals__`), so it is garbage, and
#      the last collection finalizes everything only it held. Watch the
#      order: the collector calls __del__ on the instances it found (the
#      globals `first` and `second`, the self-referencing `loop`) in its own
#      list order, and the instances inside the list `group` die later, when
#      the list is cleared (last item first). While any of this runs, every
#      global still has its value: nothing was set to None.
import weakref


class Tracked:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("__del__", self.name, "| first is still", first.name)


def announce(name):
    print("finalize callback", name)


first = Tracked("first")
group = [Tracked("group[0]"), Tracked("group[1]")]
second = Tracked("second")
loop = Tracked("loop")
loop.me = loop  # a cycle that a name still holds
orphan = Tracked("orphan")
orphan.me = orphan
del orphan  # a cycle nobody holds: garbage until the next collection
watched = Tracked("watched")
weakref.finalize(watched, announce, "watched")
print("end of script")
