// Python's numeric semantics where they differ from Swift's, for the builtins
// and operators of the scenario language (Objects/longobject.c,
// Objects/floatobject.c, Python/bltinmodule.c):
//
// * `//` and `%` floor: the remainder takes the sign of the divisor. For floats
//   CPython computes fmod, fixes the sign, and rounds the quotient
//   (`_float_div_mod`); a zero remainder is a zero with the divisor's sign, so
//   `-0.0 % 5.0 == 0.0` and `1.0 % -1.0 == -0.0`.
// * int / int is correctly rounded even for huge operands (10**30/7) and
//   int -> float conversion rounds half-to-even; past 2**1024 both overflow.
// * round() is banker's rounding on the exact value: round(2.5) == 2,
//   round(2.675, 2) == 2.67 (2.675 is really 2.67499...). With ndigits CPython
//   rounds through a correctly rounded decimal string (`double_round`), so the
//   result is the double nearest that decimal.
//
// Error messages that changed:
//   float // 0   3.8: "float divmod()"; 3.9+: "float floor division by zero"
//   float % 0    3.8-3.12: "float modulo"; 3.13: "float modulo by zero"
//   int % 0      3.8-3.10: "integer division or modulo by zero"; 3.11+: "integer modulo by zero"

import BigInt
import HeapModel

/// Python numeric operations with CPython's exact results and errors.
public enum PyNumeric {
  // MARK: Conversions

  /// `float(n)`: correctly rounded (half to even).
  /// - Throws: OverflowError "int too large to convert to float".
  public static func toDouble(_ n: BigInt) throws(FormattingError) -> Double {
    if let small = Int64(exactly: n), small.magnitude <= 1 << 53 { return Double(small) }
    let magnitude = n.magnitude
    let bits = magnitude.bitWidth
    // Keep 54 bits plus a sticky bit, then round the 54th away half-to-even.
    let shift = bits - 54
    var top = UInt64(magnitude >> shift)
    let sticky = magnitude.trailingZeroBitCount < shift
    let roundBit = top & 1
    top >>= 1
    if roundBit == 1 && (sticky || top & 1 == 1) { top += 1 }
    let result = Double(
      sign: n.sign == .minus ? .minus : .plus, exponent: shift + 1, significand: Double(top))
    if result.isInfinite { throw .overflow("int too large to convert to float") }
    return result
  }

  /// `int(x)` for a float: truncation toward zero, exact for any size.
  /// - Throws: OverflowError for infinities, ValueError for NaN.
  public static func toInteger(_ x: Double) throws(FormattingError) -> BigInt {
    if x.isNaN { throw .value("cannot convert float NaN to integer") }
    if x.isInfinite { throw .overflow("cannot convert float infinity to integer") }
    let truncated = x.rounded(.towardZero)
    if let small = Int64(exactly: truncated) { return BigInt(small) }
    let exact = ExactBinary(truncated)
    let magnitude = BigInt(exact.mantissa) << exact.exponent
    return truncated < 0 ? -magnitude : magnitude
  }

  // MARK: Division

