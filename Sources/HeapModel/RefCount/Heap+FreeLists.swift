// Free lists: CPython keeps recently freed floats, tuples (per length), lists
// and dicts (and, in 3.8 only, bound and builtin methods: classobject.c and
// methodobject.c) parked instead of returning their blocks to pymalloc, and hands
// them out again before asking pymalloc. A parked block stays "in use" for
// `sys._debugmallocstats()`, and neither parking nor reuse moves the gen0
// count. Every full collection empties the free lists (facts sheet §4.4).

/// Which free list a block is parked on.
public enum FreeListKind: Hashable, Sendable {
  case float
  case tuple(Int)
  case list
  case dict
  /// 3.8–3.10: the frame a code object keeps for its next call (`co_zombieframe`).
  case zombieFrame(Int)
  /// 3.8–3.10: recently freed frames of any code (`free_list` in frameobject.c).
  case frame
  /// 3.8: bound methods (`PyMethod_New`) and builtin methods
  /// (`PyCFunction_NewEx`) of the last 256 freed.
  case method
  case cfunction

  /// Number of lists kept in `Heap.freeLists` (every kind but zombie frames).
  static let listCount = 26

  /// Position in `Heap.freeLists`, in the order a full collection empties
  /// them (frames, tuples by length, floats, lists, dicts); nil for zombie
  /// frames, which live on their code object, and tuple lengths never parked.
  var listIndex: Int? {
    switch self {
    case .frame: 0
    case .tuple(let length): length >= 1 && length <= 20 ? length : nil
    case .float: 21
    case .list: 22
    case .dict: 23
    case .method: 24
    case .cfunction: 25
    case .zombieFrame: nil
    }
  }
}

extension FreeListKind {
  /// List positions in the order a full collection empties them.
  static let clearingOrder: [Int] = [24, 0, 25] + Array(1...23)
}

extension Heap {
  /// Capacity of a free list in this version.
  func freeListCapacity(_ kind: FreeListKind) -> Int {
    switch kind {
    case .float: 100
    case .tuple(let length):
      (length >= 1 && length <= (version >= .py311 ? 20 : 19)) ? 2000 : 0
    case .list, .dict: 80
    case .zombieFrame: version <= .py310 ? 1 : 0
    case .frame: version <= .py310 ? 200 : 0
    case .method, .cfunction: version == .py38 ? 256 : 0
    }
  }

  mutating func takeFromFreeList(_ kind: FreeListKind) -> UInt64? {
    if case .zombieFrame(let code) = kind { return zombieFrames.removeValue(forKey: code) }
    guard let index = kind.listIndex else { return nil }
    return freeLists[index].popLast()
  }

  mutating func putOnFreeList(_ kind: FreeListKind, _ block: UInt64) -> Bool {
    if case .zombieFrame(let code) = kind {
      guard freeListCapacity(kind) > 0, zombieFrames[code] == nil else { return false }
      zombieFrames[code] = block
      return true
    }
    guard let index = kind.listIndex, freeLists[index].count < freeListCapacity(kind) else { return false }
    freeLists[index].append(block)
    return true
  }

  /// A frame object (+1) for code number `code` with `refs` (stolen), taking
  /// the code's zombie frame, else a free-listed frame (resized when too
  /// small), else a new block — `_PyFrame_New_NoTrack` of 3.8–3.10; 3.11+
  /// always allocate (frames only become objects when something asks).
  public mutating func newFrameObject(code: Int, size: Int, refs: [ObjectID]) -> ObjectID {
    var block: UInt64
    var blockSize = size
    if let zombie = takeFromFreeList(.zombieFrame(code)) {
      block = zombie
      blockSize = frameZombieSizes[code] ?? size
    } else if let parked = takeFromFreeList(.frame) {
      block = parked
      let parkedSize = allocator.usableSize(of: Address(parked))
      if parkedSize < size {
        block = allocator.reallocate(Address(parked), to: size).rawValue
      } else {
        blockSize = size
      }
      blockSize = size
    } else {
      block = allocator.allocate(size).rawValue
      countGCAllocation()
    }
    let slot = fields.insert(FieldsPayload(refs: refs, index: code))
    let id = addRow(
      kind: .frame, type: typeObject(.frame), payload: Int64(slot), block: block, size: blockSize)
    track(id)
    return id
  }

  /// Number of blocks parked on a free list (the dms free-list lines).
  public func freeListCount(_ kind: FreeListKind) -> Int {
    if case .zombieFrame(let code) = kind { return zombieFrames[code] == nil ? 0 : 1 }
    return kind.listIndex.map { freeLists[$0].count } ?? 0
  }

  /// Returns every parked block to pymalloc, what a full collection does
  /// (`_PyGC_ClearAllFreeLists`): list by list in CPython's order, each from
  /// its most recently parked block. Zombie frames stay with their code.
  public mutating func clearFreeLists() {
    // 3.8's `clear_freelists` empties the method list first, the builtin
    // method list after the frames (both are empty in 3.9+).
    for index in FreeListKind.clearingOrder {
      for block in freeLists[index].reversed() { allocator.free(Address(block)) }
      freeLists[index].removeAll(keepingCapacity: true)
    }
  }

  mutating func countGCAllocation() {
    gcAllocationCount += 1
    noteGCAllocation()  // GC: schedule an automatic collection (GC/Heap+GCGenerations.swift)
  }

  mutating func countGCDeallocation() {
    if gcAllocationCount > 0 { gcAllocationCount -= 1 }
  }
}
