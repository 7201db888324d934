// Set and frozenset objects: a 216-byte GC object (8 inline slots) plus a
// separately allocated table once it outgrows them (`set_table_resize`).
// The slots live in the table slab in CPython's slot order
// (SlabTable+SetSlots.swift), so iterating, printing, popping, traversing
// and deallocating a set all meet its keys in the order CPython does.
//
// `set_table_resize` allocates the new table before it frees the old one,
// and allocates one whenever the new size is above 8 — even the size it
// already has (a rebuild that drops dummies). A table that goes back to 8
// slots returns to the inline `smalltable`: nothing is allocated.
//
// The bulk paths (`set_merge`, used by `set(s)`, `s.copy()`, `s | t`,
// `frozenset(s)` and SET_UPDATE) first resize once when (fill + incoming)·5
// ≥ mask·3, to the power of two above (used + incoming)·2 — so `set(s)` of a
// 5-element set has 16 slots where `s` has 32 — then, into an empty table,
// copy the source's slots verbatim (same size, no dummies) or re-insert its
// keys in its slot order (`set_insert_clean`); into a non-empty one they add
// key by key. `setPresize` and `setCopyKeys` are those two steps; the key by
// key case compares keys, so it is the interpreter's.

extension Heap {
  /// An empty set or frozenset (+1).
  public mutating func newSetObject(frozen: Bool) -> ObjectID {
    var payload = DictPayload()
    payload.keysSlots = ObjectLayouts.setInlineSlots
    let slot = dicts.insert(payload)
    let kind: ObjectKind = frozen ? .frozenset : .set
    let id = allocateObject(
      kind: kind, type: typeObject(frozen ? .frozenset : .set), size: layouts.fixedBlockSize(kind)!,
      payload: Int64(slot))
    countGCAllocation()
    track(id)
    return id
  }

  /// A copy of a set's table: one position per slot, values repeat keys.
  /// - Complexity: O(slots); `setCount`, `dictNextEntry` and
  ///   `dictCandidates` read the table in place.
  public func setTable(_ id: ObjectID) -> DictTable { dictTable(id) }

  /// `len()` of a set.
  public func setCount(_ id: ObjectID) -> Int { dictCount(id) }

  /// The keys of a set in slot order, borrowed.
  public func setKeys(_ id: ObjectID) -> [ObjectID] {
    var keys: [ObjectID] = []
    keys.reserveCapacity(dictCount(id))
    dicts[Int(payloads[id.slot])].table.appendReferences(in: tableSlab, values: false, to: &keys)
    return keys
  }

  /// The keys of a set with their hashes in slot order, borrowed (`set_next`).
  public func setEntries(_ id: ObjectID) -> [(hash: Int, key: ObjectID)] {
    dicts[Int(payloads[id.slot])].table.setEntries(in: tableSlab)
  }

  /// Slots of a set's table (`mask + 1`).
  public func setSlots(_ id: ObjectID) -> Int { dicts[Int(payloads[id.slot])].keysSlots }

  /// Live and dummy slots of a set's table (`fill`).
  public func setFill(_ id: ObjectID) -> Int { dicts[Int(payloads[id.slot])].table.setFill }

  /// Adds a key known to be absent (stolen) where `set_add_entry` puts it,
  /// resizing the table as CPython does when the key took an empty slot.
  public mutating func setInsertNew(_ id: ObjectID, hash: Int, key: ObjectID) {
    let slot = Int(payloads[id.slot])
    let tookEmpty = dicts[slot].table.setInsert(
      hash: hash, key: key, reuseDummy: layouts.setAddReusesDummy, in: &tableSlab)
    guard tookEmpty else { return }
    let table = dicts[slot].table
    if ObjectLayouts.setNeedsResize(slots: table.setSlots, fill: table.setFill) {
      resizeSetTable(slot, minUsed: ObjectLayouts.setGrowthMinUsed(used: Int(table.count)))
    }
  }

  /// Removes the key in slot `position`, leaving a dummy, and returns the
  /// key (the caller drops it).
  public mutating func setRemove(_ id: ObjectID, at position: Int) -> ObjectID {
    dicts[Int(payloads[id.slot])].table.setRemove(at: position, in: &tableSlab)
  }

  /// `set.pop()`: removes the first key at or after the finger (wrapping
  /// around) and moves the finger past it; nil when the set is empty. The
  /// caller owns the key.
  public mutating func setPop(_ id: ObjectID) -> ObjectID? {
    let slot = Int(payloads[id.slot])
    let table = dicts[slot].table
    guard let found = table.setNextLiveWrapping(from: Int(dicts[slot].setFinger), in: tableSlab) else {
      return nil
    }
    dicts[slot].setFinger = Int32(found + 1)
    return dicts[slot].table.setRemove(at: found, in: &tableSlab)
  }

