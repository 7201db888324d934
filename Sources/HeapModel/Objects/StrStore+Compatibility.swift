// Spellings of the old `Store<StrPayload>` that code outside the str files
// still uses, when StrPayload held a Swift String: `strs[slot].text` and
// `strs.elements.withUnsafeBufferPointer { strs in strs[slot].text }`. Each
// `.text` builds a String from the slab; `StrStore.equals(_:_:)` and
// `StrStore.withReader(_:)` compare in place and are the ones to use.

extension StrStore {
  /// A str's text, for `strs[slot].text`.
  struct TextView {
    var text: String
  }

  /// `strs[slot].text`: the text of a str as a new String. Chosen by the
  /// member used (`.text`); everything else reads the record.
  subscript(slot: Int) -> TextView { TextView(text: text(slot)) }

  /// `strs.elements.withUnsafeBufferPointer { strs in … }`.
  var elements: TextColumn { TextColumn(store: self) }

  /// The store, readable through `withUnsafeBufferPointer` (see `elements`).
  struct TextColumn {
    var store: StrStore

    func withUnsafeBufferPointer<R>(_ body: (Reader) throws -> R) rethrows -> R {
      try store.withReader(body)
    }
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
    subscript(slot: Int) -> TextView { TextView(text: String(decoding: utf8(slot), as: UTF8.self)) }
  }
}
