# Automatic collections, counted with gc.callbacks: allocating many containers
# and keeping them triggers generation-0 collections every `threshold0` new
# objects, a generation-1 collection every 11th time, and rarely a full one.
import gc

counts = [0, 0, 0]


def on_gc(phase, info):
    if phase == "start":
        counts[info["generation"]] += 1


gc.collect()
gc.callbacks.append(on_gc)
keep = []
i = 0
while i < 30000:
    keep.append([i])
    i += 1
gc.callbacks.remove(on_gc)
print("threshold:", gc.get_threshold()[0])
print("collections per generation:", counts)
print("kept:", len(keep))