  /// The one resize `set_merge` (and a dict merged into a set) does before
  /// adding `incoming` keys: when (fill + incoming)·5 ≥ mask·3, to the
  /// power of two above (used + incoming)·2.
  public mutating func setPresize(_ id: ObjectID, adding incoming: Int) {
    let slot = Int(payloads[id.slot])
    let table = dicts[slot].table
    guard (table.setFill + incoming) * 5 >= (table.setSlots - 1) * 3 else { return }
    resizeSetTable(slot, minUsed: (Int(table.count) + incoming) * 2)
  }

  /// `set_merge` into a set with an empty table (after `setPresize`): the
  /// source's slots copied verbatim when the tables have the same size and
  /// the source no dummies, else its keys re-inserted in its slot order.
  /// Retains every key. Returns false, changing nothing, when `id`'s table
  /// is not empty (the caller adds key by key).
  public mutating func setCopyKeys(into id: ObjectID, from source: ObjectID) -> Bool {
    let slot = Int(payloads[id.slot])
    guard dicts[slot].table.setFill == 0 else { return false }
    let sourceTable = dicts[Int(payloads[source.slot])].table
    dicts[slot].table.setCopy(from: sourceTable, in: &tableSlab)
    for key in setKeys(id) { incref(key) }
    return true
  }

  /// Rebuilds a set's table after a batch of discards when more than a
  /// quarter of its slots are dummies (end of `set_difference_update`).
  public mutating func setDropDummiesIfMany(_ id: ObjectID) {
    let slot = Int(payloads[id.slot])
    let table = dicts[slot].table
    guard table.setFill - Int(table.count) > (table.setSlots - 1) / 4 else { return }
    resizeSetTable(slot, minUsed: ObjectLayouts.setGrowthMinUsed(used: Int(table.count)))
  }

  /// `set_table_resize`: a new table of the smallest power of two ≥ 8 above
  /// `minUsed` (nothing to do when that is the inline table, already in use
  /// without dummies); a separate block is allocated before the old one is
  /// freed.
  mutating func resizeSetTable(_ slot: Int, minUsed: Int) {
    let newSlots = ObjectLayouts.setResizeSlots(minUsed: minUsed)
    let payload = dicts[slot]
    if newSlots == ObjectLayouts.setInlineSlots, payload.keysSlots == newSlots, !payload.table.setHasDummies {
      return
    }
    let size = ObjectLayouts.setTableBlockSize(slots: newSlots)
    let address = size > 0 ? allocator.allocateUnshared(size).rawValue : 0
    dicts[slot].table.setRebuild(slots: newSlots, in: &tableSlab)
    if payload.keysAddress != 0 { allocator.freeUnshared(Address(payload.keysAddress)) }
    dicts[slot].keysAddress = address
    dicts[slot].keysSize = size
    dicts[slot].keysSlots = newSlots
  }

  /// Empties a set (`set_clear_internal`): back to the inline table, the
  /// separate table freed; returns the keys to drop, in slot order. The
  /// finger stays.
  public mutating func setClear(_ id: ObjectID) -> [ObjectID] {
    let slot = Int(payloads[id.slot])
    let keys = setKeys(id)
    let payload = dicts[slot]
    dicts[slot].table.removeAll(in: &tableSlab)
    if payload.keysAddress != 0 { allocator.freeUnshared(Address(payload.keysAddress)) }
    dicts[slot].keysAddress = 0
    dicts[slot].keysSize = 0
    dicts[slot].keysSlots = ObjectLayouts.setInlineSlots
    return keys
  }

  /// Exchanges the tables of two sets (`set_swap_bodies`); each keeps its
  /// finger.
  public mutating func setSwapBodies(_ a: ObjectID, _ b: ObjectID) {
    let slotA = Int(payloads[a.slot])
    let slotB = Int(payloads[b.slot])
    let fingers = (dicts[slotA].setFinger, dicts[slotB].setFinger)
    let payloadA = dicts[slotA]
    dicts[slotA] = dicts[slotB]
    dicts[slotB] = payloadA
    dicts[slotA].setFinger = fingers.0
    dicts[slotB].setFinger = fingers.1
  }

  /// `sys.getsizeof` of a set.
  public func setSizeOf(_ id: ObjectID) -> Int {
    ObjectLayouts.setGetsizeof(slots: dicts[Int(payloads[id.slot])].keysSlots)
  }
}
