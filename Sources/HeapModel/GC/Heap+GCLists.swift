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
    gc.writableColumns(covering: slot + 1).append(slot, to: .generation0)
    if gc.awaitingNewborn {
      gc.awaitingNewborn = false
      gc.scheduledNewborn = id
    }
  }

  /// Tracks an object the interpreter's start-up made, at the tail of the
  /// generation its start-up collections left it in.
  public mutating func trackAsStartupObject(_ id: ObjectID, generation: Int) {
    track(id)
    gc.writableColumns(covering: id.slot + 1).move(id.slot, to: .generation(generation))
  }

  /// Stops tracking an object: unlinks it from its list
  /// (`PyObject_GC_UnTrack`). No-op if not tracked.
  /// - Complexity: O(1).
  public mutating func untrack(_ id: ObjectID) {
    let slot = id.slot
    guard flags[slot].contains(.tracked) else { return }
    table.writableRows(checking: slot).flags[slot].remove(.tracked)
    let columns = gc.writableColumns()
    assert(
      Int(columns.membership[slot] & GCState.listMask) != Int(gc.refsList.rawValue),
      "unlinking row \(slot) of the list being deduced")
    columns.unlink(slot)
    columns.membership[slot] = 0
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

  /// Initialises the GC columns up to `slot` and every row of the object
  /// table (a collection's passes read any referent's row unchecked).
  mutating func ensureGCColumns(_ slot: Int) {
    _ = gc.writableColumns(covering: max(slot + 1, kinds.count))
  }

  /// Appends an unlinked row at the tail of `list` (`gc_list_append`).
  @inline(__always) mutating func gcAppend(_ slot: Int, to list: GCList) {
    gc.writableColumns().append(slot, to: list)
  }

  /// Unlinks a row from the list it is on (`gc_list_remove`); its
  /// membership byte is left for the caller to rewrite.
  @inline(__always) mutating func gcUnlink(_ slot: Int) {
    let columns = gc.writableColumns()
    assert(
      Int(columns.membership[slot] & GCState.listMask) != Int(gc.refsList.rawValue),
      "unlinking row \(slot) of the list being deduced")
    columns.unlink(slot)
  }

  /// Moves a row from its list to the tail of `list` (`gc_list_move`).
  @inline(__always) mutating func gcMove(_ slot: Int, to list: GCList) {
    let columns = gc.writableColumns()
    columns.unlink(slot)
    columns.append(slot, to: list)
  }

  /// Splices all of `from` at the tail of `to` (`gc_list_merge`), keeping
  /// each row's collecting bit. `relabel: false` when the rows' membership
  /// already names `to` (a fused walk relabelled them).
  mutating func gcMerge(_ from: GCList, into to: GCList, relabel: Bool = true) {
    guard gc.heads[Int(from.rawValue)].count > 0, from != to else { return }
    withGCColumns { _, columns in
      let fromIndex = Int(from.rawValue)
      let toIndex = Int(to.rawValue)
      let source = columns.heads[fromIndex]
      var slot = relabel ? source.first : -1
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

  /// Runs `body` with the GC columns writable through pointers
  /// (GC/GCColumns.swift); everything else on the heap stays usable, but
  /// nothing in `body` may grow the GC columns (track a row beyond them) or
  /// copy the heap.
  /// - Complexity: O(1) besides `body`.
  @inline(__always)
  mutating func withGCColumns<Result>(_ body: (inout Heap, GCColumns) -> Result) -> Result {
    let columns = gc.writableColumns()
    return body(&self, columns)
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