  /// `a / b` for ints: correctly rounded.
  /// - Throws: ZeroDivisionError "division by zero"; OverflowError "integer division
  ///   result too large for a float".
  public static func trueDivide(_ a: BigInt, _ b: BigInt) throws(FormattingError) -> Double {
    if b.isZero { throw .zeroDivision("division by zero") }
    let negative = (a.sign == .minus && !a.isZero) != (b.sign == .minus)
    if let x = Int64(exactly: a), let y = Int64(exactly: b), x.magnitude <= 1 << 53, y.magnitude <= 1 << 53 {
      return Double(x) / Double(y)
    }
    if a.isZero { return negative ? -0.0 : 0.0 }
    var numerator = a.magnitude
    var denominator = b.magnitude
    // Scale so the quotient has at least 55 significant bits.
    let scale = 55 - (numerator.bitWidth - denominator.bitWidth)
    if scale > 0 { numerator <<= scale } else { denominator <<= -scale }
    var (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
    // value = (quotient + remainder/denominator) × 2^-scale. Keep 53 bits, or fewer
    // when the result is subnormal (lowest kept bit weighs 2^-1074).
    let topExponent = quotient.bitWidth - 1 - scale
    var dropped = quotient.bitWidth - 53
    if topExponent < -1022 { dropped = Swift.max(dropped, scale - 1074) }
    let low = quotient & ((BigUInt(1) << dropped) - 1)
    quotient >>= dropped
    let half = BigUInt(1) << (dropped - 1)
    if low > half || (low == half && (!remainder.isZero || quotient[bitAt: 0])) { quotient += 1 }
    let exponent = dropped - scale
    if quotient.bitWidth + exponent > 1024 {
      throw .overflow("integer division result too large for a float")
    }
    let result = Double(
      sign: negative ? .minus : .plus, exponent: exponent, significand: Double(UInt64(quotient)))
    if result.isInfinite { throw .overflow("integer division result too large for a float") }
    return result
  }

  /// `a / b` for floats.
  public static func trueDivide(_ a: Double, _ b: Double) throws(FormattingError) -> Double {
    if b == 0 { throw .zeroDivision("float division by zero") }
    return a / b
  }

  /// `divmod(a, b)` for floats (`_float_div_mod`).
  public static func divmod(_ a: Double, _ b: Double) throws(FormattingError) -> (Double, Double) {
    if b == 0 { throw .zeroDivision("float divmod()") }
    return floatDivMod(a, b)
  }

  /// `a // b` for floats.
  public static func floorDivide(_ a: Double, _ b: Double, version: PythonVersion) throws(FormattingError)
    -> Double
  {
    if b == 0 { throw .zeroDivision(version >= .py39 ? "float floor division by zero" : "float divmod()") }
    return floatDivMod(a, b).0
  }

  /// `a % b` for floats (`float_rem`).
  public static func remainder(_ a: Double, _ b: Double, version: PythonVersion) throws(FormattingError)
    -> Double
  {
    if b == 0 { throw .zeroDivision(version >= .py313 ? "float modulo by zero" : "float modulo") }
    var mod = a.truncatingRemainder(dividingBy: b)
    if mod != 0 {
      if (b < 0) != (mod < 0) { mod += b }
    } else {
      mod = Double(signOf: b, magnitudeOf: 0)
    }
    return mod
  }

  private static func floatDivMod(_ a: Double, _ b: Double) -> (Double, Double) {
    var mod = a.truncatingRemainder(dividingBy: b)
    var div = (a - mod) / b
    if mod != 0 {
      if (b < 0) != (mod < 0) {
        mod += b
        div -= 1
      }
    } else {
      mod = Double(signOf: b, magnitudeOf: 0)
    }
    var floorDiv: Double
    if div != 0 {
      floorDiv = div.rounded(.down)
      if div - floorDiv > 0.5 { floorDiv += 1 }
    } else {
      floorDiv = Double(signOf: a / b, magnitudeOf: 0)
    }
    return (floorDiv, mod)
  }

  /// `divmod(a, b)` for ints: floor quotient, remainder with the divisor's sign.
  public static func divmod(_ a: BigInt, _ b: BigInt) throws(FormattingError) -> (BigInt, BigInt) {
    if b.isZero { throw .zeroDivision("integer division or modulo by zero") }
    return floorDivMod(a, b)
  }

  /// `a // b` for ints.
  public static func floorDivide(_ a: BigInt, _ b: BigInt) throws(FormattingError) -> BigInt {
    if b.isZero { throw .zeroDivision("integer division or modulo by zero") }
    return floorDivMod(a, b).0
  }

  /// `a % b` for ints.
  public static func remainder(_ a: BigInt, _ b: BigInt, version: PythonVersion) throws(FormattingError)
    -> BigInt
  {
    if b.isZero {
      throw .zeroDivision(version >= .py311 ? "integer modulo by zero" : "integer division or modulo by zero")
    }
    return floorDivMod(a, b).1
  }

  static func floorDivMod(_ a: BigInt, _ b: BigInt) -> (BigInt, BigInt) {
    if let x = Int(exactly: a), let y = Int(exactly: b), !(x == .min && y == -1) {
      var (q, r) = x.quotientAndRemainder(dividingBy: y)
      if r != 0 && (r < 0) != (y < 0) {
        q -= 1
        r += y
      }
      return (BigInt(q), BigInt(r))
    }
    var (q, r) = a.quotientAndRemainder(dividingBy: b)
    if !r.isZero && (r.sign == .minus) != (b.sign == .minus) {
      q -= 1
      r += b
    }
    return (q, r)
  }

  // MARK: Rounding

  /// `round(x)` for a float: nearest int, ties to even.
  public static func round(_ x: Double) throws(FormattingError) -> BigInt {
    try toInteger(x.rounded(.toNearestOrEven))
  }

  /// `round(x, ndigits)` for a float (`double_round`): the double nearest the
  /// correctly rounded decimal; NaN and infinities round to themselves.
  /// - Throws: OverflowError "rounded value too large to represent".
  public static func round(_ x: Double, ndigits: Int) throws(FormattingError) -> Double {
    if !x.isFinite { return x }
    // Beyond these bounds x is already exact / rounds to zero (`NDIGITS_MAX`, `NDIGITS_MIN`).
    if ndigits > 323 { return x }
    if ndigits < -308 { return 0.0 * x }
    let decimal = DecimalDigits.fixed(x, places: ndigits)
    var text = x.sign == .minus ? "-0" : "0"
    text += String(decoding: decimal.digits, as: UTF8.self)
    text += "e\(decimal.decimalPoint - decimal.digits.count)"
    guard let rounded = Double(text) else { preconditionFailure("unparsable decimal \(text)") }
    if rounded.isInfinite { throw .overflow("rounded value too large to represent") }
    return rounded
  }

  /// `round(n, ndigits)` for an int: unchanged for ndigits >= 0, else to the nearest
  /// multiple of 10**-ndigits with ties to even.
  public static func round(_ n: BigInt, ndigits: Int) -> BigInt {
    if ndigits >= 0 { return n }
    // |n| < 10^digits; any power beyond digits + 1 rounds everything to zero.
    let digits = IntFormatter.magnitudeDigits(n, radix: 10).count
    if -ndigits > digits + 1 { return 0 }
    let power = BigInt(10).power(-ndigits)
    var (q, r) = floorDivMod(n, power)
    let twice = r * 2
    if twice > power || (twice == power && q.magnitude[bitAt: 0]) { q += 1 }
    return q * power
  }
}
