// list and bytearray storage (Objects/listobject.c, bytearrayobject.c).
//
// A list is a 56-byte GC object block (40 + GC head) plus, when its capacity
// is not zero, an item array of 8·capacity bytes in its own block. Capacity
// ("allocated") changes only through `list_resize(newsize)`:
//
//   - no reallocation while allocated/2 ≤ newsize ≤ allocated;
//   - otherwise the new capacity is (newsize 0 → 0)
//       3.8:   newsize + newsize/8 + (newsize < 9 ? 3 : 6)
//       3.9+:  (newsize + newsize/8 + 6) & ~3, but (newsize + 3) & ~3 when the
//              jump newsize − size exceeds new capacity − newsize.
//
// So appends give capacities 4, 8, 16, 25, 35, 46 … (3.8) or 4, 8, 16, 24,
// 32, 40, 52 … (3.9+); `pop()`/`del` shrink once size < allocated/2.
// Constructors (measured):
//   - `[a, b, c]` (BUILD_LIST n) and `[x] * n`: exactly n.
//   - all-constant displays of ≥ 3 items are compiled to an empty list +
//     LIST_EXTEND of a constant tuple (3.9+): 3.8 exact, 3.9 `list_resize`,
//     3.10+ exact rounded up to even.
//   - `list(sized)`: `list_preallocate_exact`, exact in 3.8–3.9, rounded up
//     to even in 3.10+.
//   - `extend(iterable)` of an unsized iterator: `list_resize(size + hint)`
//     (hint 8 for generators) — 3.10+ preallocates exactly when the list has
//     no item array yet — then appends, then shrinks back via `list_resize`.
//   - 3.13: `extend` (and `list(x)`, which no longer preallocates) of an
//     exact set, a dict or a dict view is one `list_resize(size + len)`
//     (`list_extend_set`, `list_extend_dict`): no exact preallocation.
//   - `lst *= n` (`list_inplace_repeat`): one `list_resize(size * n)`;
//     `clear()`, and a slice assignment or deletion that empties the list,
//     free the array (`_list_clear`), even where `list_resize(0)` would not.
//   - 3.13: `del lst[i]` moves items but never shrinks the array
//     (measured: 100 deletions from the front leave the capacity at 100).
//
// bytearray: 56-byte non-GC object plus a buffer block of `alloc` bytes
// (size + 1 for the NUL once non-empty); getsizeof = 56 + alloc.
// `PyByteArray_Resize` grows by size + size/8 + (size < 9 ? 3 : 6) when the
// request is within 1.125·alloc, else to size + 1; it shrinks to size + 1 when
// size < alloc/2. Identical in 3.8–3.13.

extension ObjectLayouts {
  /// How a list was built; decides its initial capacity.
  public enum ListConstruction: Sendable, Hashable {
    /// A display with at least one non-constant item, `BUILD_LIST n`.
    case display(count: Int)
    /// A display whose items are all constants (the compiler folds ≥ 3 of
    /// them into a tuple and extends an empty list in 3.9+).
    case constantDisplay(count: Int)
    /// `list(x)` where `len(x)` is known (list, tuple, range, dict, str …).
    case fromSized(count: Int)
    /// `list(it)` / comprehension-free construction from an iterator without
    /// `__len__`; `lengthHint` is `__length_hint__` (8 when absent).
    case fromIterator(count: Int, lengthHint: Int)
    /// `[x] * n`, `list * n`.
    case repeated(count: Int)
    /// A list comprehension of `count` items (one `append` per item).
    case comprehension(count: Int)
  }

  /// Request size of a list's item array for `capacity` slots, or 0 when the
  /// list has no array (capacity 0).
  @inlinable
  public static func listItemsBlockSize(capacity: Int) -> Int { 8 * capacity }

  /// `sys.getsizeof` of a list with `capacity` slots.
  @inlinable
  public static func listGetsizeof(capacity: Int) -> Int { 56 + 8 * capacity }

  /// The capacity `list_resize` leaves for a list of `size` items and
  /// `allocated` slots asked to hold `newSize` items.
  /// - Complexity: O(1).
  @inlinable
  public func listResize(size: Int, allocated: Int, newSize: Int) -> Int {
    if allocated >= newSize && newSize >= allocated >> 1 { return allocated }
    if newSize == 0 { return 0 }
    if version == .py38 {
      return newSize + (newSize >> 3) + (newSize < 9 ? 3 : 6)
    }
    var grown = (newSize + (newSize >> 3) + 6) & ~3
    if newSize - size > grown - newSize { grown = (newSize + 3) & ~3 }
    return grown
  }

