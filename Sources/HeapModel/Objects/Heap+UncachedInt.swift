// Ints made outside the small-int cache. `_PyLong_New` followed by
// `long_normalize` alone (no `maybe_small_long`) leaves a small value in a
// new object: `int.from_bytes` did that until 3.10 (`int.from_bytes(b'\x05',
// 'big') is 5` is False there, True from 3.11).

import BigInt

extension Heap {
  /// A new int object for `value` (+1 reference), even when it is one of
  /// the cached small ints; `digits` is the digit count `_PyLong_New` was
  /// asked for.
  public mutating func newUncachedInt(big value: BigInt, digits: Int) -> ObjectID {
    let size = layouts.intBlockSize(allocatedDigits: digits)
    if let small = Int(exactly: value) {
      return allocateObject(kind: .int, type: typeObject(.int), size: size, payload: Int64(small))
    }
    let slot = bigInts.insert(value)
    let id = allocateObject(kind: .int, type: typeObject(.int), size: size, payload: Int64(slot))
    flags[id.slot].insert(.bigPayload)
    return id
  }
}
