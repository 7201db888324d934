# sys.getsizeof of objects the interpreter made before the script started:
# they live outside pymalloc's arenas (static data of the executable, or
# made once at start-up), so the script's heap never shows them, yet
# getsizeof reports their structure's size plus the GC header.
import gc
import sys
import weakref

# Builtin functions are PyCFunctionObjects: 72 bytes in every version.
print("builtin functions:", sys.getsizeof(len), sys.getsizeof(print), sys.getsizeof(gc.collect),
      sys.getsizeof(weakref.getweakrefcount))
# A bound builtin method ([].append) is the same structure, allocated per
# access (watch the allocator stats of method-heavy loops).
print("a bound builtin method:", sys.getsizeof([].append))
# Static types are one PyTypeObject each; its size changed with almost
# every version (416, 408, 408, 424, 432, 416 for 3.8 to 3.13).
print("static types:", sys.getsizeof(int), sys.getsizeof(list), sys.getsizeof(object),
      sys.getsizeof(type), sys.getsizeof(ValueError), sys.getsizeof(weakref.ref))
# A class statement makes a heap type, larger (PyHeapTypeObject) and
# growing with its shared-keys table.
class Point:
    pass
print("a heap type is larger:", sys.getsizeof(Point) > sys.getsizeof(int))
# Modules and the two singletons besides None.
print("modules:", sys.getsizeof(gc), sys.getsizeof(sys))
print("NotImplemented and Ellipsis:", sys.getsizeof(NotImplemented), sys.getsizeof(...))
