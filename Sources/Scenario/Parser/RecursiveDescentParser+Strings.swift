// String literals: implicit concatenation of adjacent tokens, escapes, and
// f-strings.
//
// An f-string body alternates literal text and replacement fields:
//
//     f'total {count!r:>{width}} {{literal braces}} {x=}'
//            ^ field: expression `count`, conversion r, spec [">", field width]
//
// A field's expression is found by scanning to the first `!`, `:`, `=` or `}`
// outside brackets and nested strings, then lexed again as a slice of the
// file and parsed by a sub-parser, so its nodes carry real file offsets.
// The rules are those of CPython 3.8–3.11 (a nested string may not reuse the
// enclosing quote; `#` is not allowed); backslashes inside the expression are
// accepted as in 3.12. `{x=}` keeps the text `x=` and, with neither a
// conversion nor a spec, the implied `!r` — as CPython's own AST does.

extension RecursiveDescentParser {
  static let maximumFieldNesting = 2

  func parseStrings() throws(SyntaxError) -> Expr {
    let start = current.range.start
    var literals: [(Token, StringLiteral)] = []
    while kind == .string {
      let token = advance()
      literals.append((token, StringLiteral(token: token, bytes: bytes)))
    }
    let isBytes = literals[0].1.isBytes
    if let mixed = literals.first(where: { $0.1.isBytes != isBytes }) {
      throw failure("cannot mix bytes and nonbytes literals", at: mixed.0.range)
    }
    let whole = range(from: start)
    if isBytes {
      var value: [UInt8] = []
      for (_, literal) in literals {
        var decoder = EscapeDecoder(bytes: bytes, isRaw: literal.isRaw, isBytes: true)
        value += decoder.decodeBytes(literal.body)
        diagnostics += decoder.diagnostics
      }
      return Expr(.bytes(value), whole)
    }
    if !literals.contains(where: { $0.1.isFormatted }) {
      var value = ""
      for (_, literal) in literals {
        var decoder = EscapeDecoder(bytes: bytes, isRaw: literal.isRaw, isBytes: false)
        value += decoder.decodeString(literal.body)
        diagnostics += decoder.diagnostics
      }
      return Expr(.string(value), whole)
    }
    var parts: [FStringPart] = []
    for (_, literal) in literals {
      if literal.isFormatted {
        var position = literal.body.lowerBound
        let body = try parseFStringParts(
          literal, from: &position, end: literal.body.upperBound, nesting: 0)
        for part in body { append(part, to: &parts) }
      } else {
        var decoder = EscapeDecoder(bytes: bytes, isRaw: literal.isRaw, isBytes: false)
        append(.literal(decoder.decodeString(literal.body)), to: &parts)
        diagnostics += decoder.diagnostics
      }
    }
    return Expr(.fstring(parts), whole)
  }

  /// Appends, merging adjacent literal parts and dropping empty ones.
  func append(_ part: FStringPart, to parts: inout [FStringPart]) {
    if case .literal(let text) = part {
      if text.isEmpty { return }
      if case .literal(let previous) = parts.last {
        parts[parts.count - 1] = .literal(previous + text)
        return
      }
    }
    parts.append(part)
  }

  /// Reads literal text and fields from `position` up to `end` (the whole
  /// body) or, inside a format spec (`nesting > 0`), up to the `}` closing
  /// the enclosing field, which is left at `position`.
  func parseFStringParts(
    _ literal: StringLiteral, from position: inout Int, end: Int, nesting: Int
  ) throws(SyntaxError) -> [FStringPart] {
    var parts: [FStringPart] = []
    var chunkStart = position
    func flush(_ stop: Int) {
      guard stop > chunkStart else { return }
      var decoder = EscapeDecoder(bytes: bytes, isRaw: literal.isRaw, isBytes: false)
      append(.literal(decoder.decodeString(chunkStart..<stop)), to: &parts)
      diagnostics += decoder.diagnostics
    }
    while position < end {
      let byte = bytes[position]
      if byte == UInt8(ascii: "{") {
        if position + 1 < end, bytes[position + 1] == UInt8(ascii: "{") {
          flush(position + 1)
          position += 2
          chunkStart = position
          continue
        }
        flush(position)
        let field = try parseField(literal, at: &position, end: end, nesting: nesting)
        parts.append(field)
        chunkStart = position
        continue
      }
      if byte == UInt8(ascii: "}") {
        if nesting > 0 {
          flush(position)
          return parts
        }
        if position + 1 < end, bytes[position + 1] == UInt8(ascii: "}") {
          flush(position + 1)
          position += 2
          chunkStart = position
          continue
        }
        throw failure(
          "f-string: single '}' is not allowed", at: SourceRange(start: position, end: position + 1))
      }
      if byte == UInt8(ascii: "\\"), !literal.isRaw, position + 1 < end {
        if bytes[position + 1] == UInt8(ascii: "N"), position + 2 < end,
          bytes[position + 2] == UInt8(ascii: "{")
        {
          position += 3
          while position < end, bytes[position] != UInt8(ascii: "}") { position += 1 }
          position = Swift.min(position + 1, end)
        } else {
          position += 2
        }
        continue
      }
      position += 1
    }
    if nesting > 0 {
      throw failure("f-string: expecting '}'", at: SourceRange.at(end))
    }
    flush(end)
    return parts
  }

