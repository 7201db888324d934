// Creating and reading str objects (`PyUnicode_New` and the functions that
// fill it: `PyUnicode_FromString`, `PyUnicode_Concat`, `_PyUnicode_JoinArray`,
// `PyUnicode_Substring`, `PyUnicode_InternInPlace`).
//
// CPython allocates a compact str as one block: the header (`PyASCIIObject`
// for ASCII text, `PyCompactUnicodeObject` otherwise) followed by
// length + 1 code units of 1, 2 or 4 bytes — the kind is fixed by the largest
// code point. The empty string and the 256 one-character latin-1 strings are
// singletons every constructor hands out instead of a new object (3.8–3.11
// create a latin-1 singleton on first use, 3.12+ have them statically).
//
// The text lives in `strs` (StrStore.swift): UTF-8 in a byte slab. The
// constructors here take UTF-8 from the caller, or copy it between strs
// inside the slab (concatenation, join, slicing), so building a str makes
// no Swift String; `string(_:)` makes one for the paths that want it.
// Every constructor settles the singletons first, then stores the text and
// allocates the block: the allocator sees exactly one request of
// `strBlockSize(length, kind)`, whatever the route.

/// A str's text in the store whose object is not allocated yet
/// (`Heap.storeStr(joining:separator:)`).
public struct PendingStr: Sendable {
  let slot: Int
  let shape: StrShape
}

extension Heap {
  // MARK: Creating

  /// A new str object (+1 reference). Empty and single latin-1 character
  /// strings are the cached singletons.
  public mutating func newStr(_ text: String) -> ObjectID {
    var text = text
    return text.withUTF8 { newStr(utf8: $0) }
  }

  /// A str of the valid UTF-8 `bytes` (+1 reference), or a singleton.
  public mutating func newStr(utf8 bytes: UnsafeBufferPointer<UInt8>) -> ObjectID {
    newStr(utf8: bytes, shape: StrShape(scanning: bytes))
  }

  /// A str of the valid UTF-8 `bytes`, whose shape the caller knows
  /// (+1 reference), or a singleton.
  public mutating func newStr(utf8 bytes: UnsafeBufferPointer<UInt8>, shape: StrShape) -> ObjectID {
    if shape.length <= 1, let singleton = singletonStr(utf8: bytes, shape: shape) { return singleton }
    return allocateStr(slot: strs.insert(bytes, shape: shape), shape: shape)
  }

