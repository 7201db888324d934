// Attribute and name lookups the interpreter does at every `x.attr`, global
// or method call, answered in place: they read the one field they need
// instead of handing out a copy of a whole payload (a copy retains every
// array and string in it, which at these rates costs more than the lookup).
// The str hash comes from the caller, precomputed once per name by the
// compiler. Keys compare as CPython's dict lookups do for str keys: equal
// hash, then equal text. The comparison closures capture the columns they
// read, never `self`: capturing the (address-only) heap would copy it.
//
// The dict operations of a running loop come here in one call each
// (session 8, dicts2): `dictLookup` hashes an exact str (cached hash) or a
// machine int and probes in the same pass, `namePosition` finds a name by
// its interned str alone, and the remembered-position check of a name load
// (`dictValue(_:at:ifKeyIs:)`) is `@inlinable`, so the interpreter reads
// the entry itself (the storage it reads is `@usableFromInline` for that).

extension Heap {
  // MARK: Class epoch

  /// Notes that a class namespace may have changed — an entry stored,
  /// replaced or cleared, or a class created (a new class may reuse a dead
  /// one's id). `classEpoch` only grows, so a lookup result remembered
  /// together with the epoch it was read at stays valid while the epoch is
  /// the same (CPython's type version tags, for every class at once).
  @inline(__always) mutating func classNamespacesChanged() { classEpoch &+= 1 }

  // MARK: Instance attributes by interned key

  /// An instance's own attribute `key` (an interned str: the compiler's
  /// name object), borrowed: the value, null when the instance has no such
  /// attribute, nil when the answer needs the general lookup. Inline values
  /// (3.11+) are matched by identity — every key stored there is the
  /// interned str of its text — and a key of the same hash but another
  /// identity gives nil; a dict is probed as `dictValue` does. `hint` is
  /// where the key was found last (inline position or dict entry), checked
  /// before searching and updated.
  public func instanceAttribute(_ id: ObjectID, key: ObjectID, name: String, hash: Int, hint: inout Int32)
    -> ObjectID?
  {
    let slot = Int(payloads[id.slot])
    let dict = instances[slot].dict
    if !dict.isNull {
      let table = dicts[Int(payloads[dict.slot])].table
      if let value = slabValue(table, at: Int(hint), ifKeyIs: key) { return value }
      guard let position = strKeyPosition(in: table, name: name, hash: hash, interned: key) else {
        return .null
      }
      hint = Int32(truncatingIfNeeded: position)
      return table.value(at: position, in: tableSlab)
    }
    let position = inlinePosition(instances[slot].attributes, key: key, hash: hash, hint: Int(hint))
    if position == -1 { return .null }
    guard position >= 0 else { return nil }
    hint = Int32(truncatingIfNeeded: position)
    return inlineAttributeValue(id, at: position)
  }

  /// Where inline table `table` holds `key` itself: the position, −1 when
  /// no live entry has `hash`, −2 when one has it under another key object
  /// (the caller compares text the general way). Position `hint` is tried
  /// first.
  @inline(__always)
  func inlinePosition(_ table: InlineAttributes, key: ObjectID, hash: Int, hint: Int) -> Int {
    payloadSlab.words.withUnsafeBufferPointer { words -> Int in
      let start = Int(table.start)
      let count = Int(table.entryCount)
      let null = ObjectID.null.index
      if hint < count {
        let word = start + hint * InlineAttributes.entryWords
        if words[word + 2] == key.index, words[word + 3] != null { return hint }
      }
      var word = start
      for position in 0..<count {
        defer { word += InlineAttributes.entryWords }
        if words[word + 3] == null { continue }
        if words[word + 2] == key.index { return position }
        let hashBits = UInt(UInt32(bitPattern: words[word])) | UInt(UInt32(bitPattern: words[word + 1])) << 32
        if Int(bitPattern: hashBits) == hash { return -2 }
      }
      return -1
    }
  }

  /// The value of entry `position` of a slab table when it is live and
  /// keyed by `key` itself, else nil (`dictValue(_:at:ifKeyIs:)` on a table
  /// already read).
  @inline(__always) func slabValue(_ table: SlabTable, at position: Int, ifKeyIs key: ObjectID) -> ObjectID? {
    guard position >= 0, position < Int(table.entryCount), !key.isNull else { return nil }
    return tableSlab.words.withUnsafeBufferPointer { words -> ObjectID? in
      let word = table.word(position)
      guard words[word + 2] == key.index else { return nil }
      let value = words[word + 3]
      return value == ObjectID.null.index ? nil : ObjectID(value)
    }
  }

