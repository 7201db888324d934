// int(text, base): the literal syntax `PyLong_FromString` accepts
// (Objects/longobject.c), for str, bytes and bytearray arguments.
//
// A str is first made ASCII the way `_PyUnicode_TransformDecimalAndSpaceToASCII`
// does: ASCII characters stay as they are, other whitespace becomes a space,
// other decimal digits (Arabic-Indic "١٢", fullwidth "１２") become their
// ASCII digit, and anything else ends the text with a character no base
// accepts. Bytes are parsed as they are.
//
// The syntax: optional ASCII whitespace, a sign, the digits, optional
// whitespace. Base 0 reads the base from a 0x/0o/0b prefix (none: 10, and
// then a leading 0 allows only zeros — the old octal "010" is refused);
// bases 16, 8 and 2 also accept their own prefix. One underscore may follow
// a prefix and separate two digits; none may lead, trail or double. A
// literal that is valid but has more than 4300 digits in a base that is not
// a power of two is refused as too long (CVE-2020-10735, in every version
// the model covers: 3.8.14+ has it). Only then the value is computed.

import BigInt

extension PyNumeric {
  /// Why a literal was refused.
  public enum IntLiteralError: Error, Equatable {
    /// "invalid literal for int() with base N: …"
    case invalid
    /// More than `IntFormatter.maxStrDigits` digits in a base that is not
    /// a power of two.
    case tooManyDigits(Int)
  }

  /// The ASCII bytes `int()` parses for a str (see the file comment).
  public static func intLiteralBytes(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      if scalar.value < 127 {
        bytes.append(UInt8(scalar.value))
      } else if scalar.properties.isWhitespace {
        bytes.append(0x20)
      } else if scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue {
        bytes.append(0x30 + UInt8(value))
      } else {
        bytes.append(0x3F)  // "?": no base takes it
        break
      }
    }
    return bytes
  }

  /// The value of int literal `bytes` in `base` (0 or 2...36; the caller
  /// has checked it).
  public static func parseInt(_ bytes: [UInt8], base requested: Int) throws(IntLiteralError) -> BigInt {
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
    func digit(_ byte: UInt8) -> Int {
      switch byte {
      case 0x30...0x39: return Int(byte - 0x30)
      case 0x61...0x7A: return Int(byte - 0x61) + 10
      case 0x41...0x5A: return Int(byte - 0x41) + 10
      default: return 99
      }
    }
    let end = bytes.count
    var index = 0
    func at(_ position: Int) -> UInt8 { position < end ? bytes[position] : 0 }
    while index < end, isSpace(bytes[index]) { index += 1 }
    var negative = false
    if at(index) == 0x2B || at(index) == 0x2D {
      negative = at(index) == 0x2D
      index += 1
    }
    var base = requested
    var onlyZeros = false
    let prefix = at(index + 1) | 0x20  // lower case
    if base == 0 {
      if at(index) != 0x30 {
        base = 10
      } else if prefix == 0x78 {
        base = 16
      } else if prefix == 0x6F {
        base = 8
      } else if prefix == 0x62 {
        base = 2
      } else {
        base = 10
        onlyZeros = true
      }
    }
    if at(index) == 0x30,
      (base == 16 && prefix == 0x78) || (base == 8 && prefix == 0x6F) || (base == 2 && prefix == 0x62)
    {
      index += 2
      if at(index) == 0x5F { index += 1 }
    }
    if at(index) == 0x5F { throw .invalid }
    let first = index
    var digits = 0
    var previousUnderscore = false
    while index < end {
      let byte = bytes[index]
      if byte == 0x5F {
        if previousUnderscore { throw .invalid }
        previousUnderscore = true
      } else if digit(byte) < base {
        digits += 1
        previousUnderscore = false
      } else {
        break
      }
      index += 1
    }
    if digits == 0 || previousUnderscore { throw .invalid }
    let last = index
    while index < end, isSpace(bytes[index]) { index += 1 }
    if index != end { throw .invalid }
    if base & (base - 1) != 0, digits > IntFormatter.maxStrDigits { throw .tooManyDigits(digits) }
    var value = BigInt(0)
    // Nine decimal digits (or fewer in other bases) at a time in a machine word.
    var chunk = 0
    var chunkScale = 1
    for byte in bytes[first..<last] where byte != 0x5F {
      chunk = chunk * base + digit(byte)
      chunkScale *= base
      if chunkScale > Int.max / 36 / base {
        value = value * BigInt(chunkScale) + BigInt(chunk)
        (chunk, chunkScale) = (0, 1)
      }
    }
    value = value * BigInt(chunkScale) + BigInt(chunk)
    if onlyZeros, value != 0 { throw .invalid }
    return negative ? -value : value
  }
}
