// An insertion-ordered hash table of object ids in Swift arrays: the
// namespaces of classes, and the copy `Heap.dictTable` / `Heap.setTable`
// hand out of a dict's or set's table (which lives in the table slab, see
// SlabTable.swift, with the same positions, holes and index; a set's copy
// has one position per slot of its table). It knows
// hashes, never equality: comparing two keys may run Python code (`__eq__`),
// so lookups take the equality test as a closure.
//
// Layout: entries in insertion order (`hashes`, `keys`, `values`; a removed
// entry keeps its place with a null value until the table is compacted), and
// an open-addressed index of entry positions, as in CPython's compact dict.
// The memory CPython spends on a dict is modelled elsewhere from `count` and
// the version's growth rules; this type only has to be fast and ordered.
// `SlabTable` follows the same rules for positions and index sizes.

/// An ordered hash table from object ids to object ids.
public struct DictTable: Sendable {
  public private(set) var hashes: [Int] = []
  public private(set) var keys: [ObjectID] = []
  public private(set) var values: [ObjectID] = []
  /// Entry positions by hash slot: -1 empty, -2 removed.
  private var index: [Int32] = []
  /// Live entries.
  public private(set) var count = 0

  public init() {}

  /// A table with these columns (a copy of a `SlabTable`).
  init(hashes: [Int], keys: [ObjectID], values: [ObjectID], index: [Int32], count: Int) {
    self.hashes = hashes
    self.keys = keys
    self.values = values
    self.index = index
    self.count = count
  }

  /// Number of entry positions used, live or removed (CPython's `dk_nentries`).
  public var entryCount: Int { keys.count }

  /// The position of the entry whose key has `hash` and satisfies `equal`.
  /// `equal` is called only for keys with the same hash.
  public func find(hash: Int, _ equal: (ObjectID) throws -> Bool) rethrows -> Int? {
    if index.isEmpty {
      for position in 0..<keys.count where hashes[position] == hash && !values[position].isNull {
        if try equal(keys[position]) { return position }
      }
      return nil
    }
    let mask = index.count - 1
    var slot = hash & mask
    var perturb = UInt(bitPattern: hash)
    while true {
      let entry = index[slot]
      if entry == -1 { return nil }
      if entry >= 0 {
        let position = Int(entry)
        if hashes[position] == hash, !values[position].isNull, try equal(keys[position]) {
          return position
        }
      }
      perturb >>= 5
      slot = (slot &* 5 &+ 1 &+ Int(truncatingIfNeeded: perturb)) & mask
    }
  }

  /// Appends a new entry (the caller has checked the key is absent).
  public mutating func append(hash: Int, key: ObjectID, value: ObjectID) {
    hashes.append(hash)
    keys.append(key)
    values.append(value)
    count += 1
    if index.isEmpty {
      if keys.count > 8 { rebuildIndex() }
    } else if keys.count * 3 >= index.count * 2 {
      rebuildIndex()
    } else {
      insertIntoIndex(hash: hash, position: keys.count - 1)
    }
  }

  /// Replaces the value of an existing entry, returning the old value.
  @discardableResult
  public mutating func setValue(_ value: ObjectID, at position: Int) -> ObjectID {
    let old = values[position]
    values[position] = value
    return old
  }

  /// Removes an entry, returning its key and value. Order of the others is kept.
  public mutating func remove(at position: Int) -> (key: ObjectID, value: ObjectID) {
    let removed = (keys[position], values[position])
    values[position] = .null
    keys[position] = .null
    count -= 1
    if !index.isEmpty {
      let mask = index.count - 1
      var slot = hashes[position] & mask
      var perturb = UInt(bitPattern: hashes[position])
      while index[slot] != Int32(position) {
        perturb >>= 5
        slot = (slot &* 5 &+ 1 &+ Int(truncatingIfNeeded: perturb)) & mask
      }
      index[slot] = -2
    }
    if count == 0 { removeAll() } else if keys.count > 16, count * 2 < keys.count { compact() }
    return removed
  }

  /// Empties the table.
  public mutating func removeAll() {
    hashes.removeAll()
    keys.removeAll()
    values.removeAll()
    index.removeAll()
    count = 0
  }

  /// Live entries in insertion order.
  public var entries: [(hash: Int, key: ObjectID, value: ObjectID)] {
    var result: [(hash: Int, key: ObjectID, value: ObjectID)] = []
    result.reserveCapacity(count)
    for position in 0..<keys.count where !values[position].isNull {
      result.append((hashes[position], keys[position], values[position]))
    }
    return result
  }

  /// Bytes the table's arrays occupy (`ModelFootprint`).
  var memoryFootprint: Int {
    ModelFootprint.array(hashes) + ModelFootprint.array(keys) + ModelFootprint.array(values)
      + ModelFootprint.array(index)
  }

  /// Whether an entry position holds a live entry.
  public func isLive(_ position: Int) -> Bool { !values[position].isNull }

  /// Drops removed entries, as `dictresize` does when it rebuilds a table.
  public mutating func compactEntries() { compact() }

  private mutating func compact() {
    var newHashes: [Int] = []
    var newKeys: [ObjectID] = []
    var newValues: [ObjectID] = []
    newHashes.reserveCapacity(count)
    newKeys.reserveCapacity(count)
    newValues.reserveCapacity(count)
    for position in 0..<keys.count where !values[position].isNull {
      newHashes.append(hashes[position])
      newKeys.append(keys[position])
      newValues.append(values[position])
    }
    hashes = newHashes
    keys = newKeys
    values = newValues
    if keys.count > 8 { rebuildIndex() } else { index.removeAll() }
  }

  private mutating func rebuildIndex() {
    var size = 16
    while size * 2 <= keys.count * 3 { size *= 2 }
    index = [Int32](repeating: -1, count: size * 2)
    for position in 0..<keys.count where !values[position].isNull {
      insertIntoIndex(hash: hashes[position], position: position)
    }
  }

  private mutating func insertIntoIndex(hash: Int, position: Int) {
    let mask = index.count - 1
    var slot = hash & mask
    var perturb = UInt(bitPattern: hash)
    while index[slot] >= 0 {
      perturb >>= 5
      slot = (slot &* 5 &+ 1 &+ Int(truncatingIfNeeded: perturb)) & mask
    }
    index[slot] = Int32(position)
  }
}