  /// Capacity after appending one item to a list of `size` items.
  @inlinable
  public func listCapacityAfterAppend(size: Int, allocated: Int) -> Int {
    listResize(size: size, allocated: allocated, newSize: size + 1)
  }

  /// Capacity after removing one item (`pop`, `del lst[i]`, `remove`) from a
  /// list of `size` items. 3.13's `del lst[i]` never shrinks: pass
  /// `byDelItem: true` for that statement.
  @inlinable
  public func listCapacityAfterRemove(size: Int, allocated: Int, byDelItem: Bool = false) -> Int {
    if byDelItem && version >= .py313 { return allocated }
    return listResize(size: size, allocated: allocated, newSize: size - 1)
  }

  /// `list_preallocate_exact`: exact in 3.8–3.9, rounded up to even in 3.10+.
  @inlinable
  public func listPreallocatedCapacity(_ count: Int) -> Int {
    version >= .py310 ? (count + 1) & ~1 : count
  }

  /// Capacity after `list.extend(source)` (and `+=`) on a list of `size` items.
  /// `lengthHint` nil means the source is a list or tuple (exact count);
  /// otherwise it is the source's `__length_hint__` (its `len` for sized
  /// iterables such as range, 8 for generators) and `count` items follow.
  /// - Complexity: O(count) for unsized sources, O(1) otherwise.
  public func listExtend(size: Int, allocated: Int, count: Int, lengthHint: Int?) -> Int {
    let hint = lengthHint ?? count
    var capacity = allocated
    if version >= .py310 && allocated == 0 && hint > 0 {
      capacity = listPreallocatedCapacity(hint)
    } else {
      capacity = listResize(size: size, allocated: allocated, newSize: size + hint)
    }
    if lengthHint == nil { return capacity }
    var current = size
    for _ in 0..<count {
      if current >= capacity {
        capacity = listResize(size: current, allocated: capacity, newSize: current + 1)
      }
      current += 1
    }
    if current < capacity {
      capacity = listResize(size: current, allocated: capacity, newSize: current)
    }
    return capacity
  }

  /// Capacity of a list built from `count` appends starting empty.
  public func listCapacityAfterAppends(_ count: Int) -> Int {
    var capacity = 0
    for size in 0..<count { capacity = listCapacityAfterAppend(size: size, allocated: capacity) }
    return capacity
  }

  /// Capacity of a freshly built list.
  public func listCapacity(_ construction: ListConstruction) -> Int {
    switch construction {
    case .display(let n), .repeated(let n):
      return n
    case .constantDisplay(let n):
      if n < 3 || version == .py38 { return n }
      return listExtend(size: 0, allocated: 0, count: n, lengthHint: nil)
    case .fromSized(let n):
      return listPreallocatedCapacity(n)
    case .fromIterator(let n, let hint):
      return listExtend(size: 0, allocated: 0, count: n, lengthHint: hint)
    case .comprehension(let n):
      return listCapacityAfterAppends(n)
    }
  }

  /// `sys.getsizeof` of a bytearray whose buffer holds `allocated` bytes.
  @inlinable
  public static func bytearrayGetsizeof(allocated: Int) -> Int { 56 + allocated }

  /// Buffer size of `bytearray(source)` for a source of `count` bytes
  /// (0 → no buffer block).
  @inlinable
  public static func bytearrayInitialAllocation(count: Int) -> Int { count == 0 ? 0 : count + 1 }

  /// Buffer size of `bytearray(iterable)` built one byte at a time
  /// (`bytearray___init__` appending through `PyByteArray_Resize`): every
  /// iterable but bytes-like ones, and (3.11+) lists and tuples, which are
  /// sized exactly.
  public static func bytearrayAllocationAfterAppends(_ count: Int) -> Int {
    var allocated = 0
    for size in 1...max(1, count) where count > 0 && size + 1 > allocated {
      allocated = bytearrayResize(allocated: allocated, newSize: size)
    }
    return allocated
  }

  /// Buffer size after `PyByteArray_Resize` to `newSize` bytes (append,
  /// extend, slice assignment) from a buffer of `allocated` bytes.
  @inlinable
  public static func bytearrayResize(allocated: Int, newSize: Int) -> Int {
    if newSize + 1 <= allocated {
      return newSize < allocated / 2 ? newSize + 1 : allocated
    }
    if Double(newSize) <= Double(allocated) * 1.125 {
      return newSize + (newSize >> 3) + (newSize < 9 ? 3 : 6)
    }
    return newSize + 1
  }
}
