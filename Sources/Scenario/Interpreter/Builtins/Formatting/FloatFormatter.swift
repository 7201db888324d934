// How CPython turns a double into text: `PyOS_double_to_string` picks a dtoa mode
// from the format code, then `format_float_short` (Python/pystrtod.c) lays the
// digit string out. Everything that prints a float funnels through here: repr()
// and str() ('r' mode), format()/f-strings ('e' 'f' 'g' and the empty type), and
// %-formatting.
//
// Layout rules, per format code (decpt = decimal point position, see
// DecimalDigits):
//   'e'  always exponent form, exactly `precision` digits after the point
//   'f'  fixed form, exactly `precision` digits after the point
//   'g'  exponent form when decpt <= -4 or decpt > precision (precision - 1 with
//        addDotZero, the rule of format's empty type), trailing zeros dropped
//        unless the alternate form '#' is on
//   'r'  shortest digits; exponent form when decpt <= -4 or decpt > 16, i.e. for
//        values below 1e-4 or from 1e16 up: repr(1e16) == '1e+16',
//        repr(123456789012345.0) keeps all its digits
// With addDotZero an integral value in fixed form gets ".0" (repr(1.0)); the
// exponent is written with a sign and at least two digits (1e-05, 1.5e+300).
// NaN never shows a sign; infinities do. noNegativeZero is the 'z' option of
// 3.11+ (PEP 682): a result that rounds to zero loses its minus sign.
// Identical in 3.8-3.13.

/// CPython's float-to-text conversions (`PyOS_double_to_string`).
enum FloatFormatter {
  /// Flags of `PyOS_double_to_string` (`Py_DTSF_*`).
  struct Options: OptionSet {
    let rawValue: UInt8
    /// `Py_DTSF_SIGN`: write '+' for non-negative values.
    static let alwaysAddSign = Options(rawValue: 1)
    /// `Py_DTSF_ADD_DOT_0`: integral values in fixed form end in ".0".
    static let addDotZero = Options(rawValue: 2)
    /// `Py_DTSF_ALT`: keep the point and trailing zeros (the '#' option).
    static let alternate = Options(rawValue: 4)
    /// `Py_DTSF_NO_NEG_0`: the 'z' option (3.11+).
    static let noNegativeZero = Options(rawValue: 8)
  }

  /// `repr(x)` and `str(x)` (identical in Python 3).
  static func repr(_ x: Double) -> String {
    format(x, code: UInt8(ascii: "r"), precision: 0, options: .addDotZero)
  }

  /// `PyOS_double_to_string(x, code, precision, options)`: code is one of `eEfFgGr`.
  static func format(_ x: Double, code: UInt8, precision: Int, options: Options) -> String {
    let uppercase = code >= UInt8(ascii: "A") && code <= UInt8(ascii: "Z")
    let lower = code | 0x20
    var out: [UInt8] = []
    if !x.isFinite {
      if x.isInfinite && x.sign == .minus {
        out.append(UInt8(ascii: "-"))
      } else if options.contains(.alwaysAddSign) {
        out.append(UInt8(ascii: "+"))
      }
      let word = x.isNaN ? (uppercase ? "NAN" : "nan") : (uppercase ? "INF" : "inf")
      out.append(contentsOf: word.utf8)
      return String(decoding: out, as: UTF8.self)
    }
    var precision = precision
    let decimal: DecimalDigits
    switch lower {
    case UInt8(ascii: "e"):
      precision += 1
      decimal = .significant(x, count: precision)
    case UInt8(ascii: "f"):
      decimal = .fixed(x, places: precision)
    case UInt8(ascii: "g"):
      if precision == 0 { precision = 1 }
      decimal = .significant(x, count: precision)
    default:
      decimal = .shortest(x)
    }
    layOut(
      decimal, negative: x.sign == .minus, code: lower, precision: precision, uppercase: uppercase,
      options: options, into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// `format_float_short`'s layout of a digit string.
  private static func layOut(
    _ decimal: DecimalDigits, negative: Bool, code: UInt8, precision: Int, uppercase: Bool,
    options: Options, into out: inout [UInt8]
  ) {
    let digits = decimal.digits
    var decpt = decimal.decimalPoint
    let count = digits.count
    var negative = negative
    let alternate = options.contains(.alternate)
    let addDotZero = options.contains(.addDotZero)
    if options.contains(.noNegativeZero) && negative
      && (count == 0 || (count == 1 && digits[0] == UInt8(ascii: "0")))
    {
      negative = false
    }
    var end = count
    var useExponent = false
    switch code {
    case UInt8(ascii: "e"):
      useExponent = true
      end = precision
    case UInt8(ascii: "f"):
      end = decpt + precision
    case UInt8(ascii: "g"):
      if decpt <= -4 || decpt > (addDotZero ? precision - 1 : precision) { useExponent = true }
      if alternate { end = precision }
    default:
      if decpt <= -4 || decpt > 16 { useExponent = true }
    }
    var exponent = 0
    if useExponent {
      exponent = decpt - 1
      decpt = 1
    }
    if !useExponent && addDotZero {
      end = Swift.max(end, decpt + 1)
    } else {
      end = Swift.max(end, decpt)
    }
    let zero = UInt8(ascii: "0")
    let point = UInt8(ascii: ".")
    if negative {
      out.append(UInt8(ascii: "-"))
    } else if options.contains(.alwaysAddSign) {
      out.append(UInt8(ascii: "+"))
    }
    if decpt <= 0 {
      out.append(zero)
      out.append(point)
      out.append(contentsOf: repeatElement(zero, count: -decpt))
    }
    if decpt > 0 && decpt <= count {
      out.append(contentsOf: digits[0..<decpt])
      out.append(point)
      out.append(contentsOf: digits[decpt...])
    } else {
      out.append(contentsOf: digits)
    }
    if count < decpt {
      out.append(contentsOf: repeatElement(zero, count: decpt - count))
      out.append(point)
      out.append(contentsOf: repeatElement(zero, count: end - decpt))
    } else {
      out.append(contentsOf: repeatElement(zero, count: Swift.max(0, end - count)))
    }
    if out.last == point && !alternate { out.removeLast() }
    if useExponent {
      out.append(uppercase ? UInt8(ascii: "E") : UInt8(ascii: "e"))
      out.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
      let magnitude = exponent.magnitude
      if magnitude < 10 { out.append(zero) }
      out.append(contentsOf: String(magnitude).utf8)
    }
  }
}
