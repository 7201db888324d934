// Reference counting and the deallocation cascade.
//
// `incref`/`decref` mirror Py_INCREF/Py_DECREF. When a count reaches zero the
// object is deallocated the way its type's tp_dealloc does it, which may free
// further objects: CPython does this by plain C recursion, depth first. Here
// the cascade is an explicit stack of `DeallocFrame`s so that (1) a million-
// long chain cannot overflow Swift's stack and (2) the cascade can pause when
// an object needs Python code to run — its `__del__` (PEP 442, called from
// the dealloc) or callbacks of weak references to it — and resume after the
// interpreter has run that code.
//
// Frame phases, in CPython's order (subtype_dealloc, list_dealloc, …):
//   .finalize  → ask for `__del__` if the class has one and it has not run;
//                resurrection (refcount > 0 afterwards) abandons the dealloc
//   .weakrefs  → ask the interpreter to clear weakrefs and run callbacks
//   .release   → untrack, detach the references the object holds, in the
//                order its tp_dealloc drops them
//   .dropping  → drop them one by one (each may start a nested frame)
//   finally    → free extra blocks (item arrays, keys tables, values), then
//                the object's block or park it on its free list
//
// Invariant after `stepDealloc(downTo:)` returns nil: every frame above the
// given depth has completed and its blocks are freed.
//
// Storage: the references a frame still has to drop and the blocks it frees
// last live on two shared stacks (`deallocRefs`, `deallocBlocks`); a frame
// only remembers where its part starts. Frames complete in LIFO order, so a
// finished frame truncates both stacks, and freeing an object allocates
// nothing once the stacks have grown to the deepest cascade seen.

/// What the cascade needs the interpreter to do before it can go on.
public enum DeallocRequest: Sendable, Equatable {
  /// Call the object's `__del__`, then `finishFinalizer(_:)`.
  case finalize(ObjectID)
  /// Clear weak references to the object and run their callbacks, then go on.
  case clearWeakrefs(ObjectID)
}

@usableFromInline struct DeallocFrame: Sendable {
  enum Phase: UInt8, Sendable {
    case finalize, weakrefs, release, dropping
  }
  var id: ObjectID
  var phase: Phase
  /// Where this frame's references start on `Heap.deallocRefs`, and the next one to drop.
  var refsStart: Int32 = 0
  var next: Int32 = 0
  /// Where this frame's extra blocks start on `Heap.deallocBlocks`.
  var blocksStart: Int32 = 0
}

extension Heap {
  // `@inlinable`: cross-module optimisation serialises only non-generic
  // functions below a small size, and these two, called from two thousand
  // places in the interpreter, were left as calls.
  @inlinable @inline(__always)
  public mutating func incref(_ id: ObjectID) {
    // An immortal object's count never changes (3.12+).
    let slot = id.slot
    let rows = table.writableRows(checking: slot)
    if rows.flags[slot].contains(.immortal) { return }
    rows.refcounts[slot] &+= 1
  }

  /// Decrements; returns true when the count reached zero and the caller must
  /// deallocate (`beginDealloc` + `stepDealloc`).
  @inlinable @inline(__always)
  public mutating func decrementReachesZero(_ id: ObjectID) -> Bool {
    let slot = id.slot
    let rows = table.writableRows(checking: slot)
    let flags = rows.flags[slot]
    if flags.contains(.immortal) { return false }
    let count = rows.refcounts[slot] &- 1
    rows.refcounts[slot] = count
    if count > 0 { return false }
    if count < 0 { refcountWentNegative(id) }
    return !flags.contains(.isStatic)
  }

  /// The failure of `decrementReachesZero`, out of line so that the hot
  /// path stays small enough to inline.
  @usableFromInline @inline(never)
  func refcountWentNegative(_ id: ObjectID) -> Never {
    preconditionFailure("refcount of \(id) (\(kinds[id.slot])) went negative")
  }

