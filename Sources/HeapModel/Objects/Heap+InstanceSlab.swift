// An instance's references kept in the payload slab instead of Swift arrays
// of its own. CPython keeps `__slots__` values as member slots inside the
// instance, a BaseException's args/traceback/context/cause as fields of the
// object, and 3.11+ attributes in a values array beside the class's shared
// keys; the model keeps all three in `Heap.payloadSlab` (an `ItemSlab`: one
// `[Int32]`, ranges recycled by exact length), so an `InstancePayload` is
// plain data and copying the store at a timeline checkpoint is a memcpy.
//
//   refs range:        [slot0 … slotN-1 │ args tb context cause]   (fixed size)
//   attributes range:  [hashLo hashHi key value] × capacity         (grows)
//
// The refs range is sized once, when the instance is created (a class's
// slot count never changes; exceptions always have four fields). The
// attribute range behaves like the entries of a DictTable without an index:
// insertion ordered, a removed entry keeps its place with a null value, the
// table is emptied when its last entry goes and compacted when it is full
// of holes, doubled (a realloc of the range) when full. 3.11+ inline values
// never hold more than the shared keys' 30 names, so a linear probe by hash
// is as fast as an index would be.
//
// Invariants: every live instance row owns its refs range (when non-empty)
// and its attribute range (when `capacity` > 0), disjoint from all others;
// `count` ≤ `entryCount` ≤ `capacity`.

extension Heap {
  // MARK: Slots and exception fields

  /// A refs range for `slots` slot values and `extra` exception fields, all
  /// null; returns its start.
  mutating func allocateInstanceRefs(slots: Int, extra: Int) -> Int32 {
    let length = slots + extra
    guard length > 0 else { return Int32(ItemSlab.emptyStart) }
    let start = payloadSlab.allocate(length)
    for offset in 0..<length { payloadSlab[start + offset] = ObjectID.null.index }
    return Int32(start)
  }

  /// The `__slots__` values of an instance in declaration order (null when unset).
  public func instanceSlots(_ id: ObjectID) -> [ObjectID] {
    let payload = instances[Int(payloads[id.slot])]
    return payloadSlab.items(start: Int(payload.refsStart), count: Int(payload.slotCount))
  }

  /// Stores `value` in slot `index` of an instance, returning the old value
  /// (the caller drops it; null when the slot was unset).
  public mutating func replaceInstanceSlot(_ id: ObjectID, _ index: Int, with value: ObjectID) -> ObjectID {
    let payload = instances[Int(payloads[id.slot])]
    precondition(index < Int(payload.slotCount), "slot index out of range")
    let word = Int(payload.refsStart) + index
    let old = ObjectID(payloadSlab[word])
    payloadSlab[word] = value.index
    return old
  }

  /// How many fields an exception has: 4, 5 with a 3.10+ NameError's
  /// `name`, 6 with a 3.10+ AttributeError's `name` and `obj`.
  public func exceptionFieldCount(_ id: ObjectID) -> Int {
    Int(instances[Int(payloads[id.slot])].extraCount)
  }

  /// Field `index` of an exception (0 args, 1 traceback, 2 context, 3 cause,
  /// 4 name, 5 obj).
  public func exceptionField(_ id: ObjectID, _ index: Int) -> ObjectID {
    let payload = instances[Int(payloads[id.slot])]
    precondition(index < Int(payload.extraCount), "not an exception field")
    return ObjectID(payloadSlab[Int(payload.refsStart + payload.slotCount) + index])
  }

  /// Stores field `index` of an exception, returning the old value (the
  /// caller drops it).
  public mutating func replaceExceptionField(_ id: ObjectID, _ index: Int, with value: ObjectID) -> ObjectID {
    let payload = instances[Int(payloads[id.slot])]
    precondition(index < Int(payload.extraCount), "not an exception field")
    let word = Int(payload.refsStart + payload.slotCount) + index
    let old = ObjectID(payloadSlab[word])
    payloadSlab[word] = value.index
    return old
  }

  // MARK: Inline attributes (3.11+ values)

  /// Live inline attributes of an instance.
  public func inlineAttributeCount(_ id: ObjectID) -> Int {
    Int(instances[Int(payloads[id.slot])].attributes.count)
  }

  /// The live inline attributes of an instance, in insertion order.
  public func inlineAttributeEntries(_ id: ObjectID) -> [(hash: Int, key: ObjectID, value: ObjectID)] {
    inlineEntries(payloadSlot: Int(payloads[id.slot]))
  }

  func inlineEntries(payloadSlot slot: Int) -> [(hash: Int, key: ObjectID, value: ObjectID)] {
    let table = instances[slot].attributes
    var result: [(hash: Int, key: ObjectID, value: ObjectID)] = []
    result.reserveCapacity(Int(table.count))
    for position in 0..<Int(table.entryCount) {
      let word = Int(table.start) + position * InlineAttributes.entryWords
      let value = ObjectID(payloadSlab[word + 3])
      if value.isNull { continue }
      result.append((attributeHash(at: word), ObjectID(payloadSlab[word + 2]), value))
    }
    return result
  }

