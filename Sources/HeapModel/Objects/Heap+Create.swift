// Creating objects: every constructor allocates the blocks CPython allocates
// for that object in the modelled version (or reuses a free-list entry), adds
// a row with refcount 1 and returns it. Container constructors *steal* the
// references they are given, as CPython's `PyTuple_New` + `SET_ITEM` does.

import BigInt

extension Heap {
  // MARK: Numbers

  /// An int object for `value` (+1 reference). Values in −5…256 are the
  /// cached small ints. `extraDigit` models results of arithmetic, which
  /// CPython allocates one digit larger than the value needs.
  public mutating func newInt(_ value: Int, origin: ObjectLayouts.IntOrigin = .exact) -> ObjectID {
    if value >= Heap.smallIntRange.lowerBound, value < Heap.smallIntRange.upperBound {
      let cached = smallInts[value - Heap.smallIntRange.lowerBound]
      incref(cached)
      return cached
    }
    let size = layouts.intBlockSize(resultDigits: ObjectLayouts.intDigits(of: value), origin: origin)
    return allocateObject(kind: .int, type: typeObject(.int), size: size, payload: Int64(value))
  }

  /// An int object for an arbitrary-precision value (+1 reference).
  public mutating func newInt(big value: BigInt, origin: ObjectLayouts.IntOrigin = .exact) -> ObjectID {
    if let small = Int(exactly: value) { return newInt(small, origin: origin) }
    let digits = ObjectLayouts.intDigits(
      bitLength: value.magnitude.bitWidth)
    let size = layouts.intBlockSize(resultDigits: digits, origin: origin)
    let slot = bigInts.insert(value)
    let id = allocateObject(kind: .int, type: typeObject(.int), size: size, payload: Int64(slot))
    flags[id.slot].insert(.bigPayload)
    return id
  }

  /// The value of an int (or bool) object, if it fits in `Int`.
  public func intValue(_ id: ObjectID) -> Int? {
    if flags[id.slot].contains(.bigPayload) { return nil }
    return Int(payloads[id.slot])
  }

  /// The value of an int (or bool) object at any size.
  public func bigIntValue(_ id: ObjectID) -> BigInt {
    if flags[id.slot].contains(.bigPayload) { return bigInts[Int(payloads[id.slot])] }
    return BigInt(payloads[id.slot])
  }

  /// The bool object for a truth value (+1 reference).
  public mutating func newBool(_ value: Bool) -> ObjectID {
    let id = value ? trueObject : falseObject
    incref(id)
    return id
  }

  /// A float object (+1 reference), from the float free list when it has one.
  public mutating func newFloat(_ value: Double) -> ObjectID {
    let bits = Int64(bitPattern: value.bitPattern)
    if let block = takeFromFreeList(.float) {
      return addRow(kind: .float, type: typeObject(.float), payload: bits, block: block, size: 24)
    }
    return allocateObject(kind: .float, type: typeObject(.float), size: 24, payload: bits)
  }

  public func floatValue(_ id: ObjectID) -> Double {
    Double(bitPattern: UInt64(bitPattern: payloads[id.slot]))
  }

  // MARK: Strings and bytes

  /// A new str object (+1 reference). Empty and single latin-1 character
  /// strings are the cached singletons.
  public mutating func newStr(_ text: String) -> ObjectID {
    let payload = StrPayload(text)
    if payload.length == 0 {
      incref(emptyString)
      return emptyString
    }
    if payload.length == 1, let scalar = text.unicodeScalars.first, scalar.value < 256 {
      let cached = latin1Char(scalar.value)
      incref(cached)
      return cached
    }
    let size = layouts.strBlockSize(length: payload.length, kind: ObjectLayouts.StrKind(of: text))
    let slot = strs.insert(payload)
    return allocateObject(kind: .str, type: typeObject(.str), size: size, payload: Int64(slot))
  }

  /// The interned str for `text` (+1 reference), creating and interning it
  /// on first use (`sys.intern`, identifier-like constants).
  public mutating func intern(_ text: String) -> ObjectID {
    if let existing = interned[text] {
      incref(existing)
      return existing
    }
    let id = newStr(text)
    if flags[id.slot].contains(.isStatic) { return id }
    interned[text] = id
    flags[id.slot].insert(.interned)
    if profile.internedStringsAreImmortal { flags[id.slot].insert(.immortal) }
    return id
  }

  /// `sys.intern(s)` (+1): the interned string equal to `s`, interning `s`
  /// itself when none exists yet.
  public mutating func internObject(_ id: ObjectID) -> ObjectID {
    let text = string(id)
    if let existing = interned[text] {
      incref(existing)
      return existing
    }
    incref(id)
    if flags[id.slot].contains(.isStatic) { return id }
    interned[text] = id
    flags[id.slot].insert(.interned)
    if profile.internedStringsAreImmortal { flags[id.slot].insert(.immortal) }
    return id
  }

  /// The str object interned for `text`, if any.
  public func internedString(_ text: String) -> ObjectID? { interned[text] }

