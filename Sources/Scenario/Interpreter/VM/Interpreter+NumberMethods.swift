// Methods and attributes of int and float (Objects/longobject.c,
// Objects/floatobject.c). What each result is, which matters for the heap:
// - `x.real`, `x.numerator`, `x.conjugate()` of an exact int are `x` itself
//   (`long_long`: one more reference, no allocation); of a bool, a copy —
//   the small int 0 or 1. `x.imag` is the small int 0, `x.denominator` 1.
// - `f.real` and `f.conjugate()` of an exact float are `f`; `f.imag` is a
//   new float 0.0 at every access.
// - `bit_length()` / `bit_count()` (3.10+) are C integers converted back
//   (`PyLong_FromSsize_t`): small ints in practice.
// - `as_integer_ratio()` packs a new 2-tuple: for an int, `(x, 1)` with `x`
//   itself; for a float, two ints computed from its bits.
// - `to_bytes` fills a new bytes object of `length` bytes (never the cached
//   one-byte bytes: the buffer is allocated before it is filled; length 0
//   is `b''`). 3.11 gave `length` and `byteorder` defaults (1, 'big').
// - `int.from_bytes` (a class method) builds its int with `_PyLong_New`:
//   up to 3.10 even a small value is a new object (`Heap.newUncachedInt`),
//   3.11+ return the cached small ints. A non-bytes argument goes through
//   `PyObject_Bytes` first (a temporary bytes object).
// - `float.hex()` is a new str; `float.fromhex` a new float.

import BigInt
import Foundation
import HeapModel

extension Interpreter {
  /// `real`, `imag`, `numerator` and `denominator` of ints, bools and
  /// floats (owned); nil for other objects and names.
  mutating func numberAttribute(_ object: ObjectID, _ name: String) throws -> ObjectID? {
    switch (heap.kind(of: object), name) {
    case (.int, "real"), (.int, "numerator"): return retain(object)
    case (.bool, "real"), (.bool, "numerator"): return heap.newInt(heap.intValue(object) ?? 0)
    case (.int, "imag"), (.bool, "imag"): return heap.newInt(0)
    case (.int, "denominator"), (.bool, "denominator"): return heap.newInt(1)
    case (.float, "real"): return retain(object)
    case (.float, "imag"): return heap.newFloat(0)
    default: return nil
    }
  }

  /// The methods of int and float; nil for any other builtin.
  mutating func numberMethod(
    _ builtin: Builtin, _ receiver: ObjectID, _ args: [ObjectID], keywords: [(String, ObjectID)]
  ) throws -> ObjectID? {
    switch builtin {
    case .intBitLength:
      return heap.newInt(heap.bigIntValue(receiver).magnitude.bitWidth, origin: .machineInt)
    case .intBitCount:
      let magnitude = heap.bigIntValue(receiver).magnitude
      return heap.newInt(magnitude.words.reduce(0) { $0 + $1.nonzeroBitCount }, origin: .machineInt)
    case .intConjugate:
      return heap.kind(of: receiver) == .int ? retain(receiver) : heap.newInt(heap.intValue(receiver) ?? 0)
    case .intAsIntegerRatio:
      let numerator =
        heap.kind(of: receiver) == .int ? retain(receiver) : heap.newInt(heap.intValue(receiver) ?? 0)
      return heap.newTuple([numerator, heap.newInt(1)])
    case .intIsInteger:
      return heap.newBool(true)
    case .intToBytes:
      return try intToBytes(receiver, args, keywords: keywords)
    case .intFromBytes:
      return try intFromBytes(receiver, args, keywords: keywords)
    case .floatIsInteger:
      let value = heap.floatValue(receiver)
      return heap.newBool(value.isFinite && value.rounded(.towardZero) == value)
    case .floatConjugate:
      return heap.kind(of: receiver) == .float ? retain(receiver) : heap.newFloat(heap.floatValue(receiver))
    case .floatAsIntegerRatio:
      let value = heap.floatValue(receiver)
      if value.isInfinite { throw raise(.overflowError, "cannot convert Infinity to integer ratio") }
      if value.isNaN { throw raise(.valueError, "cannot convert NaN to integer ratio") }
      let (numerator, denominator) = Interpreter.integerRatio(value)
      let top = heap.newInt(big: numerator)
      return heap.newTuple([top, heap.newInt(big: denominator)])
    case .floatHex:
      return heap.newStr(Interpreter.floatHex(heap.floatValue(receiver)))
    case .floatFromhex:
      guard receiver == heap.typeObject(.float) else {
        throw InterpreterStop.unsupported(feature: "fromhex of a float subclass", line: currentLine)
      }
      guard heap.kind(of: args[0]) == .str else {
        throw raise(.typeError, "bad argument type for built-in operation")
      }
      switch Interpreter.parseFloatHex(heap.string(args[0])) {
      case .value(let value): return heap.newFloat(value)
      case .invalid: throw raise(.valueError, "invalid hexadecimal floating-point string")
      case .tooLarge: throw raise(.overflowError, "hexadecimal value too large to represent as a float")
      }
    default:
      return nil
    }
  }

