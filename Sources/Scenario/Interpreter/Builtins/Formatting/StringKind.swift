// PEP 393 ("flexible string representation", 3.3+): a str stores each character
// in 1, 2 or 4 bytes, chosen by its largest code point, and ASCII-only strings
// use a smaller header (PyASCIIObject, 40 bytes on 64-bit, vs
// PyCompactUnicodeObject, 56 bytes, for the other kinds). The kind decides the
// object's size (sys.getsizeof) and also the bytes its hash is computed over.
//
// Compile-time interning: CPython interns a str constant of a code object only
// when it is "identifier-like" in the narrow sense of `all_name_chars`
// (Objects/codeobject.c, the same rule 3.8-3.13): ASCII, and every character in
// [A-Za-z0-9_]. It does not require a non-digit first character ('1abc' is
// interned) and has no length limit; the empty string qualifies (it is a
// singleton anyway). Names (co_names, co_varnames, ...) are always interned.
// Measured: '1abc', 'ab_9' interned; 'a b', 'é1', 'a-b' not; a 5000-char
// 'yyy...' literal interned.

/// The storage kind of a str (`PyUnicode_KIND` plus the ASCII flag).
public enum StringKind: Int, Sendable, Comparable, CaseIterable {
  /// All code points < 128 (compact ASCII, 1 byte per character).
  case ascii
  /// Max code point < 256 (1 byte per character).
  case latin1
  /// Max code point < 65536 (2 bytes per character).
  case ucs2
  /// Otherwise (4 bytes per character).
  case ucs4

  /// The kind of `s`, from its largest code point.
  public init(of s: String) {
    if s.utf8.allSatisfy({ $0 < 0x80 }) {
      self = .ascii
      return
    }
    var maximum: UInt32 = 0
    for c in s.unicodeScalars where c.value > maximum { maximum = c.value }
    self = maximum < 0x100 ? .latin1 : maximum < 0x10000 ? .ucs2 : .ucs4
  }

  /// Bytes per character in the object's data.
  public var characterSize: Int {
    switch self {
    case .ascii, .latin1: return 1
    case .ucs2: return 2
    case .ucs4: return 4
    }
  }

  public static func < (lhs: StringKind, rhs: StringKind) -> Bool { lhs.rawValue < rhs.rawValue }

  /// `all_name_chars`: whether a str constant is interned at compile time
  /// (ASCII letters, digits and '_' only; empty qualifies).
  public static func isInternableConstant(_ s: String) -> Bool {
    s.utf8.allSatisfy { b in
      (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }
  }

  /// `str.isidentifier()`: a non-empty XID_Start-or-'_' then XID_Continue characters.
  public static func isIdentifier(_ s: String) -> Bool {
    var scalars = s.unicodeScalars.makeIterator()
    guard let first = scalars.next(), first == "_" || first.properties.isXIDStart else { return false }
    while let c = scalars.next() {
      if !c.properties.isXIDContinue { return false }
    }
    return true
  }
}
