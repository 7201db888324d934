// A set's hash table, slot for slot as CPython lays it out
// (Objects/setobject.c). Unlike a dict, a set has no entries array in
// insertion order: iteration, `repr`, `pop`, `gc.get_referents` and
// deallocation all walk the open-addressed table from slot 0 to slot mask,
// so the order a scenario sees is the order of the slots.
//
// The table has mask + 1 slots (8 in the object's `smalltable`, then a
// power of two allocated separately). A slot is empty, live (key, hash) or
// a dummy (a discarded key: hash −1, CPython's `dummy` object), which keeps
// probe chains intact. Probing for hash h starts at slot h & mask and looks
// at up to 9 following slots in a row (LINEAR_PROBES) while that run stays
// inside the table (start + 9 ≤ mask), then jumps:
// perturb >>= 5; start = (start·5 + 1 + perturb) & mask. A lookup stops at
// the first empty slot (`set_lookkey`). A new key goes into that empty slot
// — or, in every version but 3.9, into the last dummy met on the way
// (`set_add_entry`'s freeslot; 3.9 never reuses dummies; measured).
//
// fill counts live and dummy slots, used the live ones. Taking an empty slot
// makes fill grow; once fill·5 ≥ mask·3 the table is rebuilt
// (`set_table_resize`) at the smallest power of two ≥ 8 above used·4
// (used·2 above 50 000): the old slots are walked in order and each live key
// goes into the first empty slot of its probe sequence (`set_insert_clean`),
// so dummies vanish and the order can change. Reusing a dummy never resizes.
//
// Model layout: the table's entries range in `Heap.tableSlab` holds exactly
// mask + 1 entries (`capacity` = `entryCount` = slots) — so the dict code
// that walks positions (`nextLive`, `appendReferences`, `entries`) walks
// slots in order — with the key word −1 (null) when empty and −2 when a
// dummy; the value word repeats a live key and is null otherwise. A set
// table has no index, so `indexStart` holds fill instead. Before the first
// add the table has no range: 8 empty slots. 16 model bytes per slot.

extension SlabTable {
  /// Slots a probe looks at in a row after its start (`LINEAR_PROBES`).
  static let setLinearProbes = 9
  /// The key word of a dummy slot.
  static let setDummyKey: Int32 = -2

  /// Slots of a set table (`mask + 1`).
  var setSlots: Int { capacity == 0 ? ObjectLayouts.setInlineSlots : Int(capacity) }

  /// Live or dummy slots of a set table (`fill`).
  var setFill: Int {
    get { capacity == 0 ? 0 : Int(indexStart) }
    set { indexStart = Int32(newValue) }
  }

  /// Whether a set table has dummy slots.
  var setHasDummies: Bool { setFill != Int(count) }

  /// The state of one slot: its key (null when empty, `setDummyKey`'s id
  /// when a dummy) and hash.
  func setSlot(_ slot: Int, in slab: ItemSlab) -> (key: Int32, hash: Int) {
    (slab[word(slot) + 2], hash(at: slot, in: slab))
  }

  // MARK: Probing

  /// Walks the probe sequence of `hash` until the first empty slot, calling
  /// `body` on every live slot whose hash is `hash` (in the order
  /// `set_lookkey` compares them) until it returns true. Returns that slot,
  /// or nil and the slot `set_add_entry` would store a new key in.
  @inline(__always)
  func setProbe(
    hash: Int, reuseDummy: Bool, _ words: UnsafeBufferPointer<Int32>,
    _ body: (Int, ObjectID) throws -> Bool
  ) rethrows -> (found: Int?, free: Int) {
    let mask = setSlots - 1
    var start = hash & mask
    guard capacity > 0 else { return (nil, start) }
    var perturb = UInt(bitPattern: hash)
    var dummy = -1
    while true {
      let last = start + SlabTable.setLinearProbes <= mask ? start + SlabTable.setLinearProbes : start
      for slot in start...last {
        let word = self.word(slot)
        let key = words[word + 2]
        if key == ObjectID.null.index { return (nil, reuseDummy && dummy >= 0 ? dummy : slot) }
        if key == SlabTable.setDummyKey {
          dummy = slot
        } else if SlabTable.hash(words, word) == hash, try body(slot, ObjectID(key)) {
          return (slot, slot)
        }
      }
      perturb >>= 5
      start = (start &* 5 &+ 1 &+ Int(truncatingIfNeeded: perturb)) & mask
    }
  }

  /// The live slot whose key has `hash` and satisfies `equal` (called in
  /// probe order, only for keys with that hash; it must not change the slab).
  func setFind(hash: Int, in slab: ItemSlab, _ equal: (ObjectID) throws -> Bool) rethrows -> Int? {
    try slab.words.withUnsafeBufferPointer { words in
      try setProbe(hash: hash, reuseDummy: false, words) { _, key in try equal(key) }.found
    }
  }

  /// The live slots whose key has `hash`, in the order `set_lookkey`
  /// compares them.
  func setCandidates(hash: Int, in slab: ItemSlab) -> [(position: Int, key: ObjectID)] {
    var result: [(position: Int, key: ObjectID)] = []
    slab.words.withUnsafeBufferPointer { words in
      _ = setProbe(hash: hash, reuseDummy: false, words) { slot, key in
        result.append((slot, key))
        return false
      }
    }
    return result
  }

  // MARK: Changing

