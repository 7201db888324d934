// str, bytes and tuple layouts (Objects/unicodeobject.c, bytesobject.c,
// tupleobject.c).
//
// str (PEP 393 compact strings): one block holding the header and the
// characters plus a NUL, `kind` bytes per character. The header is
// `PyASCIIObject` for pure-ASCII text and `PyCompactUnicodeObject` otherwise:
//
//     version    ASCII header   non-ASCII header
//     3.8–3.11   48             72   (wstr pointer + length still present)
//     3.12–3.13  40             56   (wstr removed)
//
// request = header + (length + 1) · kind. A cached UTF-8 copy (made by
// `PyUnicode_AsUTF8` for non-ASCII text) is a separate block of
// utf8Length + 1 bytes and counts in `sys.getsizeof`. The empty string and
// the 256 one-character latin-1 strings are static singletons; in 3.12+ the
// non-ASCII ones carry a UTF-8 copy, so `getsizeof('é')` is 61 while
// `getsizeof('éé')` is 59.
//
// bytes: 33 + n (header 32 incl. the cached hash, plus NUL); `b''` and the 256
// one-byte strings are singletons.
//
// tuple: GC head + 24-byte var header + 8 per item = 40 + 8n; `()` is a
// singleton. Tuples come from the per-length free list first (+FreeLists).

extension ObjectLayouts {
  /// The storage kind of a compact str: bytes per character and header.
  public enum StrKind: UInt8, CaseIterable, Sendable, Hashable {
    /// All code points < 128: `PyASCIIObject`, 1 byte per character.
    case ascii
    /// Max code point 128…255: 1 byte per character, compact header.
    case latin1
    /// Max code point 256…65535: 2 bytes per character.
    case ucs2
    /// Max code point ≥ 65536: 4 bytes per character.
    case ucs4

    /// Bytes per character (`PyUnicode_KIND`).
    @inlinable
    public var characterSize: Int {
      switch self {
      case .ascii, .latin1: return 1
      case .ucs2: return 2
      case .ucs4: return 4
      }
    }

    /// The kind CPython picks for text whose largest code point is `maxScalar`.
    @inlinable
    public init(maxScalar: UInt32) {
      if maxScalar < 0x80 {
        self = .ascii
      } else if maxScalar < 0x100 {
        self = .latin1
      } else if maxScalar < 0x1_0000 {
        self = .ucs2
      } else {
        self = .ucs4
      }
    }

    /// The kind of a Swift string (its largest Unicode scalar decides).
    public init(of text: String) {
      var maxScalar: UInt32 = 0
      for scalar in text.unicodeScalars where scalar.value > maxScalar {
        maxScalar = scalar.value
      }
      self.init(maxScalar: maxScalar)
    }

    /// The kind of a sequence of code points.
    public init<S: Sequence>(scalars: S) where S.Element == UInt32 {
      self.init(maxScalar: scalars.max() ?? 0)
    }
  }

  /// Header size of a compact str of `kind` (`PyASCIIObject` or `PyCompactUnicodeObject`).
  @inlinable
  public func strHeaderSize(_ kind: StrKind) -> Int {
    switch (kind, version >= .py312) {
    case (.ascii, false): return 48
    case (.ascii, true): return 40
    case (_, false): return 72
    case (_, true): return 56
    }
  }

  /// Request size of a str object of `length` characters of `kind`.
  /// - Complexity: O(1).
  @inlinable
  public func strBlockSize(length: Int, kind: StrKind) -> Int {
    strHeaderSize(kind) + (length + 1) * kind.characterSize
  }

  /// `sys.getsizeof` of a str; `utf8Length` is the length of its cached UTF-8
  /// copy if CPython made one (never for ASCII, whose data is already UTF-8).
  @inlinable
  public func strGetsizeof(length: Int, kind: StrKind, utf8Length: Int? = nil) -> Int {
    let utf8 = (kind == .ascii ? nil : utf8Length).map { $0 + 1 } ?? 0
    return strBlockSize(length: length, kind: kind) + utf8
  }

  /// Request size of the separate block of a cached UTF-8 copy.
  @inlinable
  public static func strUTF8CacheBlockSize(utf8Length: Int) -> Int { utf8Length + 1 }

  /// Whether a str of this length and kind is a preallocated singleton
  /// (`''` and the one-character latin-1 strings): never allocated.
  @inlinable
  public static func isCachedStr(length: Int, kind: StrKind) -> Bool {
    length == 0 || (length == 1 && (kind == .ascii || kind == .latin1))
  }

  /// `sys.getsizeof` of a cached singleton str (`''` or one latin-1
  /// character): 3.12+ non-ASCII singletons carry a 2-byte UTF-8 copy.
  @inlinable
  public func cachedStrGetsizeof(length: Int, kind: StrKind) -> Int {
    let utf8: Int? = (version >= .py312 && length == 1 && kind == .latin1) ? 2 : nil
    return strGetsizeof(length: length, kind: kind, utf8Length: utf8)
  }

  /// Request size of a bytes object of `length` bytes (also its getsizeof).
  @inlinable
  public static func bytesBlockSize(length: Int) -> Int { 33 + length }

  /// Whether a bytes object of `length` is a cached singleton (`b''`, one byte).
  @inlinable
  public static func isCachedBytes(length: Int) -> Bool { length <= 1 }

  /// Request size of a tuple of `count` items, GC head included (also its
  /// getsizeof); `()` is a singleton and never allocated.
  @inlinable
  public static func tupleBlockSize(count: Int) -> Int { 40 + 8 * count }
}