  @inline(__always) private func attributeHash(at word: Int) -> Int {
    Int(
      bitPattern: UInt(UInt32(bitPattern: payloadSlab[word])) | UInt(
        UInt32(bitPattern: payloadSlab[word + 1])) << 32)
  }

  /// The position of the live inline attribute whose key has `hash` and
  /// satisfies `equal` (called only for keys with that hash).
  public func findInlineAttribute(_ id: ObjectID, hash: Int, _ equal: (ObjectID) throws -> Bool) rethrows
    -> Int?
  {
    let table = instances[Int(payloads[id.slot])].attributes
    for position in 0..<Int(table.entryCount) {
      let word = Int(table.start) + position * InlineAttributes.entryWords
      if attributeHash(at: word) == hash, payloadSlab[word + 3] != ObjectID.null.index,
        try equal(ObjectID(payloadSlab[word + 2]))
      {
        return position
      }
    }
    return nil
  }

  /// The value of the inline attribute at `position` (borrowed).
  public func inlineAttributeValue(_ id: ObjectID, at position: Int) -> ObjectID {
    let table = instances[Int(payloads[id.slot])].attributes
    return ObjectID(payloadSlab[Int(table.start) + position * InlineAttributes.entryWords + 3])
  }

  /// Replaces the value of the inline attribute at `position`, returning the
  /// old value (the caller drops it).
  public mutating func replaceInlineAttribute(_ id: ObjectID, at position: Int, with value: ObjectID)
    -> ObjectID
  {
    let table = instances[Int(payloads[id.slot])].attributes
    let word = Int(table.start) + position * InlineAttributes.entryWords + 3
    let old = ObjectID(payloadSlab[word])
    payloadSlab[word] = value.index
    return old
  }

  /// Appends an inline attribute (the caller has checked the key is absent),
  /// stealing key and value.
  public mutating func appendInlineAttribute(_ id: ObjectID, hash: Int, key: ObjectID, value: ObjectID) {
    let slot = Int(payloads[id.slot])
    var table = instances[slot].attributes
    if table.entryCount == table.capacity {
      if table.count < table.entryCount {
        compactInlineAttributes(&table)
      } else {
        let words = InlineAttributes.entryWords
        let newCapacity = table.capacity == 0 ? 4 : table.capacity * 2
        table.start =
          table.capacity == 0
          ? Int32(payloadSlab.allocate(Int(newCapacity) * words))
          : Int32(
            payloadSlab.resize(
              Int(table.start), length: Int(table.capacity) * words, to: Int(newCapacity) * words,
              keeping: Int(table.entryCount) * words))
        table.capacity = newCapacity
      }
    }
    let word = Int(table.start) + Int(table.entryCount) * InlineAttributes.entryWords
    let bits = UInt(bitPattern: hash)
    payloadSlab[word] = Int32(bitPattern: UInt32(truncatingIfNeeded: bits))
    payloadSlab[word + 1] = Int32(bitPattern: UInt32(truncatingIfNeeded: bits >> 32))
    payloadSlab[word + 2] = key.index
    payloadSlab[word + 3] = value.index
    table.entryCount += 1
    table.count += 1
    instances[slot].attributes = table
  }

  /// STORE_ATTR of interned name `key` (str hash `hash`, text `name`) on a
  /// 3.11+ instance whose attributes are inline, when the store needs no
  /// decision: the key is there (found by identity; `hint` is where it was
  /// last), or it is absent and the class's shared keys already hold it at
  /// an index the instance reserved a value for — what
  /// `prepareNewAttribute` would accept without touching anything. Takes a
  /// reference to `value` (and to `key` when appended) and returns the
  /// replaced value for the caller to drop (null when appended); nil when
  /// the general path must decide (nothing changed then).
  ///
  /// CPython's STORE_ATTR_INSTANCE_VALUE: the payload is read once, the
  /// words are written through one buffer, and an append with room left
  /// writes its entry in place (the shared keys' name at the instance's
  /// next position, the order `__init__` usually stores in, is checked by
  /// hash and string identity before any search).
  public mutating func storeInlineAttribute(
    _ id: ObjectID, key: ObjectID, name: String, hash: Int, value: ObjectID, hint: inout Int32
  ) -> ObjectID? {
    guard version >= .py311 else { return nil }
    let slot = Int(payloads[id.slot])
    let payload = instances[slot]
    guard payload.dict.isNull else { return nil }
    let table = payload.attributes
    let position = inlinePosition(table, key: key, hash: hash, hint: Int(hint))
    if position >= 0 {
      hint = Int32(truncatingIfNeeded: position)
      incref(value)
      let word = Int(table.start) &+ position &* InlineAttributes.entryWords &+ 3
      return payloadSlab.withMutableWords { words in
        let old = ObjectID(words[word])
        words[word] = value.index
        return old
      }
    }
    guard position == -1 else { return nil }
    let cls = types[id.slot]
    guard kinds[cls.slot] == .type else { return nil }
    let shared = classes[Int(payloads[cls.slot])].sharedTable
    guard shared >= 0 else { return nil }
    // Instances usually set their attributes in the shared keys' order, so
    // the key is most likely the one at the instance's next position.
    let guess = Int(table.entryCount)
    guard
      let known = sharedTables[shared].hasKey(name, hash: hash, at: guess)
        ? guess : sharedTables[shared].index(of: name, hash: hash),
      known < payload.valuesCapacity
    else { return nil }
    hint = table.entryCount
    incref(key)
    incref(value)
    if table.entryCount < table.capacity {
      let word = Int(table.start) &+ Int(table.entryCount) &* InlineAttributes.entryWords
      let bits = UInt(bitPattern: hash)
      payloadSlab.withMutableWords { words in
        words[word] = Int32(bitPattern: UInt32(truncatingIfNeeded: bits))
        words[word + 1] = Int32(bitPattern: UInt32(truncatingIfNeeded: bits >> 32))
        words[word + 2] = key.index
        words[word + 3] = value.index
      }
      var grown = table
      grown.entryCount &+= 1
      grown.count &+= 1
      instances[slot].attributes = grown
    } else {
      appendInlineAttribute(id, hash: hash, key: key, value: value)
    }
    return .null
  }