  /// Decref for callers that know no Python code can run (no finalizer or
  /// weakref can be reached): runs the whole cascade.
  public mutating func decref(_ id: ObjectID) {
    guard decrementReachesZero(id) else { return }
    let base = deallocStack.count
    beginDealloc(id)
    while let request = stepDealloc(downTo: base) {
      switch request {
      case .finalize(let object): finishFinalizer(object)
      case .clearWeakrefs: break
      }
    }
  }

  /// Current depth of the dealloc stack (the base for a nested drive loop).
  @inlinable public var deallocDepth: Int { deallocStack.count }

  /// Starts deallocating an object whose count reached zero.
  public mutating func beginDealloc(_ id: ObjectID) {
    switch kinds[id.slot] {
    case .int, .float, .str:
      _ = deallocateIfLeaf(id)
    case .tuple,
      .list where !hasWeakrefs(id):
      deallocSequence(id)
    default:
      deallocStack.append(DeallocFrame(id: id, phase: .finalize))
    }
  }

  /// `tupledealloc` / `list_dealloc` without a frame, for the common case:
  /// neither type has a finalizer, so the object is untracked and its items
  /// dropped last to first at once; an item that reaches zero and is a leaf
  /// (`deallocateIfLeaf`) is freed on the spot. Then the list's item block and
  /// the object's own block go, in the cascade's order. The first item that
  /// reaches zero and needs more hands the rest over to the cascade: a
  /// `.dropping` frame for the items still to drop, with the item's own
  /// frame above it. Never recursive.
  mutating func deallocSequence(_ id: ObjectID) {
    let row = id.slot
    untrack(id)  // GC: unlink from its generation list (GC/Heap+GCLists.swift)
    let start = itemsStart(row: row)
    var index = itemCount(row: row)
    while index > 0 {
      index -= 1
      let item = ObjectID(itemSlab[start + index])
      guard !item.isNull, decrementReachesZero(item) else { continue }
      if deallocateIfLeaf(item) { continue }
      let refsStart = Int32(deallocRefs.count)
      var refs = takeDeallocRefs()
      itemSlab.appendReversed(start: start, count: index, to: &refs)
      swap(&refs, &deallocRefs)
      let blocksStart = Int32(deallocBlocks.count)
      let itemsAddress = releaseSequence(row: row)
      if itemsAddress != 0 { deallocBlocks.append(itemsAddress) }
      deallocStack.append(
        DeallocFrame(
          id: id, phase: .dropping, refsStart: refsStart, next: refsStart, blocksStart: blocksStart))
      deallocStack.append(DeallocFrame(id: item, phase: .finalize))
      return
    }
    let itemsAddress = releaseSequence(row: row)
    if itemsAddress != 0 { allocator.freeUnshared(Address(itemsAddress)) }
    freeObject(id)
  }

  /// Whether `deallocateIfLeaf` frees the object: an int, float or str.
  @inlinable @inline(__always)
  public func isLeaf(_ id: ObjectID) -> Bool {
    let slot = id.slot
    let storage = table.storage
    precondition(UInt(bitPattern: slot) < UInt(bitPattern: storage.count), "row out of range")
    let kind = storage.rows.kinds[slot]
    return kind == .int || kind == .float || kind == .str
  }

