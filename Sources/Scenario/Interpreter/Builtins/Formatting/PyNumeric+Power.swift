// `**` and `<<` with CPython's results and errors (Objects/floatobject.c
// `float_pow`, Objects/longobject.c `long_pow`, `long_lshift`).
//
// float ** float settles the special cases before calling libm's pow:
//
//   y == 0                  1.0, even for a NaN base
//   NaN base / exponent     NaN, except 1.0 ** nan == 1.0
//   infinite exponent       1.0 for |x| == 1; inf when (|x| > 1) == (y > 0); else 0.0
//   infinite base           ±inf or ±0.0, the sign kept only for odd integer y
//   zero base               ZeroDivisionError for y < 0; ±0.0 otherwise
//   negative base           a complex result unless y is an integer
//
// and a finite base whose power overflows is `errno` ERANGE, which CPython
// raises as `OverflowError(34, 'Numerical result out of range')` — args a
// tuple, so the message is the tuple's repr. An underflow to 0.0 is no error.
//
// int ** int with a negative exponent is float ** float. With a huge
// exponent, 0, 1 and -1 still have a result; any other base needs more
// memory than there is. The model stops at `maxResultBits`: an int that
// wide (1 GiB of digits) is a MemoryError, as CPython's malloc would fail
// a little further on. `<<` likewise, except that a shift whose word count
// does not fit CPython's digit count at all is an OverflowError ("too many
// digits in integer", `_PyLong_New`'s check of MAX_LONG_DIGITS).

import BigInt
import Foundation
import HeapModel

extension PyNumeric {
  /// The largest str, bytes or int the model makes (1 GiB): past it an
  /// operation is a MemoryError, as CPython's malloc would fail on a
  /// machine a little smaller than it needs. Huge repeat counts, shifts,
  /// exponents and format widths all stop here instead of trapping.
  static let maxModelledBytes = 1 << 30
  /// Ints wider than this are a MemoryError in the model.
  static let maxResultBits = maxModelledBytes * 8

  /// `x ** y` for floats (`float_pow`).
  /// - Throws: ZeroDivisionError for 0.0 to a negative power, OverflowError
  ///   (errno 34) on overflow, `.unsupported` for a complex result.
  public static func power(_ x: Double, _ y: Double) throws(FormattingError) -> Double {
    if y == 0 { return 1.0 }
    if x.isNaN { return x }
    if y.isNaN { return x == 1 ? 1.0 : y }
    if y.isInfinite {
      let base = Swift.abs(x)
      if base == 1 { return 1.0 }
      return (y > 0) == (base > 1) ? Swift.abs(y) : 0.0
    }
    let oddExponent = isOddInteger(y)
    if x.isInfinite {
      if y > 0 { return oddExponent ? x : Swift.abs(x) }
      return oddExponent ? Double(signOf: x, magnitudeOf: 0) : 0.0
    }
    if x == 0 {
      if y < 0 { throw .zeroDivision("0.0 cannot be raised to a negative power") }
      return oddExponent ? x : 0.0
    }
    var base = x
    var negate = false
    if x < 0 {
      if y != y.rounded(.down) {
        throw FormattingError(.unsupported, "a negative number to a fractional power (a complex result)")
      }
      base = -x
      negate = oddExponent
    }
    if base == 1 { return negate ? -1.0 : 1.0 }
    let result = Foundation.pow(base, y)
    if result.isInfinite { throw .floatRange }
    return negate ? -result : result
  }

  /// `x ** y` for ints with `y >= 0` (`long_pow` without a modulus).
  /// - Throws: MemoryError past `maxResultBits`.
  public static func power(_ x: BigInt, _ y: BigInt) throws(FormattingError) -> BigInt {
    precondition(y >= 0, "a negative exponent is a float power")
    if x == 0 { return y == 0 ? 1 : 0 }
    if x == 1 { return 1 }
    if x == -1 { return y.magnitude[bitAt: 0] ? -1 : 1 }
    guard let exponent = Int(exactly: y), BigInt(x.magnitude.bitWidth - 1) * y <= BigInt(maxResultBits) else {
      throw .noMemory
    }
    return x.power(exponent)
  }

  /// `x << y` for ints with `y >= 0`.
  /// - Throws: OverflowError "too many digits in integer" when the shift in
  ///   30-bit digits passes CPython's digit limit; MemoryError past
  ///   `maxResultBits`.
  public static func leftShift(_ x: BigInt, _ y: BigInt) throws(FormattingError) -> BigInt {
    precondition(y >= 0, "a negative shift is a ValueError")
    if x == 0 { return 0 }
    // MAX_LONG_DIGITS: (PY_SSIZE_T_MAX - the digit array's offset) / 4.
    let maxLongDigits = (BigInt(Int64.max) - 24) / 4
    if y / 30 >= maxLongDigits { throw .overflow("too many digits in integer") }
    guard let shift = Int(exactly: y), x.magnitude.bitWidth + shift <= maxResultBits else {
      throw .noMemory
    }
    return x << shift
  }

  /// `x >> y` for ints with `y >= 0`: floor division by 2**y, so a
  /// negative x that loses one-bits rounds down (`-(2**100) - 1 >> 99` is
  /// -3), where BigInt's sign-magnitude shift would truncate toward zero.
  public static func rightShift(_ x: BigInt, _ y: BigInt) -> BigInt {
    guard let shift = Int(exactly: y), shift <= x.magnitude.bitWidth else { return x < 0 ? -1 : 0 }
    if x >= 0 { return x >> shift }
    let lostBits = x.magnitude.trailingZeroBitCount < shift
    let truncated = -BigInt(x.magnitude >> shift)
    return lostBits ? truncated - 1 : truncated
  }

  private static func isOddInteger(_ y: Double) -> Bool {
    y.isFinite && y == y.rounded(.down) && Swift.abs(y.truncatingRemainder(dividingBy: 2)) == 1
  }
}
