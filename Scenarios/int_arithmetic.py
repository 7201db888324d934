# Arbitrary-precision ints: results grow digits as needed; floor division and
# modulo round toward minus infinity.
import sys

a = 2 ** 100
b = 3 ** 50
print(a, b)
print(a * b, a // b, a % b, -a // b, -a % b)
print(a - a, (a + 1) - a, a >> 90, 1 << 70, a & (2 ** 64 - 1), a | 1, a ^ a)
print(~5, -(-5), +7, 2 ** 64 - 1, -2 ** 63, (-2) ** 63)
print(divmod(10 ** 30 + 7, 97), pow(3, 40), abs(-10 ** 20))
f = 1
i = 1
while i <= 30:
    f *= i
    i += 1
print("30! =", f, "size", sys.getsizeof(f))
print(hex(a), bin(255), int("ff", 16), int("-101", 2))
print(10 ** 40 // 7, 123456789 * 987654321, 17 // -5, 17 % -5)
print(max(3, 9, 4), min([5, 2, 8]), sum(range(101)), sorted([3, 1, 2], reverse=True))
