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
    // An origin with big operands (`newInt(big:)`) may ask for more than
    // pymalloc serves.
    if size > 512 {
      return allocateObject(kind: .int, type: typeObject(.int), size: size, payload: Int64(value))
    }
    return allocatePymallocObject(kind: .int, type: typeObject(.int), size: size, payload: Int64(value))
  }

  /// An int object made as `PyLong_FromLong` makes it (+1 reference): the
  /// cached small int, else a block of `ObjectLayouts.machineIntBlockSize`.
  /// The same object as `newInt(value, origin: .machineInt)`, and as any
  /// arithmetic origin whose operands have at most one digit each; one
  /// call from the interpreter with nothing to decode.
  public mutating func newMachineInt(_ value: Int) -> ObjectID {
    if value >= Heap.smallIntRange.lowerBound, value < Heap.smallIntRange.upperBound {
      let cached = smallInts[value &- Heap.smallIntRange.lowerBound]
      incref(cached)
      return cached
    }
    return allocateMachineInt(value)
  }

  /// `newMachineInt` for a value that is not a cached small int. Out of
  /// line (a tail call), so that a small int's path saves no registers for
  /// the allocation's.
  @inline(never)
  mutating func allocateMachineInt(_ value: Int) -> ObjectID {
    // A one-digit value (most results) has its size without a call:
    // `sizeof(PyLongObject)` + a digit, 28 bytes, rounded to 32 in 3.11+.
    let size =
      value.magnitude < 1 &<< 30
      ? (version >= .py311 ? 32 : 28) : layouts.machineIntBlockSize(value)
    return allocatePymallocObject(kind: .int, type: typeObject(.int), size: size, payload: Int64(value))
  }

  /// The value of an int object (not a bool) that fits in `Int`; nil for
  /// any other object. Reads the kind, flags and payload columns once
  /// each, inlined into the interpreter's int fast paths.
  @inlinable @inline(__always)
  public func smallIntPayload(_ id: ObjectID) -> Int? {
    let slot = id.slot
    let storage = table.storage
    precondition(UInt(bitPattern: slot) < UInt(bitPattern: storage.count), "row out of range")
    let rows = storage.rows
    guard rows.kinds[slot] == .int, !rows.flags[slot].contains(.bigPayload) else { return nil }
    return Int(truncatingIfNeeded: rows.payloads[slot])
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
  @inlinable
  public mutating func newBool(_ value: Bool) -> ObjectID {
    let id = value ? trueObject : falseObject
    incref(id)
    return id
  }

  /// A float object (+1 reference), from the float free list when it has one.
  public mutating func newFloat(_ value: Double) -> ObjectID {
    let bits = Int64(bitPattern: value.bitPattern)
    if let block = takeFromFreeList(.float) {
      return addPymallocRow(kind: .float, type: typeObject(.float), payload: bits, block: block, size: 24)
    }
    return allocatePymallocObject(kind: .float, type: typeObject(.float), size: 24, payload: bits)
  }

  /// `allocateObject` for a request pymalloc serves (1…512 bytes): the int
  /// and float creators, the most frequent allocations of a run.
  ///
  /// The common case — the class's head pool stays used, the row needs no
  /// side table and no growth, no event is logged — is inline with no call
  /// on it, so a creator saves no registers for the rare cases: those go to
  /// the general path out of line (a tail call), which places the block
  /// and the row exactly as the inline case would have.
  @inline(__always)
  mutating func allocatePymallocObject(kind: ObjectKind, type: ObjectID, size: Int, payload: Int64)
    -> ObjectID
  {
    guard let address = allocator.allocateWithinUsedPool(size) else {
      return allocatePymallocObjectOutOfLine(kind: kind, type: type, size: size, payload: payload)
    }
    return addPymallocRow(kind: kind, type: type, payload: payload, block: address.rawValue, size: size)
  }

  /// `allocatePymallocObject`'s general path: a new pool, a pool that
  /// becomes full, the full event log, a row that needs a call.
  @inline(never)
  mutating func allocatePymallocObjectOutOfLine(kind: ObjectKind, type: ObjectID, size: Int, payload: Int64)
    -> ObjectID
  {
    let address = allocator.allocatePymallocUnshared(size)
    return addRow(kind: kind, type: type, payload: payload, block: address.rawValue, size: size)
  }

  /// A row for a block pymalloc handed out: inline when it needs no call
  /// (`ObjectTable.addPymallocRowWithoutCall`), else `addRow` out of line.
  @inline(__always)
  mutating func addPymallocRow(kind: ObjectKind, type: ObjectID, payload: Int64, block: UInt64, size: Int)
    -> ObjectID
  {
    if let row = table.addPymallocRowWithoutCall(
      kind: kind, type: type, payload: payload, block: block, size: size)
    {
      return ObjectID(row)
    }
    return addRowOutOfLine(kind: kind, type: type, payload: payload, block: block, size: size)
  }

  /// `addRow` as a call, for `addPymallocRow`'s rare case.
  @inline(never)
  mutating func addRowOutOfLine(kind: ObjectKind, type: ObjectID, payload: Int64, block: UInt64, size: Int)
    -> ObjectID
  {
    addRow(kind: kind, type: type, payload: payload, block: block, size: size)
  }

  public func floatValue(_ id: ObjectID) -> Double {
    Double(bitPattern: UInt64(bitPattern: payloads[id.slot]))
  }

  // MARK: Bytes

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