  /// Deallocates an object whose count reached zero if it is a leaf; false,
  /// with nothing done, for every other kind, which goes through
  /// `beginDealloc`.
  ///
  /// A leaf's dealloc can do nothing but free it: an int, float or str
  /// holds no references, is never tracked, has no `__del__` and cannot be
  /// weakly referenced, so the cascade's phases are all empty for it (most
  /// deallocations of a run). Frees in the cascade's order: the payload,
  /// an extra block, then the object's own block.
  ///
  /// What the interpreter's `drop` calls first: a leaf is one call, with no
  /// cascade depth to read or drive. The kind and flags are read once, and
  /// the block is freed here rather than through `freeObject`, whose switch
  /// over every kind with a free list and whose GC count a leaf never
  /// needs (`freeLeaf`).
  public mutating func deallocateIfLeaf(_ id: ObjectID) -> Bool {
    let slot = id.slot
    let rows = table.writableRows(checking: slot)
    let kind = rows.kinds[slot]
    if kind == .int {
      if rows.flags[slot].contains(.bigPayload) { bigInts.remove(Int(rows.payloads[slot]), filler: 0) }
      freeLeaf(slot, rows, parkable: false)
      return true
    }
    if kind == .float {
      freeLeaf(slot, rows, parkable: true)
      return true
    }
    guard kind == .str else { return false }
    let payload = Int(rows.payloads[slot])
    if rows.flags[slot].contains(.interned) { interned[CodePointString(strs[payload].text)] = nil }
    let utf8Block = strs[payload].utf8Block
    strs.remove(payload, filler: StrPayload.removed)
    if utf8Block != 0 { allocator.free(Address(utf8Block)) }
    freeLeaf(slot, rows, parkable: false)
    return true
  }

  /// `freeObject` for an int, float or str (`deallocateIfLeaf`): not a GC
  /// type, and only a float has a free list (`parkable`). The row goes
  /// first, through the columns the caller holds (no row was added since):
  /// nothing after the block's free needs it, so fewer values stay live
  /// across the allocator's rare calls.
  @inline(__always)
  private mutating func freeLeaf(_ slot: Int, _ rows: RowPointers, parkable: Bool) {
    let block = table.storage.block(slot)
    table.freeRow(slot, rows)
    if !parkable || !putOnFreeList(.float, block) {
      allocator.freeUnshared(Address(block))
    }
  }

  /// Advances the cascade until it is done down to `base` frames (nil) or
  /// needs the interpreter (a request).
  ///
  /// `@inlinable` for its first test: most deallocations (a leaf, a list
  /// of leaves) finish inside `beginDealloc` and leave no frame, and the
  /// interpreter's drive loop then pays one comparison, not a call.
  @inlinable
  public mutating func stepDealloc(downTo base: Int) -> DeallocRequest? {
    if deallocStack.count <= base { return nil }
    return runDeallocFrames(downTo: base)
  }

  /// `stepDealloc(downTo:)` once there is a frame above `base`.
  @usableFromInline
  mutating func runDeallocFrames(downTo base: Int) -> DeallocRequest? {
    // The phases follow each other without a pause unless a request is
    // due, so one iteration runs as many of them as it can: an object with
    // no finalizer and no weakrefs goes from `.finalize` to `.dropping` at
    // once, and a frame drops references until one reaches zero (which
    // pushes a frame) or it has none left.
    frames: while deallocStack.count > base {
      let top = deallocStack.count - 1
      let frame = deallocStack[top]
      let id = frame.id
      switch frame.phase {
      case .finalize:
        let kind = kinds[id.slot]
        if kind == .tuple || kind == .list, !hasWeakrefs(id) {
          // The frame a `deallocSequence` hand-over pushed for an item.
          deallocStack.removeLast()
          deallocSequence(id)
          continue frames
        }
        // GC: tp_dealloc untracks first; subtype_dealloc re-tracks around
        // __del__, which puts the object at generation 0's tail.
        untrack(id)
        if needsFinalizer(id) {
          deallocStack[top].phase = .weakrefs
          track(id)
          flags[id.slot].insert(.finalized)
          refcounts[id.slot] = 1  // PyObject_CallFinalizerFromDealloc resurrects temporarily
          return .finalize(id)
        }
        if hasWeakrefs(id) {
          deallocStack[top].phase = .release
          return .clearWeakrefs(id)
        }
        release(frameAt: top)
      case .weakrefs:
        if hasWeakrefs(id) {
          deallocStack[top].phase = .release
          return .clearWeakrefs(id)
        }
        release(frameAt: top)
      case .release:
        release(frameAt: top)
      case .dropping:
        // Nested frames above this one have completed, so this frame's
        // references are the top of `deallocRefs`.
        var next = Int(frame.next)
        while next < deallocRefs.count {
          let ref = deallocRefs[next]
          next += 1
          if !ref.isNull, decrementReachesZero(ref) {
            deallocStack[top].next = Int32(next)
            beginDealloc(ref)
            continue frames
          }
        }
        deallocStack.removeLast()
        let refsStart = Int(frame.refsStart)
        if deallocRefs.count > refsStart { deallocRefs.removeSubrange(refsStart...) }
        let blocksStart = Int(frame.blocksStart)
        if blocksStart < deallocBlocks.count {
          for index in blocksStart..<deallocBlocks.count {
            let block = deallocBlocks[index]
            if block & Heap.parkedKeysFlag != 0 {
              let address = block & ~Heap.parkedKeysFlag
              if !putOnFreeList(.dictKeys, address) { allocator.free(Address(address)) }
            } else {
              allocator.free(Address(block))
            }
          }
          deallocBlocks.removeSubrange(blocksStart...)
        }
        freeObject(id)
      }
    }
    return nil
  }

