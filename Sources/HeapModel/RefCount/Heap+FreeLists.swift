// Free lists: CPython keeps recently freed floats, tuples (per length), lists
// and dicts parked instead of returning their blocks to pymalloc, and hands
// them out again before asking pymalloc; 3.8 also keeps bound methods
// (`PyMethodObject`) and builtin methods (`PyCFunctionObject`), 256 each,
// lists that 3.9 removed. A parked block stays "in use" for
// `sys._debugmallocstats()`, and neither parking nor reuse moves the gen0
// count. Every full collection empties the free lists (facts sheet §4.4), in
// the order of 3.8's `clear_freelists`: methods, frames, builtin methods,
// tuples, floats, lists, dicts (their objects, then their keys tables).
//
// Dict keys tables of 8 slots have a list of their own (80): `new_keys_object`
// takes one before asking pymalloc, and `free_keys_object` (a dict's
// deallocation or clear, a table outgrown by a resize) parks one while there
// is room — any 8-slot table in 3.8–3.10, only str-keyed ("unicode") tables
// in 3.11+, never a class's shared keys there. A parked table stays "in use"
// for `sys._debugmallocstats()` (3.13 prints the list as
// `PyDictKeysObjects`). Not modelled: 3.8–3.10 shared keys tables taking or
// parking one.

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
  /// 3.8: bound methods (`free_list` in classobject.c).
  case boundMethod
  /// 3.8: builtin functions and methods (`free_list` in methodobject.c).
  case builtinMethod
  /// Dict keys tables of 8 slots (`keys_free_list` in dictobject.c).
  case dictKeys

  /// Number of lists kept in `Heap.freeLists` (every kind but zombie frames).
  static let listCount = 27

  /// Position in `Heap.freeLists`, in the order a full collection empties
  /// them (frames, tuples by length, floats, lists, dicts); nil for zombie
  /// frames, which live on their code object, and tuple lengths never parked.
  var listIndex: Int? {
    switch self {
    case .boundMethod: 0
    case .frame: 1
    case .builtinMethod: 2
    case .tuple(let length): length >= 1 && length <= 20 ? length + 2 : nil
    case .float: 23
    case .list: 24
    case .dict: 25
    case .dictKeys: 26
    case .zombieFrame: nil
    }
  }
}

extension FreeListKind {
  /// List positions in the order a full collection empties them.
  static let clearingOrder: [Int] = [24, 0, 25, 26] + Array(1...23)

  /// List positions of the lists the per-object paths use directly.
  static let floatIndex = 23
  static let listIndexOfLists = 24
  static let dictIndex = 25

  /// The kind kept at list position `index` (`listIndex` inverted).
  static func kept(atListIndex index: Int) -> FreeListKind {
    switch index {
    case 0: .boundMethod
    case 1: .frame
    case 2: .builtinMethod
    case 23: .float
    case 24: .list
    case 25: .dict
    case 26: .dictKeys
    default: .tuple(index - 2)
    }
  }

  /// Capacity of a free list in `version`.
  static func capacity(_ kind: FreeListKind, in version: PythonVersion) -> Int {
    switch kind {
    case .float: 100
    case .tuple(let length):
      (length >= 1 && length <= (version >= .py311 ? 20 : 19)) ? 2000 : 0
    case .list, .dict, .dictKeys: 80
    case .zombieFrame: version <= .py310 ? 1 : 0
    case .frame: version <= .py310 ? 200 : 0
    case .boundMethod, .builtinMethod: version == .py38 ? 256 : 0
    }
  }

  /// The capacities of the lists of `Heap.freeLists`, by position.
  static func listCapacities(in version: PythonVersion) -> [Int] {
    (0..<listCount).map { capacity(kept(atListIndex: $0), in: version) }
  }
}

extension Heap {
  /// Capacity of a free list in this version.
  func freeListCapacity(_ kind: FreeListKind) -> Int { FreeListKind.capacity(kind, in: version) }

  @inline(__always) mutating func takeFromFreeList(_ kind: FreeListKind) -> UInt64? {
    if case .zombieFrame(let code) = kind { return zombieFrames.removeValue(forKey: code) }
    guard let index = kind.listIndex else { return nil }
    return freeLists.pop(index)
  }

