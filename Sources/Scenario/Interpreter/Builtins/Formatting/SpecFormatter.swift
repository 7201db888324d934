// `format(value, spec)`, `'{:spec}'.format(value)` and f-string `{value:spec}`:
// the `__format__` methods of int, bool, float and str, and object's default.
//
//   int.__format__    empty spec → str(value) (so bool gives 'True'); types
//                     b c d o x X n format the int (`format_long_internal`);
//                     e E f F g G % convert to float first; no precision allowed
//   float.__format__  empty spec → repr; types e E f F g G n % and none, where
//                     none means repr-like with no precision, else 'g' that
//                     keeps a ".0" and switches to exponent form one digit early
//                     (`format_float_internal`)
//   str.__format__    only 's' (or none); precision truncates; no sign, '#', '='
//                     (`format_string_internal`)
//   object.__format__ empty spec → str(value); anything else is a TypeError
//
// 'n' uses the current locale, which is "C" in a scenario: no grouping, '.'.
// Version differences are listed in FormatSpec.swift, plus: 3.9+ names a space
// sign ("Space not allowed in string format specifier"); 3.11+ rejects 'z' for
// ints and strings with its own messages.

import BigInt
import HeapModel

/// `format(value, spec)` for the values the formatting layer knows.
public enum SpecFormatter {
  /// Formats `value` with the mini-language `spec`, as CPython `version` would.
  public static func format(_ value: FormatValue, spec: String, version: PythonVersion)
    throws(FormattingError)
    -> String
  {
    if spec.isEmpty { return try value.strText(version: version) }
    let scalars = Array(spec.unicodeScalars)
    switch value {
    case .int(let n):
      return try formatInteger(n, spec: scalars, typeName: "int", version: version)
    case .bool(let b):
      return try formatInteger(b ? 1 : 0, spec: scalars, typeName: "bool", version: version)
    case .float(let x):
      return try formatFloat(x, spec: scalars, version: version)
    case .str(let s):
      return try formatString(s, spec: scalars, version: version)
    case .object(let typeName, _, _), .bytes(_, let typeName, _):
      throw .type("unsupported format string passed to \(typeName).__format__")
    }
  }

  /// The `!s`, `!r` or `!a` conversion of a replacement field (`{x!r:>10}`): the text
  /// that is then formatted as a str with the field's spec.
  /// - Throws: ValueError "Unknown conversion specifier x" (str.format's message; an
  ///   f-string rejects a bad conversion at compile time instead).
  public static func convert(_ value: FormatValue, conversion: Unicode.Scalar, version: PythonVersion)
    throws(FormattingError) -> String
  {
    switch conversion {
    case "s": return try value.strText(version: version)
    case "r": return try value.reprText(version: version)
    case "a": return StringRepr.asciiEscaped(try value.reprText(version: version))
    default:
      let v = conversion.value
      let shown = v > 32 && v < 127 ? String(Character(conversion)) : "\\x\(String(v, radix: 16))"
      throw .value("Unknown conversion specifier \(shown)")
    }
  }

  static func formatInteger(_ n: BigInt, spec: [Unicode.Scalar], typeName: String, version: PythonVersion)
    throws(FormattingError) -> String
  {
    let format = try FormatSpec.parse(
      spec, defaultType: "d", defaultAlign: ">", typeName: typeName, version: version)
    switch format.type {
    case "b", "c", "d", "o", "x", "X", "n":
      return try formatIntegerDigits(n, format, version: version)
    case "e", "E", "f", "F", "g", "G", "%":
      return try formatFloat(PyNumeric.toDouble(n), format)
    default:
      throw unknownCode(format.type, typeName)
    }
  }

  static func formatFloat(_ x: Double, spec: [Unicode.Scalar], version: PythonVersion) throws(FormattingError)
    -> String
  {
    let format = try FormatSpec.parse(
      spec, defaultType: nil, defaultAlign: ">", typeName: "float", version: version)
    switch format.type {
    case nil, "e", "E", "f", "F", "g", "G", "n", "%":
      return try formatFloat(x, format)
    default:
      throw unknownCode(format.type, "float")
    }
  }

  static func formatString(_ s: String, spec: [Unicode.Scalar], version: PythonVersion)
    throws(FormattingError)
    -> String
  {
    let format = try FormatSpec.parse(
      spec, defaultType: "s", defaultAlign: "<", typeName: "str", version: version)
    guard format.type == "s" else { throw unknownCode(format.type, "str") }
    if let sign = format.sign {
      if sign == " " && version >= .py39 { throw .value("Space not allowed in string format specifier") }
      throw .value("Sign not allowed in string format specifier")
    }
    if format.noNegativeZero {
      throw .value("Negative zero coercion (z) not allowed in string format specifier")
    }
    if format.alternate { throw .value("Alternate form (#) not allowed in string format specifier") }
    if format.align == "=" { throw .value("'=' alignment not allowed in string format specifier") }
    var text = Array(s.unicodeScalars)
    if format.precision >= 0 && text.count > format.precision {
      text.removeSubrange(format.precision...)
    }
    return pad(text, width: format.width, align: format.align, fill: format.fill)
  }

