// Spellings of the old `Store<StrPayload>` that code outside the str files
// still uses, from when StrPayload held a Swift String: `strs[slot].text`
// and `strs.elements.withUnsafeBufferPointer { strs in strs[slot].text }`,
// whose texts go to `CodePoints.equal` or `CodePointString`. `.text` is now
// a view of the bytes in the slab (no String is made), valid until the
// store next changes; `CodePoints.equal` compares it in place.
// `StrStore.equals(_:_:)` and `StrStore.withReader(_:)` are the direct
// spellings.

extension StrStore {
  /// A str's entry seen for its text, for `strs[slot].text`.
  struct TextView {
    var text: TextBytes
  }

  /// A str's UTF-8 bytes in the slab, valid until the store next changes.
  struct TextBytes {
    var utf8: UnsafeBufferPointer<UInt8>
  }

  /// `strs[slot].text`. Chosen by the member used (`.text`); everything
  /// else reads the record.
  subscript(slot: Int) -> TextView { withBytes(slot) { TextView(text: TextBytes(utf8: $0)) } }

  /// `strs.elements.withUnsafeBufferPointer { strs in … }`.
  /// Pointers only, so nothing is retained; valid while the store is not
  /// changed, as for `withReader`.
  var elements: TextColumn { TextColumn(reader: Reader(storage: storage)) }

  /// The store, readable through `withUnsafeBufferPointer` (see `elements`).
  struct TextColumn {
    var reader: Reader

    func withUnsafeBufferPointer<R>(_ body: (Reader) throws -> R) rethrows -> R { try body(reader) }
  }

  /// The records and the slab through pointers (valid inside `withReader`).
  struct Reader {
    let records: UnsafeMutablePointer<StrPayload>
    let slab: UnsafeMutablePointer<UInt8>

    init(storage: StrStoreStorage) {
      records = storage.records
      slab = storage.slab
    }

    /// The UTF-8 bytes of str `slot`.
    @inline(__always)
    func utf8(_ slot: Int) -> UnsafeBufferPointer<UInt8> {
      let record = records[slot]
      return UnsafeBufferPointer(start: slab + Int(record.chunk) << 3, count: Int(record.byteCount))
    }

    /// Whether str `slot` holds the code points of `text`.
    @inline(__always)
    func equals(_ slot: Int, _ text: String) -> Bool {
      CodePoints.withBytes(text) { CodePoints.equal(utf8(slot), $0) }
    }

    /// Whether strs `a` and `b` hold the same code points.
    @inline(__always)
    func equals(_ a: Int, _ b: Int) -> Bool { a == b || CodePoints.equal(utf8(a), utf8(b)) }

    /// `strs[slot].text` inside `elements.withUnsafeBufferPointer`.
    subscript(slot: Int) -> TextView { TextView(text: TextBytes(utf8: utf8(slot))) }
  }
}

extension CodePoints {
  /// Whether a str's text in the slab holds the code points of `b`.
  @inline(__always)
  static func equal(_ a: StrStore.TextBytes, _ b: String) -> Bool {
    withBytes(b) { equal(a.utf8, $0) }
  }

  /// Whether two strs' texts in the slab hold the same code points.
  @inline(__always)
  static func equal(_ a: StrStore.TextBytes, _ b: StrStore.TextBytes) -> Bool { equal(a.utf8, b.utf8) }
}

extension CodePointString {
  /// The text of a str in the slab.
  init(_ text: StrStore.TextBytes) { self.init(String(decoding: text.utf8, as: UTF8.self)) }
}
