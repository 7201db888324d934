// The lexer turns a scenario's bytes into tokens with Python's layout rules
// (the tokenizer of CPython's Parser/tokenizer.c, rewritten):
//
// - A logical line ends in NEWLINE. Blank lines and comment-only lines make no
//   tokens at all. Inside (), [] and {} line ends are ignored (implicit line
//   joining), and a backslash right before a line end joins two lines.
// - At the start of each logical line outside brackets the indentation is
//   measured twice: with tabs advancing to the next multiple of 8, and with
//   tabs counting as one column. Both measures must order the line the same
//   way against the indentation stack, or the indentation depends on the tab
//   size and the line is a TabError ("inconsistent use of tabs and spaces").
//   Deeper than the top of the stack pushes and makes one INDENT; shallower
//   pops, one DEDENT per level, and must land exactly on an outer level.
// - At the end of the file a NEWLINE closes an unfinished line, every open
//   indentation level gets its DEDENT, and ENDMARKER (`endOfFile`) follows.
//
// Limits, as in CPython: 100 indentation levels ("too many levels of
// indentation") and 200 open brackets ("too many nested parentheses"); both
// keep the parser's recursion bounded whatever the input.
//
// Strings are only delimited here (prefix, quotes, end); their escapes and
// f-string fields are decoded by the parser, which can then parse an f-string
// field by lexing that slice of the file again with `Lexer(source:range:)`.
//
// The lexer reports every problem it finds and keeps going, so one run can
// name several independent mistakes; the parser only runs on a clean token
// stream.

/// Tokenizes a whole `SourceFile` (or one slice of it) into `tokens`.
struct Lexer {
  static let maximumIndentationDepth = 100
  static let maximumBracketDepth = 200

  let source: SourceFile
  let bytes: [UInt8]
  private(set) var tokens: [Token] = []
  private(set) var diagnostics: [Diagnostic] = []
  /// "'(' was never closed", kept apart: the parser may find an earlier,
  /// more precise error inside the open bracket (as CPython reports).
  private(set) var unclosedBracket: Diagnostic?

  private var position: Int
  private let end: Int
  private var atLineStart: Bool
  private var indentStack: [Int] = [0]
  private var alternateIndentStack: [Int] = [0]
  private var brackets: [(byte: UInt8, offset: Int)] = []
  private var reportedMismatch = false
  /// True for an f-string field: the slice behaves as if inside brackets.
  private let isFieldSlice: Bool

  /// Lexes the whole file.
  init(source: SourceFile) {
    self.source = source
    self.bytes = source.bytes
    self.position = 0
    self.end = source.bytes.count
    self.atLineStart = true
    self.isFieldSlice = false
    if checkEncoding() { run() }
  }

  /// Lexes the bytes of `range` as the inside of a bracket pair: the
  /// expression of an f-string field.
  init(source: SourceFile, fieldRange range: Range<Int>) {
    self.source = source
    self.bytes = source.bytes
    self.position = range.lowerBound
    self.end = range.upperBound
    self.atLineStart = false
    self.isFieldSlice = true
    run()
  }

  // MARK: - Encoding

