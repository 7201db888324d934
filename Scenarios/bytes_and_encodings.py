# Text and bytes: what encode/decode allocate, and how a bytearray's buffer
# grows and shrinks. "abc".encode() is a new 3-byte bytes object (33+3 = 36
# bytes); one-byte and empty results are the interpreter's cached bytes.
# decode() builds a new str. bytearray methods move bytes inside the buffer
# and resize it once: growth over-allocates, a shrink below half the buffer
# reallocates it to the exact size (+1 for the trailing NUL), so clear()
# leaves a 1-byte buffer (getsizeof 57).
import sys

text = "memory " * 3
data = text.encode()
print(len(data), sys.getsizeof(data), data.decode() == text)
accented = "h\u00e9llo".encode("utf-8")
print(accented, len(accented), sys.getsizeof(accented))
print(accented.decode(), b"caf\xe9".decode("latin-1"), "ABC".encode("ascii"))
print("upper:", data.upper()[:6], "split:", data.split()[:2], data.split(b"m", 2)[:2])
core = data.strip()
print("strip copies:", core is not data, "then returns the same object:", core.strip() is core)
print("find/count/index:", data.find(b"or"), data.count(b"m"), data.index(b"y"), data.find(b"zz"))
print("hex:", b"\x01\xab".hex(), bytes.fromhex("01 ab ff"), b"-".join([b"a", b"b"]))
try:
    bytes.fromhex("0g")
except ValueError as e:
    print("ValueError:", e)

buf = bytearray(b"0123456789")
sizes = [sys.getsizeof(buf)]
while len(buf) > 2:
    buf.pop()
    sizes.append(sys.getsizeof(buf))
print("pop:", sizes)
buf.insert(0, 65)
buf.insert(0, 66)
print("insert:", buf, sys.getsizeof(buf))
buf.reverse()
buf.remove(66)
copy = buf.copy()
print("reverse/remove/copy:", buf, copy, sys.getsizeof(copy), copy is not buf)
buf.clear()
print("clear:", buf, sys.getsizeof(buf))
print("decode:", bytearray(b"abc").decode())
