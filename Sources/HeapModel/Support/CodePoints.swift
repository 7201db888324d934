// Python's str is a sequence of code points, and every operation on it —
// `==`, `<`, `hash`, `len`, `in`, `find`, dict and set keys, the interned
// dict, the compiler's constant merging — works code point by code point
// (unicode_compare_eq and unicode_compare in Objects/unicodeobject.c compare
// the code units of the two strings' kinds; nothing is normalised).
//
// Swift's String does not: `==`, `<` and `Hashable` follow Unicode canonical
// equivalence, so "\u{E1}" (á, one code point) == "a\u{301}" (a + combining
// acute, two code points), and even "K" == "\u{212A}" (KELVIN SIGN) — and
// `count`, iteration and `contains`/`range(of:)` work on grapheme clusters.
// Everything in the model that holds Python text in a String therefore goes
// through these helpers instead of String's own operators.
//
// Invariants the helpers rely on:
// - two strings hold the same code points exactly when their UTF-8 bytes
//   are equal (UTF-8 is a bijection on scalar sequences);
// - the byte order of UTF-8 is the code point order, so `memcmp` of the
//   bytes (then the length) is CPython's `<` on str;
// - a native Swift string (always, on Linux) has contiguous UTF-8, so none
//   of this allocates, and ASCII text costs one memcmp.
//
// Python identifiers are another matter: CPython's parser NFKC-normalises
// them, so `ﬁle` and `file` name the same variable; the lexer keeps doing
// that, and names taken from the source can then be compared exactly.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Code-point comparisons of Swift strings, as Python compares `str`.
public enum CodePoints {
  /// Whether `a` and `b` hold the same code points (Python's `a == b`).
  @inlinable
  public static func equal(_ a: String, _ b: String) -> Bool {
    a.utf8.count == b.utf8.count && order(a, b) == 0
  }

  /// −1, 0 or 1 as `a` sorts before, with or after `b` by code points,
  /// which is the order of their UTF-8 bytes.
  @inlinable
  public static func order(_ a: String, _ b: String) -> Int {
    withBytes(a) { x in
      withBytes(b) { y in order(x, y) }
    }
  }

  /// Whether two UTF-8 buffers hold the same code points.
  @inlinable
  public static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    guard a.count > 0, a.baseAddress != b.baseAddress else { return true }
    return memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
  }

  /// −1, 0 or 1 as UTF-8 `a` sorts before, with or after `b` by code points.
  @inlinable
  public static func order(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
    let common = min(x.count, y.count)
    if common > 0 {
      let order = memcmp(x.baseAddress!, y.baseAddress!, common)
      if order != 0 { return order < 0 ? -1 : 1 }
    }
    return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
  }

  /// The byte offset in UTF-8 `bytes` of code point `index` (the end when
  /// `index` is the length), walking from byte `from`, which is code point
  /// `startingAt`.
  public static func byteOffset(
    ofCodePoint index: Int, in bytes: UnsafeBufferPointer<UInt8>, from: Int = 0, startingAt: Int = 0
  ) -> Int {
    var offset = from
    var remaining = index - startingAt
    while remaining > 0 {
      offset += 1
      while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
      remaining -= 1
    }
    return offset
  }

  /// Whether `text` starts with the code points of `prefix`.
  public static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
    text.utf8.starts(with: prefix.utf8)
  }

  /// Whether `text` ends with the code points of `suffix`.
  public static func hasSuffix(_ text: String, _ suffix: String) -> Bool {
    let count = suffix.utf8.count
    guard text.utf8.count >= count else { return false }
    return text.utf8.suffix(count).elementsEqual(suffix.utf8)
  }

  /// Whether the code points of `needle` occur in `text` (Python's
  /// `needle in text`; the empty string occurs everywhere). A match of
  /// UTF-8 bytes is a match of whole code points: a lead byte never
  /// equals a continuation byte.
  public static func contains(_ text: String, _ needle: String) -> Bool {
    firstByteOffset(of: needle, in: text, from: 0) != nil
  }

  /// The byte offset of the first occurrence of `needle`'s UTF-8 in
  /// `text`'s, at or after `start`.
  public static func firstByteOffset(of needle: String, in text: String, from start: Int) -> Int? {
    withBytes(text) { hay in withBytes(needle) { pin in firstByteOffset(of: pin, in: hay, from: start) } }
  }

  /// The byte offset of the first occurrence of UTF-8 `pin` in `hay`, at
  /// or after `start`.
  public static func firstByteOffset(
    of pin: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>, from start: Int
  ) -> Int? {
    if pin.isEmpty { return start <= hay.count ? start : nil }
    guard pin.count <= hay.count else { return nil }
    let first = pin[0]
    var index = start
    let last = hay.count - pin.count
    while index <= last {
      if hay[index] == first, memcmp(hay.baseAddress! + index, pin.baseAddress!, pin.count) == 0 {
        return index
      }
      index += 1
    }
    return nil
  }

  /// `body` on the UTF-8 bytes of `text`, without copying native strings.
  @inlinable
  static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    return Array(text.utf8).withUnsafeBufferPointer(body)
  }
}

/// A Swift string that is equal, ordered and hashed code point by code
/// point — Python's `str` semantics — for dictionary keys and sets that hold
/// Python text (the interned dict, the compiler's constant table).
public struct CodePointString: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The text.
  public var text: String

  /// The text `text`, compared by its code points.
  public init(_ text: String) { self.text = text }

  public var description: String { text }

  public static func == (a: CodePointString, b: CodePointString) -> Bool { CodePoints.equal(a.text, b.text) }

  public static func < (a: CodePointString, b: CodePointString) -> Bool {
    CodePoints.order(a.text, b.text) < 0
  }

  public func hash(into hasher: inout Hasher) {
    CodePoints.withBytes(text) { bytes in
      hasher.combine(bytes.count)
      hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
    }
  }
}
