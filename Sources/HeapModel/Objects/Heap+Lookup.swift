// Attribute and name lookups the interpreter does at every `x.attr`, global
// or method call, answered in place: they read the one field they need
// instead of handing out a copy of a whole payload (a copy retains every
// array and string in it, which at these rates costs more than the lookup).
// The str hash comes from the caller, precomputed once per name by the
// compiler. Keys compare as CPython's dict lookups do for str keys: equal
// hash, then equal text. The comparison closures capture the columns they
// read, never `self`: capturing the (address-only) heap would copy it.

extension Heap {
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

  /// Looks `name` up in a user class's namespace, then its bases' (`_PyType_Lookup`
  /// for the classes the model builds); borrowed, nil when absent.
  public func lookupClassChain(_ cls: ObjectID, name: String, hash: Int) -> ObjectID? {
    var current = cls
    while kinds[current.slot] == .type {
      let slot = Int(payloads[current.slot])
      if let position = strKeyPosition(in: classes[slot].namespace, name: name, hash: hash, interned: .null) {
        return classes[slot].namespace.values[position]
      }
      current = classes[slot].base
    }
    return nil
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

  /// Where str key `name` is in `table`. The first live entry with the same
  /// hash is almost always it, so that entry is found with a closure that
  /// captures nothing and compared here; only a hash collision pays for the
  /// full probe, whose closure needs copies of the columns it reads.
  @inline(__always)
  func strKeyPosition(in table: DictTable, name: String, hash: Int, interned: ObjectID) -> Int? {
    guard let first = table.find(hash: hash, { _ in true }) else { return nil }
    let key = table.keys[first]
    if key == interned
      || (kinds[key.slot] == .str && CodePoints.equal(strs[Int(payloads[key.slot])].text, name))
    {
      return first
    }
    let (kinds, payloads, strs) = (self.kinds, self.payloads, self.strs)
    return table.find(
      hash: hash,
      {
        $0 == interned
          || (kinds[$0.slot] == .str && CodePoints.equal(strs[Int(payloads[$0.slot])].text, name))
      })
  }

  /// Index of `name` in a user class's `__slots__`, nil when it is not a slot.
  public func slotIndex(ofClass cls: ObjectID, name: String) -> Int? {
    guard kinds[cls.slot] == .type else { return nil }
    return classes[Int(payloads[cls.slot])].slotNames?.firstIndex(where: { CodePoints.equal($0, name) })
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

  /// Where an instance's inline values (3.11+) hold `name`, or nil.
  public func inlineAttributePosition(_ id: ObjectID, name: String, hash: Int) -> Int? {
    let table = instances[Int(payloads[id.slot])].attributes
    return payloadSlab.words.withUnsafeBufferPointer { words -> Int? in
      var word = Int(table.start)
      for position in 0..<Int(table.entryCount) {
        defer { word += InlineAttributes.entryWords }
        let hashBits = UInt(UInt32(bitPattern: words[word])) | UInt(UInt32(bitPattern: words[word + 1])) << 32
        guard Int(bitPattern: hashBits) == hash, words[word + 3] != ObjectID.null.index else { continue }
        let key = ObjectID(words[word + 2])
        if kinds[key.slot] == .str && CodePoints.equal(strs[Int(payloads[key.slot])].text, name) {
          return position
        }
      }
      return nil
    }
  }

  /// An attribute held in an instance's inline values (3.11+), borrowed.
  public func inlineAttribute(_ id: ObjectID, name: String, hash: Int) -> ObjectID? {
    guard let position = inlineAttributePosition(id, name: name, hash: hash) else { return nil }
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