  private mutating func latin1Char(_ value: UInt32) -> ObjectID {
    if latin1Chars.isEmpty { latin1Chars = Array(repeating: .null, count: 256) }
    if latin1Chars[Int(value)].isNull {
      let text = String(Character(Unicode.Scalar(value)!))
      let slot = strs.insert(StrPayload(text))
      latin1Chars[Int(value)] = addStatic(kind: .str, type: typeObject(.str), payload: Int64(slot))
      if version == .py311 { refcounts[latin1Chars[Int(value)].slot] = 999_999_999 }
    }
    return latin1Chars[Int(value)]
  }

  public func str(_ id: ObjectID) -> StrPayload { strs[Int(payloads[id.slot])] }
  public func string(_ id: ObjectID) -> String { strs[Int(payloads[id.slot])].text }

  /// Gives a non-ASCII str its cached UTF-8 copy (`PyUnicode_AsUTF8`): a
  /// separate block of utf8Length + 1 bytes, counted by `sys.getsizeof`.
  public mutating func attachUTF8Cache(_ id: ObjectID) {
    let slot = Int(payloads[id.slot])
    guard !strs[slot].isASCII, strs[slot].utf8Block == 0 else { return }
    strs[slot].utf8Block = allocator.allocate(strs[slot].text.utf8.count + 1).rawValue
  }

  /// Caches a str's hash in the object, as CPython does.
  public mutating func setStrHash(_ id: ObjectID, _ hash: Int) {
    strs[Int(payloads[id.slot])].hash = hash
  }

  /// A bytes object (+1 reference); `b''` and the one-byte strings are
  /// cached singletons.
  public mutating func newBytes(_ value: [UInt8]) -> ObjectID {
    if value.isEmpty {
      incref(emptyBytes)
      return emptyBytes
    }
    if value.count == 1 {
      if byteChars.isEmpty { byteChars = Array(repeating: .null, count: 256) }
      let index = Int(value[0])
      if byteChars[index].isNull {
        byteChars[index] = addStatic(
          kind: .bytes, type: typeObject(.bytes), payload: Int64(byteStrings.insert(value)))
      }
      incref(byteChars[index])
      return byteChars[index]
    }
    let slot = byteStrings.insert(value)
    return allocateObject(
      kind: .bytes, type: typeObject(.bytes), size: ObjectLayouts.bytesBlockSize(length: value.count),
      payload: Int64(slot))
  }

  public func bytesValue(_ id: ObjectID) -> [UInt8] { byteStrings[Int(payloads[id.slot])] }

  // MARK: Tuples and lists

  /// A tuple of `items`, stealing their references; `()` is the singleton.
  public mutating func newTuple(_ items: [ObjectID]) -> ObjectID {
    if items.isEmpty {
      incref(emptyTuple)
      return emptyTuple
    }
    let size = ObjectLayouts.tupleBlockSize(count: items.count)
    let slot = sequences.insert(SequencePayload(items: items, capacity: items.count))
    let id: ObjectID
    if let block = takeFromFreeList(.tuple(items.count)) {
      id = addRow(kind: .tuple, type: typeObject(.tuple), payload: Int64(slot), block: block, size: size)
    } else {
      id = allocateObject(kind: .tuple, type: typeObject(.tuple), size: size, payload: Int64(slot))
      countGCAllocation()
    }
    track(id)  // PyTuple_New / PyList_New: append to generation 0 (GC/Heap+GCLists.swift)
    return id
  }

  /// A list holding `items` (references stolen) with `capacity` slots
  /// allocated: the object first, then its item array, as `PyList_New`
  /// does. `fresh` is `list(...)`: the type's `tp_alloc` makes a new GC
  /// object and never takes one from the list free list.
  public mutating func newList(_ items: [ObjectID], capacity: Int? = nil, fresh: Bool = false) -> ObjectID {
    let capacity = max(capacity ?? items.count, items.count)
    let slot = sequences.insert(SequencePayload(items: items, capacity: capacity, itemsAddress: 0))
    let id: ObjectID
    if !fresh, let block = takeFromFreeList(.list) {
      id = addRow(kind: .list, type: typeObject(.list), payload: Int64(slot), block: block, size: 56)
    } else {
      id = allocateObject(kind: .list, type: typeObject(.list), size: 56, payload: Int64(slot))
      countGCAllocation()
    }
    if capacity > 0 { sequences[slot].itemsAddress = allocator.allocate(8 * capacity).rawValue }
    track(id)  // PyTuple_New / PyList_New: append to generation 0 (GC/Heap+GCLists.swift)
    return id
  }

  /// The items of a tuple or list (borrowed references).
  public func items(_ id: ObjectID) -> [ObjectID] { sequences[Int(payloads[id.slot])].items }

  public func itemCount(_ id: ObjectID) -> Int { sequences[Int(payloads[id.slot])].items.count }

  public func item(_ id: ObjectID, _ index: Int) -> ObjectID {
    sequences[Int(payloads[id.slot])].items[index]
  }

  /// Allocated slots of a list.
  public func listCapacity(_ id: ObjectID) -> Int { sequences[Int(payloads[id.slot])].capacity }

