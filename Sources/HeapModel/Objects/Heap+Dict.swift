// Dict objects: the object block (PyDictObject, 48 bytes + GC head) and a
// keys table allocated on first insert and reallocated as it grows by
// `dictresize` to the smallest power of two ≥ used·3 (GROWTH_RATE). A keys
// table of n slots holds ⅔·n entries; its request size is a header, one index
// byte per slot (for n ≤ 128) and the entries — 24 bytes each, or 16 in 3.11+
// while every key is a str ("unicode" keys). Dicts are created untracked and
// become tracked when a container is stored in them (MAINTAIN_TRACKING).

extension Heap {
  /// An empty dict (+1 reference), from the dict free list when it has one
  /// — unless `fresh`: `dict(...)` allocates through the type's `tp_alloc`,
  /// which never takes one from the free list.
  public mutating func newDict(fresh: Bool = false) -> ObjectID {
    let slot = dicts.insert(DictPayload())
    if !fresh, let block = takeFromFreeList(.dict) {
      return addRow(kind: .dict, type: typeObject(.dict), payload: Int64(slot), block: block, size: 64)
    }
    let id = allocateObject(kind: .dict, type: typeObject(.dict), size: 64, payload: Int64(slot))
    countGCAllocation()
    return id
  }

  /// Gives an empty dict its own 8-slot keys table (`dict()` in 3.8–3.9).
  public mutating func dictPresize(_ id: ObjectID) {
    let slot = Int(payloads[id.slot])
    guard dicts[slot].keysSlots == 0 else { return }
    let size = dictKeysSize(slots: ObjectLayouts.dictMinSlots, unicode: true)
    dicts[slot].keysAddress = allocateDictKeys(size: size, slots: ObjectLayouts.dictMinSlots, unicode: true)
    dicts[slot].keysSize = size
    dicts[slot].keysSlots = ObjectLayouts.dictMinSlots
    dicts[slot].table.reserveEntries(ObjectLayouts.dictMinSlots * 2 / 3, in: &tableSlab)
  }

  /// A copy of a dict's (or set's) table, positions and holes included.
  /// - Complexity: O(entries); lookups and iteration have accessors of
  ///   their own (`dictCandidates`, `dictNextEntry`).
  public func dictTable(_ id: ObjectID) -> DictTable {
    dicts[Int(payloads[id.slot])].table.snapshot(in: tableSlab)
  }

  /// Live entries of a dict or set.
  public func dictCount(_ id: ObjectID) -> Int { Int(dicts[Int(payloads[id.slot])].table.count) }

  /// Entry positions a dict or set uses, live or removed (`dk_nentries`).
  public func dictEntryCount(_ id: ObjectID) -> Int { Int(dicts[Int(payloads[id.slot])].table.entryCount) }

  /// The first live entry at or after `position` of a dict (or the first
  /// live slot of a set: the value is the key), borrowed; nil past the last. What an iterator's
  /// `next()` reads, in O(holes skipped).
  public func dictNextEntry(_ id: ObjectID, from position: Int) -> (
    position: Int, key: ObjectID, value: ObjectID
  )? {
    let table = dicts[Int(payloads[id.slot])].table
    guard let found = table.nextLive(from: position, in: tableSlab) else { return nil }
    return (found, table.key(at: found, in: tableSlab), table.value(at: found, in: tableSlab))
  }

  /// The live entries of a dict (or set) in insertion order, borrowed.
  public func dictEntries(_ id: ObjectID) -> [(hash: Int, key: ObjectID, value: ObjectID)] {
    dicts[Int(payloads[id.slot])].table.entries(in: tableSlab)
  }

  /// The live entries of a dict or set whose key has `hash`, in the order
  /// a lookup tests them (borrowed keys). A lookup that runs `__eq__` walks
  /// this list, not the table, which the Python code may change.
  public func dictCandidates(_ id: ObjectID, hash: Int) -> [(position: Int, key: ObjectID)] {
    let table = dicts[Int(payloads[id.slot])].table
    if isSetKind(id) { return table.setCandidates(hash: hash, in: tableSlab) }
    return table.candidates(hash: hash, in: tableSlab)
  }