  /// Stores a key known to be absent where `set_add_entry` would: the
  /// first empty slot of its probe sequence, or the last dummy met before
  /// it when `reuseDummy`. Returns whether an empty slot was taken (fill
  /// grew, so the caller checks for a resize).
  mutating func setInsert(hash: Int, key: ObjectID, reuseDummy: Bool, in slab: inout ItemSlab) -> Bool {
    if capacity == 0 { allocateSetSlots(ObjectLayouts.setInlineSlots, in: &slab) }
    let slot = slab.words.withUnsafeBufferPointer { words in
      setProbe(hash: hash, reuseDummy: reuseDummy, words) { _, _ in false }.free
    }
    let wasEmpty = slab[word(slot) + 2] == ObjectID.null.index
    writeSetSlot(slot, hash: hash, key: key, in: &slab)
    count += 1
    if wasEmpty { setFill += 1 }
    return wasEmpty
  }

  /// Turns a live slot into a dummy, returning its key. Fill is unchanged
  /// and the table never shrinks here (`set_discard_entry`).
  mutating func setRemove(at slot: Int, in slab: inout ItemSlab) -> ObjectID {
    let word = self.word(slot)
    let key = ObjectID(slab[word + 2])
    slab[word] = -1
    slab[word + 1] = -1
    slab[word + 2] = SlabTable.setDummyKey
    slab[word + 3] = ObjectID.null.index
    count -= 1
    return key
  }

  /// The first live slot at or after `slot`, wrapping around (`set_pop`
  /// scanning from its finger), or nil when the set is empty.
  func setNextLiveWrapping(from slot: Int, in slab: ItemSlab) -> Int? {
    guard count > 0 else { return nil }
    let slots = setSlots
    var slot = slot & (slots - 1)
    while !isLive(slot, in: slab) { slot = slot == slots - 1 ? 0 : slot + 1 }
    return slot
  }

  /// Rebuilds the table at `slots` slots (`set_table_resize`): the live
  /// keys of the old slots, in slot order, each into the first empty slot
  /// of its probe sequence. Dummies are dropped; fill becomes used.
  mutating func setRebuild(slots: Int, in slab: inout ItemSlab) {
    let old = self
    allocateSetSlots(slots, in: &slab)
    if old.capacity > 0 {
      for slot in 0..<Int(old.capacity) where old.isLive(slot, in: slab) {
        insertClean(hash: old.hash(at: slot, in: slab), key: old.key(at: slot, in: slab), in: &slab)
      }
      slab.free(Int(old.entriesStart), length: Int(old.capacity) * SlabTable.entryWords)
    }
    count = old.count
    setFill = Int(old.count)
  }

  /// Copies the live keys of `source` (another set table) into this empty
  /// table (`set_merge` with an empty target, after its presize): slot for
  /// slot when both have the same size and `source` has no dummies, else
  /// each into the first empty slot of its probe sequence, in source slot
  /// order. The caller retains the keys.
  mutating func setCopy(from source: SlabTable, in slab: inout ItemSlab) {
    precondition(setFill == 0, "set_merge's copy needs an empty target")
    guard source.count > 0 else { return }
    let slots = setSlots
    if capacity == 0 { allocateSetSlots(slots, in: &slab) }
    if slots == source.setSlots && !source.setHasDummies {
      slab.move(from: source.word(0), to: word(0), count: slots * SlabTable.entryWords)
    } else {
      for slot in 0..<Int(source.capacity) where source.isLive(slot, in: slab) {
        insertClean(hash: source.hash(at: slot, in: slab), key: source.key(at: slot, in: slab), in: &slab)
      }
    }
    count = source.count
    setFill = Int(source.count)
  }

  /// The live keys and their hashes in slot order (`set_next`).
  func setEntries(in slab: ItemSlab) -> [(hash: Int, key: ObjectID)] {
    entries(in: slab).map { ($0.hash, $0.key) }
  }

  // MARK: Slots

  /// Points the table at a fresh range of `slots` empty slots (the old
  /// range is the caller's).
  private mutating func allocateSetSlots(_ slots: Int, in slab: inout ItemSlab) {
    let start = slab.allocate(slots * SlabTable.entryWords)
    slab.withMutableWords { words in
      for slot in 0..<slots {
        let word = start + slot * SlabTable.entryWords
        words[word] = 0
        words[word + 1] = 0
        words[word + 2] = ObjectID.null.index
        words[word + 3] = ObjectID.null.index
      }
    }
    entriesStart = Int32(start)
    capacity = Int32(slots)
    entryCount = Int32(slots)
    count = 0
    setFill = 0
  }

  private func writeSetSlot(_ slot: Int, hash: Int, key: ObjectID, in slab: inout ItemSlab) {
    let word = self.word(slot)
    let bits = UInt(bitPattern: hash)
    slab[word] = Int32(bitPattern: UInt32(truncatingIfNeeded: bits))
    slab[word + 1] = Int32(bitPattern: UInt32(truncatingIfNeeded: bits >> 32))
    slab[word + 2] = key.index
    slab[word + 3] = key.index
  }

  /// Stores a key in the first empty slot of its probe sequence, in a
  /// table without dummies (`set_insert_clean`); counts are the caller's.
  private func insertClean(hash: Int, key: ObjectID, in slab: inout ItemSlab) {
    let slot = slab.words.withUnsafeBufferPointer { words in
      setProbe(hash: hash, reuseDummy: false, words) { _, _ in false }.free
    }
    writeSetSlot(slot, hash: hash, key: key, in: &slab)
  }
}
