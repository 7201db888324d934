// Python ints print in base 10 with a leading '-' for negatives, and hex(),
// oct() and bin() put the base prefix after the sign: hex(-31) == '-0x1f'.
// Digits are lowercase ('X' formats uppercase them later). CPython:
// `_PyLong_Format` / `long_to_decimal_string` in Objects/longobject.c.
// (3.11+ limits int->str conversion of huge ints to 4300 digits via
// sys.set_int_max_str_digits; scenarios never reach that, so it is not modelled.)

import BigInt

/// Text of Python ints: `str()`, `hex()`, `oct()`, `bin()`.
public enum IntFormatter {
  /// `str(n)`.
  public static func decimal(_ n: BigInt) -> String {
    if let small = Int(exactly: n) { return String(small) }
    return String(n)
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
