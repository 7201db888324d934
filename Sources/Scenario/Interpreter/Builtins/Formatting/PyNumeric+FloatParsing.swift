// float(text): the syntax `PyFloat_FromString` accepts (Objects/floatobject.c,
// Python/pystrtod.c), for str, bytes and bytearray arguments.
//
// A str is made ASCII first exactly as for int() (`intLiteralBytes`:
// other whitespace becomes a space, other decimal digits their ASCII digit).
// Then:
//
//   * underscores (`_Py_string_to_number_with_underscores`): each must sit
//     between two digits — "1_0.5" is 10.5, "1__0", "_1", "1_" and "1_.5"
//     are refused — and they are removed;
//   * leading and trailing ASCII whitespace is dropped;
//   * what is left must be, whole, a sign and then either "inf",
//     "infinity" or "nan" in any case, or a decimal number: digits with an
//     optional point (at least one digit on some side of it) and an optional
//     exponent `e`/`E`, sign, digits. No hex ("0x10"), no "nan(…)", no "1e".
//
// The value of a decimal is correctly rounded (David Gay's strtod in CPython,
// Swift's parser here); past the double range it is ±inf or ±0.0, no error.

extension PyNumeric {
  /// The value `float()` gives the ASCII text `bytes`, nil when CPython
  /// refuses it ("could not convert string to float: …").
  public static func parseFloat(_ bytes: [UInt8]) -> Double? {
    func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
    var text: [UInt8] = []
    text.reserveCapacity(bytes.count)
    for (index, byte) in bytes.enumerated() {
      guard byte == UInt8(ascii: "_") else {
        text.append(byte)
        continue
      }
      guard index > 0, isDigit(bytes[index - 1]), index + 1 < bytes.count, isDigit(bytes[index + 1]) else {
        return nil
      }
    }
    guard let first = text.firstIndex(where: { !isSpace($0) }),
      let last = text.lastIndex(where: { !isSpace($0) })
    else { return nil }
    let body = Array(text[first...last])
    var position = 0
    var negative = false
    if body[0] == UInt8(ascii: "+") || body[0] == UInt8(ascii: "-") {
      negative = body[0] == UInt8(ascii: "-")
      position = 1
    }
    let word = String(decoding: body[position...], as: UTF8.self).lowercased()
    switch word {
    case "inf", "infinity": return negative ? -.infinity : .infinity
    case "nan": return negative ? -Double.nan : .nan
    default: break
    }
    // A decimal: digits, optional point and digits, optional exponent.
    var mantissaDigits = 0
    while position < body.count, isDigit(body[position]) {
      position += 1
      mantissaDigits += 1
    }
    if position < body.count, body[position] == UInt8(ascii: ".") {
      position += 1
      while position < body.count, isDigit(body[position]) {
        position += 1
        mantissaDigits += 1
      }
    }
    guard mantissaDigits > 0 else { return nil }
    if position < body.count, body[position] | 0x20 == UInt8(ascii: "e") {
      position += 1
      if position < body.count, body[position] == UInt8(ascii: "+") || body[position] == UInt8(ascii: "-") {
        position += 1
      }
      var exponentDigits = 0
      while position < body.count, isDigit(body[position]) {
        position += 1
        exponentDigits += 1
      }
      guard exponentDigits > 0 else { return nil }
    }
    guard position == body.count else { return nil }
    return Double(String(decoding: body, as: UTF8.self))
  }
}
