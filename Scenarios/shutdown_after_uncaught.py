# An uncaught exception, then shutdown. The traceback is printed first; the
# exception stays referenced as sys.last_value (with its traceback and the
# frames it passed through, locals included) during the first collection of
# shutdown, and is released before __main__'s globals go. So `local`, a
# self-referencing object in the frame of the function that raised, is found
# garbage together with the globals — and finalized after them, because that
# first collection reordered the collector's list. The globals `first` and the
# list `pair` go first: `first` finalized by the collector, the items of
# `pair` when the list is cleared (last item first).
class Tracked:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("__del__", self.name)


def fail():
    local = Tracked("local")
    local.me = local
    raise ValueError("the end")


first = Tracked("first")
pair = [Tracked("pair[0]"), Tracked("pair[1]")]
fail()
