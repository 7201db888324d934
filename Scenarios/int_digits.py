# Ints are stored in 30-bit digits: getsizeof grows by 4 bytes per digit. 0
# had no digit up to 3.10 (24 bytes) and one since 3.11 (28 bytes).
import sys

for n in [0, 1, -1, 2 ** 30 - 1, 2 ** 30, 2 ** 60, 2 ** 90, 2 ** 100, -(2 ** 100), 10 ** 50]:
    print(f"{n:>52}: {sys.getsizeof(n)}")
b = 1
last = sys.getsizeof(b)
k = 0
while k < 200:
    b = b * 2
    k += 1
    if sys.getsizeof(b) != last:
        last = sys.getsizeof(b)
        print(f"2 ** {k}: {last} bytes")
print("bool is an int:", sys.getsizeof(True), sys.getsizeof(False))
