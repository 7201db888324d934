# A generator in a cycle: the cycle goes through its suspended frame. The
# collector finalizes the generator (closing its frame breaks the cycle) and,
# when only the frame held the cycle together, reference counting frees the
# rest, so gc.collect() may report nothing at all.
import gc


class Tag:
    def __del__(self):
        print("  tag freed")


def gen():
    tag = Tag()
    yield 1
    yield 2


gc.collect()
gc.disable()
g = gen()
next(g)
holder = [g]
g.__class__
box = {"g": g, "holder": holder}
holder.append(box)
del g, box, holder
print("generator in a cycle through a list and a dict:")
print("collected:", gc.collect())
gc.enable()


def gen_with(box):
    tag = Tag()
    yield len(box)
    yield 2


gc.disable()
box = []
g = gen_with(box)
box.append(g)
next(g)
del g, box
print("generator whose frame holds a list holding the generator:")
print("collected:", gc.collect(), "(finalizing the generator broke the cycle)")
gc.enable()