  /// Rejects NUL bytes and invalid UTF-8 before any token is made: both make
  /// CPython refuse the whole file too.
  private mutating func checkEncoding() -> Bool {
    var index = 0
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      if byte < 0x80 {
        if byte == 0 {
          error("source code cannot contain null bytes", at: SourceRange(start: index, end: index + 1))
          return false
        }
        index += 1
        continue
      }
      let length = Lexer.validUTF8Length(bytes, at: index, end: count)
      if length == 0 {
        error(
          "invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true)) (scenario files must be UTF-8)",
          at: SourceRange(start: index, end: index + 1))
        return false
      }
      index += length
    }
    return true
  }

  /// The length of the well-formed UTF-8 sequence at `index`, or 0.
  static func validUTF8Length(_ bytes: [UInt8], at index: Int, end: Int) -> Int {
    let lead = bytes[index]
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED:
      length = 3
      high = 0x9F
    case 0xF0:
      length = 4
      low = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      high = 0x8F
    default: return 0
    }
    guard index + length <= end else { return 0 }
    let second = bytes[index + 1]
    guard second >= low && second <= high else { return 0 }
    for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return 0 }
    return length
  }

  // MARK: - Main loop

  private mutating func run() {
    while true {
      if atLineStart && brackets.isEmpty && !isFieldSlice {
        if !readIndentation() { break }
      }
      skipWhitespace()
      guard position < end else { break }
      let byte = bytes[position]
      switch byte {
      case UInt8(ascii: "#"):
        while position < end, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
      case 0x0A, 0x0D:
        let start = position
        position += (byte == 0x0D && position + 1 < end && bytes[position + 1] == 0x0A) ? 2 : 1
        if brackets.isEmpty && !isFieldSlice {
          add(.newline, start, position)
          atLineStart = true
        }
      case UInt8(ascii: "\\"):
        lexContinuation()
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        lexNumber()
      case UInt8(ascii: "."):
        if position + 1 < end, Lexer.isDigit(bytes[position + 1]) { lexNumber() } else { lexOperator() }
      case UInt8(ascii: "'"), UInt8(ascii: "\""):
        lexString(start: position)
      default:
        if Lexer.isIdentifierStartByte(byte) {
          lexNameOrString()
        } else if byte >= 0x80 {
          lexNonASCII()
        } else {
          lexOperator()
        }
      }
    }
    finish()
  }

  private mutating func finish() {
    if !isFieldSlice {
      if let open = brackets.first, !reportedMismatch {
        let bracket = Character(Unicode.Scalar(open.byte))
        unclosedBracket = Diagnostic(
          "'\(bracket)' was never closed", at: SourceRange(start: open.offset, end: open.offset + 1))
      }
      if let last = tokens.last, last.kind != .newline {
        add(.newline, end, end)
      }
      for _ in 1..<indentStack.count { add(.dedent, end, end) }
    }
    add(.endOfFile, end, end)
  }

  private mutating func add(_ kind: TokenKind, _ start: Int, _ stop: Int) {
    tokens.append(Token(kind, SourceRange(start: start, end: stop)))
  }

  private mutating func error(_ message: String, at range: SourceRange) {
    diagnostics.append(Diagnostic(message, at: range))
  }

  private mutating func skipWhitespace() {
    while position < end {
      let byte = bytes[position]
      guard byte == 0x20 || byte == 0x09 || byte == 0x0C else { return }
      position += 1
    }
  }

  // MARK: - Indentation

  /// Measures the indentation of a new line and makes INDENT/DEDENT tokens.
  /// Returns false at the end of the file.
  private mutating func readIndentation() -> Bool {
    while true {
      let lineStart = position
      var column = 0
      var alternateColumn = 0
      while position < end {
        switch bytes[position] {
        case 0x20:
          column += 1
          alternateColumn += 1
        case 0x09:
          column = (column / 8 + 1) * 8
          alternateColumn += 1
        case 0x0C:
          column = 0
          alternateColumn = 0
        default:
          break
        }
        guard bytes[position] == 0x20 || bytes[position] == 0x09 || bytes[position] == 0x0C else { break }
        position += 1
      }
      guard position < end else { return false }
      let byte = bytes[position]
      if byte == UInt8(ascii: "#") || byte == 0x0A || byte == 0x0D {
        // A blank or comment-only line: no tokens, no indentation change.
        while position < end, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
        if position < end {
          position += (bytes[position] == 0x0D && position + 1 < end && bytes[position + 1] == 0x0A) ? 2 : 1
        }
        continue
      }
      atLineStart = false
      applyIndentation(
        column: column, alternate: alternateColumn, range: SourceRange(start: lineStart, end: position))
      return true
    }
  }

  private mutating func applyIndentation(column: Int, alternate: Int, range: SourceRange) {
    let top = indentStack[indentStack.count - 1]
    let alternateTop = alternateIndentStack[alternateIndentStack.count - 1]
    let here = SourceRange.at(range.end)
    if column == top {
      if alternate != alternateTop { tabError(at: range) }
    } else if column > top {
      if alternate <= alternateTop { tabError(at: range) }
      if indentStack.count > Lexer.maximumIndentationDepth {
        error("too many levels of indentation", at: here)
      }
      indentStack.append(column)
      alternateIndentStack.append(alternate)
      add(.indent, range.start, range.end)
    } else {
      while indentStack.count > 1, column < indentStack[indentStack.count - 1] {
        indentStack.removeLast()
        alternateIndentStack.removeLast()
        add(.dedent, range.end, range.end)
      }
      if column != indentStack[indentStack.count - 1] {
        error("unindent does not match any outer indentation level", at: here)
      } else if alternate != alternateIndentStack[alternateIndentStack.count - 1] {
        tabError(at: range)
      }
    }
  }

  private mutating func tabError(at range: SourceRange) {
    error("inconsistent use of tabs and spaces in indentation", at: SourceRange.at(range.end))
  }

  // MARK: - Continuation lines

  private mutating func lexContinuation() {
    let start = position
    position += 1
    guard position < end else {
      error("unexpected EOF while parsing", at: SourceRange.at(position))
      return
    }
    let next = bytes[position]
    if next == 0x0A {
      position += 1
    } else if next == 0x0D {
      position += (position + 1 < end && bytes[position + 1] == 0x0A) ? 2 : 1
    } else {
      error(
        "unexpected character after line continuation character",
        at: SourceRange(start: start, end: start + 1)
      )
      return
    }
    if position >= end && !isFieldSlice {
      error("unexpected EOF while parsing", at: SourceRange.at(position))
    }
  }

  // MARK: - Names

  static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  static func isIdentifierStartByte(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
  }

  static func isIdentifierByte(_ byte: UInt8) -> Bool { isIdentifierStartByte(byte) || isDigit(byte) }

  /// Decodes the scalar at `index` (the file is known to be valid UTF-8).
  func scalar(at index: Int) -> (Unicode.Scalar, Int) {
    Lexer.scalar(in: bytes, at: index)
  }

  /// Decodes the scalar at `index` of valid UTF-8 bytes, and its length.
  static func scalar(in bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int) {
    let end = bytes.count
    let lead = bytes[index]
    if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
    var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
    for offset in 1..<length where index + offset < end {
      value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
    }
    return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
  }

  /// Consumes identifier characters (ASCII and Unicode XID_Continue).
  private mutating func consumeIdentifierTail() {
    while position < end {
      let byte = bytes[position]
      if Lexer.isIdentifierByte(byte) {
        position += 1
      } else if byte >= 0x80 {
        let (scalar, length) = scalar(at: position)
        guard scalar.properties.isXIDContinue else { return }
        position += length
      } else {
        return
      }
    }
  }

  private mutating func lexNameOrString() {
    let start = position
    consumeIdentifierTail()
    let length = position - start
    if length <= 2, position < end, bytes[position] == 0x27 || bytes[position] == 0x22,
      Lexer.isStringPrefix(bytes[start..<position])
    {
      lexString(start: start)
      return
    }
    add(keywordKind(start, position) ?? .name, start, position)
  }

  /// A keyword's kind, if the bytes spell one (compared without making a String
  /// for the common short names).
  private func keywordKind(_ start: Int, _ stop: Int) -> TokenKind? {
    let length = stop - start
    guard length >= 2 && length <= 8 else { return nil }
    let first = bytes[start]
    guard (first >= 0x61 && first <= 0x7A) || first == 0x46 || first == 0x4E || first == 0x54 else {
      return nil
    }
    for offset in start..<stop where !Lexer.isIdentifierStartByte(bytes[offset]) || bytes[offset] == 0x5F {
      return nil
    }
    var key: UInt64 = 0
    for offset in start..<stop { key = key << 8 | UInt64(bytes[offset]) }
    return Lexer.keywordsByPackedSpelling[key]
  }

  /// Keywords keyed by their (at most 8) ASCII bytes packed into an integer,
  /// so classifying a name allocates nothing.
  static let keywordsByPackedSpelling: [UInt64: TokenKind] = {
    var table: [UInt64: TokenKind] = [:]
    for (word, kind) in TokenKind.keywords {
      var key: UInt64 = 0
      for byte in word.utf8 { key = key << 8 | UInt64(byte) }
      table[key] = kind
    }
    return table
  }()

  static func isStringPrefix(_ prefix: ArraySlice<UInt8>) -> Bool {
    var seen = Set<UInt8>()
    for byte in prefix {
      let lower = byte | 0x20
      guard [UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "b"), UInt8(ascii: "f")].contains(lower),
        seen.insert(lower).inserted
      else { return false }
    }
    if seen.contains(UInt8(ascii: "u")) && seen.count > 1 { return false }
    if seen.contains(UInt8(ascii: "b")) && seen.contains(UInt8(ascii: "f")) { return false }
    return true
  }

  private mutating func lexNonASCII() {
    let start = position
    let (scalar, length) = scalar(at: position)
    if scalar.properties.isXIDStart {
      position += length
      consumeIdentifierTail()
      add(.name, start, position)
      return
    }
    position += length
    let hex = String(scalar.value, radix: 16, uppercase: true)
    let padded = String(repeating: "0", count: Swift.max(0, 4 - hex.count)) + hex
    error("invalid character '\(scalar)' (U+\(padded))", at: SourceRange(start: start, end: position))
  }

  // MARK: - Operators and brackets

  private mutating func lexOperator() {
    let start = position
    let byte = bytes[position]
    let next: UInt8 = position + 1 < end ? bytes[position + 1] : 0
    let third: UInt8 = position + 2 < end ? bytes[position + 2] : 0
    func pick(_ kind: TokenKind, _ length: Int) -> (TokenKind, Int) { (kind, length) }
    let eq = UInt8(ascii: "=")
    var result: (TokenKind, Int)?
    switch byte {
    case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
      openBracket(byte)
      return
    case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
      closeBracket(byte)
      return
    case UInt8(ascii: ":"): result = next == eq ? pick(.colonEqual, 2) : pick(.colon, 1)
    case UInt8(ascii: ","): result = pick(.comma, 1)
    case UInt8(ascii: ";"): result = pick(.semicolon, 1)
    case UInt8(ascii: "."):
      result = next == 0x2E && third == 0x2E ? pick(.ellipsis, 3) : pick(.dot, 1)
    case UInt8(ascii: "~"): result = pick(.tilde, 1)
    case UInt8(ascii: "+"): result = next == eq ? pick(.plusEqual, 2) : pick(.plus, 1)
    case UInt8(ascii: "-"):
      result =
        next == eq ? pick(.minusEqual, 2) : next == UInt8(ascii: ">") ? pick(.arrow, 2) : pick(.minus, 1)
    case UInt8(ascii: "*"):
      if next == UInt8(ascii: "*") {
        result = third == eq ? pick(.doubleStarEqual, 3) : pick(.doubleStar, 2)
      } else {
        result = next == eq ? pick(.starEqual, 2) : pick(.star, 1)
      }
    case UInt8(ascii: "/"):
      if next == UInt8(ascii: "/") {
        result = third == eq ? pick(.doubleSlashEqual, 3) : pick(.doubleSlash, 2)
      } else {
        result = next == eq ? pick(.slashEqual, 2) : pick(.slash, 1)
      }
    case UInt8(ascii: "%"): result = next == eq ? pick(.percentEqual, 2) : pick(.percent, 1)
    case UInt8(ascii: "@"): result = next == eq ? pick(.atEqual, 2) : pick(.at, 1)
    case UInt8(ascii: "|"): result = next == eq ? pick(.vbarEqual, 2) : pick(.vbar, 1)
    case UInt8(ascii: "&"): result = next == eq ? pick(.ampersandEqual, 2) : pick(.ampersand, 1)
    case UInt8(ascii: "^"): result = next == eq ? pick(.circumflexEqual, 2) : pick(.circumflex, 1)
    case UInt8(ascii: "="): result = next == eq ? pick(.equalEqual, 2) : pick(.equal, 1)
    case UInt8(ascii: "!"): result = next == eq ? pick(.notEqual, 2) : pick(.exclamation, 1)
    case UInt8(ascii: "<"):
      if next == UInt8(ascii: "<") {
        result = third == eq ? pick(.leftShiftEqual, 3) : pick(.leftShift, 2)
      } else {
        result = next == eq ? pick(.lessEqual, 2) : pick(.less, 1)
      }
    case UInt8(ascii: ">"):
      if next == UInt8(ascii: ">") {
        result = third == eq ? pick(.rightShiftEqual, 3) : pick(.rightShift, 2)
      } else {
        result = next == eq ? pick(.greaterEqual, 2) : pick(.greater, 1)
      }
    default:
      break
    }
    guard let (kind, length) = result else {
      position += 1
      error("invalid syntax", at: SourceRange(start: start, end: start + 1))
      return
    }
    position += length
    add(kind, start, position)
  }

  private mutating func openBracket(_ byte: UInt8) {
    let start = position
    position += 1
    if brackets.count >= Lexer.maximumBracketDepth {
      error("too many nested parentheses", at: SourceRange(start: start, end: start + 1))
    }
    brackets.append((byte, start))
    let kind: TokenKind =
      byte == UInt8(ascii: "(") ? .leftParen : byte == UInt8(ascii: "[") ? .leftBracket : .leftBrace
    add(kind, start, position)
  }

  private mutating func closeBracket(_ byte: UInt8) {
    let start = position
    position += 1
    let kind: TokenKind =
      byte == UInt8(ascii: ")") ? .rightParen : byte == UInt8(ascii: "]") ? .rightBracket : .rightBrace
    let closing = Character(Unicode.Scalar(byte))
    guard let open = brackets.popLast() else {
      error("unmatched '\(closing)'", at: SourceRange(start: start, end: position))
      add(kind, start, position)
      return
    }
    let expected: UInt8 =
      open.byte == UInt8(ascii: "(")
      ? UInt8(ascii: ")") : open.byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
    if expected != byte {
      let opening = Character(Unicode.Scalar(open.byte))
      var message = "closing parenthesis '\(closing)' does not match opening parenthesis '\(opening)'"
      let openLine = source.line(containing: open.offset)
      if openLine != source.line(containing: start) { message += " on line \(openLine)" }
      error(message, at: SourceRange(start: start, end: position))
      reportedMismatch = true
    }
    add(kind, start, position)
  }

  // MARK: - Numbers

  private mutating func lexNumber() {
    let start = position
    let kind = scanNumber(start: start)
    if position < end, Lexer.isIdentifierStartByte(bytes[position]) || bytes[position] >= 0x80,
      !startsKeywordAllowedAfterNumber(position)
    {
      if diagnostics.last?.range.start ?? -1 < start {
        error(invalidLiteralMessage(start: start), at: SourceRange(start: start, end: position))
      }
      consumeIdentifierTail()
    }
    add(kind, start, position)
  }

  /// `1if x else 2` and `0x1for` are valid Python (with a warning since 3.12).
  private func startsKeywordAllowedAfterNumber(_ index: Int) -> Bool {
    for word in ["and", "else", "for", "if", "in", "is", "not", "or"] {
      let utf8 = Array(word.utf8)
      if index + utf8.count <= end, Array(bytes[index..<index + utf8.count]) == utf8 { return true }
    }
    return false
  }

  private func invalidLiteralMessage(start: Int) -> String {
    if bytes[start] == UInt8(ascii: "0"), start + 1 < end {
      switch bytes[start + 1] | 0x20 {
      case UInt8(ascii: "x"): return "invalid hexadecimal literal"
      case UInt8(ascii: "o"): return "invalid octal literal"
      case UInt8(ascii: "b"): return "invalid binary literal"
      default: break
      }
    }
    return "invalid decimal literal"
  }

  /// Consumes `[0-9](_?[0-9])*`-style digit runs; reports a misplaced `_`.
  /// Returns the number of digits read.
  private mutating func scanDigits(isDigit: (UInt8) -> Bool, start: Int) -> Int {
    var count = 0
    while position < end {
      let byte = bytes[position]
      if isDigit(byte) {
        count += 1
        position += 1
      } else if byte == UInt8(ascii: "_"), count > 0 {
        position += 1
        if position >= end || !isDigit(bytes[position]) {
          error(invalidLiteralMessage(start: start), at: SourceRange(start: position - 1, end: position))
          return count
        }
      } else {
        break
      }
    }
    return count
  }

  private mutating func scanNumber(start: Int) -> TokenKind {
    if bytes[position] == UInt8(ascii: "0"), position + 1 < end {
      let marker = bytes[position + 1] | 0x20
      let radix: (name: String, isDigit: (UInt8) -> Bool, any: Bool)?
      switch marker {
      case UInt8(ascii: "x"):
        radix = ("hexadecimal", { Lexer.isDigit($0) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }, false)
      case UInt8(ascii: "o"): radix = ("octal", { $0 >= 0x30 && $0 <= 0x37 }, false)
      case UInt8(ascii: "b"): radix = ("binary", { $0 == 0x30 || $0 == 0x31 }, false)
      default: radix = nil
      }
      if let radix {
        position += 2
        if position < end, bytes[position] == UInt8(ascii: "_") { position += 1 }
        let count = scanDigits(isDigit: radix.isDigit, start: start)
        if position < end, Lexer.isDigit(bytes[position]), radix.name != "hexadecimal" {
          let digit = Character(Unicode.Scalar(bytes[position]))
          error(
            "invalid digit '\(digit)' in \(radix.name) literal",
            at: SourceRange(start: position, end: position + 1))
          while position < end, Lexer.isIdentifierByte(bytes[position]) { position += 1 }
        } else if count == 0 {
          error("invalid \(radix.name) literal", at: SourceRange(start: start + 1, end: position))
        }
        return .int
      }
    }
    var isFloat = false
    let integerDigits = scanDigits(isDigit: Lexer.isDigit, start: start)
    if position < end, bytes[position] == UInt8(ascii: ".") {
      isFloat = true
      position += 1
      if position < end, Lexer.isDigit(bytes[position]) {
        _ = scanDigits(isDigit: Lexer.isDigit, start: start)
      }
    }
    if position < end, bytes[position] | 0x20 == UInt8(ascii: "e") {
      let save = position
      position += 1
      if position < end, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
        position += 1
      }
      if position < end, Lexer.isDigit(bytes[position]) {
        isFloat = true
        _ = scanDigits(isDigit: Lexer.isDigit, start: start)
      } else {
        position = save
        error("invalid decimal literal", at: SourceRange(start: start, end: position))
        position += 1
        return .float
      }
    }
    if position < end, bytes[position] | 0x20 == UInt8(ascii: "j") {
      position += 1
      return .imaginary
    }
    if !isFloat, integerDigits > 1, bytes[start] == UInt8(ascii: "0") {
      let nonZero = bytes[start..<position].contains { $0 != UInt8(ascii: "0") && $0 != UInt8(ascii: "_") }
      if nonZero {
        error(
          "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
          at: SourceRange(start: start, end: position))
      }
    }
    return isFloat ? .float : .int
  }

  // MARK: - Strings

  /// Finds the end of a string literal whose prefix starts at `start`.
  private mutating func lexString(start: Int) {
    while bytes[position] != 0x27 && bytes[position] != 0x22 { position += 1 }
    let quote = bytes[position]
    let isTriple = position + 2 < end && bytes[position + 1] == quote && bytes[position + 2] == quote
    position += isTriple ? 3 : 1
    while position < end {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\\") {
        position += 2
        if position <= end, bytes[position - 1] == 0x0D, position < end, bytes[position] == 0x0A {
          position += 1
        }
        continue
      }
      if byte == quote {
        if !isTriple {
          position += 1
          add(.string, start, position)
          return
        }
        if position + 2 < end, bytes[position + 1] == quote, bytes[position + 2] == quote {
          position += 3
          add(.string, start, position)
          return
        }
      } else if !isTriple && (byte == 0x0A || byte == 0x0D) {
        break
      }
      position += 1
    }
    position = Swift.min(position, end)
    let line = source.line(containing: Swift.max(start, position - 1))
    let what = isTriple ? "unterminated triple-quoted string literal" : "unterminated string literal"
    error("\(what) (detected at line \(line))", at: SourceRange(start: start, end: position))
    add(.string, start, position)
  }
}