  /// The position of the live entry of a dict or set whose key has `hash`
  /// and satisfies `equal`, which must not change the heap (identity, or a
  /// comparison of str texts).
  public func dictFind(_ id: ObjectID, hash: Int, _ equal: (ObjectID) -> Bool) -> Int? {
    let table = dicts[Int(payloads[id.slot])].table
    if isSetKind(id) { return table.setFind(hash: hash, in: tableSlab, equal) }
    return table.find(hash: hash, in: tableSlab, equal)
  }

  /// Whether `id` is a set or frozenset (its table is in slot order).
  @inline(__always) func isSetKind(_ id: ObjectID) -> Bool {
    let kind = kinds[id.slot]
    return kind == .set || kind == .frozenset
  }

  /// Adds a new entry (the caller has checked the key is absent), stealing
  /// both references; grows the keys table as CPython would.
  ///
  /// The payload is read once into a local, changed there and written back
  /// once (each `dicts[slot].field = …` was a uniqueness check of the
  /// payload store). When the keys table is (re)allocated the entries range
  /// is sized to its usable count, as `dk_entries` is, so the table's
  /// entries move once per keys resize, not at every power of two.
  public mutating func dictInsertNew(_ id: ObjectID, hash: Int, key: ObjectID, value: ObjectID) {
    let slot = Int(payloads[id.slot])
    var payload = dicts[slot]
    // A split instance dict: the class's shared keys grow, not this dict
    // (see `prepareNewAttribute`).
    if payload.splitCapacity == 0 { prepareKeysForInsert(&payload, key: key) }
    payload.table.append(hash: hash, key: key, value: value, in: &tableSlab)
    payload.setFinger = 0  // popitem's trailing holes are behind the new entry
    dicts[slot] = payload
    maintainTracking(id, key: key, value: value)
  }

  /// The keys table's part of an insert (`insertdict`'s `dk_usable` check
  /// and `insertion_resize`, 3.11+'s unicode-to-general conversion) on a
  /// payload the caller writes back.
  @inline(__always)
  private mutating func prepareKeysForInsert(_ payload: inout DictPayload, key: ObjectID) {
    let wasUnicode = payload.unicodeKeys
    if wasUnicode, kinds[key.slot] != .str { payload.unicodeKeys = false }
    let keysSlots = payload.keysSlots
    let usable = keysSlots * 2 / 3
    let entries = Int(payload.table.entryCount)
    guard keysSlots == 0 || entries >= usable || (wasUnicode && !payload.unicodeKeys && version >= .py311)
    else { return }
    // A 3.11+ str-keys table meeting another key is rebuilt by
    // `insertion_resize` too, so it is sized from the live count as growth is.
    let slots = keysSlots == 0 ? 8 : layouts.dictSlotsForGrowth(used: Int(payload.table.count))
    let size = dictKeysSize(slots: slots, unicode: payload.unicodeKeys)
    let newBlock = allocateDictKeys(size: size, slots: slots, unicode: payload.unicodeKeys)
    if payload.keysAddress != 0 {
      freeDictKeys(payload.keysAddress, slots: keysSlots, unicode: wasUnicode)
    }
    payload.keysAddress = newBlock
    payload.keysSize = size
    payload.keysSlots = slots
    if entries > Int(payload.table.count) {
      payload.table.compactEntries(in: &tableSlab)
      payload.setFinger = 0
    }
    payload.table.reserveEntries(slots * 2 / 3, in: &tableSlab)
  }

  /// Replaces the value at an entry position, returning the old value (the
  /// caller drops it).
  public mutating func dictReplaceValue(_ id: ObjectID, at position: Int, with value: ObjectID) -> ObjectID {
    let word = dicts[Int(payloads[id.slot])].table.word(position) + 3
    let old = ObjectID(tableSlab[word])
    tableSlab[word] = value.index
    maintainTracking(id, key: .null, value: value)
    return old
  }

