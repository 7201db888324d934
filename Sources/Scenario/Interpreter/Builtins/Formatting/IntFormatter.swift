// Python ints print in base 10 with a leading '-' for negatives, and hex(),
// oct() and bin() put the base prefix after the sign: hex(-31) == '-0x1f'.
// Digits are lowercase ('X' formats uppercase them later). CPython:
// `_PyLong_Format` / `long_to_decimal_string` in Objects/longobject.c.
//
// Decimal conversions in either direction are limited to 4300 digits
// (`sys.get_int_max_str_digits()`, CVE-2020-10735; 3.8.14+ and every later
// version have it): str(), repr(), print, %d and the 'd'/'n'/'' formats of a
// longer int raise ValueError, and so does int() of a longer literal in a
// base that is not a power of two. hex(), oct(), bin() and their formats
// are not limited. 3.8–3.10 say "(4300)", 3.11+ "(4300 digits)".

import BigInt
import HeapModel

/// Text of Python ints: `str()`, `hex()`, `oct()`, `bin()`.
public enum IntFormatter {
  /// `str(n)`.
  public static func decimal(_ n: BigInt) -> String {
    if let small = Int(exactly: n) { return String(small) }
    return String(n)
  }

  /// The default `sys.get_int_max_str_digits()`.
  public static let maxStrDigits = 4300

  /// `str(n)` as CPython makes it, refusing more than `maxStrDigits` digits.
  public static func limitedDecimal(_ n: BigInt, version: PythonVersion) throws(FormattingError) -> String {
    try checkDecimalLimit(n, version: version)
    return decimal(n)
  }

  /// Throws the limit's ValueError when |n| has more than `maxStrDigits`
  /// decimal digits (decided from the bit width when that settles it).
  public static func checkDecimalLimit(_ n: BigInt, version: PythonVersion) throws(FormattingError) {
    let bits = n.magnitude.bitWidth
    // 4300 digits need at most 14285 bits and at least 14282.
    if bits < 14_280 { return }
    if bits > 14_290 || magnitudeDigits(n, radix: 10).count > maxStrDigits {
      throw .value(limitMessage(version: version, digits: nil))
    }
  }

  /// The limit's message, for a conversion to str (`digits` nil) or of a
  /// literal of `digits` digits to int.
  public static func limitMessage(version: PythonVersion, digits: Int?) -> String {
    let limit = version >= .py311 ? "\(maxStrDigits) digits" : "\(maxStrDigits)"
    let has = digits.map { ": value has \($0) digits" } ?? ""
    return
      "Exceeds the limit (\(limit)) for integer string conversion\(has); use sys.set_int_max_str_digits() to increase the limit"
  }

  /// `hex(n)`: '0x1f', '-0x1f'.
  public static func hex(_ n: BigInt) -> String { prefixed(n, radix: 16, prefix: "0x") }

  /// `oct(n)`: '0o17', '-0o17'.
  public static func oct(_ n: BigInt) -> String { prefixed(n, radix: 8, prefix: "0o") }

  /// `bin(n)`: '0b101', '-0b101'.
  public static func bin(_ n: BigInt) -> String { prefixed(n, radix: 2, prefix: "0b") }

  /// Digits of |n| in `radix`, lowercase, no sign or prefix.
  static func magnitudeDigits(_ n: BigInt, radix: Int) -> String {
    if let small = UInt64(exactly: n.magnitude) { return String(small, radix: radix) }
    return String(n.magnitude, radix: radix)
  }

  /// `_PyLong_Format(n, radix)`: sign, then the base prefix (for 2, 8, 16), then digits.
  static func withPrefix(_ n: BigInt, radix: Int) -> String {
    switch radix {
    case 16: return hex(n)
    case 8: return oct(n)
    case 2: return bin(n)
    default: return decimal(n)
    }
  }

  private static func prefixed(_ n: BigInt, radix: Int, prefix: String) -> String {
    (n.sign == .minus && !n.isZero ? "-" : "") + prefix + magnitudeDigits(n, radix: radix)
  }
}
