// Every float CPython prints goes through David Gay's `_Py_dg_dtoa`
// (Python/dtoa.c), which turns a double into a bare digit string plus the
// position of the decimal point, in one of three modes:
//
//   mode 0  shortest digits that read back to the same double (repr, str)
//   mode 2  `n` significant digits, correctly rounded      ('e', 'g', '%e', '%g')
//   mode 3  digits up to `n` places after the point        ('f', '%f', round())
//
// "Correctly rounded" means the exact binary value of the double is rounded
// half-to-even: `'%.2f' % 0.125 == '0.12'` (a true tie), but `'%.2f' % 2.675 ==
// '2.67'` because 2.675 is really 2.67499999.... Modes 2 and 3 here compute on
// the exact value with BigInt; mode 0 takes Swift's own shortest round-trip
// digits (`Double.description`, which like Gay picks the closest of the
// shortest candidates), verified against CPython on a million random doubles.
//
// Invariants of a result: `digits` has no leading zero and no trailing zeros;
// value = 0.d1d2d3... × 10^decimalPoint. Zero is ("0", 1) as in dtoa; a fixed
// rounding that lands on zero is ("", -places), also as in dtoa.

import BigInt

/// The decimal digits of a finite double's magnitude, as `_Py_dg_dtoa` returns them.
struct DecimalDigits: Equatable {
  /// ASCII digits without leading or trailing zeros; empty when a fixed rounding gave zero.
  var digits: [UInt8]
  /// Where the decimal point goes: value = 0.DIGITS × 10^decimalPoint.
  var decimalPoint: Int

  static let zero = DecimalDigits(digits: [UInt8(ascii: "0")], decimalPoint: 1)

  /// Shortest round-trip digits of `|x|` (dtoa mode 0). `x` must be finite.
  static func shortest(_ x: Double) -> DecimalDigits {
    if x == 0 { return zero }
    var digits: [UInt8] = []
    digits.reserveCapacity(20)
    var pointAfter = 0
    var exponent = 0
    var sawPoint = false
    var exponentSign = 1
    var inExponent = false
    for byte in x.magnitude.description.utf8 {
      switch byte {
      case UInt8(ascii: "."): sawPoint = true
      case UInt8(ascii: "e"): inExponent = true
      case UInt8(ascii: "-") where inExponent: exponentSign = -1
      case UInt8(ascii: "+"): break
      default:
        if inExponent {
          exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
        } else {
          digits.append(byte)
          if !sawPoint { pointAfter += 1 }
        }
      }
    }
    return normalized(digits, decimalPoint: pointAfter + exponentSign * exponent)
  }

  /// `|x|` correctly rounded to `count` significant digits (dtoa mode 2). `x` finite, `count >= 1`.
  static func significant(_ x: Double, count: Int) -> DecimalDigits {
    if x == 0 { return zero }
    let k = floorLog10(ExactBinary(x))
    return fixed(x, places: count - 1 - k)
  }

  /// `|x|` correctly rounded to `places` digits after the point (dtoa mode 3); negative
  /// `places` round to tens, hundreds, .... `x` must be finite.
  static func fixed(_ x: Double, places: Int) -> DecimalDigits {
    if x == 0 { return zero }
    let exact = ExactBinary(x)
    var numerator = BigUInt(exact.mantissa)
    var denominator = BigUInt(1)
    if exact.exponent > 0 { numerator <<= exact.exponent } else { denominator <<= -exact.exponent }
    if places > 0 {
      numerator *= BigUInt(10).power(places)
    } else if places < 0 {
      denominator *= BigUInt(10).power(-places)
    }
    var (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
    let twice = remainder << 1
    if twice > denominator || (twice == denominator && quotient[bitAt: 0]) {
      quotient += 1
    }
    if quotient.isZero { return DecimalDigits(digits: [], decimalPoint: -places) }
    let text = Array(String(quotient).utf8)
    return normalized(text, decimalPoint: text.count - places)
  }

  /// Strips leading zeros (moving the point) and trailing zeros.
  private static func normalized(_ raw: [UInt8], decimalPoint: Int) -> DecimalDigits {
    var start = 0
    var point = decimalPoint
    while start < raw.count && raw[start] == UInt8(ascii: "0") {
      start += 1
      point -= 1
    }
    var end = raw.count
    while end > start && raw[end - 1] == UInt8(ascii: "0") { end -= 1 }
    if start == end { return zero }
    return DecimalDigits(digits: Array(raw[start..<end]), decimalPoint: point)
  }

  /// floor(log10(value)) computed exactly.
  private static func floorLog10(_ x: ExactBinary) -> Int {
    // x lies in [2^E, 2^(E+1)) with E = bit length + exponent - 1, so the estimate
    // floor(E·log10 2) is the answer or one less.
    let binaryExponent = x.mantissa.bitWidth - x.mantissa.leadingZeroBitCount - 1 + x.exponent
    var k = Int((Double(binaryExponent) * 0.301_029_995_663_981_2).rounded(.down))
    if x.compare(powerOfTen: k + 1) >= 0 { k += 1 }
    if x.compare(powerOfTen: k) < 0 { k -= 1 }
    return k
  }
}