  /// `calc_padding` + `fill_padding` for a plain run of characters.
  static func pad(_ text: [Unicode.Scalar], width: Int, align: Unicode.Scalar, fill: Unicode.Scalar) -> String
  {
    let total = Swift.max(width, text.count)
    let left: Int
    switch align {
    case ">": left = total - text.count
    case "^": left = (total - text.count) / 2
    default: left = 0
    }
    var out = String.UnicodeScalarView()
    out.append(contentsOf: repeatElement(fill, count: left))
    out.append(contentsOf: text)
    out.append(contentsOf: repeatElement(fill, count: total - text.count - left))
    return String(out)
  }

  /// `format_long_internal`.
  private static func formatIntegerDigits(_ n: BigInt, _ format: FormatSpec, version: PythonVersion)
    throws(FormattingError) -> String
  {
    if format.precision != -1 { throw .value("Precision not allowed in integer format specifier") }
    if format.noNegativeZero {
      throw .value("Negative zero coercion (z) not allowed in integer format specifier")
    }
    if format.type == "c" {
      if format.sign != nil { throw .value("Sign not allowed with integer format specifier 'c'") }
      if format.alternate {
        throw .value("Alternate form (#) not allowed with integer format specifier 'c'")
      }
      guard let code = Int64(exactly: n) else { throw .overflow("Python int too large to convert to C long") }
      guard code >= 0 && code <= 0x10FFFF else { throw .overflow("%c arg not in range(0x110000)") }
      // A lone surrogate cannot live in a Swift string (the model's str).
      guard let scalar = Unicode.Scalar(UInt32(code)) else { throw .loneSurrogate("format code 'c'") }
      let layout = NumberLayout(digits: [scalar], integerCount: 0, hasDecimal: false, negative: false)
      return layout.render(format, groupSize: nil, separator: nil)
    }
    let radix: Int
    switch format.type {
    case "b": radix = 2
    case "o": radix = 8
    case "x", "X": radix = 16
    default: radix = 10
    }
    if radix == 10 { try IntFormatter.checkDecimalLimit(n, version: version) }
    let digits = Array(IntFormatter.magnitudeDigits(n, radix: radix).unicodeScalars)
    var layout = NumberLayout(
      digits: digits, integerCount: digits.count, hasDecimal: false, negative: n.sign == .minus && !n.isZero)
    if format.alternate && radix != 10 {
      layout.prefix = ["0", radix == 2 ? "b" : radix == 8 ? "o" : "x"]
    }
    let (size, separator) = grouping(format)
    return layout.render(format, groupSize: size, separator: separator, uppercase: format.type == "X")
  }

  /// `format_float_internal`.
  private static func formatFloat(_ value: Double, _ format: FormatSpec) throws(FormattingError) -> String {
    if format.precision > Int(Int32.max) { throw .value("precision too big") }
    var options: FloatFormatter.Options = []
    if format.alternate { options.insert(.alternate) }
    if format.noNegativeZero { options.insert(.noNegativeZero) }
    var code = format.type ?? "r"
    var defaultPrecision = 6
    if format.type == nil {
      options.insert(.addDotZero)
      defaultPrecision = 0
    }
    if code == "n" { code = "g" }
    var x = value
    var percent = false
    if code == "%" {
      code = "f"
      x *= 100
      percent = true
    }
    var precision = format.precision
    if precision < 0 {
      precision = defaultPrecision
    } else if code == "r" {
      code = "g"
    }
    var text = FloatFormatter.format(x, code: UInt8(code.value), precision: precision, options: options)
    if percent { text += "%" }
    var scalars = Array(text.unicodeScalars)
    var negative = false
    if scalars.first == "-" {
      negative = true
      scalars.removeFirst()
    }
    var integerCount = 0
    while integerCount < scalars.count && scalars[integerCount].properties.numericType == .decimal
      && scalars[integerCount].isASCII
    {
      integerCount += 1
    }
    let hasDecimal = integerCount < scalars.count && scalars[integerCount] == "."
    let layout = NumberLayout(
      digits: scalars, integerCount: integerCount, hasDecimal: hasDecimal, negative: negative)
    let (size, separator) = grouping(format)
    return layout.render(format, groupSize: size, separator: separator)
  }

  private static func grouping(_ format: FormatSpec) -> (Int?, Unicode.Scalar?) {
    if format.type == "n" { return (nil, nil) }
    switch format.grouping {
    case .none: return (nil, nil)
    case .comma: return (3, ",")
    case .underscore: return (3, "_")
    case .underscoreEveryFour: return (4, "_")
    }
  }

  private static func unknownCode(_ code: Unicode.Scalar?, _ typeName: String) -> FormattingError {
    .value("Unknown format code \(FormatSpec.quotedCode(code)) for object of type '\(typeName)'")
  }
}
