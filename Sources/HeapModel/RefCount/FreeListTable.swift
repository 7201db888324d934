// The free lists' parked blocks, flat: one buffer holding every list's
// entries at a fixed place.
//
// Each of CPython's free lists is a bounded stack: `float_dealloc` parks a
// float while the list holds fewer than 100, `tupledealloc` a tuple of
// length n while list n holds fewer than 2000, and so on
// (`Heap.freeListCapacity`). The bounds depend only on the version, so the
// lists fit one buffer laid out once, when the heap is made:
//
//   starts:  [s0 s1 … s27]           list i owns entries s(i)..<s(i+1)
//   counts:  [c0 c1 … c26]           entries in use, most recent last
//   blocks:  [list 0 | list 1 | … ]  block start addresses (UInt64)
//
// Parking is a compare and two stores, taking one a compare, a load and a
// store. Kept as an array of arrays, both paid two copy-on-write checks
// (the outer array, then the inner one) and took a list's bound from a
// switch on the version each time.
//
// Copy-on-write by hand, like the object table's rows (Objects/ObjectTable.swift):
// a copy of the heap shares the buffer until `Heap.makeUnique()` gives the
// copy that is about to change a buffer of its own; writes assert it in
// debug builds.
//
// Memory: 8 bytes per entry of capacity, about 320 KB (40,000 tuple
// entries); malloc maps a buffer that size lazily, so only pages holding
// parked blocks become resident.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The buffer behind a `FreeListTable`.
final class FreeListStorage: @unchecked Sendable {
  /// Where each list's entries start (one more entry: the end of the last).
  @exclusivity(unchecked) var starts: UnsafeMutablePointer<Int32>
  /// Entries in use per list.
  @exclusivity(unchecked) var counts: UnsafeMutablePointer<Int32>
  /// The parked blocks.
  @exclusivity(unchecked) var blocks: UnsafeMutablePointer<UInt64>
  let listCount: Int
  let capacity: Int

  /// Lists with the given capacities, all empty.
  init(capacities: [Int]) {
    listCount = capacities.count
    starts = .allocate(capacity: listCount + 1)
    counts = .allocate(capacity: listCount)
    var offset = 0
    for (index, listCapacity) in capacities.enumerated() {
      starts[index] = Int32(offset)
      offset += listCapacity
    }
    starts[listCount] = Int32(offset)
    counts.initialize(repeating: 0, count: listCount)
    capacity = offset
    blocks = malloc(max(1, offset) * MemoryLayout<UInt64>.stride)!.bindMemory(
      to: UInt64.self, capacity: offset)
  }

  private init(copying other: FreeListStorage) {
    listCount = other.listCount
    capacity = other.capacity
    starts = .allocate(capacity: listCount + 1)
    starts.initialize(from: other.starts, count: listCount + 1)
    counts = .allocate(capacity: listCount)
    counts.initialize(from: other.counts, count: listCount)
    blocks = malloc(max(1, capacity) * MemoryLayout<UInt64>.stride)!.bindMemory(
      to: UInt64.self, capacity: capacity)
    for list in 0..<listCount {
      let start = Int(starts[list])
      (blocks + start).initialize(from: other.blocks + start, count: Int(counts[list]))
    }
  }

  deinit {
    starts.deallocate()
    counts.deallocate()
    free(blocks)
  }

  /// An independent copy (only the parked entries are copied).
  @inline(never) func copy() -> FreeListStorage { FreeListStorage(copying: self) }
}

/// Every free list's parked blocks (see the essay above), by
/// `FreeListKind.listIndex`.
struct FreeListTable: Sendable {
  var storage: FreeListStorage

  /// Empty lists with room for `capacities[i]` blocks on list `i`.
  init(capacities: [Int]) { storage = FreeListStorage(capacities: capacities) }

  /// Copies the buffer if another heap value shares it.
  @inline(__always) mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
  }

  /// Debug builds: traps if the buffer is shared (see `ObjectTable.assertUnique`).
  @inline(__always) mutating func assertUnique() {
    assert(
      isKnownUniquelyReferenced(&storage),
      "free lists written while another copy shares them: call Heap.makeUnique() after copying a heap")
  }

  /// Parks `block` on list `list` if it has room.
  @inline(__always) mutating func push(_ list: Int, _ block: UInt64) -> Bool {
    assertUnique()
    let storage = self.storage
    precondition(UInt(bitPattern: list) < UInt(bitPattern: storage.listCount), "no such free list")
    let count = storage.counts[list]
    let start = storage.starts[list]
    if start &+ count == storage.starts[list &+ 1] { return false }
    storage.blocks[Int(start &+ count)] = block
    storage.counts[list] = count &+ 1
    return true
  }

  /// Takes the most recently parked block of list `list`, if any.
  @inline(__always) mutating func pop(_ list: Int) -> UInt64? {
    assertUnique()
    let storage = self.storage
    precondition(UInt(bitPattern: list) < UInt(bitPattern: storage.listCount), "no such free list")
    let count = storage.counts[list]
    if count == 0 { return nil }
    storage.counts[list] = count &- 1
    return storage.blocks[Int(storage.starts[list] &+ count &- 1)]
  }

  /// Blocks parked on list `list`.
  func count(_ list: Int) -> Int { Int(storage.counts[list]) }

  /// The blocks parked on list `list`, oldest first.
  func blocks(_ list: Int) -> UnsafeBufferPointer<UInt64> {
    UnsafeBufferPointer(start: storage.blocks + Int(storage.starts[list]), count: Int(storage.counts[list]))
  }

  /// Empties list `list`.
  mutating func removeAll(_ list: Int) {
    assertUnique()
    storage.counts[list] = 0
  }

  /// Bytes the lists occupy (`ModelFootprint`).
  var memoryFootprint: Int {
    ModelFootprint.mallocChunk(storage.capacity * 8) + ModelFootprint.mallocChunk((storage.listCount + 1) * 4)
      + ModelFootprint.mallocChunk(storage.listCount * 4)
  }
}
