// A string token's anatomy and the decoding of its escapes.
//
// The token covers `prefix quote body quote`. The prefix letters (any case)
// say how to read the body: `r` keeps backslashes as written, `b` makes a
// bytes literal (ASCII characters only; `\u`, `\U` and `\N` are not escapes
// there), `f` makes an f-string whose `{...}` fields the parser decodes.
//
// Escapes of non-raw literals, as in CPython's `_PyUnicode_DecodeUnicodeEscape`:
// `\\ \' \" \a \b \f \n \r \t \v`, `\` + line end (nothing), `\ooo` (one to
// three octal digits), `\xhh` (exactly two hex digits), and for str only
// `\uhhhh`, `\Uhhhhhhhh` and `\N{NAME}`. An unknown escape keeps its backslash
// (CPython only warns). Lone surrogates (`\ud800`) are valid in Python but
// cannot live in a Swift `String`, so they are rejected as outside the subset.

/// The parts of one string token.
struct StringLiteral {
  var isRaw = false
  var isBytes = false
  var isFormatted = false
  /// The byte range between the quotes.
  var body: Range<Int>
  /// Length of the quote (1 or 3).
  var quoteLength: Int
  var quote: UInt8

  init(token: Token, bytes: [UInt8]) {
    var index = token.range.start
    while bytes[index] != 0x27 && bytes[index] != 0x22 {
      switch bytes[index] | 0x20 {
      case UInt8(ascii: "r"): isRaw = true
      case UInt8(ascii: "b"): isBytes = true
      case UInt8(ascii: "f"): isFormatted = true
      default: break
      }
      index += 1
    }
    quote = bytes[index]
    let isTriple =
      index + 2 < token.range.end && bytes[index + 1] == quote && bytes[index + 2] == quote
      && token.range.end - index >= 6
    quoteLength = isTriple ? 3 : 1
    let bodyStart = index + quoteLength
    body = bodyStart..<Swift.max(bodyStart, token.range.end - quoteLength)
  }
}

/// Decodes the escapes of a literal body (or a slice of one) into scalars.
struct EscapeDecoder {
  let bytes: [UInt8]
  let isRaw: Bool
  let isBytes: Bool
  var diagnostics: [Diagnostic] = []

  init(bytes: [UInt8], isRaw: Bool, isBytes: Bool) {
    self.bytes = bytes
    self.isRaw = isRaw
    self.isBytes = isBytes
  }

  /// Decodes `range` as str text.
  mutating func decodeString(_ range: Range<Int>) -> String {
    var scalars = String.UnicodeScalarView()
    decode(range) { scalars.append($0) }
    return String(scalars)
  }

  /// Decodes `range` as bytes.
  mutating func decodeBytes(_ range: Range<Int>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(range.count)
    decode(range) { out.append(UInt8(truncatingIfNeeded: $0.value)) }
    return out
  }

  private mutating func fail(_ message: String, _ start: Int, _ stop: Int) {
    diagnostics.append(Diagnostic(message, at: SourceRange(start: start, end: stop)))
  }