  /// Matches positional and keyword arguments to `names` (the first
  /// `positional` of them may be passed by position); unknown keywords and
  /// a name given twice stop the run rather than guess CPython's wording.
  mutating func bindArguments(
    _ builtin: Builtin, _ args: [ObjectID], _ keywords: [(String, ObjectID)], names: [String]
  ) throws -> [ObjectID?] {
    var bound: [ObjectID?] = Array(repeating: nil, count: names.count)
    for (index, arg) in args.enumerated() where index < names.count { bound[index] = arg }
    for (name, value) in keywords {
      guard let index = names.firstIndex(of: name), bound[index] == nil else {
        throw InterpreterStop.unsupported(
          feature: "keyword argument '\(name)' of \(builtin.name)()", line: currentLine)
      }
      bound[index] = value
    }
    return bound
  }

  /// The `byteorder` argument: true for big-endian.
  mutating func byteorderArgument(_ builtin: Builtin, _ value: ObjectID?) throws -> Bool {
    guard let value else {
      if version >= .py311 { return true }
      throw raise(.typeError, "\(builtin.name)() missing required argument 'byteorder' (pos 2)")
    }
    guard heap.kind(of: value) == .str else {
      throw InterpreterStop.unsupported(feature: "a non-str byteorder", line: currentLine)
    }
    switch heap.string(value) {
    case "big": return true
    case "little": return false
    default: throw raise(.valueError, "byteorder must be either 'little' or 'big'")
    }
  }

  private mutating func intToBytes(_ receiver: ObjectID, _ args: [ObjectID], keywords: [(String, ObjectID)])
    throws -> ObjectID
  {
    let bound = try bindArguments(.intToBytes, args, keywords, names: ["length", "byteorder", "signed"])
    var length = 1
    if let lengthArgument = bound[0] {
      length = try integerArgument(lengthArgument)
    } else if version < .py311 {
      throw raise(.typeError, "to_bytes() missing required argument 'length' (pos 1)")
    }
    let bigEndian = try byteorderArgument(.intToBytes, bound[1])
    let signed = try bound[2].map { try isTrue($0) } ?? false
    if length < 0 { throw raise(.valueError, "length argument must be non-negative") }
    let value = heap.bigIntValue(receiver)
    if !signed, value.signum() < 0 {
      throw raise(.overflowError, "can't convert negative int to unsigned")
    }
    // Two's complement in `length` bytes: the value must fit.
    let bits = 8 * length
    let fits =
      signed
      ? (bits > 0 && value >= -(BigInt(1) << (bits - 1)) && value < (BigInt(1) << (bits - 1)))
        || (bits == 0 && value == 0)
      : value < (BigInt(1) << bits)
    if !fits { throw raise(.overflowError, "int too big to convert") }
    var remaining = value.signum() < 0 ? (BigInt(1) << bits) + value : value
    var bytes: [UInt8] = []
    bytes.reserveCapacity(length)
    for _ in 0..<length {
      bytes.append(UInt8(truncatingIfNeeded: Int(remaining & 0xff)))
      remaining >>= 8
    }
    if bigEndian { bytes.reverse() }
    return heap.newBytes(bytes, fresh: !bytes.isEmpty)
  }

  private mutating func intFromBytes(
    _ receiver: ObjectID, _ args: [ObjectID], keywords: [(String, ObjectID)]
  ) throws -> ObjectID {
    guard receiver == heap.typeObject(.int) else {
      throw InterpreterStop.unsupported(feature: "from_bytes of an int subclass", line: currentLine)
    }
    let bound = try bindArguments(.intFromBytes, args, keywords, names: ["bytes", "byteorder", "signed"])
    guard let source = bound[0] else {
      throw raise(.typeError, "from_bytes() missing required argument 'bytes' (pos 1)")
    }
    let bigEndian = try byteorderArgument(.intFromBytes, bound[1])
    let signed = try bound[2].map { try isTrue($0) } ?? false
    // `PyObject_Bytes`: a bytes object as it is, anything else copied into a
    // temporary bytes object.
    let bytesObject: ObjectID
    if heap.kind(of: source) == .bytes {
      bytesObject = retain(source)
    } else {
      bytesObject = try construct(.bytes, [source], keywords: [])
    }
    var bytes = heap.bytesValue(bytesObject)
    drop(bytesObject)
    if !bigEndian { bytes.reverse() }
    var value = BigInt(0)
    for byte in bytes { value = (value << 8) | BigInt(byte) }
    if signed, let first = bytes.first, first & 0x80 != 0 { value -= BigInt(1) << (8 * bytes.count) }
    if version >= .py311 { return heap.newInt(big: value) }
    // `_PyLong_New` sized for the significant bytes (leading 0x00 bytes, or
    // 0xff ones of a negative number, do not count).
    let pad: UInt8 = signed && bytes.first.map { $0 & 0x80 != 0 } == true ? 0xff : 0
    let significant = bytes.drop { $0 == pad }.count
    return heap.newUncachedInt(big: value, digits: (significant * 8 + 29) / 30)
  }

