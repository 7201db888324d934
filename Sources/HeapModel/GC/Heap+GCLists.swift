// Tracking and the intrusive list operations under it.
//
// `PyObject_GC_Track` appends an object at the tail of generation 0;
// `PyObject_GC_UnTrack` unlinks it from whatever list it is on — which,
// while a collection runs, may be `unreachable` or one of the collection's
// other local lists (an object freed by the cascade of `delete_garbage`
// leaves the list that way). `gc_list_merge(from, to)` splices all of `from`
// at the tail of `to`, keeping both orders; here it also relabels the moved
// rows, which costs O(|from|) where CPython's splice is O(1) — every merge in
// a collection follows a pass over the same rows, so the order of growth of
// a collection is unchanged.
//
// Invariant after each function: see `GCState`.

extension Heap {
  // MARK: Public tracking API

  /// Starts tracking an object: appends it to generation 0
  /// (`PyObject_GC_Track` / `_PyObject_GC_TRACK`). No-op if already tracked.
  /// - Complexity: amortised O(1).
  public mutating func track(_ id: ObjectID) {
    let slot = id.slot
    if flags[slot].contains(.tracked) { return }
    table.writableRows(checking: slot).flags[slot].insert(.tracked)
    if slot >= gc.next.count { ensureGCColumns(slot) }
    gcAppend(slot, to: .generation0)
  }

  /// Stops tracking an object: unlinks it from its list
  /// (`PyObject_GC_UnTrack`). No-op if not tracked.
  /// - Complexity: O(1).
  public mutating func untrack(_ id: ObjectID) {
    let slot = id.slot
    guard flags[slot].contains(.tracked) else { return }
    table.writableRows(checking: slot).flags[slot].remove(.tracked)
    gcUnlink(slot)
    gc.membership[slot] = 0
  }

  /// Whether the cycle collector tracks the object (`gc.is_tracked`).
  public func isTracked(_ id: ObjectID) -> Bool { flags[id.slot].contains(.tracked) }

  /// The generation (0…2) an object is in, nil when untracked, frozen, or
  /// on one of a running collection's own lists.
  public func generation(of id: ObjectID) -> Int? { gc.list(ofSlot: id.slot).generationNumber }

  /// The list an object is on (the set the TUI colours it by).
  public func gcList(of id: ObjectID) -> GCList { gc.list(ofSlot: id.slot) }

  /// `gc_refs` of an object while a running collection holds it (from
  /// update_refs until the back links are rebuilt at untrack_tuples, and
  /// during handle_resurrected_objects), else 0. As in CPython, the count
  /// borrows the `previous` link: once the links are rebuilt it is gone.
  public func gcRefs(of id: ObjectID) -> Int { liveGCRefs(ofSlot: id.slot).map(Int.init) ?? 0 }

  /// gc_refs of a row while a collection holds it, nil otherwise.
  public func liveGCRefs(ofSlot slot: Int) -> Int32? {
    let list = gc.list(ofSlot: slot)
    if list == .untracked { return nil }
    if list == gc.refsList {
      return gc.refsComplete || gc.isCollecting(slot: slot) ? gc.previous[slot] : nil
    }
    return list == gc.refsTarget ? 0 : nil
  }

  /// Whether the row carries CPython's PREV_MASK_COLLECTING mark: it is in
  /// the generation being collected and not yet proven reachable.
  public func isMarkedCollecting(_ id: ObjectID) -> Bool { gc.isCollecting(slot: id.slot) }

  /// The objects on a list, head to tail (`gc.get_objects(generation=g)` for
  /// a generation list).
  /// - Complexity: O(length).
  public func gcObjects(in list: GCList) -> [ObjectID] {
    var result: [ObjectID] = []
    result.reserveCapacity(gc.count(of: list))
    var slot = gc.heads[Int(list.rawValue)].first
    while slot >= 0 {
      result.append(ObjectID(slot))
      slot = gc.next[Int(slot)]
    }
    return result
  }

  // MARK: List primitives

  /// Grows the GC columns so `slot` exists: to the row count at least, and
  /// on into the columns' spare capacity (a new row is tracked at once, and
  /// growing the three columns by one row each time cost three generic
  /// appends per object).
  mutating func ensureGCColumns(_ slot: Int) {
    let needed = max(slot + 1, kinds.count)
    let missing = max(needed, min(gc.next.capacity, needed + 1024)) - gc.next.count
    guard missing > 0 else { return }
    gc.previous.append(contentsOf: repeatElement(-1, count: missing))
    gc.next.append(contentsOf: repeatElement(-1, count: missing))
    gc.membership.append(contentsOf: repeatElement(0, count: missing))
  }