  /// A name store at a remembered position: when the dict has str keys
  /// only and entry `position` is live and keyed by `key` itself (the
  /// entry a probe would reach without calling `__eq__`), takes a
  /// reference to `value`, stores it there and returns the old value for
  /// the caller to drop; else nil, with nothing changed.
  public mutating func dictReplaceValue(
    _ id: ObjectID, at position: Int, ifKeyIs key: ObjectID, with value: ObjectID
  )
    -> ObjectID?
  {
    let payload = dicts[Int(payloads[id.slot])]
    guard payload.unicodeKeys, UInt(bitPattern: position) < UInt(bitPattern: Int(payload.table.entryCount)),
      !key.isNull
    else { return nil }
    let word = payload.table.word(position)
    guard tableSlab[word + 2] == key.index else { return nil }
    incref(value)
    let old = ObjectID(tableSlab[word + 3])
    tableSlab[word + 3] = value.index
    maintainTracking(id, key: .null, value: value)
    return old
  }

  /// Removes an entry, returning its key and value (the caller drops both).
  public mutating func dictRemove(_ id: ObjectID, at position: Int) -> (key: ObjectID, value: ObjectID) {
    let slot = Int(payloads[id.slot])
    // A combined dict keeps its holes until the next resize (they count
    // against the usable entries, as `dk_nentries` does); a split dict,
    // whose table never resizes here, squeezes them out as it goes.
    return dicts[slot].table.remove(at: position, in: &tableSlab, compacting: dicts[slot].splitCapacity > 0)
  }

  /// Removes every entry, returning the references to drop (keys and values
  /// in entry order) and freeing the keys table.
  public mutating func dictClear(_ id: ObjectID) -> [ObjectID] {
    let slot = Int(payloads[id.slot])
    var refs: [ObjectID] = []
    dicts[slot].table.appendReferences(in: tableSlab, valueFirst: false, to: &refs)
    dicts[slot].table.removeAll(in: &tableSlab)
    dicts[slot].setFinger = 0
    if dicts[slot].keysAddress != 0 {
      if dicts[slot].sharedTable >= 0 {
        allocator.free(Address(dicts[slot].keysAddress))  // a split dict's values
      } else {
        freeDictKeys(dicts[slot].keysAddress, slots: dicts[slot].keysSlots, unicode: dicts[slot].unicodeKeys)
      }
    }
    for block in releaseSharedTable(dicts[slot].sharedTable) { allocator.free(Address(block)) }
    dicts[slot] = DictPayload()
    return refs
  }

  /// Bytes `sys.getsizeof` reports for a dict (`dict_sizeof`): a split dict
  /// counts its values — 3.11+ sized from the shared table as it is now —
  /// and the shared table itself only when it is the table's sole holder.
  public func dictSizeOf(_ id: ObjectID) -> Int {
    let payload = dicts[Int(payloads[id.slot])]
    guard payload.sharedTable >= 0 else { return 64 + payload.keysSize }
    let table = sharedTables[payload.sharedTable]
    let values = version >= .py311 ? 8 * (table.keys.entries + table.keys.usable) : payload.keysSize
    return 64 + values + (table.references == 1 ? table.keys.keysBlockSize : 0)
  }

  func dictKeysSize(slots: Int, unicode: Bool) -> Int {
    layouts.dictKeysBlockSize(slots: slots, keys: unicode ? .unicode : .general)
  }

  /// Whether storing `object` in a container makes the container tracked
  /// (`_PyObject_GC_MAY_BE_TRACKED`): any GC object except an untracked
  /// tuple. An untracked dict counts (measured: `{'a': {}}` is tracked).
  public func mayBeTracked(_ object: ObjectID) -> Bool {
    guard !object.isNull, kinds[object.slot].isGCType else { return false }
    if kinds[object.slot] == .tuple { return flags[object.slot].contains(.tracked) }
    return true
  }

