# What int and float methods hand back: the same object, a cached small int,
# or a new object. x.real, x.numerator and x.conjugate() of an int are x
# itself (watch its refcount go up by one for each name bound to them);
# bit_length() is a small int; as_integer_ratio() always packs a new tuple.
# For floats, f.real is f but f.imag is a new 0.0 at every access.
# int.from_bytes returns a *new* object even for 5 up to 3.10, the cached
# small int from 3.11; to_bytes fills a new bytes object every time.
import sys

x = 1000
y = x + 1
base = sys.getrefcount(y)
r = y.real
n = y.numerator
c = y.conjugate()
print("int: real/numerator/conjugate are y:", r is y, n is y, c is y)
print("refcount of y grew by", sys.getrefcount(y) - base)
print("bit_length:", y.bit_length(), "imag:", y.imag, "denominator:", y.denominator)
ratio = y.as_integer_ratio()
print("as_integer_ratio:", ratio, "first item is y:", ratio[0] is y)
print("a new tuple each call:", y.as_integer_ratio() is not ratio)

f = 2.5
g = f * 3
print("float: real is g:", g.real is g, "conjugate is g:", g.conjugate() is g)
i1 = g.imag
i2 = g.imag
print("imag is a new float each time:", i1 is not i2, i1 == i2)
print("is_integer:", g.is_integer(), (4.0).is_integer())
print("as_integer_ratio:", g.as_integer_ratio(), (0.1).as_integer_ratio())
print("hex:", g.hex(), (0.1).hex(), "fromhex:", float.fromhex(g.hex()) == g)

five = 2 + 3
made = int.from_bytes(b"\x05", "big")
print("from_bytes(b'\\x05') is the cached 5:", made is five)
big = int.from_bytes(b"\x01\x00\x00\x00\x00", "little", signed=True)
print("from_bytes:", big, sys.getsizeof(big))
data = y.to_bytes(2, "big")
print("to_bytes:", data, sys.getsizeof(data), data == y.to_bytes(2, "big"))
try:
    y.to_bytes(1, "big")
except OverflowError as e:
    print("OverflowError:", e)
try:
    (-1).to_bytes(1, "little")
except OverflowError as e:
    print("OverflowError:", e)
