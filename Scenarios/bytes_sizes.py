# bytes are exact (33 + length); bytearray over-allocates like a list.
import sys

print("b'':", sys.getsizeof(b""), "b'abc':", sys.getsizeof(b"abc"))
print("bytes(10):", sys.getsizeof(bytes(10)))
ba = bytearray()
last = sys.getsizeof(ba)
print("empty bytearray:", last)
i = 0
while i < 80:
    ba.append(i)
    if sys.getsizeof(ba) != last:
        last = sys.getsizeof(ba)
        print(f"bytearray of {len(ba)}: {last}")
    i += 1
print("bytes(ba):", sys.getsizeof(bytes(ba)))
print("single bytes are cached:", bytes([65]) is bytes([65]), b"ab"[0:1] is bytes([97]))
