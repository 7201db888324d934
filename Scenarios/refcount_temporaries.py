# Temporaries: objects that only live on the evaluation stack for a moment.
import sys


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  del", self.name)


print("getrefcount(Node('tmp')):")
print("  ->", sys.getrefcount(Node("tmp")))
print("a temporary in an expression dies right after it:")
n = len([Node("in list")])
print("  len was", n)
print("loop variable over a list literal:")
for item in [Node("loop")]:
    print("  refcount in loop", sys.getrefcount(item))
print("after the loop the name still holds it:", item.name)
item = None
print("rebinding the name frees it (above)")
print("conditional expression:", sys.getrefcount(Node("a") if n else Node("b")))
pair = (Node("left"), Node("right"))
print("tuple of two built; dropping it frees right then left:")
pair = None
print("done")
