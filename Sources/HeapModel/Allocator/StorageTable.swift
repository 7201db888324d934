// A read-only view of one table of `AllocatorStorage`, for the cold paths
// (introspection, invariants, statistics): bounds-checked like an array, so
// a bad index in a query traps instead of reading past the buffer. The hot
// paths use the raw pointers of `AllocatorStorage.Tables` instead.

/// A read-only, bounds-checked view of one of the storage's tables, for the
/// cold paths (introspection, invariants, statistics).
struct StorageTable<Element>: RandomAccessCollection {
  let base: UnsafeMutablePointer<Element>
  let count: Int

  var startIndex: Int { 0 }
  var endIndex: Int { count }

  subscript(index: Int) -> Element {
    precondition(index >= 0 && index < count, "allocator table index \(index) out of range 0..<\(count)")
    return base[index]
  }
}