  @inline(__always)
  mutating func maintainTracking(_ dict: ObjectID, key: ObjectID, value: ObjectID) {
    if flags[dict.slot].contains(.tracked) { return }
    // track/untrack/isTracked live in GC/Heap+GCLists.swift (generation lists).
    if mayBeTrackedInline(key) || mayBeTrackedInline(value) { track(dict) }
  }

  /// `mayBeTracked` for the insert paths, inlined there.
  @inline(__always) func mayBeTrackedInline(_ object: ObjectID) -> Bool {
    guard !object.isNull else { return false }
    let kind = kinds[object.slot]
    guard kind.isGCType else { return false }
    return kind != .tuple || flags[object.slot].contains(.tracked)
  }
}

extension Heap {
  /// Turns the allocator's event log on or off (the timeline's micro-steps).
  public mutating func recordAllocatorEvents(_ on: Bool) { allocator.recordsEvents = on }

  /// The allocator events since the last call.
  public mutating func takeAllocatorEvents() -> [AllocatorEvent] { allocator.takeEvents() }

  /// The allocator events since the last call, swapped into `buffer`; the
  /// log goes on in `buffer`'s old storage, emptied, so a caller that swaps
  /// at every step reuses two buffers instead of growing a new one each time.
  public mutating func swapAllocatorEvents(_ buffer: inout [AllocatorEvent]) {
    allocator.swapEvents(&buffer)
  }
}

extension Heap {
  /// Blocks an object owns besides its own (a list's items, a dict's keys,
  /// an instance's values), with what they hold.
  public func extraBlocks(of id: ObjectID) -> [(UInt64, String)] {
    let slot = Int(payloads[id.slot])
    switch kinds[id.slot] {
    case .list:
      let address = listItemsAddress(row: id.slot)
      return address != 0 ? [(address, "items")] : []
    case .dict, .set, .frozenset:
      let payload = dicts[slot]
      let part = payload.splitCapacity > 0 ? "values" : (kinds[id.slot] == .dict ? "keys" : "table")
      return payload.keysAddress != 0 ? [(payload.keysAddress, part)] : []
    case .instance, .slotsInstance:
      let address = instances[slot].valuesAddress
      return address != 0 ? [(address, "values")] : []
    case .type:
      return classes[slot].companionBlocks.map { ($0, "type data") }
    case .classDict:
      let address = classes[slot].dictKeysBlock
      return address != 0 ? [(address, "keys")] : []
    default:
      return []
    }
  }
}

extension Heap {
  /// The owner of every block that starts in `range` — an object's own block
  /// (part nil) or one of its extra blocks, with what that block holds — in
  /// one pass over the object table that allocates nothing per object (the
  /// inspector asks for one pool's blocks of a million-object heap).
  public func blockOwners(in range: Range<UInt64>) -> [UInt64: (ObjectID, String?)] {
    var owners: [UInt64: (ObjectID, String?)] = [:]
    for row in 0..<kinds.count where !flags[row].contains(.dead) && !flags[row].contains(.isStatic) {
      let id = ObjectID(row)
      if range.contains(blocks[row]) { owners[blocks[row]] = (id, nil) }
      let slot = Int(payloads[row])
      switch kinds[row] {
      case .list:
        let address = listItemsAddress(row: row)
        if address != 0, range.contains(address) { owners[address] = (id, "items") }
      case .dict, .set, .frozenset:
        let address = dicts[slot].keysAddress
        if address != 0, range.contains(address) {
          owners[address] = extraBlocks(of: id).first.map { (id, $0.1) }
        }
      case .instance, .slotsInstance:
        let address = instances[slot].valuesAddress
        if address != 0, range.contains(address) { owners[address] = (id, "values") }
      case .type, .classDict:
        for (block, part) in extraBlocks(of: id) where range.contains(block) { owners[block] = (id, part) }
      default:
        break
      }
    }
    return owners
  }
}