  /// The `.release` phase of the frame at `top`: untrack, detach the
  /// references to drop, go on to `.dropping`.
  @inline(__always) private mutating func release(frameAt top: Int) {
    let id = deallocStack[top].id
    untrack(id)  // GC: unlink from its generation list (GC/Heap+GCLists.swift)
    let refsStart = Int32(deallocRefs.count)
    let blocksStart = Int32(deallocBlocks.count)
    detachReferences(id)
    deallocStack[top].refsStart = refsStart
    deallocStack[top].next = refsStart
    deallocStack[top].blocksStart = blocksStart
    deallocStack[top].phase = .dropping
  }

  /// Ends the temporary resurrection around `__del__`: if nothing else holds
  /// the object now, the dealloc goes on; otherwise it was resurrected and
  /// its frame is dropped (the object lives on, finalized).
  public mutating func finishFinalizer(_ id: ObjectID) {
    refcounts[id.slot] -= 1
    if refcounts[id.slot] > 0 {
      let index = deallocStack.lastIndex { $0.id == id }!
      deallocStack.remove(at: index)
    } else {
      untrack(id)  // GC: subtype_dealloc untracks again after __del__
    }
  }

  /// Whether the object's class defines `__del__` and it has not run yet,
  /// or it is a generator whose close would run its frame.
  func needsFinalizer(_ id: ObjectID) -> Bool {
    if kinds[id.slot] == .generator {
      return !flags[id.slot].contains(.finalized) && generatorNeedsClose(id)
    }
    guard kinds[id.slot].isInstance || kinds[id.slot] == .exception else { return false }
    if flags[id.slot].contains(.finalized) { return false }
    let cls = types[id.slot]
    guard kinds[cls.slot] == .type else { return false }
    return classes[Int(payloads[cls.slot])].hasFinalizer
  }

  func hasWeakrefs(_ id: ObjectID) -> Bool {
    if weaklyReferencedNonClasses == 0, kinds[id.slot] != .type { return false }
    guard let list = weakrefLists[id] else { return false }
    return !list.isEmpty
  }

  /// `deallocRefs`, moved out (the heap keeps an empty array until it is
  /// swapped back).
  @inline(__always) private mutating func takeDeallocRefs() -> [ObjectID] {
    var refs: [ObjectID] = []
    swap(&refs, &deallocRefs)
    return refs
  }

