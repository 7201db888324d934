# Instance dictionaries. Up to 3.10 every instance has a dict that shares its
# keys with the class (a "split" dict); from 3.11 the values live next to the
# instance and a dict object only appears when __dict__ is touched; 3.13 keeps
# the values inline. Adding attributes in a different order breaks the sharing.
import sys


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


warm = [Point(i, i) for i in range(40)]
p = Point(1, 2)
print("instance:", sys.getsizeof(p))
print("its __dict__:", sys.getsizeof(p.__dict__))
q = Point(3, 4)
q.z = 5
print("one more attribute:", sys.getsizeof(q.__dict__))
print("plain dict with the same keys:", sys.getsizeof({"x": 1, "y": 2}))


class Odd:
    pass


a = Odd()
a.x = 1
a.y = 2
b = Odd()
b.y = 2
b.x = 1
print("same keys, other order:", sys.getsizeof(a.__dict__), sys.getsizeof(b.__dict__))
print("keys order kept:", list(a.__dict__), list(b.__dict__))
