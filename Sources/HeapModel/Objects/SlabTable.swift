// Where a dict's or set's hash table lives in `Heap.tableSlab`, and the
// table operations on it. The table is the model's own bookkeeping, not a
// CPython structure: CPython's keys block is modelled by address and size
// in `DictPayload`, from `count` and the version's growth rules. What the
// table must reproduce exactly is the *entry positions* — insertion order,
// holes left by deletions, when the holes are squeezed out — because dict
// iteration and the iterators' saved positions read them.
//
// Two ranges of the slab, both plain words, so a `DictPayload` is plain
// data and copying the payload store (a timeline checkpoint) retains
// nothing:
//
//   entries:  [hashLo hashHi key value] × capacity    (first entryCount used)
//   index:    [position or −1 empty or −2 removed] × indexSlots
//
// A removed entry keeps its place and hash with null key and value (as
// `dk_entries` keeps a dummy) until the table is compacted. A combined
// dict's removals never compact (`remove(at:in:compacting: false)`): its
// used positions are CPython's `dk_nentries`, which decide when the next
// insert resizes, and that resize (`compactEntries`: `dictresize` drops the
// holes) comes once they reach the usable count, so they stay bounded. Other
// tables compact on removal: when one empties it goes back to no ranges at
// all; when more than 16 positions are used and fewer than half are live,
// the live entries slide to the front (in order) and the index is rebuilt.
// A dict's entries range is sized to its keys table's usable count when
// the keys table is allocated or grown (`reserveEntries`, from
// `Heap.dictInsertNew`: `dk_entries` has that many slots), so it moves once
// per keys resize; any other growth doubles it when full, as a realloc
// would, and a compaction shrinks it to the next power of two.
//
// The index is CPython's open addressing (slot = hash & mask, then
// `slot·5 + 1 + perturb`, perturb shifted right by 5 each step) over entry
// positions. It exists only above 8 positions (a linear scan is faster
// below); it is rebuilt from the live entries, at ≥ 1.5 slots per position
// and at least 32 slots, when positions reach ⅔ of its slots. The sizes and
// the rebuild points are the ones the array-based `DictTable` used, so
// probes meet keys in the same order, which a scenario can observe through
// `__eq__` calls between keys of equal hash.
//
// A set's table uses the same ranges differently: one entry per hash-table
// slot, in CPython's slot layout, and no index (SlabTable+SetSlots.swift).
// The reading functions below (`nextLive`, `appendReferences`, `entries`)
// serve both; the changing ones are for dicts only.
//
// Invariants (dict tables): `count` ≤ `entryCount` ≤ `capacity`; the entries range exists
// iff `capacity` > 0 and the index range iff `entryCount` > 8; every live
// entry is reachable on its hash's probe sequence before the first empty
// slot; the ranges belong to this table alone.

/// The location of one hash table in the table slab (plain data; see the
/// essay above).
@usableFromInline struct SlabTable: Sendable, Equatable {
  @usableFromInline var entriesStart = Int32(ItemSlab.emptyStart)
  @usableFromInline var capacity: Int32 = 0
  /// Positions used, live or removed (CPython's `dk_nentries`).
  @usableFromInline var entryCount: Int32 = 0
  /// Live entries.
  @usableFromInline var count: Int32 = 0
  @usableFromInline var indexStart = Int32(ItemSlab.emptyStart)
  @usableFromInline var indexSlots: Int32 = 0

  static let entryWords = 4
  /// Positions a table may use before it gets an index.
  static let linearLimit = 8

  // MARK: Reading

  /// The first word of entry `position` (`entryWords` = 4 words an entry).
  @inlinable @inline(__always) func word(_ position: Int) -> Int { Int(entriesStart) &+ position &* 4 }

  @inline(__always) static func hash(_ words: UnsafeBufferPointer<Int32>, _ word: Int) -> Int {
    Int(bitPattern: UInt(UInt32(bitPattern: words[word])) | UInt(UInt32(bitPattern: words[word + 1])) << 32)
  }

  func hash(at position: Int, in slab: ItemSlab) -> Int {
    slab.words.withUnsafeBufferPointer { SlabTable.hash($0, word(position)) }
  }

