# When a container dies, it releases its items, and each item whose count
# reaches zero dies right there (a cascade). Lists and tuples release their
# items last to first; dicts and instance attributes first to last.
class P:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  del", self.name)


print("list:")
x = [P("l0"), P("l1"), P("l2")]
del x
print("tuple:")
x = (P("t0"), P("t1"), P("t2"))
del x
print("dict:")
x = {"a": P("d0"), "b": P("d1"), "c": P("d2")}
del x
print("instance attributes:")
holder = P("holder")
holder.a = P("a0")
holder.b = P("a1")
del holder
print("nested: outer list holding inner lists")
x = [[P("n0"), P("n1")], [P("n2")]]
del x
print("a chain a -> b -> c freed from the head:")
a = P("a")
a.next = P("b")
a.next.next = P("c")
del a
print("rebinding a name frees the old value after binding the new:")
y = P("old")
y = P("new")
print("end")