  private func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case 0x30...0x39: UInt32(byte - 0x30)
    case 0x61...0x66: UInt32(byte - 0x61 + 10)
    case 0x41...0x46: UInt32(byte - 0x41 + 10)
    default: nil
    }
  }

  private mutating func decode(_ range: Range<Int>, emit: (Unicode.Scalar) -> Void) {
    var index = range.lowerBound
    let end = range.upperBound
    while index < end {
      let byte = bytes[index]
      if byte >= 0x80 {
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        if isBytes {
          fail("bytes can only contain ASCII literal characters", index, index + length)
          index += length
          continue
        }
        var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length where index + offset < end {
          value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        emit(Unicode.Scalar(value) ?? "\u{FFFD}")
        index += length
        continue
      }
      if byte == 0x0D {
        // Line ends inside literals are normalised to "\n", as CPython does.
        emit("\n")
        index += (index + 1 < end && bytes[index + 1] == 0x0A) ? 2 : 1
        continue
      }
      guard byte == UInt8(ascii: "\\"), !isRaw, index + 1 < end else {
        emit(Unicode.Scalar(byte))
        index += 1
        continue
      }
      let escapeStart = index
      let code = bytes[index + 1]
      index += 2
      switch code {
      case 0x0A: break
      case 0x0D:
        if index < end, bytes[index] == 0x0A { index += 1 }
      case UInt8(ascii: "\\"): emit("\\")
      case UInt8(ascii: "'"): emit("'")
      case UInt8(ascii: "\""): emit("\"")
      case UInt8(ascii: "a"): emit("\u{07}")
      case UInt8(ascii: "b"): emit("\u{08}")
      case UInt8(ascii: "f"): emit("\u{0C}")
      case UInt8(ascii: "n"): emit("\n")
      case UInt8(ascii: "r"): emit("\r")
      case UInt8(ascii: "t"): emit("\t")
      case UInt8(ascii: "v"): emit("\u{0B}")
      case UInt8(ascii: "0")...UInt8(ascii: "7"):
        var value = UInt32(code - 0x30)
        var digits = 1
        while digits < 3, index < end, bytes[index] >= 0x30, bytes[index] <= 0x37 {
          value = value * 8 + UInt32(bytes[index] - 0x30)
          index += 1
          digits += 1
        }
        if isBytes { value &= 0xFF }
        emit(Unicode.Scalar(value)!)
      case UInt8(ascii: "x"):
        index = hexEscape(
          digits: 2, name: "\\xXX", escapeStart: escapeStart, from: index, end: end, emit: emit)
      case UInt8(ascii: "u") where !isBytes:
        index = hexEscape(
          digits: 4, name: "\\uXXXX", escapeStart: escapeStart, from: index, end: end, emit: emit)
      case UInt8(ascii: "U") where !isBytes:
        index = hexEscape(
          digits: 8, name: "\\UXXXXXXXX", escapeStart: escapeStart, from: index, end: end, emit: emit)
      case UInt8(ascii: "N") where !isBytes:
        index = namedEscape(escapeStart: escapeStart, from: index, end: end, emit: emit)
      default:
        // Unknown escape: kept as written (CPython warns, it does not fail).
        emit("\\")
        index -= 1
      }
    }
  }

  private mutating func hexEscape(
    digits: Int, name: String, escapeStart: Int, from start: Int, end: Int, emit: (Unicode.Scalar) -> Void
  ) -> Int {
    var value: UInt32 = 0
    var index = start
    for _ in 0..<digits {
      guard index < end, let digit = hexValue(bytes[index]) else {
        fail("(unicode error) truncated \(name) escape", escapeStart, index)
        return index
      }
      value = value &* 16 &+ digit
      index += 1
    }
    if (0xD800...0xDFFF).contains(value) {
      fail(
        "lone surrogate escapes are not available in heapscope scenarios (they cannot be modelled as text)",
        escapeStart, index)
    } else if let scalar = Unicode.Scalar(value) {
      emit(scalar)
    } else {
      fail("(unicode error) illegal Unicode character", escapeStart, index)
    }
    return index
  }

  private mutating func namedEscape(
    escapeStart: Int, from start: Int, end: Int, emit: (Unicode.Scalar) -> Void
  ) -> Int {
    guard start < end, bytes[start] == UInt8(ascii: "{") else {
      fail("(unicode error) malformed \\N character escape", escapeStart, start)
      return start
    }
    var index = start + 1
    while index < end, bytes[index] != UInt8(ascii: "}") { index += 1 }
    guard index < end else {
      fail("(unicode error) malformed \\N character escape", escapeStart, index)
      return index
    }
    let name = String(decoding: bytes[(start + 1)..<index], as: UTF8.self)
    index += 1
    if let scalar = UnicodeNames.scalar(named: name) {
      emit(scalar)
    } else {
      fail("(unicode error) unknown Unicode character name", escapeStart, index)
    }
    return index
  }
}