  @inline(__always) func key(at position: Int, in slab: ItemSlab) -> ObjectID {
    ObjectID(slab[word(position) + 2])
  }

  @inline(__always) func value(at position: Int, in slab: ItemSlab) -> ObjectID {
    ObjectID(slab[word(position) + 3])
  }

  /// Whether an entry position holds a live entry.
  @inline(__always) func isLive(_ position: Int, in slab: ItemSlab) -> Bool {
    slab[word(position) + 3] != ObjectID.null.index
  }

  /// The first live position at or after `position`, or nil.
  func nextLive(from position: Int, in slab: ItemSlab) -> Int? {
    slab.words.withUnsafeBufferPointer { words -> Int? in
      var position = max(position, 0)
      while position < Int(entryCount) {
        if words[word(position) + 3] != ObjectID.null.index { return position }
        position += 1
      }
      return nil
    }
  }

  /// The position of the live entry whose key has `hash` and satisfies
  /// `equal` (called only for keys with that hash, in probe order). `equal`
  /// must not change the slab.
  @inline(__always)
  func find(hash: Int, in slab: ItemSlab, _ equal: (ObjectID) throws -> Bool) rethrows -> Int? {
    try slab.words.withUnsafeBufferPointer { words in
      try probe(hash: hash, words) { _, key in try equal(key) }
    }
  }

  /// The live entries whose key has `hash`, in the order `find` would test
  /// them: what a lookup that runs `__eq__` (which may change the table)
  /// walks instead of the table itself.
  func candidates(hash: Int, in slab: ItemSlab) -> [(position: Int, key: ObjectID)] {
    var result: [(position: Int, key: ObjectID)] = []
    slab.words.withUnsafeBufferPointer { words in
      _ = probe(hash: hash, words) { position, key in
        result.append((position, key))
        return false
      }
    }
    return result
  }

  /// Walks the live entries with hash `hash` in probe order until `body`
  /// returns true; returns that entry's position.
  @inline(__always)
  private func probe(
    hash: Int, _ words: UnsafeBufferPointer<Int32>, _ body: (Int, ObjectID) throws -> Bool
  ) rethrows -> Int? {
    if indexSlots == 0 {
      var word = Int(entriesStart)
      for position in 0..<Int(entryCount) {
        defer { word += SlabTable.entryWords }
        guard SlabTable.hash(words, word) == hash, words[word + 3] != ObjectID.null.index else { continue }
        if try body(position, ObjectID(words[word + 2])) { return position }
      }
      return nil
    }
    let mask = Int(indexSlots) - 1
    let index = Int(indexStart)
    var slot = hash & mask
    var perturb = UInt(bitPattern: hash)
    while true {
      let entry = words[index + slot]
      if entry == -1 { return nil }
      if entry >= 0 {
        let word = self.word(Int(entry))
        if SlabTable.hash(words, word) == hash, words[word + 3] != ObjectID.null.index,
          try body(Int(entry), ObjectID(words[word + 2]))
        {
          return Int(entry)
        }
      }
      perturb >>= 5
      slot = (slot &* 5 &+ 1 &+ Int(truncatingIfNeeded: perturb)) & mask
    }
  }

  /// Appends the references of the live entries to `buffer`: per entry the
  /// value then the key (`dict_traverse`), or only one of them.
  @inline(__always)
  func appendReferences(
    in slab: ItemSlab, keys: Bool = true, values: Bool = true, valueFirst: Bool = true,
    to buffer: inout [ObjectID]
  ) {
    slab.words.withUnsafeBufferPointer { words in
      var word = Int(entriesStart)
      for _ in 0..<Int(entryCount) {
        defer { word += SlabTable.entryWords }
        let value = words[word + 3]
        if value == ObjectID.null.index { continue }
        if valueFirst {
          if values { buffer.append(ObjectID(value)) }
          if keys { buffer.append(ObjectID(words[word + 2])) }
        } else {
          if keys { buffer.append(ObjectID(words[word + 2])) }
          if values { buffer.append(ObjectID(value)) }
        }
      }
    }
  }

