// Split (key-sharing) instance dicts: the table bookkeeping of
// `SharedKeysTable` — who holds a table, when a split dict must become an
// ordinary one, and when a 3.8–3.10 class adopts new keys or stops sharing.
// The rules are in SharedKeysTable.swift; the entry points are
// `prepareNewAttribute` and `instanceDictObject` (Heap+Callables.swift) and
// `prepareAttributeDeletion`.

extension Heap {
  /// Drops one reference to shared table `index` (−1: none); returns the
  /// table's block when that was the last one (the caller frees it).
  mutating func releaseSharedTable(_ index: Int) -> [UInt64] {
    guard index >= 0 else { return [] }
    sharedTables[index].references -= 1
    guard sharedTables[index].references == 0 else { return [] }
    let block = sharedTables[index].block
    sharedTables.remove(index, filler: SharedKeysTable(keys: SharedKeys(version: version), block: 0))
    return [block]
  }

  /// A fresh shared table for a new class (its block allocated now).
  mutating func newSharedTable() -> Int {
    let keys = SharedKeys(version: version)
    let block = allocator.allocate(keys.keysBlockSize).rawValue
    return sharedTables.insert(SharedKeysTable(keys: keys, block: block))
  }

  /// The position of key `name` in shared table `table`, nil when absent
  /// (see `SharedKeysTable.index`: mutating so as to read in place).
  mutating func sharedKeyIndex(_ table: Int, of name: String, hash: Int) -> Int? {
    sharedTables[table].index(of: name, hash: hash)
  }

  /// The shared table a class caches, −1 when none.
  func cachedTable(ofClass cls: ObjectID) -> Int {
    guard kinds[cls.slot] == .type else { return -1 }
    return classes[Int(payloads[cls.slot])].sharedTable
  }

  /// Request size of the keys table a class caches (counted by
  /// `sys.getsizeof(cls)`), 0 when it caches none.
  public func sharedKeysBlockSize(ofClass cls: ObjectID) -> Int {
    let table = cachedTable(ofClass: cls)
    return table >= 0 ? sharedTables[table].keys.keysBlockSize : 0
  }

  /// The keys of a class's shared table, in table order (empty when none).
  public func sharedKeyNames(ofClass cls: ObjectID) -> [String] {
    let table = cachedTable(ofClass: cls)
    return table >= 0 ? sharedTables[table].names : []
  }

  /// 3.8–3.10: the dict an instance gets on its first attribute store or
  /// `__dict__` access — split over the class's cached table
  /// (`new_dict_with_shared_keys`: a values array of 8 × usable bytes), or
  /// an ordinary empty dict once the class stopped sharing.
  mutating func newLegacyInstanceDict(ofClass cls: ObjectID) -> ObjectID {
    let dict = newDict()
    let table = cachedTable(ofClass: cls)
    guard table >= 0 else { return dict }
    let capacity = ObjectLayouts.dictUsable(slots: sharedTables[table].keys.slots)
    let dictSlot = Int(payloads[dict.slot])
    dicts[dictSlot].splitCapacity = capacity
    dicts[dictSlot].keysSize = 8 * capacity
    dicts[dictSlot].keysAddress = allocator.allocate(8 * capacity).rawValue
    dicts[dictSlot].sharedTable = table
    sharedTables[table].references += 1
    return dict
  }