  /// One `{...}` field; `position` is at its `{` and ends after its `}`.
  func parseField(
    _ literal: StringLiteral, at position: inout Int, end: Int, nesting: Int
  ) throws(SyntaxError) -> FStringPart {
    let open = position
    let expressionStart = open + 1
    var scan = expressionStart
    var brackets = 0
    var stop: UInt8 = 0
    scanning: while scan < end {
      let byte = bytes[scan]
      switch byte {
      case UInt8(ascii: "'"), UInt8(ascii: "\""):
        scan = try skipNestedString(from: scan, end: end)
        continue
      case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
        brackets += 1
      case UInt8(ascii: ")"), UInt8(ascii: "]"):
        if brackets == 0 {
          throw failure(
            "f-string: unmatched '\(Character(Unicode.Scalar(byte)))'",
            at: SourceRange(start: scan, end: scan + 1))
        }
        brackets -= 1
      case UInt8(ascii: "}"):
        if brackets == 0 {
          stop = byte
          break scanning
        }
        brackets -= 1
      case UInt8(ascii: "#"):
        throw failure(
          "f-string expression part cannot include '#'", at: SourceRange(start: scan, end: scan + 1))
      case UInt8(ascii: "!") where brackets == 0:
        if scan + 1 < end, bytes[scan + 1] == UInt8(ascii: "=") {
          scan += 2
          continue
        }
        stop = byte
        break scanning
      case UInt8(ascii: ":") where brackets == 0:
        stop = byte
        break scanning
      case UInt8(ascii: "=") where brackets == 0:
        let next = scan + 1 < end ? bytes[scan + 1] : 0
        let previous = bytes[scan - 1]
        if next == UInt8(ascii: "=") {
          scan += 2
          continue
        }
        if [UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">")].contains(previous) {
          break
        }
        stop = byte
        break scanning
      default:
        break
      }
      scan += 1
    }
    guard stop != 0 else { throw failure("f-string: expecting '}'", at: SourceRange.at(scan)) }
    let expressionRange = expressionStart..<scan
    if bytes[expressionRange].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
      throw failure(
        "f-string: valid expression required before '\(Character(Unicode.Scalar(stop)))'",
        at: SourceRange(start: scan, end: scan + 1))
    }
    let expression = try parseFieldExpression(expressionRange)
    var selfDocumenting: String?
    if stop == UInt8(ascii: "=") {
      scan += 1
      while scan < end, bytes[scan] == 0x20 || bytes[scan] == 0x09 { scan += 1 }
      selfDocumenting = String(decoding: bytes[expressionStart..<scan], as: UTF8.self)
    }
    var conversion: FStringConversion?
    if scan < end, bytes[scan] == UInt8(ascii: "!") {
      scan += 1
      guard scan < end, bytes[scan] != UInt8(ascii: "}"), bytes[scan] != UInt8(ascii: ":") else {
        throw failure("f-string: missing conversion character", at: SourceRange(start: scan, end: scan))
      }
      let (character, length) = Lexer.scalar(in: bytes, at: scan)
      guard let parsed = FStringConversion(rawValue: Character(character)) else {
        throw failure(
          "f-string: invalid conversion character '\(character)': expected 's', 'r', or 'a'",
          at: SourceRange(start: scan, end: scan + length))
      }
      conversion = parsed
      scan += length
    }
    var spec: [FStringPart]?
    if scan < end, bytes[scan] == UInt8(ascii: ":") {
      if nesting >= RecursiveDescentParser.maximumFieldNesting {
        throw failure("f-string: expressions nested too deeply", at: SourceRange(start: open, end: scan))
      }
      scan += 1
      spec = try parseFStringParts(literal, from: &scan, end: end, nesting: nesting + 1)
    }
    guard scan < end, bytes[scan] == UInt8(ascii: "}") else {
      throw failure("f-string: expecting '}'", at: SourceRange.at(scan))
    }
    position = scan + 1
    if selfDocumenting != nil && conversion == nil && spec == nil { conversion = .repr }
    return .field(expression, conversion: conversion, spec: spec, selfDocumenting: selfDocumenting)
  }

  /// Skips a string literal nested in a field expression; returns the offset
  /// after its closing quote.
  func skipNestedString(from start: Int, end: Int) throws(SyntaxError) -> Int {
    let quote = bytes[start]
    let triple = start + 2 < end && bytes[start + 1] == quote && bytes[start + 2] == quote
    var scan = start + (triple ? 3 : 1)
    while scan < end {
      let byte = bytes[scan]
      if byte == UInt8(ascii: "\\") {
        scan += 2
        continue
      }
      if byte == quote {
        if !triple { return scan + 1 }
        if scan + 2 < end, bytes[scan + 1] == quote, bytes[scan + 2] == quote { return scan + 3 }
      }
      scan += 1
    }
    throw failure("f-string: unterminated string", at: SourceRange(start: start, end: start + 1))
  }

  /// Lexes and parses a field's expression in place.
  func parseFieldExpression(_ range: Range<Int>) throws(SyntaxError) -> Expr {
    let lexer = Lexer(source: source, fieldRange: range)
    if let first = lexer.diagnostics.first {
      diagnostics += lexer.diagnostics.dropFirst()
      throw SyntaxError(diagnostic: first)
    }
    let parser = RecursiveDescentParser(tokens: lexer.tokens, source: source, depth: depth)
    let expression: Expr
    if parser.kind == .kwYield {
      expression = try parser.parseYield()
    } else {
      expression = try parser.parseStarExpressions()
    }
    guard parser.kind == .endOfFile else {
      throw failure("f-string: invalid syntax", at: parser.current.range)
    }
    diagnostics += parser.diagnostics
    return expression
  }
}
