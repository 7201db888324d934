// The format-spec mini-language of format(), str.format() and f-strings, as
// parsed by `parse_internal_render_format_spec` (Python/formatter_unicode.c):
//
//   [[fill]align][sign]["z"]["#"]["0"][width][","|"_"]["." precision][type]
//
// The fill is any one character, recognised only when the second character is an
// alignment token. A bare '0' before the width means fill '0'; it also switches
// the alignment to '=' (padding between sign and digits) unless an alignment was
// given. Width and precision accept any Unicode decimal digits.
//
// Version differences:
//   3.8-3.9   the bare '0' forces '=' for every type, so format('ab', '05') fails
//             with "'=' alignment not allowed in string format specifier";
//             3.10+ does it only for numbers (default alignment '>'): 'ab000'.
//   3.8-3.10  no 'z'; 3.11+ (PEP 682) parses 'z' after the sign.
//   3.11+     "Invalid format specifier '<spec>' for object of type '<type>'"
//             instead of the bare "Invalid format specifier".

import HeapModel

/// A parsed format spec (`InternalFormatSpec`).
struct FormatSpec: Equatable {
  /// Thousands grouping requested by ',' or '_'.
  enum Grouping: Equatable {
    case none
    case comma
    case underscore
    /// '_' with b, o, x, X: a separator every four digits.
    case underscoreEveryFour
  }

  var fill: Unicode.Scalar = " "
  var align: Unicode.Scalar
  var alternate = false
  /// '+', '-', ' ' or nil.
  var sign: Unicode.Scalar?
  /// The 'z' option (3.11+).
  var noNegativeZero = false
  /// -1 when absent.
  var width = -1
  var grouping = Grouping.none
  /// -1 when absent.
  var precision = -1
  /// nil when absent (C's '\0').
  var type: Unicode.Scalar?

  /// Parses `spec` for an object whose defaults are `defaultType` and `defaultAlign`
  /// ('d'/'>' for int, nil/'>' for float, 's'/'<' for str).
  static func parse(
    _ spec: [Unicode.Scalar], defaultType: Unicode.Scalar?, defaultAlign: Unicode.Scalar,
    typeName: String, version: PythonVersion
  ) throws(FormattingError) -> FormatSpec {
    var result = FormatSpec(align: defaultAlign, type: defaultType)
    var pos = 0
    let end = spec.count
    var alignSpecified = false
    var fillSpecified = false

    if end - pos >= 2 && isAlignment(spec[pos + 1]) {
      result.align = spec[pos + 1]
      result.fill = spec[pos]
      fillSpecified = true
      alignSpecified = true
      pos += 2
    } else if end - pos >= 1 && isAlignment(spec[pos]) {
      result.align = spec[pos]
      alignSpecified = true
      pos += 1
    }
    if end - pos >= 1 && (spec[pos] == "+" || spec[pos] == "-" || spec[pos] == " ") {
      result.sign = spec[pos]
      pos += 1
    }
    if version >= .py311 && end - pos >= 1 && spec[pos] == "z" {
      result.noNegativeZero = true
      pos += 1
    }
    if end - pos >= 1 && spec[pos] == "#" {
      result.alternate = true
      pos += 1
    }
    if !fillSpecified && end - pos >= 1 && spec[pos] == "0" {
      result.fill = "0"
      if !alignSpecified && (version < .py310 || defaultAlign == ">") {
        result.align = "="
      }
      pos += 1
    }
    if let width = try integer(spec, &pos) {
      // Padding this wide is more memory than the model has.
      if width > PyNumeric.maxModelledBytes { throw .noMemory }
      result.width = width
    }
    if end - pos > 0 && spec[pos] == "," {
      result.grouping = .comma
      pos += 1
    }
    if end - pos > 0 && spec[pos] == "_" {
      if result.grouping != .none { throw .value("Cannot specify both ',' and '_'.") }
      result.grouping = .underscore
      pos += 1
    }
    // A ',' after the grouping: 3.8 always refuses it as a mix; 3.9+ only
    // after '_' — after ',' it is read as the type (",," is "Cannot
    // specify ',' with ','.").
    if end - pos > 0 && spec[pos] == "," && (version < .py39 || result.grouping == .underscore) {
      throw .value("Cannot specify both ',' and '_'.")
    }
    if end - pos > 0 && spec[pos] == "." {
      pos += 1
      guard let precision = try integer(spec, &pos) else {
        throw .value("Format specifier missing precision")
      }
      result.precision = precision
    }
    if end - pos > 1 {
      if version >= .py311 {
        var text = ""
        text.unicodeScalars.append(contentsOf: spec)
        throw .value("Invalid format specifier '\(text)' for object of type '\(typeName)'")
      }
      throw .value("Invalid format specifier")
    }
    if end - pos == 1 { result.type = spec[pos] }

    if result.grouping != .none {
      switch result.type {
      case nil, "d", "e", "f", "g", "E", "G", "%", "F":
        break
      case "b", "o", "x", "X":
        guard result.grouping == .underscore else { throw invalidGrouping(result) }
        result.grouping = .underscoreEveryFour
      default:
        throw invalidGrouping(result)
      }
    }
    return result
  }

  /// The type code as CPython quotes it in messages: 'x', or '\x..' outside ASCII 33-127.
  static func quotedCode(_ code: Unicode.Scalar?) -> String {
    let value = code?.value ?? 0
    if value > 32 && value < 128 { return "'\(Character(code!))'" }
    return "'\\x\(String(value, radix: 16))'"
  }

  private static func invalidGrouping(_ spec: FormatSpec) -> FormattingError {
    let mark = spec.grouping == .comma ? "," : "_"
    return .value("Cannot specify '\(mark)' with \(quotedCode(spec.type)).")
  }

  private static func isAlignment(_ c: Unicode.Scalar) -> Bool {
    c == "<" || c == ">" || c == "=" || c == "^"
  }

  /// `get_integer`: consumes decimal digits; nil when there are none.
  private static func integer(_ spec: [Unicode.Scalar], _ pos: inout Int) throws(FormattingError) -> Int? {
    var accumulator = 0
    var consumed = 0
    while pos < spec.count, let digit = decimalValue(spec[pos]) {
      if accumulator > (Int.max - digit) / 10 {
        throw .value("Too many decimal digits in format string")
      }
      accumulator = accumulator * 10 + digit
      pos += 1
      consumed += 1
    }
    return consumed == 0 ? nil : accumulator
  }

  /// `Py_UNICODE_TODECIMAL`: the digit value of any Unicode decimal digit.
  private static func decimalValue(_ c: Unicode.Scalar) -> Int? {
    if c.value >= 0x30 && c.value <= 0x39 { return Int(c.value - 0x30) }
    if c.value < 0x80 { return nil }
    guard c.properties.numericType == .decimal, let value = c.properties.numericValue else { return nil }
    return Int(value)
  }
}
