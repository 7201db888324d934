// A finite double is exactly mantissa × 2^exponent with an integer mantissa of at
// most 53 bits. Every correctly rounded conversion in this folder (dtoa modes 2
// and 3, round(), float hashing) starts from that exact form; the mantissa is
// kept odd so the BigInt work stays as small as possible.

import BigInt

/// A finite nonzero double's magnitude as mantissa × 2^exponent, mantissa odd.
struct ExactBinary {
  var mantissa: UInt64
  var exponent: Int

  init(_ x: Double) {
    let magnitude = x.magnitude
    var m = magnitude.significandBitPattern
    var e: Int
    if magnitude.exponentBitPattern == 0 {
      e = -1074
    } else {
      m |= 1 << 52
      e = Int(magnitude.exponentBitPattern) - 1075
    }
    let zeros = m.trailingZeroBitCount
    m >>= UInt64(zeros)
    e += zeros
    mantissa = m
    exponent = e
  }

  /// Sign of (value - 10^k): -1, 0 or 1.
  func compare(powerOfTen k: Int) -> Int {
    var lhs = BigUInt(mantissa)
    var rhs = BigUInt(1)
    if exponent > 0 { lhs <<= exponent } else { rhs <<= -exponent }
    if k >= 0 { rhs *= BigUInt(10).power(k) } else { lhs *= BigUInt(10).power(-k) }
    return lhs < rhs ? -1 : (lhs == rhs ? 0 : 1)
  }
}