  @inline(__always) mutating func putOnFreeList(_ kind: FreeListKind, _ block: UInt64) -> Bool {
    if case .zombieFrame(let code) = kind {
      guard freeListCapacity(kind) > 0, zombieFrames[code] == nil else { return false }
      zombieFrames[code] = block
      return true
    }
    guard let index = kind.listIndex else { return false }
    return freeLists.push(index, block)
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

  /// Marks a block on `deallocBlocks` as a keys table for the keys free
  /// list (addresses stay far below bit 63).
  static let parkedKeysFlag: UInt64 = 1 << 63

  /// Whether a keys table of `slots` slots goes through the keys free list.
  func recyclesDictKeys(slots: Int, unicode: Bool) -> Bool {
    FreeList.recyclesDictKeys(slots: slots, kind: unicode ? .unicode : .general, in: version)
  }

  /// A keys table block of `size` bytes (`new_keys_object`): a parked
  /// table when this kind is recycled and one is parked, else a new block.
  mutating func allocateDictKeys(size: Int, slots: Int, unicode: Bool) -> UInt64 {
    if recyclesDictKeys(slots: slots, unicode: unicode), let parked = takeFromFreeList(.dictKeys) {
      return parked
    }
    return allocator.allocate(size).rawValue
  }

  /// Frees a keys table block (`free_keys_object`): parked when this kind
  /// is recycled and the list has room, else returned to pymalloc.
  mutating func freeDictKeys(_ block: UInt64, slots: Int, unicode: Bool) {
    if recyclesDictKeys(slots: slots, unicode: unicode), putOnFreeList(.dictKeys, block) { return }
    allocator.free(Address(block))
  }

  /// Number of blocks parked on a free list (the dms free-list lines).
  public func freeListCount(_ kind: FreeListKind) -> Int {
    if case .zombieFrame(let code) = kind { return zombieFrames[code] == nil ? 0 : 1 }
    return kind.listIndex.map { freeLists.count($0) } ?? 0
  }

  /// The free-list lines of `sys._debugmallocstats()` this version prints,
  /// with the model's counts (`_PyObject_DebugTypeStats`).
  public func debugMallocStatsFreeListLines() -> [(name: String, count: Int, size: Int)] {
    allocator.constants.freeListRoster.map { entry in
      let kind: FreeListKind?
      switch entry.name {
      case "PyCFunctionObjects": kind = .builtinMethod
      case "PyMethodObjects": kind = .boundMethod
      case "PyDictObjects": kind = .dict
      case "PyDictKeysObjects": kind = .dictKeys
      case "PyFloatObjects": kind = .float
      case "PyFrameObjects": kind = .frame
      case "PyListObjects": kind = .list
      default:
        let length =
          entry.name.hasSuffix("-sized PyTupleObjects") ? Int(entry.name.prefix { $0.isNumber }) : nil
        kind = length.map { .tuple($0) }
      }
      return (entry.name, kind.map(freeListCount) ?? 0, entry.size)
    }
  }

  /// Returns every parked block to pymalloc, what a full collection does
  /// (`_PyGC_ClearAllFreeLists`): list by list in CPython's order, each from
  /// its most recently parked block. Zombie frames stay with their code.
  public mutating func clearFreeLists() {
    // 3.8's `clear_freelists` empties the method list first, the builtin
    // method list after the frames (both are empty in 3.9+).
    for index in FreeListKind.clearingOrder {
      for block in freeLists.blocks(index).reversed() { allocator.free(Address(block)) }
      freeLists.removeAll(index)
    }
  }

  mutating func countGCAllocation() {
    gcAllocationCount += 1
    let wasScheduled = gc.collectionScheduled
    noteGCAllocation()  // GC: schedule an automatic collection (GC/Heap+GCGenerations.swift)
    // 3.8–3.11 collect inside this allocation: the object sits it out.
    gc.awaitingNewborn = !wasScheduled && gc.collectionScheduled && version <= .py311
  }

  mutating func countGCDeallocation() {
    if gcAllocationCount > 0 { gcAllocationCount -= 1 }
  }
}
