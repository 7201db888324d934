// repr() and ascii() of str, bytes and bytearray (`unicode_repr`,
// `PyBytes_Repr`, `PyObject_ASCII`).
//
// Quote choice (str and bytes alike): single quotes, unless the text contains
// a single quote and no double quote; only the chosen quote is escaped.
// Escapes: backslash, \t \n \r; other characters below ' ' and DEL as \xNN;
// for str, non-ASCII characters stay as they are when printable (see
// UnicodePrintability) and otherwise become \xNN (< 0x100), \uNNNN (< 0x10000)
// or \UNNNNNNNN; for bytes, every byte >= 0x7f is \xNN. Hex digits are lowercase.
//
// ascii(x) is repr(x) with every non-ASCII character escaped the same three
// ways (the "backslashreplace" error handler); f-string `!a` and `%a` use it.

import HeapModel

/// `repr()`/`ascii()` of strings and bytes.
public enum StringRepr {
  /// `repr(s)` in CPython `version` (printability depends on its Unicode database).
  public static func repr(_ s: String, version: PythonVersion) -> String {
    var singles = false
    var doubles = false
    for c in s.unicodeScalars {
      if c == "'" { singles = true } else if c == "\"" { doubles = true }
    }
    let quote: Unicode.Scalar = singles && !doubles ? "\"" : "'"
    var out = String.UnicodeScalarView()
    out.append(quote)
    for c in s.unicodeScalars {
      switch c {
      case quote, "\\":
        out.append("\\")
        out.append(c)
      case "\t": out.append(contentsOf: "\\t".unicodeScalars)
      case "\n": out.append(contentsOf: "\\n".unicodeScalars)
      case "\r": out.append(contentsOf: "\\r".unicodeScalars)
      default:
        if c.value < 0x20 || c.value == 0x7F {
          appendEscape(c.value, to: &out)
        } else if c.value < 0x7F || UnicodePrintability.isPrintable(c, version: version) {
          out.append(c)
        } else {
          appendEscape(c.value, to: &out)
        }
      }
    }
    out.append(quote)
    return String(out)
  }

  /// `ascii(s)` for a str.
  public static func ascii(_ s: String, version: PythonVersion) -> String {
    asciiEscaped(repr(s, version: version))
  }

  /// Escapes every non-ASCII character of an already computed repr text, turning
  /// `repr(x)` into `ascii(x)` for any object.
  public static func asciiEscaped(_ text: String) -> String {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
    var out = String.UnicodeScalarView()
    for c in text.unicodeScalars {
      if c.isASCII { out.append(c) } else { appendEscape(c.value, to: &out) }
    }
    return String(out)
  }

  /// `repr(b)` for bytes: `b'...'`.
  public static func bytesRepr(_ bytes: [UInt8]) -> String {
    var singles = false
    var doubles = false
    for b in bytes {
      if b == UInt8(ascii: "'") { singles = true } else if b == UInt8(ascii: "\"") { doubles = true }
    }
    let quote = singles && !doubles ? UInt8(ascii: "\"") : UInt8(ascii: "'")
    return "b" + quoted(bytes, quote: quote, escaping: quote)
  }

  /// `repr(b)` for a bytearray: `bytearray(b'...')`. Unlike bytes, a single quote is
  /// escaped even inside double quotes: `bytearray(b"it\\'s")` (`bytearray_repr`).
  public static func bytearrayRepr(_ bytes: [UInt8]) -> String {
    var quote = UInt8(ascii: "'")
    for b in bytes {
      if b == UInt8(ascii: "\"") {
        quote = UInt8(ascii: "'")
        break
      }
      if b == UInt8(ascii: "'") { quote = UInt8(ascii: "\"") }
    }
    return "bytearray(b" + quoted(bytes, quote: quote, escaping: UInt8(ascii: "'")) + ")"
  }

  private static func quoted(_ bytes: [UInt8], quote: UInt8, escaping escaped: UInt8) -> String {
    var out: [UInt8] = [quote]
    let hex = Array("0123456789abcdef".utf8)
    for b in bytes {
      switch b {
      case escaped, UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), b]
      case UInt8(ascii: "\t"): out += Array("\\t".utf8)
      case UInt8(ascii: "\n"): out += Array("\\n".utf8)
      case UInt8(ascii: "\r"): out += Array("\\r".utf8)
      case 0x20..<0x7F: out.append(b)
      default: out += [UInt8(ascii: "\\"), UInt8(ascii: "x"), hex[Int(b >> 4)], hex[Int(b & 15)]]
      }
    }
    out.append(quote)
    return String(decoding: out, as: UTF8.self)
  }

  /// `s.isprintable()` in CPython `version`.
  public static func isPrintable(_ s: String, version: PythonVersion) -> Bool {
    s.unicodeScalars.allSatisfy { UnicodePrintability.isPrintable($0, version: version) }
  }

  /// \xNN, \uNNNN or \UNNNNNNNN with lowercase hex digits.
  private static func appendEscape(_ value: UInt32, to out: inout String.UnicodeScalarView) {
    let (marker, width): (Unicode.Scalar, Int) =
      value < 0x100 ? ("x", 2) : value < 0x10000 ? ("u", 4) : ("U", 8)
    out.append("\\")
    out.append(marker)
    let digits = String(value, radix: 16)
    out.append(contentsOf: repeatElement("0", count: width - digits.count))
    out.append(contentsOf: digits.unicodeScalars)
  }
}
