# List over-allocation: append() grows the item array in steps, so most appends
# do not reallocate. getsizeof = 56 + 8 * capacity. 3.8 and 3.9+ grow
# differently (list_resize's formula changed in 3.9).
import sys

items = []
last = sys.getsizeof(items)
print("empty list:", last)
i = 0
while i < 100:
    items.append(i)
    size = sys.getsizeof(items)
    if size != last:
        print(f"len {len(items):3}: {size} bytes, capacity {(size - 56) // 8}")
        last = size
    i += 1
print("popping back down:")
while items:
    items.pop()
    size = sys.getsizeof(items)
    if size != last:
        print(f"len {len(items):3}: {size} bytes, capacity {(size - 56) // 8}")
        last = size