  /// A str of `byteCount` UTF-8 bytes of shape `shape` that `write` puts at
  /// the pointer it gets (+1 reference), or a singleton. `write` must not
  /// use the heap.
  public mutating func newStr(
    byteCount: Int, shape: StrShape, write: (UnsafeMutablePointer<UInt8>) -> Void
  ) -> ObjectID {
    if shape.length <= 1 {
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(byteCount, 1)) { buffer in
        write(buffer.baseAddress!)
        return newStr(utf8: UnsafeBufferPointer(rebasing: buffer[..<byteCount]), shape: shape)
      }
    }
    return allocateStr(slot: strs.insert(byteCount: byteCount, shape: shape, write), shape: shape)
  }

  /// A str that CPython allocates with `PyUnicode_New` and fills itself
  /// (+1 reference): a new object even for one latin-1 character. `str(7)`,
  /// `repr(7)`, `f"{7}"` and the case maps build their results that way,
  /// where indexing, slicing, join and %-formatting hand out the singleton
  /// (Scenarios/str_one_char_results.py). Only the empty string is still
  /// the singleton: `PyUnicode_New(0)` returns it.
  public mutating func newUncachedStr(utf8 bytes: UnsafeBufferPointer<UInt8>, shape: StrShape) -> ObjectID {
    if shape.length != 1 { return newStr(utf8: bytes, shape: shape) }
    return allocateStr(slot: strs.insert(bytes, shape: shape), shape: shape)
  }

  /// `newUncachedStr(utf8:shape:)` of a Swift string.
  public mutating func newUncachedStr(_ text: String) -> ObjectID {
    var text = text
    return text.withUTF8 { newUncachedStr(utf8: $0, shape: StrShape(scanning: $0)) }
  }

  /// `str(n)` of a machine int (+1 reference): its decimal digits, a new
  /// object even for one digit (`long_to_decimal_string`).
  public mutating func newStr(decimal value: Int) -> ObjectID {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
      var magnitude = value.magnitude
      var start = 24
      repeat {
        start -= 1
        buffer[start] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
        magnitude /= 10
      } while magnitude != 0
      if value < 0 {
        start -= 1
        buffer[start] = 0x2D
      }
      let digits = UnsafeBufferPointer(rebasing: buffer[start..<24])
      return newUncachedStr(utf8: digits, shape: .ascii(digits.count))
    }
  }

  /// `a + b` of two strs as a new str (+1 reference), the text copied once.
  /// The caller settles the empty operands (`PyUnicode_Concat` returns the
  /// other operand itself).
  public mutating func newStr(concatenating a: ObjectID, _ b: ObjectID) -> ObjectID {
    let (x, y) = (Int(payloads[a.slot]), Int(payloads[b.slot]))
    let shape = strs[x].shape.followed(by: strs[y].shape)
    if shape.length <= 1 { return newStr(string(a) + string(b)) }
    let slot = withUnsafeTemporaryAllocation(of: Int.self, capacity: 2) { slots in
      slots[0] = x
      slots[1] = y
      return strs.insert(joining: UnsafeBufferPointer(slots), separator: nil, shape: shape)
    }
    return allocateStr(slot: slot, shape: shape)
  }

  /// The texts of the strs `parts` joined with str `separator` between each
  /// two (none when null) as a new str (+1 reference), or a singleton.
  /// Every part must be a str.
  public mutating func newStr(joining parts: UnsafeBufferPointer<ObjectID>, separator: ObjectID = .null)
    -> ObjectID
  {
    if let pending = storeStr(joining: parts, separator: separator) { return newStr(pending) }
    var text = ""
    for (index, part) in parts.enumerated() {
      if index > 0, !separator.isNull { text += string(separator) }
      text += string(part)
    }
    return newStr(text)
  }

  /// A str's text joined as `newStr(joining:separator:)` does, stored but
  /// not yet given its block: `newStr(_:)` of the result allocates it. For
  /// callers that release the parts in between, as the model's
  /// BUILD_STRING and `str.join` do. Nil when the result is empty or one
  /// character (a singleton: build it from the text instead).
  public mutating func storeStr(joining parts: UnsafeBufferPointer<ObjectID>, separator: ObjectID = .null)
    -> PendingStr?
  {
    var shape = StrShape.ascii(0)
    var separatorSlot: Int?
    if !separator.isNull, parts.count > 1 {
      let slot = Int(payloads[separator.slot])
      separatorSlot = slot
      let each = strs[slot].shape
      shape = StrShape(
        length: each.length * (parts.count - 1), kind: each.kind, isASCII: each.isASCII || each.length == 0)
    }
    for part in parts { shape = shape.followed(by: strs[Int(payloads[part.slot])].shape) }
    if shape.length <= 1 { return nil }
    let slot = withUnsafeTemporaryAllocation(of: Int.self, capacity: parts.count) { slots in
      for (index, part) in parts.enumerated() { slots[index] = Int(payloads[part.slot]) }
      return strs.insert(joining: UnsafeBufferPointer(slots), separator: separatorSlot, shape: shape)
    }
    return PendingStr(slot: slot, shape: shape)
  }

  /// The str object of a stored text (+1 reference).
  public mutating func newStr(_ pending: PendingStr) -> ObjectID {
    allocateStr(slot: pending.slot, shape: pending.shape)
  }

  /// The UTF-8 bytes `range` of a str (whole code points) as a new str
  /// (+1 reference) or a singleton.
  public mutating func newStr(slicing id: ObjectID, bytes range: Range<Int>) -> ObjectID {
    let source = Int(payloads[id.slot])
    let shape =
      strs[source].isASCII
      ? StrShape.ascii(range.count)
      : strs.withBytes(source) { StrShape(scanning: UnsafeBufferPointer(rebasing: $0[range])) }
    if shape.length <= 1 {
      let piece = strs.withBytes(source) { Array($0[range]) }
      return piece.withUnsafeBufferPointer { newStr(utf8: $0, shape: shape) }
    }
    return allocateStr(slot: strs.insert(slicing: source, bytes: range, shape: shape), shape: shape)
  }

  /// An ASCII str with every byte passed through `map`, which must map
  /// ASCII to ASCII (`str.upper`, `str.lower` of ASCII text), as a new
  /// str (+1 reference) or a singleton.
  public mutating func newStr(mappingASCII id: ObjectID, _ map: (UInt8) -> UInt8) -> ObjectID {
    let source = Int(payloads[id.slot])
    let shape = strs[source].shape
    precondition(shape.isASCII, "newStr(mappingASCII:) of a non-ASCII str")
    if shape.length <= 1 {
      let piece = strs.withBytes(source) { $0.map(map) }
      return piece.withUnsafeBufferPointer { newUncachedStr(utf8: $0, shape: shape) }
    }
    return allocateStr(slot: strs.insert(mapping: source, shape: shape, map), shape: shape)
  }

  /// `s[start:end]` of a str, in code points, as a new str (+1 reference)
  /// or a singleton; the caller has clamped the bounds and settled the
  /// whole-string case (`PyUnicode_Substring` returns `s` itself).
  public mutating func newStr(slicing id: ObjectID, from start: Int, to end: Int) -> ObjectID {
    let source = Int(payloads[id.slot])
    let record: StrPayload = strs[source]
    let length = max(0, end - start)
    if record.isASCII {
      let shape = StrShape.ascii(length)
      if length <= 1 {
        let piece = strs.withBytes(source) { Array($0[start..<start + length]) }
        return piece.withUnsafeBufferPointer { newStr(utf8: $0, shape: shape) }
      }
      let slot = strs.insert(slicing: source, bytes: start..<start + length, shape: shape)
      return allocateStr(slot: slot, shape: shape)
    }
    let (range, shape) = strs.withBytes(source) { bytes -> (Range<Int>, StrShape) in
      let from = CodePoints.byteOffset(ofCodePoint: start, in: bytes)
      let to = CodePoints.byteOffset(ofCodePoint: end, in: bytes, from: from, startingAt: start)
      return (from..<to, StrShape(scanning: UnsafeBufferPointer(rebasing: bytes[from..<to])))
    }
    if shape.length <= 1 {
      let piece = strs.withBytes(source) { Array($0[range]) }
      return piece.withUnsafeBufferPointer { newStr(utf8: $0, shape: shape) }
    }
    return allocateStr(slot: strs.insert(slicing: source, bytes: range, shape: shape), shape: shape)
  }

  /// The block of a str whose text is stored in `slot` (+1 reference).
  @inline(__always)
  private mutating func allocateStr(slot: Int, shape: StrShape) -> ObjectID {
    let kind: ObjectLayouts.StrKind =
      shape.isASCII ? .ascii : (shape.kind == 1 ? .latin1 : (shape.kind == 2 ? .ucs2 : .ucs4))
    let size = layouts.strBlockSize(length: shape.length, kind: kind)
    return allocateObject(kind: .str, type: typeObject(.str), size: size, payload: Int64(slot))
  }

  /// The empty or one-character latin-1 singleton for text of `shape`
  /// (+1 reference), nil when the text has another shape.
  private mutating func singletonStr(utf8 bytes: UnsafeBufferPointer<UInt8>, shape: StrShape) -> ObjectID? {
    if shape.length == 0 {
      incref(emptyString)
      return emptyString
    }
    guard shape.length == 1, shape.kind == 1 else { return nil }
    let scalar = shape.isASCII ? UInt32(bytes[0]) : UInt32(bytes[0] & 0x1F) << 6 | UInt32(bytes[1] & 0x3F)
    let cached = latin1Char(scalar)
    incref(cached)
    return cached
  }

  private mutating func latin1Char(_ value: UInt32) -> ObjectID {
    if latin1Chars.isEmpty { latin1Chars = Array(repeating: .null, count: 256) }
    if latin1Chars[Int(value)].isNull {
      let slot = strs.insert(String(Character(Unicode.Scalar(value)!)))
      latin1Chars[Int(value)] = addStatic(kind: .str, type: typeObject(.str), payload: Int64(slot))
      if version == .py311 { refcounts[latin1Chars[Int(value)].slot] = 999_999_999 }
    }
    return latin1Chars[Int(value)]
  }

  // MARK: Interning

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

  // MARK: Reading

  /// A str's layout facts and cached hash.
  public func str(_ id: ObjectID) -> StrPayload { strs[Int(payloads[id.slot])] }

  /// A str's text as a new Swift String.
  public func string(_ id: ObjectID) -> String { strs.text(Int(payloads[id.slot])) }

  /// `body` on a str's UTF-8 bytes in place; `body` must not use the heap.
  @inline(__always)
  public func withStrBytes<R>(_ id: ObjectID, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
  {
    try strs.withBytes(Int(payloads[id.slot]), body)
  }

  /// `body` on the UTF-8 bytes of two strs in place.
  @inline(__always)
  public func withStrBytes<R>(
    _ a: ObjectID, _ b: ObjectID, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) throws -> R
  ) rethrows -> R {
    try strs.withReader { reader in
      try body(reader.utf8(Int(payloads[a.slot])), reader.utf8(Int(payloads[b.slot])))
    }
  }

  /// Whether two strs hold the same code points (`unicode_eq`).
  public func strEquals(_ a: ObjectID, _ b: ObjectID) -> Bool {
    a == b || strs.equals(Int(payloads[a.slot]), Int(payloads[b.slot]))
  }

  /// Whether a str holds the code points of `text`.
  public func strEquals(_ id: ObjectID, _ text: String) -> Bool { strs.equals(Int(payloads[id.slot]), text) }

  // MARK: Cached parts

  /// Gives a non-ASCII str its cached UTF-8 copy (`PyUnicode_AsUTF8`): a
  /// separate block of utf8Length + 1 bytes, counted by `sys.getsizeof`.
  public mutating func attachUTF8Cache(_ id: ObjectID) {
    let slot = Int(payloads[id.slot])
    guard !strs[slot].isASCII, strs[slot].utf8Block == 0 else { return }
    strs[slot].utf8Block = allocator.allocateUnshared(strs[slot].utf8Count + 1).rawValue
  }

  /// Whether a str carries a UTF-8 copy that `sys.getsizeof` counts: one
  /// made by `PyUnicode_AsUTF8`, or, in 3.12+, the one the static
  /// one-character latin-1 strings are initialised with (chr(128)…chr(255),
  /// `_Py_LATIN1_CHR`); string literals get none.
  public func strHasUTF8Copy(_ id: ObjectID) -> Bool {
    let payload: StrPayload = strs[Int(payloads[id.slot])]
    if payload.utf8Block != 0 { return true }
    return version >= .py312 && !payload.isASCII && payload.length == 1 && payload.kind == 1
      && flags[id.slot].contains(.isStatic)
  }

  /// Caches a str's hash in the object, as CPython does.
  public mutating func setStrHash(_ id: ObjectID, _ hash: Int) {
    strs[Int(payloads[id.slot])].hash = hash
  }

  // MARK: Freeing

  /// Drops a dying str's text and interned entry; returns the block of its
  /// cached UTF-8 copy for the caller to free (0 when none). The free path
  /// (`deallocateIfLeaf`, `releasePayload`) calls this once per str.
  mutating func releaseStrPayload(_ id: ObjectID) -> UInt64 {
    let slot = Int(payloads[id.slot])
    if flags[id.slot].contains(.interned) { interned[CodePointString(strs.text(slot))] = nil }
    let utf8Block = strs[slot].utf8Block
    strs.remove(slot)
    return utf8Block
  }
}
