// Table operations of dict's own methods beyond get/set/delete:
// - `popitem` (dict_popitem_impl) takes the last live entry. CPython then
//   lowers `dk_nentries` past it but leaves `dk_usable` alone, so a later
//   insert still counts against the table's usable entries; the model keeps
//   the hole instead, which gives the same growth (its growth test counts
//   entry positions used since the last resize) and the same iteration order.
// - `dict.fromkeys` of an exact dict or set presizes the new dict
//   (dict_dict_fromkeys / dict_set_fromkeys): `dictresize` to a size
//   estimated from the source's length, one new keys table replacing the
//   current one (the 8-slot table `dict()` made in 3.8–3.9; the shared empty
//   keys in 3.10+). 3.11+ make it a "unicode" table only when the source is
//   a dict with unicode keys; from a set it is a general table even for str
//   keys.

extension Heap {
  /// `dict.popitem`'s removal: the last live entry, or nil when the dict
  /// is empty. Popping one after another costs O(1) each, as in CPython
  /// (the holes left behind are not walked again).
  public mutating func dictPopLast(_ id: ObjectID) -> (key: ObjectID, value: ObjectID)? {
    let slot = Int(payloads[id.slot])
    guard let position = dicts[slot].table.lastLive(in: tableSlab, skipping: Int(dicts[slot].setFinger))
    else { return nil }
    let used = dicts[slot].table.entryCount
    let removed = dictRemove(id, at: position)
    // A removal that compacted or emptied the table left no holes to remember.
    dicts[slot].setFinger = dicts[slot].table.entryCount == used ? used - Int32(position) : 0
    return removed
  }

  /// `dictresize` of an empty dict to a new keys table of `slots` slots
  /// (allocated before the old table, if any, is freed).
  public mutating func dictResizeEmpty(_ id: ObjectID, slots: Int, unicode: Bool) {
    let slot = Int(payloads[id.slot])
    precondition(dicts[slot].table.count == 0 && dicts[slot].splitCapacity == 0, "presizing a non-empty dict")
    let size = dictKeysSize(slots: slots, unicode: unicode)
    let block = allocator.allocate(size).rawValue
    if dicts[slot].keysAddress != 0 { allocator.free(Address(dicts[slot].keysAddress)) }
    dicts[slot].keysAddress = block
    dicts[slot].keysSize = size
    dicts[slot].keysSlots = slots
    dicts[slot].unicodeKeys = unicode
  }

  /// Whether a dict's keys table is a 3.11+ "unicode" one (every key a str).
  public func dictHasUnicodeKeys(_ id: ObjectID) -> Bool { dicts[Int(payloads[id.slot])].unicodeKeys }

  /// Whether a dict is a split (instance) dict sharing its class's keys.
  public func dictIsSplit(_ id: ObjectID) -> Bool { dicts[Int(payloads[id.slot])].splitCapacity > 0 }
}

extension SlabTable {
  /// The last live position, or nil: a backward scan that starts below
  /// the `skipping` positions at the end known to be removed.
  func lastLive(in slab: ItemSlab, skipping: Int) -> Int? {
    slab.words.withUnsafeBufferPointer { words -> Int? in
      var position = Int(entryCount) - skipping - 1
      while position >= 0 {
        if words[word(position) + 3] != ObjectID.null.index { return position }
        position -= 1
      }
      return nil
    }
  }
}