  /// 3.8–3.10 `insertdict` on a split dict of an instance of `cls`, for a
  /// key the dict does not hold yet (the value is stored by the caller
  /// afterwards), with `_PyObjectDict_SetItem`'s follow-up when the dict
  /// left the class's cached table. `hash` is the name's str hash.
  mutating func legacySplitDictNewKey(_ dict: ObjectID, owner cls: ObjectID, name: String, hash: Int) {
    let dictSlot = Int(payloads[dict.slot])
    let table = dicts[dictSlot].sharedTable
    let used = Int(dicts[dictSlot].table.count)
    if let index = sharedKeyIndex(table, of: name, hash: hash) {
      if index == used { return }  // the next value slot in shared order
    } else if used == sharedTables[table].names.count && sharedTables[table].keys.usable > 0 {
      sharedTables[table].append(name, hash: hash)
      sharedTables[table].keys.appendKey()
      return
    }
    let cachedByClass = cachedTable(ofClass: cls) == table
    convertSplitDict(dict, slots: layouts.dictSlotsForGrowth(used: used))
    guard cachedByClass else { return }
    let classSlot = Int(payloads[cls.slot])
    if sharedTables[table].references == 1 {
      // `make_keys_shared`: the dict's new keys become the class's table;
      // the dict goes back to split form with a values array sized for them.
      let slots = dicts[dictSlot].keysSlots
      let entries = dicts[dictSlot].table.entries(in: tableSlab)
      var names = entries.map { string($0.key) }
      var hashes = entries.map(\.hash)
      names.append(name)
      hashes.append(hash)
      let keys = SharedKeys(version: version, adoptedSlots: slots, entries: names.count)
      let capacity = ObjectLayouts.dictUsable(slots: slots)
      let values = allocator.allocate(8 * capacity).rawValue
      let adopted = sharedTables.insert(
        SharedKeysTable(
          keys: keys, names: names, hashes: hashes, block: dicts[dictSlot].keysAddress, references: 2))
      dicts[dictSlot].keysAddress = values
      dicts[dictSlot].keysSize = 8 * capacity
      dicts[dictSlot].keysSlots = 0
      dicts[dictSlot].splitCapacity = capacity
      dicts[dictSlot].sharedTable = adopted
      classes[classSlot].sharedTable = adopted
    } else {
      classes[classSlot].sharedTable = -1  // CACHED_KEYS(tp) = NULL
    }
    for block in releaseSharedTable(table) { allocator.free(Address(block)) }
  }

  /// `insertion_resize` of a split dict: an ordinary keys table of `slots`
  /// slots is allocated, the values array freed and the shared table
  /// released. The dict keeps its keys and their order.
  mutating func convertSplitDict(_ dict: ObjectID, slots: Int) {
    let dictSlot = Int(payloads[dict.slot])
    let size = layouts.dictKeysBlockSize(slots: slots, keys: .general)
    let keysBlock = allocator.allocate(size).rawValue
    if dicts[dictSlot].keysAddress != 0 { allocator.free(Address(dicts[dictSlot].keysAddress)) }
    let table = dicts[dictSlot].sharedTable
    dicts[dictSlot].keysAddress = keysBlock
    dicts[dictSlot].keysSize = size
    dicts[dictSlot].keysSlots = slots
    dicts[dictSlot].splitCapacity = 0
    dicts[dictSlot].sharedTable = -1
    for block in releaseSharedTable(table) { allocator.free(Address(block)) }
  }

  /// 3.8–3.10: before an attribute is deleted from an instance's dict. A
  /// split table allows no deletion: the dict becomes ordinary at its
  /// current size, and the class stops caching shared keys
  /// (`_PyObjectDict_SetItem` with a NULL value).
  /// `keyPresent` says whether the dict holds the name (a missing one
  /// raises without converting, but the class still stops sharing).
  public mutating func prepareAttributeDeletion(_ id: ObjectID, keyPresent: Bool) {
    guard version <= .py310 else { return }
    let dict = instances[Int(payloads[id.slot])].dict
    guard !dict.isNull else { return }
    let table = dicts[Int(payloads[dict.slot])].sharedTable
    if table >= 0 && keyPresent { convertSplitDict(dict, slots: sharedTables[table].keys.slots) }
    let cls = types[id.slot]
    let cached = cachedTable(ofClass: cls)
    guard cached >= 0 else { return }
    classes[Int(payloads[cls.slot])].sharedTable = -1
    for block in releaseSharedTable(cached) { allocator.free(Address(block)) }
  }
}