  /// Live entries in insertion order.
  func entries(in slab: ItemSlab) -> [(hash: Int, key: ObjectID, value: ObjectID)] {
    var result: [(hash: Int, key: ObjectID, value: ObjectID)] = []
    result.reserveCapacity(Int(count))
    slab.words.withUnsafeBufferPointer { words in
      var word = Int(entriesStart)
      for _ in 0..<Int(entryCount) {
        defer { word += SlabTable.entryWords }
        let value = words[word + 3]
        if value == ObjectID.null.index { continue }
        result.append((SlabTable.hash(words, word), ObjectID(words[word + 2]), ObjectID(value)))
      }
    }
    return result
  }

  /// A copy as a `DictTable` (positions, holes and index included).
  func snapshot(in slab: ItemSlab) -> DictTable {
    var hashes: [Int] = []
    var keys: [ObjectID] = []
    var values: [ObjectID] = []
    hashes.reserveCapacity(Int(entryCount))
    keys.reserveCapacity(Int(entryCount))
    values.reserveCapacity(Int(entryCount))
    var index: [Int32] = []
    slab.words.withUnsafeBufferPointer { words in
      var word = Int(entriesStart)
      for _ in 0..<Int(entryCount) {
        hashes.append(SlabTable.hash(words, word))
        keys.append(ObjectID(words[word + 2]))
        values.append(ObjectID(words[word + 3]))
        word += SlabTable.entryWords
      }
      if indexSlots > 0 { index.append(contentsOf: words[Int(indexStart)..<Int(indexStart + indexSlots)]) }
    }
    return DictTable(hashes: hashes, keys: keys, values: values, index: index, count: Int(count))
  }

  /// Words the table's two ranges hold.
  var words: Int { Int(capacity) * SlabTable.entryWords + Int(indexSlots) }

  // MARK: Changing

  /// Appends a new entry (the caller has checked the key is absent).
  mutating func append(hash: Int, key: ObjectID, value: ObjectID, in slab: inout ItemSlab) {
    if entryCount == capacity { resizeEntries(to: capacity == 0 ? 1 : capacity * 2, in: &slab) }
    let position = Int(entryCount)
    entryCount += 1
    count += 1
    let rebuild =
      indexSlots == 0 ? entryCount > SlabTable.linearLimit : entryCount * 3 >= indexSlots * 2
    let table = self
    slab.withMutableWords { words in
      let word = table.word(position)
      let bits = UInt(bitPattern: hash)
      words[word] = Int32(bitPattern: UInt32(truncatingIfNeeded: bits))
      words[word + 1] = Int32(bitPattern: UInt32(truncatingIfNeeded: bits >> 32))
      words[word + 2] = key.index
      words[word + 3] = value.index
      if !rebuild, table.indexSlots > 0 { table.insertIntoIndex(hash: hash, position: position, words) }
    }
    if rebuild { rebuildIndex(in: &slab) }
  }

  /// Replaces the value of a live entry, returning the old value.
  mutating func setValue(_ value: ObjectID, at position: Int, in slab: inout ItemSlab) -> ObjectID {
    let word = self.word(position) + 3
    let old = ObjectID(slab[word])
    slab[word] = value.index
    return old
  }

  /// Removes an entry, returning its key and value; the others keep their order.
  mutating func remove(at position: Int, in slab: inout ItemSlab, compacting: Bool = true) -> (
    key: ObjectID, value: ObjectID
  ) {
    let word = self.word(position)
    let removed = (ObjectID(slab[word + 2]), ObjectID(slab[word + 3]))
    slab[word + 2] = ObjectID.null.index
    slab[word + 3] = ObjectID.null.index
    count -= 1
    if indexSlots > 0 {
      let hash = self.hash(at: position, in: slab)
      let mask = Int(indexSlots) - 1
      var slot = hash & mask
      var perturb = UInt(bitPattern: hash)
      while slab[Int(indexStart) + slot] != Int32(position) {
        perturb >>= 5
        slot = (slot &* 5 &+ 1 &+ Int(truncatingIfNeeded: perturb)) & mask
      }
      slab[Int(indexStart) + slot] = -2
    }
    if !compacting { return removed }
    if count == 0 {
      removeAll(in: &slab)
    } else if entryCount > 16, count * 2 < entryCount {
      compactEntries(in: &slab)
    }
    return removed
  }

