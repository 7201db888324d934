#!/usr/bin/env python3
"""Writes a generated scenario of about SIZE bytes (default 1 MB) for the
front-end benchmark: `tools/gen-big-scenario.py /tmp/big.py [bytes]`, then
`time .build/release/heapscope check /tmp/big.py`. The file mixes classes,
functions, loops, comprehensions, f-strings, literals and calls, and is valid
for CPython 3.8-3.13 as well."""
import sys

TEMPLATE = '''
class Node{n}:
    __slots__ = ("value", "next", "__weakref__")

    def __init__(self, value, next=None):
        self.value = value
        self.next = next

    @property
    def size(self):
        return 1 if self.next is None else 1 + self.next.size

    def __repr__(self):
        return f"Node{n}({{self.value!r:>8}}, size={{self.size}})"


def build{n}(count, *args, step=1, **kwargs):
    head = None
    for i in range(0, count, step):
        if i % 3 == 0 and not i > 1000:
            head = Node{n}(i * {n} + 0x{n:x}, head)
        elif i % 5 == 1:
            continue
        else:
            head = Node{n}([x ** 2 for x in range(i % 7) if x % 2], head)
    return head


values{n} = {{"k{n}": [1, 2.5, 'text', b"bytes", None, True], "t": (1, -2, ~3)}}
total{n} = sum(v * 2 for v in range(10)) + len(values{n}) - (3 << 2) // 7 % 5
try:
    items{n} = sorted(values{n}.items(), key=lambda kv: kv[0])[1:10:2]
except (KeyError, ValueError) as error:
    print("error", error)
finally:
    del total{n}
'''

def main():
    path = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 1 << 20
    parts, written, n = ["import gc, sys\nfrom weakref import ref\n"], 0, 0
    while written < size:
        chunk = TEMPLATE.format(n=n)
        parts.append(chunk)
        written += len(chunk)
        n += 1
    with open(path, "w") as handle:
        handle.write("".join(parts))

if __name__ == "__main__":
    main()