  // MARK: Names

  /// The value stored under str key `name` in a dict (borrowed), nil when
  /// absent. `interned` is the name's interned str when the caller has it:
  /// namespace keys usually are that very object, which settles the
  /// comparison without looking at the text.
  public func dictValue(_ dict: ObjectID, name: String, hash: Int, interned: ObjectID = .null) -> ObjectID? {
    let table = dicts[Int(payloads[dict.slot])].table
    guard let position = strKeyPosition(in: table, name: name, hash: hash, interned: interned) else {
      return nil
    }
    return table.value(at: position, in: tableSlab)
  }

  /// Where str key `name` is in a dict's table (the probe of `dictValue`),
  /// nil when absent.
  public func dictPosition(_ dict: ObjectID, name: String, hash: Int, interned: ObjectID) -> Int? {
    strKeyPosition(in: dicts[Int(payloads[dict.slot])].table, name: name, hash: hash, interned: interned)
  }

  /// The value of entry `position` of a dict's table (borrowed) when that
  /// entry is live and its key is `key` itself, else nil: a remembered
  /// position checked without probing. Keys are unique, so such an entry
  /// is the one a lookup of `key` would find.
  ///
  /// Inlined into the interpreter (a global name load is mostly this), so
  /// it reads the columns it needs directly: the dict's payload slot, its
  /// table's place in the slab, two words of the entry.
  @inlinable @inline(__always)
  public func dictValue(_ dict: ObjectID, at position: Int, ifKeyIs key: ObjectID) -> ObjectID? {
    let storage = table.storage
    precondition(UInt(bitPattern: dict.slot) < UInt(bitPattern: storage.count), "row out of range")
    let entries = dicts.elements[Int(storage.rows.payloads[dict.slot])].table
    guard UInt(bitPattern: position) < UInt(bitPattern: Int(entries.entryCount)), !key.isNull else {
      return nil
    }
    let word = entries.word(position)
    return tableSlab.words.withUnsafeBufferPointer { words -> ObjectID? in
      let value = words[word &+ 3]
      return words[word &+ 2] == key.index && value >= 0 ? ObjectID(value) : nil
    }
  }

  /// Looks `name` up in a user class's namespace, then its bases' (`_PyType_Lookup`
  /// for the classes the model builds); borrowed, nil when absent.
  /// `interned` as for `dictValue`: a class body's names are the compiler's
  /// interned strs, so a hit is settled by comparing ids. The namespaces are
  /// read in place (a copy of a `DictTable` retains its four arrays).
  public func lookupClassChain(_ cls: ObjectID, name: String, hash: Int, interned: ObjectID = .null)
    -> ObjectID?
  {
    let (kinds, payloads) = (self.kinds, self.payloads)
    return classes.elements.withUnsafeBufferPointer { classes -> ObjectID? in
      strs.elements.withUnsafeBufferPointer { strs -> ObjectID? in
        var current = cls
        while kinds[current.slot] == .type {
          let slot = Int(payloads[current.slot])
          if let position = Heap.strKeyPosition(
            in: classes[slot].namespace, name: name, hash: hash, interned: interned, kinds: kinds,
            payloads: payloads, strs: strs)
          {
            return classes[slot].namespace.values[position]
          }
          current = classes[slot].base
        }
        return nil
      }
    }
  }

  /// Where str key `name` is in a slab table (see the `DictTable` variant).
  @inline(__always)
  func strKeyPosition(in table: SlabTable, name: String, hash: Int, interned: ObjectID) -> Int? {
    guard let first = table.find(hash: hash, in: tableSlab, { _ in true }) else { return nil }
    let key = table.key(at: first, in: tableSlab)
    if key == interned
      || (kinds[key.slot] == .str && CodePoints.equal(strs[Int(payloads[key.slot])].text, name))
    {
      return first
    }
    return kinds.withUnsafeBufferPointer { kinds in
      payloads.withUnsafeBufferPointer { payloads in
        strs.elements.withUnsafeBufferPointer { strs in
          table.find(hash: hash, in: tableSlab) {
            $0 == interned
              || (kinds[$0.slot] == .str && CodePoints.equal(strs[Int(payloads[$0.slot])].text, name))
          }
        }
      }
    }
  }