  /// Appends to a list, stealing the reference; grows the item array with
  /// the version's `list_resize` rule.
  public mutating func listAppend(_ list: ObjectID, _ item: ObjectID) {
    let slot = Int(payloads[list.slot])
    let count = sequences[slot].items.count
    listResize(slot: slot, to: count + 1)
    sequences[slot].items.append(item)
  }

  /// Replaces item `index` (stealing `item`), returning the old item (whose
  /// reference the caller now owns).
  public mutating func listSetItem(_ list: ObjectID, _ index: Int, _ item: ObjectID) -> ObjectID {
    let slot = Int(payloads[list.slot])
    let old = sequences[slot].items[index]
    sequences[slot].items[index] = item
    return old
  }

  /// `list.extend`: appends `items` (stolen) with the capacity CPython's
  /// `list_extend` leaves (`lengthHint` nil for a list or tuple source).
  public mutating func listExtend(_ list: ObjectID, _ items: [ObjectID], lengthHint: Int?) {
    let slot = Int(payloads[list.slot])
    let size = sequences[slot].items.count
    let capacity = layouts.listExtend(
      size: size, allocated: sequences[slot].capacity, count: items.count, lengthHint: lengthHint)
    setListCapacity(slot: slot, capacity)
    sequences[slot].items.append(contentsOf: items)
  }

  private mutating func setListCapacity(slot: Int, _ newCapacity: Int) {
    let capacity = sequences[slot].capacity
    if newCapacity == capacity { return }
    let old = sequences[slot].itemsAddress
    var address: UInt64 = 0
    if newCapacity > 0 {
      address =
        old == 0
        ? allocator.allocate(8 * newCapacity).rawValue
        : allocator.reallocate(Address(old), to: 8 * newCapacity).rawValue
    } else if old != 0 {
      allocator.free(Address(old))
    }
    sequences[slot].capacity = newCapacity
    sequences[slot].itemsAddress = address
  }

  /// Inserts `item` at `index` (stealing it).
  public mutating func listInsert(_ list: ObjectID, _ index: Int, _ item: ObjectID) {
    let slot = Int(payloads[list.slot])
    listResize(slot: slot, to: sequences[slot].items.count + 1)
    sequences[slot].items.insert(item, at: index)
  }

  /// Removes item `index`, returning it (the caller owns the reference).
  public mutating func listRemove(_ list: ObjectID, at index: Int) -> ObjectID {
    let slot = Int(payloads[list.slot])
    listResize(slot: slot, to: sequences[slot].items.count - 1)
    return sequences[slot].items.remove(at: index)
  }

  /// Replaces all items (the caller has taken over the old ones' references,
  /// and the new ones' are stolen), resizing as `list_ass_slice` would.
  public mutating func listReplaceAll(_ list: ObjectID, with items: [ObjectID]) {
    let slot = Int(payloads[list.slot])
    listResize(slot: slot, to: items.count)
    sequences[slot].items = items
  }

  /// `list_resize`: keep the array while capacity/2 ≤ n ≤ capacity, else
  /// reallocate to the version's over-allocated capacity.
  mutating func listResize(slot: Int, to newCount: Int) {
    setListCapacity(
      slot: slot,
      layouts.listResize(
        size: sequences[slot].items.count, allocated: sequences[slot].capacity, newSize: newCount))
  }

  // MARK: Generic small objects

  /// An object whose payload is a short list of references (stolen) and
  /// two scalars; `size` is its main block's request size.
  public mutating func newFieldsObject(
    kind: ObjectKind, type: BuiltinType, refs: [ObjectID], index: Int = 0, extra: Int = 0, size: Int,
    tracked: Bool = true
  ) -> ObjectID {
    newFieldsObject(
      kind: kind, typeObject: typeObject(type), refs: refs, index: index, extra: extra, size: size,
      tracked: tracked)
  }

  public mutating func newFieldsObject(
    kind: ObjectKind, typeObject: ObjectID, refs: [ObjectID], index: Int = 0, extra: Int = 0, size: Int,
    tracked: Bool = true
  ) -> ObjectID {
    let slot = fields.insert(FieldsPayload(refs: refs, index: index, extra: extra))
    // 3.8 reuses freed bound and builtin methods (Heap+FreeLists.swift).
    let listed: FreeListKind? = kind == .boundMethod ? .method : (kind == .builtinMethod ? .cfunction : nil)
    if let listed, let block = takeFromFreeList(listed) {
      let id = addRow(kind: kind, type: typeObject, payload: Int64(slot), block: block, size: size)
      if tracked { track(id) }
      return id
    }
    let id = allocateObject(kind: kind, type: typeObject, size: size, payload: Int64(slot))
    if kind.isGCType {
      countGCAllocation()
      if tracked { track(id) }  // generation 0's tail (GC/Heap+GCLists.swift)
    }
    return id
  }

  public func fieldsPayload(_ id: ObjectID) -> FieldsPayload { fields[Int(payloads[id.slot])] }

  /// Mutates a fields payload in place (e.g. an iterator's position).
  public mutating func withFields<R>(_ id: ObjectID, _ body: (inout FieldsPayload) -> R) -> R {
    body(&fields[Int(payloads[id.slot])])
  }
}