  /// A finite float as numerator / denominator in lowest terms, the
  /// denominator a power of two.
  static func integerRatio(_ value: Double) -> (BigInt, BigInt) {
    if value == 0 { return (0, 1) }
    let significand = BigInt(value.significandBitPattern | (value.isNormal ? 1 << 52 : 0))
    var exponent = Int(value.exponent) - 52
    if !value.isNormal { exponent = -1074 }
    var numerator = significand
    let zeros = numerator.trailingZeroBitCount
    numerator >>= zeros
    exponent += zeros
    if value < 0 { numerator = -numerator }
    if exponent >= 0 { return (numerator << exponent, 1) }
    return (numerator, BigInt(1) << -exponent)
  }

  /// `float.hex()`: `[-]0x1.<13 hex digits>p<exp>` (subnormals
  /// `0x0.<digits>p-1022`), `inf`, `-inf`, `nan`.
  static func floatHex(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    let sign = value.sign == .minus ? "-" : ""
    if value == 0 { return sign + "0x0.0p+0" }
    var digits = String(value.significandBitPattern, radix: 16)
    digits = String(repeating: "0", count: 13 - digits.count) + digits
    let exponent = value.isNormal ? Int(value.exponent) : -1022
    let exponentText = exponent >= 0 ? "+\(exponent)" : "\(exponent)"
    return "\(sign)0x\(value.isNormal ? "1" : "0").\(digits)p\(exponentText)"
  }

  enum FloatHexParse: Equatable {
    case value(Double)
    case invalid
    case tooLarge
  }

  /// `float.fromhex`: optional whitespace and sign, `inf`/`infinity`/`nan`,
  /// or an optional `0x`, hex digits with an optional point and an optional
  /// `p` exponent, rounded half to even.
  static func parseFloatHex(_ text: String) -> FloatHexParse {
    var scalars = Substring(text).unicodeScalars.drop { Interpreter.isSpace($0) }
    while let last = scalars.last, Interpreter.isSpace(last) { scalars = scalars.dropLast() }
    var negative = false
    if let first = scalars.first, first == "+" || first == "-" {
      negative = first == "-"
      scalars = scalars.dropFirst()
    }
    let word = String(String.UnicodeScalarView(scalars)).lowercased()
    if word == "inf" || word == "infinity" { return .value(negative ? -.infinity : .infinity) }
    if word == "nan" { return .value(negative ? -.nan : .nan) }
    var characters = Array(word)
    if characters.count >= 2, characters[0] == "0", characters[1] == "x" { characters.removeFirst(2) }
    var mantissa = BigInt(0)
    var index = 0
    var fractionDigits = 0
    var digitCount = 0
    var seenPoint = false
    while index < characters.count {
      let character = characters[index]
      if character == ".", !seenPoint {
        seenPoint = true
      } else if let digit = character.hexDigitValue {
        mantissa = mantissa * 16 + BigInt(digit)
        digitCount += 1
        if seenPoint { fractionDigits += 1 }
      } else {
        break
      }
      index += 1
    }
    guard digitCount > 0 else { return .invalid }
    var exponent = 0
    if index < characters.count, characters[index] == "p" {
      index += 1
      var exponentNegative = false
      if index < characters.count, characters[index] == "+" || characters[index] == "-" {
        exponentNegative = characters[index] == "-"
        index += 1
      }
      let start = index
      while index < characters.count, let digit = characters[index].wholeNumberValue,
        characters[index].isASCII
      {
        exponent = min(exponent * 10 + digit, 1 << 40)
        index += 1
      }
      if index == start { return .invalid }
      if exponentNegative { exponent = -exponent }
    }
    guard index == characters.count else { return .invalid }
    if mantissa == 0 { return .value(negative ? -0.0 : 0.0) }
    var power = exponent - 4 * fractionDigits
    let bits = mantissa.magnitude.bitWidth
    let top = bits - 1 + power  // the value is in [2^top, 2^(top+1))
    if top > 1023 { return .tooLarge }
    let keep = top >= -1022 ? 53 : 53 - (-1022 - top)
    var significand = mantissa
    if keep <= 0 {
      // Below half the smallest subnormal rounds to zero; more than half
      // (or exactly half, to even: 0) of it rounds to it.
      let half = BigInt(1) << (bits - 1)
      let roundsUp = keep == 0 && mantissa > half
      return .value(roundsUp ? (negative ? -5e-324 : 5e-324) : (negative ? -0.0 : 0.0))
    }
    if bits > keep {
      let shift = bits - keep
      let remainder = significand & ((BigInt(1) << shift) - 1)
      significand >>= shift
      power += shift
      let half = BigInt(1) << (shift - 1)
      if remainder > half || (remainder == half && significand & 1 == 1) { significand += 1 }
    }
    let result = Double(sign: negative ? .minus : .plus, exponent: power, significand: Double(significand))
    if result.isInfinite { return .tooLarge }
    return .value(result)
  }
}