  /// Appends an unlinked row at the tail of `list` (`gc_list_append`).
  @inline(__always) mutating func gcAppend(_ slot: Int, to list: GCList) {
    // One uniqueness check per column rather than one per write.
    let listIndex = Int(list.rawValue)
    gc.previous.withUnsafeMutableBufferPointer { previousColumn in
      gc.next.withUnsafeMutableBufferPointer { nextColumn in
        gc.heads.withUnsafeMutableBufferPointer { heads in
          let last = heads[listIndex].last
          previousColumn[slot] = last
          nextColumn[slot] = -1
          if last >= 0 { nextColumn[Int(last)] = Int32(slot) } else { heads[listIndex].first = Int32(slot) }
          heads[listIndex].last = Int32(slot)
          heads[listIndex].count += 1
        }
      }
    }
    gc.membership[slot] = (gc.membership[slot] & GCState.collectingBit) | list.rawValue
  }

  /// Unlinks a row from the list it is on (`gc_list_remove`); its
  /// membership byte is left for the caller to rewrite.
  @inline(__always) mutating func gcUnlink(_ slot: Int) {
    // One uniqueness check per column rather than one per write (the
    // dealloc cascade unlinks every object it frees).
    let listIndex = Int(gc.membership[slot] & GCState.listMask)
    assert(listIndex != Int(gc.refsList.rawValue), "unlinking row \(slot) of the list being deduced")
    gc.previous.withUnsafeMutableBufferPointer { previousColumn in
      gc.next.withUnsafeMutableBufferPointer { nextColumn in
        gc.heads.withUnsafeMutableBufferPointer { heads in
          let previous = previousColumn[slot]
          let next = nextColumn[slot]
          if previous >= 0 { nextColumn[Int(previous)] = next } else { heads[listIndex].first = next }
          if next >= 0 { previousColumn[Int(next)] = previous } else { heads[listIndex].last = previous }
          heads[listIndex].count -= 1
          previousColumn[slot] = -1
          nextColumn[slot] = -1
        }
      }
    }
  }

  /// Moves a row from its list to the tail of `list` (`gc_list_move`).
  @inline(__always) mutating func gcMove(_ slot: Int, to list: GCList) {
    gcUnlink(slot)
    gcAppend(slot, to: list)
  }

  /// Splices all of `from` at the tail of `to` (`gc_list_merge`), keeping
  /// each row's collecting bit.
  mutating func gcMerge(_ from: GCList, into to: GCList) {
    guard gc.heads[Int(from.rawValue)].count > 0, from != to else { return }
    withGCColumns { _, columns in
      let fromIndex = Int(from.rawValue)
      let toIndex = Int(to.rawValue)
      let source = columns.heads[fromIndex]
      var slot = source.first
      while slot >= 0 {
        let s = Int(slot)
        columns.membership[s] = (columns.membership[s] & GCState.collectingBit) | to.rawValue
        slot = columns.next[s]
      }
      let tail = columns.heads[toIndex].last
      if tail >= 0 {
        columns.next[Int(tail)] = source.first
        columns.previous[Int(source.first)] = tail
      } else {
        columns.heads[toIndex].first = source.first
      }
      columns.heads[toIndex].last = source.last
      columns.heads[toIndex].count += source.count
      columns.heads[fromIndex] = GCListHead()
    }
  }

  /// Runs `body` with the GC columns moved out of `gc` and bound to
  /// pointers (GC/GCColumns.swift); everything else on the heap stays
  /// usable, but the GC lists only through the `GCColumns`.
  /// - Complexity: O(1) besides `body`.
  mutating func withGCColumns<Result>(_ body: (inout Heap, GCColumns) -> Result) -> Result {
    var previous: [Int32] = []
    var next: [Int32] = []
    var membership: [UInt8] = []
    var heads: [GCListHead] = []
    swap(&previous, &gc.previous)
    swap(&next, &gc.next)
    swap(&membership, &gc.membership)
    swap(&heads, &gc.heads)
    defer {
      swap(&previous, &gc.previous)
      swap(&next, &gc.next)
      swap(&membership, &gc.membership)
      swap(&heads, &gc.heads)
    }
    precondition(previous.count == membership.count && next.count == membership.count)
    return previous.withUnsafeMutableBufferPointer { previous in
      next.withUnsafeMutableBufferPointer { next in
        membership.withUnsafeMutableBufferPointer { membership in
          heads.withUnsafeMutableBufferPointer { heads in
            let columns = GCColumns(
              previous: previous.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!,
              next: next.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!,
              membership: membership.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!,
              heads: heads.baseAddress!, count: membership.count)
            return body(&self, columns)
          }
        }
      }
    }
  }

  /// Makes `list` the list being deduced: its rows will hold gc_refs in
  /// `previous` (GC/GCState.swift); rows moved to `target` have gc_refs 0.
  mutating func beginDeduction(of list: GCList, unreachable target: GCList) {
    precondition(gc.refsList == .untracked, "\(gc.refsList) is still being deduced")
    gc.refsList = list
    gc.refsTarget = target
    gc.refsComplete = false
  }

  /// Ends the deduction: rebuilds the back links of the list that held
  /// gc_refs. No-op when none does.
  mutating func relinkRefsList() {
    let list = gc.refsList
    guard list != .untracked else { return }
    withGCColumns { _, columns in columns.relink(list) }
    gc.refsList = .untracked
    gc.refsTarget = .untracked
    gc.refsComplete = false
  }
}