  /// Removes the object's outgoing references from its payload, pushing them
  /// on `deallocRefs` in the order its tp_dealloc drops them, and the extra
  /// blocks to free after them on `deallocBlocks`.
  mutating func detachReferences(_ id: ObjectID) {
    let slot = Int(payloads[id.slot])
    switch kinds[id.slot] {
    case .tuple, .list:
      // `deallocRefs` is moved out around calls that append to it: a heap
      // method given `&deallocRefs` makes Swift copy the whole heap.
      var refs = takeDeallocRefs()
      appendItemsReversed(row: id.slot, to: &refs)
      swap(&refs, &deallocRefs)
      let itemsAddress = releaseSequence(row: id.slot)
      if itemsAddress != 0 { deallocBlocks.append(itemsAddress) }
    case .set, .frozenset:
      // Moved out and walked in place in the table slab, then its ranges freed.
      var payload = DictPayload()
      swap(&payload, &dicts[slot])
      dicts.remove(slot, filler: DictPayload())
      if payload.keysAddress != 0 { deallocBlocks.append(payload.keysAddress) }
      var refs = takeDeallocRefs()
      payload.table.appendReferences(in: tableSlab, values: false, to: &refs)
      swap(&refs, &deallocRefs)
      payload.table.removeAll(in: &tableSlab)
    case .dict:
      var payload = DictPayload()
      swap(&payload, &dicts[slot])
      dicts.remove(slot, filler: DictPayload())
      if payload.keysAddress != 0 {
        // A combined table that the keys free list takes is flagged: it is
        // parked, in CPython's order, when the blocks are freed.
        let recycled =
          payload.sharedTable < 0 && recyclesDictKeys(slots: payload.keysSlots, unicode: payload.unicodeKeys)
        deallocBlocks.append(recycled ? payload.keysAddress | Heap.parkedKeysFlag : payload.keysAddress)
      }
      var refs = takeDeallocRefs()
      payload.table.appendReferences(in: tableSlab, valueFirst: false, to: &refs)
      swap(&refs, &deallocRefs)
      payload.table.removeAll(in: &tableSlab)
      // The values block, then the shared keys if this dict held them last.
      if payload.sharedTable >= 0 {
        deallocBlocks.append(contentsOf: releaseSharedTable(payload.sharedTable))
      }
    case .instance, .slotsInstance, .exception:
      // Read once, then the row's slot goes (one write); a plain instance
      // has no exception fields to move `deallocRefs` out for.
      let payload = instances[slot]
      instances.remove(slot, filler: InstancePayload())
      if payload.valuesAddress != 0 { deallocBlocks.append(payload.valuesAddress) }
      let start = Int(payload.refsStart)
      for word in start..<(start + Int(payload.slotCount)) { deallocRefs.append(ObjectID(payloadSlab[word])) }
      deallocRefs.append(payload.dict)
      let attributes = payload.attributes
      var word = Int(attributes.start) + 3
      for _ in 0..<Int(attributes.entryCount) {
        let value = ObjectID(payloadSlab[word])
        if !value.isNull { deallocRefs.append(value) }
        word += InlineAttributes.entryWords
      }
      if payload.extraCount > 0 {
        var refs = takeDeallocRefs()
        appendExceptionFields(of: payload, nulls: true, to: &refs)
        swap(&refs, &deallocRefs)
      }
      releaseInstanceRanges(payload)
      deallocRefs.append(types[id.slot])
    case .type:
      let payload = classes[slot]
      if payload.dictObject.isNull {
        classes.remove(
          slot,
          filler: ClassPayload(
            name: "", qualifiedName: "", base: .null, builtinBase: .object, version: version)
        )
        for entry in payload.namespace.entries {
          deallocRefs.append(entry.key)
          deallocRefs.append(entry.value)
        }
        deallocRefs.append(payload.base)
      } else {
        // `type_dealloc`: leave the base's subclass registry (its weakref
        // goes), then tp_base, tp_dict, tp_bases, tp_mro. The payload stays
        // with the dict, which owns the namespace.
        deallocRefs.append(payload.registryWeakref)
        leaveSubclassRegistry(of: payload.base)
        deallocRefs.append(payload.base)
        deallocRefs.append(payload.dictObject)
        deallocRefs.append(payload.bases)
        deallocRefs.append(payload.mro)
        deallocRefs.append(payload.slotsTuple)
        deallocRefs.append(payload.subclassesDict)
        classes[slot].slotsTuple = .null
        classes[slot].subclassesDict = .null
        classes[slot].registryWeakref = .null
        classes[slot].base = .null
        classes[slot].bases = .null
        classes[slot].mro = .null
        classes[slot].companionBlocks = []
        classes[slot].sharedTable = -1
      }
      deallocBlocks.append(contentsOf: payload.companionBlocks)
      deallocBlocks.append(contentsOf: releaseSharedTable(payload.sharedTable))
    case .classDict:
      var drops: [ObjectID] = []
      let keys = clearClassDict(payloadSlot: slot, into: &drops)
      deallocRefs.append(contentsOf: drops)
      if keys != 0 { deallocBlocks.append(keys) }
      classes.remove(
        slot,
        filler: ClassPayload(name: "", qualifiedName: "", base: .null, builtinBase: .object, version: version)
      )
    case .function:
      let payload = functions[slot]
      functions.remove(
        slot, filler: FunctionPayload(code: 0, name: .null, qualifiedName: .null, globals: .null))
      deallocRefs.append(payload.globals)
      deallocRefs.append(payload.name)
      deallocRefs.append(payload.defaults)
      deallocRefs.append(payload.keywordDefaults)
      deallocRefs.append(payload.dict)
      deallocRefs.append(payload.closure)
      deallocRefs.append(payload.qualifiedName)
    case .int:
      if flags[id.slot].contains(.bigPayload) { bigInts.remove(slot, filler: 0) }
    case .str:
      if flags[id.slot].contains(.interned) { interned[CodePointString(strs[slot].text)] = nil }
      let utf8Block = strs[slot].utf8Block
      strs.remove(slot, filler: StrPayload(""))
      if utf8Block != 0 { deallocBlocks.append(utf8Block) }
    case .bytes:
      byteStrings.remove(slot, filler: [])
    case .bytearray:
      byteStrings.remove(slot, filler: [])
      let buffer = bytearrayBuffers.removeValue(forKey: id)?.address ?? 0
      if buffer != 0 { deallocBlocks.append(buffer) }
    case .float, .bool, .none, .notImplemented, .ellipsis, .builtinType, .code:
      break
    default:
      if kinds[id.slot] == .weakref || kinds[id.slot] == .weakproxy { clearWeakref(id) }
      let payload = fields[slot]
      if kinds[id.slot] == .frame { frameCodes[id] = payload.index }
      fields.remove(slot, filler: FieldsPayload(refs: []))
      deallocRefs.append(contentsOf: payload.refs)
    }
  }

