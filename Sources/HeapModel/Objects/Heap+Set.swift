// Set and frozenset objects: a 216-byte GC object (8 inline slots) plus a
// separately allocated table once it outgrows them (`set_table_resize`).
// Entries live in a `SlabTable` (the table slab) whose value column repeats
// the key (it is not a second reference).

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

  /// A copy of a set's table (values repeat keys).
  /// - Complexity: O(entries); `setCount`, `dictNextEntry` and
  ///   `dictCandidates` read the table in place.
  public func setTable(_ id: ObjectID) -> DictTable { dictTable(id) }

  /// `len()` of a set.
  public func setCount(_ id: ObjectID) -> Int { dictCount(id) }

  /// The keys of a set in table order, borrowed.
  public func setKeys(_ id: ObjectID) -> [ObjectID] {
    var keys: [ObjectID] = []
    keys.reserveCapacity(dictCount(id))
    dicts[Int(payloads[id.slot])].table.appendReferences(in: tableSlab, values: false, to: &keys)
    return keys
  }

  /// Adds a key known to be absent (stolen), resizing the table as CPython.
  public mutating func setInsertNew(_ id: ObjectID, hash: Int, key: ObjectID) {
    let slot = Int(payloads[id.slot])
    let payload = dicts[slot]
    let fill = Int(payload.table.entryCount) + 1
    let newSlots = ObjectLayouts.setSlotsAfterAdd(
      slots: payload.keysSlots, fill: fill, used: Int(payload.table.count) + 1)
    if newSlots != payload.keysSlots {
      if payload.keysAddress != 0 { allocator.free(Address(payload.keysAddress)) }
      let size = ObjectLayouts.setTableBlockSize(slots: newSlots)
      dicts[slot].keysAddress = size > 0 ? allocator.allocate(size).rawValue : 0
      dicts[slot].keysSize = size
      dicts[slot].keysSlots = newSlots
    }
    dicts[slot].table.append(hash: hash, key: key, value: key, in: &tableSlab)
  }

  /// Removes the entry at `position`, returning its key (the caller drops it).
  public mutating func setRemove(_ id: ObjectID, at position: Int) -> ObjectID {
    dicts[Int(payloads[id.slot])].table.remove(at: position, in: &tableSlab).key
  }

  /// `sys.getsizeof` of a set.
  public func setSizeOf(_ id: ObjectID) -> Int {
    ObjectLayouts.setGetsizeof(slots: dicts[Int(payloads[id.slot])].keysSlots)
  }
}
