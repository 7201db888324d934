# A cache that does not keep its values alive: a WeakValueDictionary entry
# disappears as soon as the value's last strong reference goes.
import weakref


class Image:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  unloaded", self.name)


cache = weakref.WeakValueDictionary()


def load(name):
    img = cache.get(name)
    if img is None:
        print("  loading", name)
        img = Image(name)
        cache[name] = img
    return img


a = load("cat.png")
b = load("cat.png")
print("same object from the cache:", a is b)
c = load("dog.png")
print("entries:", sorted(cache.keys()))
del a
print("one user left, still cached:", "cat.png" in cache)
del b
print("last user gone:", "cat.png" in cache, len(cache))
c = None
print("entries now:", len(cache))
keys = weakref.WeakKeyDictionary()
k = Image("key")
keys[k] = "metadata"
print("WeakKeyDictionary:", len(keys), keys[k])
del k
print("key died:", len(keys))
