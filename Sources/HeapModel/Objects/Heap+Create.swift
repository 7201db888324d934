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
    let size = layouts.strBlockSize(length: payload.length, kind: payload.strKind)
    let slot = strs.insert(payload)
    return allocateObject(kind: .str, type: typeObject(.str), size: size, payload: Int64(slot))
  }

  /// The interned str for `text` (+1 reference), creating and interning it
  /// on first use (`sys.intern`, identifier-like constants).
  public mutating func intern(_ text: String) -> ObjectID {
    if let existing = interned[CodePointString(text)] {
      incref(existing)
      return existing
    }
    let id = newStr(text)
    if flags[id.slot].contains(.isStatic) { return id }
    interned[CodePointString(text)] = id
    flags[id.slot].insert(.interned)
    if profile.internedStringsAreImmortal { flags[id.slot].insert(.immortal) }
    return id
  }

  /// `sys.intern(s)` (+1): the interned string equal to `s`, interning `s`
  /// itself when none exists yet.
  public mutating func internObject(_ id: ObjectID) -> ObjectID {
    let text = string(id)
    if let existing = interned[CodePointString(text)] {
      incref(existing)
      return existing
    }
    incref(id)
    if flags[id.slot].contains(.isStatic) { return id }
    interned[CodePointString(text)] = id
    flags[id.slot].insert(.interned)
    if profile.internedStringsAreImmortal { flags[id.slot].insert(.immortal) }
    return id
  }

  /// The str object interned for `text`, if any.
  public func internedString(_ text: String) -> ObjectID? { interned[CodePointString(text)] }

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

  /// Whether a str carries a UTF-8 copy that `sys.getsizeof` counts: one
  /// made by `PyUnicode_AsUTF8`, or, in 3.12+, the one the static
  /// one-character latin-1 strings are initialised with (chr(128)…chr(255),
  /// `_Py_LATIN1_CHR`); string literals get none.
  public func strHasUTF8Copy(_ id: ObjectID) -> Bool {
    let payload = strs[Int(payloads[id.slot])]
    if payload.utf8Block != 0 { return true }
    return version >= .py312 && !payload.isASCII && payload.length == 1 && payload.kind == 1
      && flags[id.slot].contains(.isStatic)
  }

  /// Caches a str's hash in the object, as CPython does.
  public mutating func setStrHash(_ id: ObjectID, _ hash: Int) {
    strs[Int(payloads[id.slot])].hash = hash
  }

  /// A bytes object (+1 reference); `b''` and the one-byte strings are
  /// cached singletons, unless `fresh` (a path that allocates directly, like
  /// `bytes_repeat`).
  public mutating func newBytes(_ value: [UInt8], fresh: Bool = false) -> ObjectID {
    if value.isEmpty, !fresh {
      incref(emptyBytes)
      return emptyBytes
    }
    if value.count == 1, !fresh {
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
    // 3.8's method free lists (the only fields kinds with one).
    let list: FreeListKind? =
      kind == .boundMethod ? .boundMethod : kind == .builtinMethod ? .builtinMethod : nil
    if let list, let block = takeFromFreeList(list) {
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
