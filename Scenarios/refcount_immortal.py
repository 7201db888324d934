# Immortal objects: since 3.12, None, True, small ints and other static objects
# have a fixed huge refcount that never moves. 3.11 gives static objects a count
# near one billion; before that their counts are real (and large).
import sys

print("None > 1e6:", sys.getrefcount(None) > 1000000)
print("True > 1e6:", sys.getrefcount(True) > 1000000)
print("small int 7 > 1e6:", sys.getrefcount(7) > 1000000)
print("empty tuple > 1e6:", sys.getrefcount(()) > 1000000)
print("immortal value 4294967295:", sys.getrefcount(None) == 4294967295)
before = sys.getrefcount(None)
keep = [None] * 1000
after = sys.getrefcount(None)
print("1000 more references to None moved the count by:", after - before)
x = int("123456789")
print("a runtime int is mortal:", sys.getrefcount(x))
keep = [x] * 1000
print("and counts every reference:", sys.getrefcount(x))
