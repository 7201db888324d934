# Classes are objects too: each instance holds a reference to its class, and a
# class object is large (type objects live outside pymalloc's small blocks).
import sys


class Shape:
    sides = 0

    def area(self):
        return 0


class Square(Shape):
    sides = 4

    def __init__(self, n):
        self.n = n

    def area(self):
        return self.n * self.n


base = sys.getrefcount(Square)
squares = [Square(i) for i in range(10)]
print("ten instances add:", sys.getrefcount(Square) - base)
del squares
print("after they die:", sys.getrefcount(Square) - base)
print("class attribute via instance:", Square(2).sides, Square.sides, Shape.sides)
s = Square(3)
s.sides = 5
print("instance attribute shadows it:", s.sides, Square.sides)
del s.sides
print("deleted again:", s.sides)
print("isinstance:", isinstance(s, Shape), issubclass(Square, Shape), type(s) is Square)
print("super and overrides:", s.area(), super(Square, s).area())
print("class sizes > 512 bytes:", sys.getsizeof(Square) > 512)
print("mro:", [c.__name__ for c in Square.__mro__])
