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
    if flags[id.slot].contains(.tracked) { return }
    ensureGCColumns(id.slot)
    flags[id.slot].insert(.tracked)
    gcAppend(id.slot, to: .generation0)
  }

  /// Stops tracking an object: unlinks it from its list
  /// (`PyObject_GC_UnTrack`). No-op if not tracked.
  /// - Complexity: O(1).
  public mutating func untrack(_ id: ObjectID) {
    guard flags[id.slot].contains(.tracked) else { return }
    flags[id.slot].remove(.tracked)
    gcUnlink(id.slot)
    gc.membership[id.slot] = 0
  }

  /// Whether the cycle collector tracks the object (`gc.is_tracked`).
  public func isTracked(_ id: ObjectID) -> Bool { flags[id.slot].contains(.tracked) }

  /// The generation (0…2) an object is in, nil when untracked, frozen, or
  /// on one of a running collection's own lists.
  public func generation(of id: ObjectID) -> Int? { gc.list(ofSlot: id.slot).generationNumber }

  /// The list an object is on (the set the TUI colours it by).
  public func gcList(of id: ObjectID) -> GCList { gc.list(ofSlot: id.slot) }

  /// `gc_refs` as the last collection pass left it (meaningful for rows a
  /// running collection has touched).
  public func gcRefs(of id: ObjectID) -> Int {
    id.slot < gc.gcRefs.count ? Int(gc.gcRefs[id.slot]) : 0
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

  /// Grows the GC columns so `slot` exists.
  mutating func ensureGCColumns(_ slot: Int) {
    let needed = max(slot + 1, kinds.count)
    let missing = needed - gc.next.count
    guard missing > 0 else { return }
    gc.previous.append(contentsOf: repeatElement(-1, count: missing))
    gc.next.append(contentsOf: repeatElement(-1, count: missing))
    gc.gcRefs.append(contentsOf: repeatElement(0, count: missing))
    gc.membership.append(contentsOf: repeatElement(0, count: missing))
  }

  /// Appends an unlinked row at the tail of `list` (`gc_list_append`).
  @inline(__always) mutating func gcAppend(_ slot: Int, to list: GCList) {
    let listIndex = Int(list.rawValue)
    let last = gc.heads[listIndex].last
    gc.previous[slot] = last
    gc.next[slot] = -1
    if last >= 0 { gc.next[Int(last)] = Int32(slot) } else { gc.heads[listIndex].first = Int32(slot) }
    gc.heads[listIndex].last = Int32(slot)
    gc.heads[listIndex].count += 1
    gc.membership[slot] = (gc.membership[slot] & GCState.collectingBit) | list.rawValue
  }

  /// Unlinks a row from the list it is on (`gc_list_remove`); its
  /// membership byte is left for the caller to rewrite.
  @inline(__always) mutating func gcUnlink(_ slot: Int) {
    let listIndex = Int(gc.membership[slot] & GCState.listMask)
    let previous = gc.previous[slot]
    let next = gc.next[slot]
    if previous >= 0 { gc.next[Int(previous)] = next } else { gc.heads[listIndex].first = next }
    if next >= 0 { gc.previous[Int(next)] = previous } else { gc.heads[listIndex].last = previous }
    gc.heads[listIndex].count -= 1
    gc.previous[slot] = -1
    gc.next[slot] = -1
  }

  /// Moves a row from its list to the tail of `list` (`gc_list_move`).
  @inline(__always) mutating func gcMove(_ slot: Int, to list: GCList) {
    gcUnlink(slot)
    gcAppend(slot, to: list)
  }

  /// Splices all of `from` at the tail of `to` (`gc_list_merge`), keeping
  /// each row's collecting bit.
  mutating func gcMerge(_ from: GCList, into to: GCList) {
    let fromIndex = Int(from.rawValue)
    let toIndex = Int(to.rawValue)
    let source = gc.heads[fromIndex]
    guard source.count > 0, from != to else { return }
    var slot = source.first
    while slot >= 0 {
      let s = Int(slot)
      gc.membership[s] = (gc.membership[s] & GCState.collectingBit) | to.rawValue
      slot = gc.next[s]
    }
    let tail = gc.heads[toIndex].last
    if tail >= 0 {
      gc.next[Int(tail)] = source.first
      gc.previous[Int(source.first)] = tail
    } else {
      gc.heads[toIndex].first = source.first
    }
    gc.heads[toIndex].last = source.last
    gc.heads[toIndex].count += source.count
    gc.heads[fromIndex] = GCListHead()
  }
}
