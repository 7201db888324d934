# gc.freeze() moves every tracked object into a permanent generation that
# collections ignore (used before fork to keep pages shared); unfreeze() puts
# them back in the oldest generation.
import gc


class Node:
    pass


gc.collect()
gc.disable()
n = Node()
n.me = n
del n
gc.freeze()
count = gc.get_count()[0]
frozen = gc.get_freeze_count()
print("frozen objects > 0:", frozen > 0)
print("count right after freeze:", count)
print("collect with the cycle frozen:", gc.collect())
gc.unfreeze()
print("freeze count after unfreeze:", gc.get_freeze_count())
print("collect after unfreeze:", gc.collect())
gc.enable()