  /// Frees an object's block (or parks it on a free list) and its row.
  ///
  /// Inlined into the cascade (`deallocSequence`, the
  /// frames' end), with the allocator's common case inlined into it
  /// (`Allocator.freeUnshared`): freeing a leaf is one call,
  /// `beginDealloc`.
  @inline(__always)
  mutating func freeObject(_ id: ObjectID) {
    let slot = id.slot
    let kind = kinds[slot]
    let block = blocks[slot]
    let parked: Bool
    switch kind {
    case .float: parked = putOnFreeList(.float, block)
    case .tuple: parked = putOnFreeList(.tuple(Int(sizes[slot] - 40) / 8), block)
    case .list: parked = putOnFreeList(.list, block)
    case .dict, .classDict: parked = putOnFreeList(.dict, block)
    case .boundMethod: parked = putOnFreeList(.boundMethod, block)
    case .builtinMethod: parked = putOnFreeList(.builtinMethod, block)
    case .frame:
      let code = frameCodes[id] ?? -1
      frameCodes[id] = nil
      if putOnFreeList(.zombieFrame(code), block) {
        frameZombieSizes[code] = Int(sizes[slot])
        parked = true
      } else {
        parked = putOnFreeList(.frame, block)
      }
    default: parked = false
    }
    if !parked {
      allocator.freeUnshared(Address(block))
      if kind.isGCType { countGCDeallocation() }
    }
    table.freeRow(slot)
  }
}

extension StrPayload {
  /// The filler a freed str's payload slot holds.
  static let removed = StrPayload("")
}