  /// Where str key `name` is in a class namespace, on columns the caller
  /// holds. The first live entry with the same hash is almost always it,
  /// found with a closure that captures nothing; only a hash collision pays
  /// for the full probe.
  @inline(__always)
  static func strKeyPosition(
    in table: DictTable, name: String, hash: Int, interned: ObjectID, kinds: RowColumn<ObjectKind>,
    payloads: RowColumn<Int64>, strs: StrStore.Reader
  ) -> Int? {
    guard let first = table.find(hash: hash, { _ in true }) else { return nil }
    func matches(_ key: ObjectID) -> Bool {
      key == interned
        || (kinds[key.slot] == .str && CodePoints.equal(strs[Int(payloads[key.slot])].text, name))
    }
    if matches(table.keys[first]) { return first }
    return table.find(hash: hash, matches)
  }

  /// Index of `name` in a user class's `__slots__`, nil when it is not a slot.
  public func slotIndex(ofClass cls: ObjectID, name: String) -> Int? {
    guard kinds[cls.slot] == .type else { return nil }
    let slot = Int(payloads[cls.slot])
    return classes.elements.withUnsafeBufferPointer { classes in
      classes[slot].slotNames?.firstIndex(where: { CodePoints.equal($0, name) })
    }
  }

  /// The value of an instance's slot `index` (borrowed), nil when unset.
  public func instanceSlot(_ id: ObjectID, _ index: Int) -> ObjectID? {
    let payload = instances[Int(payloads[id.slot])]
    guard index < Int(payload.slotCount) else { return nil }
    let value = ObjectID(payloadSlab[Int(payload.refsStart) + index])
    return value.isNull ? nil : value
  }

  /// An instance's materialised `__dict__` object, null while it has none.
  public func instanceDict(_ id: ObjectID) -> ObjectID { instances[Int(payloads[id.slot])].dict }

  /// Where an instance's inline values (3.11+) hold `name`, or nil. Keys
  /// stored by attribute assignment are the compiler's interned names, so
  /// `interned` (when the caller has it) settles a match by id.
  public func inlineAttributePosition(_ id: ObjectID, name: String, hash: Int, interned: ObjectID = .null)
    -> Int?
  {
    let table = instances[Int(payloads[id.slot])].attributes
    return payloadSlab.words.withUnsafeBufferPointer { words -> Int? in
      var word = Int(table.start)
      for position in 0..<Int(table.entryCount) {
        defer { word += InlineAttributes.entryWords }
        let hashBits = UInt(UInt32(bitPattern: words[word])) | UInt(UInt32(bitPattern: words[word + 1])) << 32
        guard Int(bitPattern: hashBits) == hash, words[word + 3] != ObjectID.null.index else { continue }
        let key = ObjectID(words[word + 2])
        if key == interned
          || (kinds[key.slot] == .str && CodePoints.equal(strs[Int(payloads[key.slot])].text, name))
        {
          return position
        }
      }
      return nil
    }
  }

  /// An attribute held in an instance's inline values (3.11+), borrowed.
  public func inlineAttribute(_ id: ObjectID, name: String, hash: Int, interned: ObjectID = .null)
    -> ObjectID?
  {
    guard let position = inlineAttributePosition(id, name: name, hash: hash, interned: interned) else {
      return nil
    }
    return inlineAttributeValue(id, at: position)
  }

  // MARK: Keys compared without Python code

