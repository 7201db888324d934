// int and bool layouts (Objects/longobject.c).
//
// A Python int is `PyLongObject`: the 24-byte variable-size header
// (`ob_refcnt`, `ob_type`, `ob_size` — 3.12+: `lv_tag`) followed by 30-bit
// digits stored in 4-byte slots. The request size is 24 + 4·digits, where
// *digits* is what the producing C function asked for, not what the value
// needs:
//
// - `_PyLong_New(n)` allocates exactly n digits (at least 1 in 3.11+). Parsing
//   (`int('1000')`) and most conversions use it: exact size.
// - Magnitude addition (`x_add`) allocates max(a, b) + 1 digits and then
//   normalises `ob_size` without shrinking the block: `2**40 + 1` reports 32
//   bytes but occupies a 36-byte request (class 48). Magnitude subtraction
//   (`x_sub`) allocates max(a, b); multiplication a + b; division by one
//   digit a, by more a − b + 1; a left shift by s bits a + s/30 + (s%30 != 0).
// - Both operands one digit ("medium" values): 3.8–3.10 compute in C and call
//   `PyLong_FromLong` (exact digits). 3.11+ use `_PyLong_FromSTwoDigits`:
//   a one-digit result comes from `_PyLong_FromMedium`, which requests
//   `sizeof(PyLongObject)` = 32 bytes (the 28-byte object padded to 8); a
//   two-digit result is exact (32 bytes as well).
//
// `sys.getsizeof` counts the normalised digits: 24 + 4·digits, zero being
// 24 in 3.8–3.10 and 28 in 3.11+ (one digit slot is always counted).
// Small ints −5…256 are cached singletons and never allocated.

extension ObjectLayouts {
  /// How an int object was produced; decides how many digits its block holds.
  public enum IntOrigin: Sendable, Hashable {
    /// `_PyLong_New` with the exact digit count: parsing, `int(str)`.
    case exact
    /// A C `long` converted by `PyLong_FromLong`/`FromSsize_t` (`len()`,
    /// `range` items, `hash()`): exact in 3.8–3.10, 32 bytes for one digit in 3.11+.
    case machineInt
    /// `a + b` with equal signs or `a - b` with opposite signs (`x_add`).
    case magnitudeAdd(lhsDigits: Int, rhsDigits: Int)
    /// `a - b` with equal signs or `a + b` with opposite signs (`x_sub`).
    case magnitudeSubtract(lhsDigits: Int, rhsDigits: Int)
    /// `a * b`.
    case multiply(lhsDigits: Int, rhsDigits: Int)
    /// `a // b` (also `%`, `divmod`).
    case floorDivide(lhsDigits: Int, rhsDigits: Int)
    /// `a << bits`.
    case leftShift(lhsDigits: Int, bits: Int)
    /// `-a`, `abs(a)`: a copy of the operand's digits.
    case negate(digits: Int)
  }

  /// Number of 30-bit digits of an int whose magnitude has `bitLength` bits
  /// (0 for zero).
  @inlinable
  public static func intDigits(bitLength: Int) -> Int {
    (bitLength + 29) / 30
  }

  /// Number of 30-bit digits of `value` (0 for zero).
  @inlinable
  public static func intDigits(of value: Int) -> Int {
    let magnitude = value.magnitude
    return intDigits(bitLength: UInt.bitWidth - magnitude.leadingZeroBitCount)
  }

  /// Whether `value` is one of the cached small ints (−5…256): never allocated.
  @inlinable
  public static func isCachedSmallInt(_ value: Int) -> Bool {
    value >= -5 && value <= 256
  }

  /// `sys.getsizeof` of an int with `digits` significant digits.
  @inlinable
  public func intGetsizeof(digits: Int) -> Int {
    version >= .py311 ? 24 + 4 * max(digits, 1) : 24 + 4 * digits
  }

  /// Request size of the block of an int with `allocatedDigits` digit slots
  /// (`_PyLong_New`): 24 + 4·digits, at least one digit in 3.11+.
  @inlinable
  public func intBlockSize(allocatedDigits: Int) -> Int {
    version >= .py311 ? 24 + 4 * max(allocatedDigits, 1) : 24 + 4 * allocatedDigits
  }

  /// Request size of the block of an int produced by `origin` whose value
  /// has `resultDigits` significant digits.
  /// - Complexity: O(1).
  public func intBlockSize(resultDigits: Int, origin: IntOrigin) -> Int {
    switch origin {
    case .exact:
      return intBlockSize(allocatedDigits: resultDigits)
    case .machineInt, .negate:
      if case .negate(let digits) = origin, digits > 1 {
        return intBlockSize(allocatedDigits: digits)
      }
      return mediumResultBlockSize(resultDigits)
    case .magnitudeAdd(let a, let b):
      if a <= 1 && b <= 1 { return mediumResultBlockSize(resultDigits) }
      return intBlockSize(allocatedDigits: max(a, b) + 1)
    case .magnitudeSubtract(let a, let b):
      if a <= 1 && b <= 1 { return mediumResultBlockSize(resultDigits) }
      return intBlockSize(allocatedDigits: max(a, b))
    case .multiply(let a, let b):
      if a <= 1 && b <= 1 { return mediumResultBlockSize(resultDigits) }
      return intBlockSize(allocatedDigits: a + b)
    case .floorDivide(let a, let b):
      if a <= 1 && b <= 1 { return mediumResultBlockSize(resultDigits) }
      if b == 1 { return intBlockSize(allocatedDigits: a) }
      return intBlockSize(allocatedDigits: max(a - b + 1, 1))
    case .leftShift(let a, let bits):
      return intBlockSize(allocatedDigits: a + bits / 30 + (bits % 30 == 0 ? 0 : 1))
    }
  }

  /// Request size of the block of `value` as `PyLong_FromLong` makes it,
  /// which is also the block of any result computed in C from one-digit
  /// operands: the same as `intBlockSize(resultDigits: intDigits(of: value),
  /// origin: .machineInt)`, without the origin's switch (the interpreter's
  /// int fast paths and range iteration, millions of times a run).
  /// - Complexity: O(1).
  @inlinable
  public func machineIntBlockSize(_ value: Int) -> Int {
    let digits = ObjectLayouts.intDigits(of: value)
    // 3.11+: one digit is `sizeof(PyLongObject)`, 32; two are exactly 32 too.
    if version >= .py311 { return digits <= 2 ? 32 : 24 + 4 * digits }
    return 24 + 4 * digits
  }

  /// A result computed in C from one-digit operands: exact digits in
  /// 3.8–3.10; in 3.11+ one digit → `sizeof(PyLongObject)` = 32, else exact.
  @usableFromInline
  func mediumResultBlockSize(_ digits: Int) -> Int {
    if version >= .py311 && digits <= 1 { return 32 }
    return intBlockSize(allocatedDigits: digits)
  }
}
