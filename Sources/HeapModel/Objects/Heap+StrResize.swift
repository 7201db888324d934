// Growing a str in place: `PyUnicode_Append(&left, right)` in
// Objects/unicodeobject.c.
//
// A str is immutable to Python code, but the C function that appends to one
// may reuse the left operand when nobody else can see it. It does so when
// `unicode_modifiable(left)` holds:
//
//   * exactly one reference (the caller's),
//   * no cached hash (a hashed str may sit in a dict keyed by that hash),
//   * not interned (the interned table would hold a stale key),
//   * exactly `str`, not a subclass;
//
// and the right operand fits the left's storage: its kind (bytes per
// character) is not wider, and an ASCII left does not take a non-ASCII right
// (the header would change from `PyASCIIObject` to `PyCompactUnicodeObject`,
// moving every character — no cheaper than a copy). Then `unicode_resize` →
// `resize_compact` frees the separate UTF-8 copy if one was cached and
// `PyObject_Realloc`s the single block to the new request size: pymalloc
// keeps the block when the new size still fits its size class (and does not
// shrink it by a quarter or more), else allocates a block of the new class,
// copies and frees the old one — so `id()` changes exactly when the size
// class does. A block above 512 bytes belongs to the system allocator and
// is `realloc`ed there.
//
// Otherwise the result is a new str and the left operand loses the
// caller's reference. The empty string short-circuits both ways: '' + s
// gives s itself, s + '' gives s unchanged.
//
// Who calls it, and when the left operand has only one reference at that
// point, is the evaluation loop's business and differs by version (see
// `Interpreter+StrConcat.swift`); this file owns the object and block side.

extension Heap {
  /// Whether `id` may be resized in place (`unicode_modifiable`), counting
  /// `borrowed` references the caller holds but CPython would not (0 when the
  /// caller's reference is the one CPython passes in).
  public func strIsModifiable(_ id: ObjectID, borrowed: Int = 0) -> Bool {
    guard kinds[id.slot] == .str else { return false }
    let rowFlags = flags[id.slot]
    if rowFlags.contains(.isStatic) || rowFlags.contains(.immortal) || rowFlags.contains(.interned) {
      return false
    }
    if Int(refcounts[id.slot]) - borrowed != 1 { return false }
    return strs[Int(payloads[id.slot])].hash == nil
  }

  /// Whether `right` can be appended to `left`'s storage without changing
  /// its representation: not a wider kind, and not non-ASCII onto ASCII.
  public func strAppendKeepsRepresentation(_ left: ObjectID, _ right: ObjectID) -> Bool {
    let a: StrPayload = strs[Int(payloads[left.slot])]
    let b: StrPayload = strs[Int(payloads[right.slot])]
    return b.kind <= a.kind && !(a.isASCII && !b.isASCII)
  }

  /// Appends the text of `right` to the str `left` in place
  /// (`resize_compact`): drops its UTF-8 copy and reallocates its block to
  /// the new request size, which may move it (`id()` changes) or not. The
  /// caller has checked `strIsModifiable` and `strAppendKeepsRepresentation`.
  public mutating func strAppendInPlace(_ left: ObjectID, _ right: ObjectID) {
    let slot = Int(payloads[left.slot])
    let suffix = Int(payloads[right.slot])
    precondition(
      strs[suffix].kind <= strs[slot].kind && strs[slot].hash == nil,
      "in-place append of kind \(strs[suffix].kind) to \(left) of kind \(strs[slot].kind)")
    if strs[slot].utf8Block != 0 {
      allocator.free(Address(strs[slot].utf8Block))
      strs[slot].utf8Block = 0
    }
    let shape = strs[slot].shape.followed(by: strs[suffix].shape)
    strs.append(suffix, to: slot, shape: shape)
    let size = layouts.strBlockSize(length: shape.length, kind: strs[slot].storageKind)
    let block = allocator.reallocate(Address(blocks[left.slot]), to: size)
    blocks[left.slot] = block.rawValue
    sizes[left.slot] = Int32(size)
  }
}

extension StrPayload {
  /// The compact representation CPython stores this text in.
  public var storageKind: ObjectLayouts.StrKind { strKind }
}
