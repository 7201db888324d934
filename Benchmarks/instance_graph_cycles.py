SIZE = 200000  # bench: scale (number of nodes; about 2 objects per node from 3.11, 3 before)
# Bench: an instance graph with cycles. Builds SIZE nodes in rings of 100
# (each node links to the next and to its ring head), drops them and lets
# gc.collect() find every ring; repeats twice.
import gc


class Node:
    def __init__(self, value):
        self.value = value
        self.next = None
        self.head = None


def build(n):
    rings = []
    i = 0
    while i < n:
        head = Node(i)
        node = head
        k = 1
        while k < 100:
            new = Node(i + k)
            new.head = head
            node.next = new
            node = new
            k += 1
        node.next = head
        rings.append(head)
        i += 100
    return rings


total = 0
for round_number in range(2):
    rings = build(SIZE)
    total += len(rings)
    rings = None
    total += gc.collect() > 0
print("rings built:", total)