  /// Where `key` is in a dict's table when the answer needs no `__eq__`:
  /// `key` an exact str or machine int, and every entry with the same hash
  /// met before the answer an exact str, int or bool (equal by value, as
  /// their `__eq__` would say, or unequal across str and number). Anything
  /// else met on the way gives `.unknown`: the caller compares in Python
  /// order. Reads the columns through buffers, so nothing is retained or
  /// copied (a copy of the table costs four retains per lookup).
  public func probeExactKey(_ dict: ObjectID, key: ObjectID, hash: Int) -> KeyProbe {
    let keyKind = kinds[key.slot]
    guard keyKind == .str || (keyKind == .int && !flags[key.slot].contains(.bigPayload)) else {
      return .unknown
    }
    let keyValue = payloads[key.slot]
    return kinds.withUnsafeBufferPointer { kinds in
      flags.withUnsafeBufferPointer { flags in
        payloads.withUnsafeBufferPointer { payloads in
          strs.elements.withUnsafeBufferPointer { strs in
            var unknown = false
            let table = dicts[Int(payloads[dict.slot])].table
            // A local function, not a closure value: passed only as a
            // non-escaping argument, it captures `unknown` without a box.
            func equal(_ candidate: ObjectID) -> Bool {
              if candidate == key { return true }
              switch (keyKind, kinds[candidate.slot]) {
              case (.str, .str):
                return CodePoints.equal(strs[Int(payloads[candidate.slot])].text, strs[Int(keyValue)].text)
              case (.int, .int), (.int, .bool):
                return !flags[candidate.slot].contains(.bigPayload) && payloads[candidate.slot] == keyValue
              case (.str, .int), (.str, .bool), (.int, .str):
                return false
              default:
                unknown = true
                return true  // stop: this entry's `__eq__` comes first
              }
            }
            let position =
              isSetKind(dict)
              ? table.setFind(hash: hash, in: tableSlab, equal) : table.find(hash: hash, in: tableSlab, equal)
            if unknown { return .unknown }
            return position.map { .found($0) } ?? .absent
          }
        }
      }
    }
  }

  // MARK: Exact keys in one call

  /// The hash of `key` when it is known without running code or reading
  /// text: an exact str whose hash is cached, or a machine int (its value
  /// below 2**61 − 1 in magnitude, −1 hashing as −2). nil otherwise.
  @inline(__always)
  func knownHash(_ key: ObjectID, kind: ObjectKind, payload: Int64) -> Int? {
    switch kind {
    case .str:
      return strs[Int(payload)].hash
    case .int:
      if flags[key.slot].contains(.bigPayload) { return nil }
      let value = Int(payload)
      guard value.magnitude < (1 << 61) - 1 else { return nil }
      return value == -1 ? -2 : value
    default:
      return nil
    }
  }

  /// `probeExactKey` and the hash before it in one call, for a dict (not a
  /// set) and a key whose hash is known without running code (`knownHash`):
  /// the hash and where the key is, or `DictLookup.absent`, or
  /// `DictLookup.unknown` (an entry on the way needs `__eq__`; the hash is
  /// valid), or `DictLookup.noHash` (the caller hashes the key and probes
  /// the general way). The entries are read through buffers, the key's
  /// kind and payload once.
  public func dictLookup(_ dict: ObjectID, key: ObjectID) -> DictLookup {
    let keyKind = kinds[key.slot]
    let keyPayload = payloads[key.slot]
    guard let hash = knownHash(key, kind: keyKind, payload: keyPayload), kinds[dict.slot] == .dict else {
      return DictLookup(hash: 0, position: DictLookup.noHash)
    }
    return DictLookup(
      hash: hash, position: exactKeyPosition(dict, key: key, kind: keyKind, payload: keyPayload, hash: hash))
  }

  /// Where exact str or machine int `key` (kind and payload given) is in
  /// dict `dict`'s table, by the rules of `probeExactKey`: the position,
  /// `DictLookup.absent`, or `DictLookup.unknown`.
  @inline(__always)
  func exactKeyPosition(
    _ dict: ObjectID, key: ObjectID, kind keyKind: ObjectKind, payload keyPayload: Int64, hash: Int
  )
    -> Int
  {
    let entries = dicts[Int(payloads[dict.slot])].table
    let (kinds, flags, payloads) = (self.kinds, self.flags, self.payloads)
    return tableSlab.words.withUnsafeBufferPointer { words -> Int in
      strs.withReader { strs -> Int in
        // 1 equal, 0 not, −1 undecided without `__eq__`.
        @inline(__always) func compare(_ word: Int) -> Int {
          guard SlabTable.hash(words, word) == hash else { return 0 }
          let candidate = Int(words[word &+ 2])
          if candidate == key.slot { return 1 }
          if candidate < 0 { return 0 }  // a removed entry keeps its hash
          switch (keyKind, kinds[candidate]) {
          case (.str, .str):
            return strs.equals(Int(payloads[candidate]), Int(keyPayload)) ? 1 : 0
          case (.int, .int), (.int, .bool):
            return !flags[candidate].contains(.bigPayload) && payloads[candidate] == keyPayload ? 1 : 0
          case (.str, .int), (.str, .bool), (.int, .str):
            return 0
          default:
            return -1
          }
        }
        if entries.indexSlots == 0 {
          var word = Int(entries.entriesStart)
          for position in 0..<Int(entries.entryCount) {
            let verdict = compare(word)
            if verdict != 0 { return verdict > 0 ? position : DictLookup.unknown }
            word &+= 4
          }
          return DictLookup.absent
        }
        let mask = Int(entries.indexSlots) &- 1
        let index = Int(entries.indexStart)
        var slot = hash & mask
        var perturb = UInt(bitPattern: hash)
        while true {
          let entry = Int(words[index &+ slot])
          if entry == -1 { return DictLookup.absent }
          if entry >= 0 {
            let verdict = compare(entries.word(entry))
            if verdict != 0 { return verdict > 0 ? entry : DictLookup.unknown }
          }
          perturb >>= 5
          slot = (slot &* 5 &+ 1 &+ Int(truncatingIfNeeded: perturb)) & mask
        }
      }
    }
  }

