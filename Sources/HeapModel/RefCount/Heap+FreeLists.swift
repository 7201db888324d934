// Free lists: CPython keeps recently freed floats, tuples (per length), lists
// and dicts parked instead of returning their blocks to pymalloc, and hands
// them out again before asking pymalloc. A parked block stays "in use" for
// `sys._debugmallocstats()`, and neither parking nor reuse moves the gen0
// count. Every full collection empties the free lists (facts sheet §4.4).

/// Which free list a block is parked on.
public enum FreeListKind: Hashable, Sendable {
  case float
  case tuple(Int)
  case list
  case dict
}

extension Heap {
  /// Capacity of a free list in this version.
  func freeListCapacity(_ kind: FreeListKind) -> Int {
    switch kind {
    case .float: 100
    case .tuple(let length):
      (length >= 1 && length <= (version >= .py311 ? 20 : 19)) ? 2000 : 0
    case .list, .dict: 80
    }
  }

  mutating func takeFromFreeList(_ kind: FreeListKind) -> UInt64? {
    freeLists[kind]?.popLast()
  }

  mutating func putOnFreeList(_ kind: FreeListKind, _ block: UInt64) -> Bool {
    var list = freeLists[kind] ?? []
    guard list.count < freeListCapacity(kind) else { return false }
    list.append(block)
    freeLists[kind] = list
    return true
  }

  /// Number of blocks parked on a free list (the dms free-list lines).
  public func freeListCount(_ kind: FreeListKind) -> Int { freeLists[kind]?.count ?? 0 }

  /// Returns every parked block to pymalloc (what a full collection does).
  public mutating func clearFreeLists() {
    for (_, blocks) in freeLists {
      for block in blocks { allocator.free(Address(block)) }
    }
    freeLists.removeAll()
  }

  mutating func countGCAllocation() {
    gcAllocationCount += 1
    noteGCAllocation()  // GC: schedule an automatic collection (GC/Heap+GCGenerations.swift)
  }

  mutating func countGCDeallocation() {
    if gcAllocationCount > 0 { gcAllocationCount -= 1 }
  }
}
