# Resurrection: a __del__ that stores self somewhere reachable brings the
# cycle back to life. 3.8 then frees nothing in that collection; 3.9+ frees the
# rest. __del__ never runs twice for the same object.
import gc

saved = []


class Phoenix:
    def __init__(self):
        self.me = self

    def __del__(self):
        print("  Phoenix.__del__ (resurrecting)")
        saved.append(self)


class Pair:
    def __init__(self):
        self.other = None


gc.collect()
gc.disable()
Phoenix()
print("resurrecting self-cycle alone:", gc.collect(), "saved:", len(saved))
saved.clear()
print("dropped again, __del__ not re-run:", gc.collect())
Phoenix()
p = Pair()
q = Pair()
p.other = q
q.other = p
del p, q
print("resurrecting cycle + an independent pair:", gc.collect())
saved.clear()
print("next collection:", gc.collect())
gc.enable()