  /// Where a name is in a namespace dict, for a key given only as the
  /// name's interned str (whose hash is `hash`): a key that is that very
  /// object settles it, another str is compared by text, a key of any
  /// other kind never matches (a namespace lookup by name compares str
  /// keys only, as `strKeyPosition` does). nil when absent.
  public func namePosition(_ dict: ObjectID, interned: ObjectID, hash: Int) -> Int? {
    let entries = dicts[Int(payloads[dict.slot])].table
    let (kinds, payloads) = (self.kinds, self.payloads)
    let nameSlot = Int(payloads[interned.slot])
    let position = tableSlab.words.withUnsafeBufferPointer { words -> Int in
      strs.withReader { strs -> Int in
        @inline(__always) func matches(_ word: Int) -> Bool {
          guard SlabTable.hash(words, word) == hash else { return false }
          let candidate = Int(words[word &+ 2])
          if candidate == interned.slot { return true }
          return candidate >= 0 && kinds[candidate] == .str && strs.equals(Int(payloads[candidate]), nameSlot)
        }
        if entries.indexSlots == 0 {
          var word = Int(entries.entriesStart)
          for position in 0..<Int(entries.entryCount) {
            if matches(word) { return position }
            word &+= 4
          }
          return -1
        }
        let mask = Int(entries.indexSlots) &- 1
        let index = Int(entries.indexStart)
        var slot = hash & mask
        var perturb = UInt(bitPattern: hash)
        while true {
          let entry = Int(words[index &+ slot])
          if entry == -1 { return -1 }
          if entry >= 0, matches(entries.word(entry)) { return entry }
          perturb >>= 5
          slot = (slot &* 5 &+ 1 &+ Int(truncatingIfNeeded: perturb)) & mask
        }
      }
    }
    return position >= 0 ? position : nil
  }

  /// A slice object's start, stop and step (borrowed), read in place.
  public func sliceParts(_ slice: ObjectID) -> (start: ObjectID, stop: ObjectID, step: ObjectID) {
    fields.elements.withUnsafeBufferPointer { fields in
      fields[Int(payloads[slice.slot])].refs.withUnsafeBufferPointer { ($0[0], $0[1], $0[2]) }
    }
  }

  /// The value at `position` of a dict's table (borrowed).
  public func dictValue(_ dict: ObjectID, at position: Int) -> ObjectID {
    dicts[Int(payloads[dict.slot])].table.value(at: position, in: tableSlab)
  }

  /// The base builtin type of a user class.
  public func builtinBase(ofClass cls: ObjectID) -> BuiltinType {
    classes[Int(payloads[cls.slot])].builtinBase
  }
}

/// The answer of `Heap.probeExactKey`.
public enum KeyProbe: Equatable, Sendable {
  case found(Int)
  case absent
  /// An entry on the way needs Python's `__eq__`.
  case unknown
}

/// The answer of `Heap.dictLookup`: the key's hash and where it is.
public struct DictLookup: Sendable {
  /// The key's hash (0 and meaningless with `noHash`).
  public var hash: Int
  /// The entry position (≥ 0), or `absent`, `unknown` or `noHash`.
  public var position: Int

  /// No live entry has the key.
  public static let absent = -1
  /// An entry on the way needs Python's `__eq__`: probe in Python order.
  public static let unknown = -2
  /// The key's hash needs computing (or running code) first.
  public static let noHash = -3
}