  /// Empties the table and frees its ranges.
  mutating func removeAll(in slab: inout ItemSlab) {
    if capacity > 0 { slab.free(Int(entriesStart), length: Int(capacity) * SlabTable.entryWords) }
    if indexSlots > 0 { slab.free(Int(indexStart), length: Int(indexSlots)) }
    self = SlabTable()
  }

  /// Drops removed entries (live ones keep their order), as `dictresize`
  /// does when it rebuilds a table; the entries range shrinks to the next
  /// power of two.
  mutating func compactEntries(in slab: inout ItemSlab) {
    guard count > 0 else {
      removeAll(in: &slab)
      return
    }
    var kept = 0
    let words = SlabTable.entryWords
    for position in 0..<Int(entryCount) {
      let from = word(position)
      if slab[from + 3] == ObjectID.null.index { continue }
      slab.move(from: from, to: word(kept), count: words)
      kept += 1
    }
    entryCount = Int32(kept)
    var newCapacity: Int32 = 1
    while newCapacity < count { newCapacity *= 2 }
    if newCapacity < capacity { resizeEntries(to: newCapacity, in: &slab) }
    if entryCount > SlabTable.linearLimit {
      rebuildIndex(in: &slab)
    } else if indexSlots > 0 {
      slab.free(Int(indexStart), length: Int(indexSlots))
      indexStart = Int32(ItemSlab.emptyStart)
      indexSlots = 0
    }
  }

  /// Makes room for `entries` positions in all (the usable count of the
  /// keys table the dict just got), so that appends up to there do not
  /// move the entries range.
  mutating func reserveEntries(_ entries: Int, in slab: inout ItemSlab) {
    if Int(capacity) < entries { resizeEntries(to: Int32(entries), in: &slab) }
  }

  private mutating func resizeEntries(to newCapacity: Int32, in slab: inout ItemSlab) {
    let words = SlabTable.entryWords
    let length = Int(newCapacity) * words
    entriesStart =
      capacity == 0
      ? Int32(slab.allocate(length))
      : Int32(
        slab.resize(
          Int(entriesStart), length: Int(capacity) * words, to: length, keeping: Int(entryCount) * words))
    capacity = newCapacity
  }

  private mutating func rebuildIndex(in slab: inout ItemSlab) {
    var size: Int32 = 16
    while size * 2 <= entryCount * 3 { size *= 2 }
    let slots = size * 2
    if slots != indexSlots {
      if indexSlots > 0 { slab.free(Int(indexStart), length: Int(indexSlots)) }
      indexStart = Int32(slab.allocate(Int(slots)))
      indexSlots = slots
    }
    let table = self
    slab.withMutableWords { words in
      let start = Int(table.indexStart)
      for slot in start..<(start + Int(slots)) { words[slot] = -1 }
      var word = Int(table.entriesStart)
      for position in 0..<Int(table.entryCount) {
        if words[word + 3] != ObjectID.null.index {
          table.insertIntoIndex(
            hash: SlabTable.hash(UnsafeBufferPointer(words), word), position: position, words)
        }
        word += SlabTable.entryWords
      }
    }
  }

  private func insertIntoIndex(hash: Int, position: Int, in slab: inout ItemSlab) {
    slab.withMutableWords { insertIntoIndex(hash: hash, position: position, $0) }
  }

  @inline(__always)
  private func insertIntoIndex(hash: Int, position: Int, _ words: UnsafeMutableBufferPointer<Int32>) {
    let mask = Int(indexSlots) - 1
    let index = Int(indexStart)
    var slot = hash & mask
    var perturb = UInt(bitPattern: hash)
    while words[index + slot] >= 0 {
      perturb >>= 5
      slot = (slot &* 5 &+ 1 &+ Int(truncatingIfNeeded: perturb)) & mask
    }
    words[index + slot] = Int32(position)
  }
}