  /// Removes the inline attribute at `position`, returning its key and value
  /// (the caller drops both). The others keep their order.
  public mutating func removeInlineAttribute(_ id: ObjectID, at position: Int) -> (
    key: ObjectID, value: ObjectID
  ) {
    let slot = Int(payloads[id.slot])
    var table = instances[slot].attributes
    let word = Int(table.start) + position * InlineAttributes.entryWords
    let removed = (ObjectID(payloadSlab[word + 2]), ObjectID(payloadSlab[word + 3]))
    payloadSlab[word + 2] = ObjectID.null.index
    payloadSlab[word + 3] = ObjectID.null.index
    table.count -= 1
    if table.count == 0 { table.entryCount = 0 }
    instances[slot].attributes = table
    return removed
  }

  /// Slides the live entries to the front, keeping their order.
  private mutating func compactInlineAttributes(_ table: inout InlineAttributes) {
    let words = InlineAttributes.entryWords
    var kept = 0
    for position in 0..<Int(table.entryCount) {
      let from = Int(table.start) + position * words
      if payloadSlab[from + 3] == ObjectID.null.index { continue }
      payloadSlab.move(from: from, to: Int(table.start) + kept * words, count: words)
      kept += 1
    }
    table.entryCount = Int32(kept)
  }

  /// Frees an instance's attribute range, leaving it with no inline attributes.
  mutating func releaseInlineAttributes(payloadSlot slot: Int) {
    let table = instances[slot].attributes
    if table.capacity > 0 {
      payloadSlab.free(Int(table.start), length: Int(table.capacity) * InlineAttributes.entryWords)
    }
    instances[slot].attributes = InlineAttributes()
  }

  /// Frees both ranges of an instance payload (its row is going away).
  mutating func releaseInstanceRanges(_ payload: InstancePayload) {
    let refs = Int(payload.slotCount + payload.extraCount)
    if refs > 0 { payloadSlab.free(Int(payload.refsStart), length: refs) }
    let table = payload.attributes
    if table.capacity > 0 {
      payloadSlab.free(Int(table.start), length: Int(table.capacity) * InlineAttributes.entryWords)
    }
  }

  /// Appends the instance's references in `subtype_traverse` order up to the
  /// dict: non-null slots, then live inline values.
  @inline(__always) func appendSlotsAndValues(of payload: InstancePayload, to buffer: inout [ObjectID]) {
    payloadSlab.words.withUnsafeBufferPointer { words in
      let start = Int(payload.refsStart)
      for word in start..<(start + Int(payload.slotCount)) where words[word] != ObjectID.null.index {
        buffer.append(ObjectID(words[word]))
      }
      let table = payload.attributes
      var word = Int(table.start) + 3
      for _ in 0..<Int(table.entryCount) {
        if words[word] != ObjectID.null.index { buffer.append(ObjectID(words[word])) }
        word += InlineAttributes.entryWords
      }
    }
  }

  /// Appends the exception fields of a payload (nulls included when `nulls`):
  /// a 3.10+ AttributeError's `obj` and `name` (NameError's `name`) first,
  /// as their `tp_traverse` and `tp_clear` visit them before the base's.
  @inline(__always) func appendExceptionFields(
    of payload: InstancePayload, nulls: Bool, to buffer: inout [ObjectID]
  ) {
    let start = Int(payload.refsStart + payload.slotCount)
    let count = Int(payload.extraCount)
    for word in stride(from: start + count - 1, through: start + 4, by: -1) {
      let value = ObjectID(payloadSlab[word])
      if nulls || !value.isNull { buffer.append(value) }
    }
    for word in start..<(start + min(count, 4)) {
      let value = ObjectID(payloadSlab[word])
      if nulls || !value.isNull { buffer.append(value) }
    }
  }
}
