// The source lines under a traceback entry, with 3.11+'s caret lines
// (PEP 657's fine-grained error locations).
//
//       File "t.py", line 4, in parse
//         return int(record["size"]) * 2
//                    ~~~~~~^^^^^^^^
//
// Every instruction of 3.11+ carries a location (line, end line, column,
// end column; columns in UTF-8 bytes), and the entry underlines the
// location of the instruction that raised. An uncaught exception is printed
// by two different printers with different rules:
//
// - 3.11 and 3.12: C, `tb_displayline` in Python/traceback.c. One source
//   line, its indentation (spaces, tabs, form feeds) removed, its trailing
//   whitespace kept. A location on one line is parsed on its own; a binary
//   operation is drawn `~~^~~` (`^` on the operator, skipping the `)` of a
//   parenthesised left operand), a subscript `~~^^^^` (`^` from `[` to
//   `]`). A location running onto later lines is drawn to the last
//   non-blank character of the first line (CPython scans the line's UTF-8
//   bytes from its length in characters: lines with wide text and trailing
//   blanks get the blanks drawn). Nothing is drawn when plain `^` would
//   cover the whole stripped line. Columns are display columns: East Asian
//   wide and fullwidth characters count two.
// - 3.13: Python, `StackSummary.format_frame_summary` in Lib/traceback.py
//   (the default excepthook calls into it). Every line of the location is
//   dedented and shown, long runs elided as `...<N lines>...`; calls are
//   drawn too (`~~~~^^^^^`, `^` from `(` to `)`), and operands may span
//   lines. Carets are dropped for `return f(...)` and `x = f(...)` whose
//   call is the whole statement, and otherwise only kept when anchors were
//   found or the location leaves part of the lines uncovered.
//
// Versions before 3.11 have no locations: they print the source line as
// 3.11 does, without carets. So does 3.13's C printer, which still prints
// the tracebacks of "Exception ignored in" reports.

import HeapModel

/// CPython's location of one instruction: 1-based lines, 0-based UTF-8 byte
/// columns (`co_positions()`).
struct CodeLocation: Hashable, Sendable {
  var line: Int
  var endLine: Int
  var column: Int
  var endColumn: Int

  init(line: Int, endLine: Int, column: Int, endColumn: Int) {
    self.line = line
    self.endLine = endLine
    self.column = column
    self.endColumn = endColumn
  }

  /// The location of a byte range of `source`.
  init(_ range: SourceRange, in source: SourceFile) {
    line = source.line(containing: range.start)
    endLine = source.line(containing: range.end)
    column = range.start - source.lineStarts[line - 1]
    endColumn = range.end - source.lineStarts[endLine - 1]
  }
}

/// Renders the source part of a traceback entry as CPython does.
enum TracebackCarets {
  /// The lines printed after `File "...", line N, in name` for an entry at
  /// `line` whose raising instruction has `location` (nil: none recorded).
  /// `unraisable`: the entry belongs to an "Exception ignored in" report,
  /// which 3.13 still prints in C — where 3.13 draws no carets.
  static func sourceLines(
    in source: SourceFile, line: Int, location: CodeLocation?, version: PythonVersion,
    unraisable: Bool = false
  ) -> String {
    if version >= .py313, !unraisable {
      return pythonPrinterLines(in: source, line: line, location: location)
    }
    guard line >= 1, line <= source.lineCount else { return "" }
    let text = Array(source.lineText(line).unicodeScalars)
    let drawsCarets = version >= .py311 && version <= .py312
    return cPrinterLines(text: text, location: drawsCarets ? location : nil)
  }

  // MARK: The C printer (3.8–3.12)

  /// `tb_displayline`: the stripped line, then the carets (3.11/3.12).
  static func cPrinterLines(text: [Unicode.Scalar], location: CodeLocation?) -> String {
    var leading = 0
    while leading < text.count, isCBlank(text[leading]) { leading += 1 }
    let shown = "    " + String(String.UnicodeScalarView(text[leading...])) + "\n"
    guard let location, location.line >= 0, location.endLine >= 0, location.column >= 0,
      location.endColumn >= 0
    else { return shown }
    let utf8 = Array(String(String.UnicodeScalarView(text)).utf8)
    let start = PythonText.characterOffset(ofByte: location.column, in: text)
    var end = PythonText.characterOffset(ofByte: location.endColumn, in: text)
    var anchors: (left: Int, right: Int)? = nil
    if location.line == location.endLine {
      let segment = Array(text[min(start, text.count)..<min(max(start, end), text.count)])
      if let found = cAnchors(in: segment) { anchors = (found.left + start, found.right + start) }
    } else {
      // The last non-blank *byte* before the line's length in characters.
      var index = text.count - 1
      while index >= 0, isCBlankByte(utf8[index]) { index -= 1 }
      end = index + 1
    }
    if end - start == text.count - leading, anchors == nil { return shown }
    let startColumn = PythonText.displayWidth(text, upTo: start)
    let endColumn = PythonText.displayWidth(text, upTo: end)
    let (primary, secondary): (Character, Character) = anchors == nil ? ("^", "^") : ("~", "^")
    let left = anchors.map { PythonText.displayWidth(text, upTo: $0.left) } ?? -1
    let right = anchors.map { PythonText.displayWidth(text, upTo: $0.right) } ?? -1
    var carets = ""
    let truncation = leading - 4
    var position = truncation + 1
    while position <= endColumn {
      if position <= startColumn {
        carets.append(" ")
      } else if anchors != nil, left < position, position <= right {
        carets.append(secondary)
      } else {
        carets.append(primary)
      }
      position += 1
    }
    return shown + carets + "\n"
  }

  /// The anchors of a one-line segment for the C printer, as character
  /// offsets into the segment: the operator of a binary operation, the
  /// brackets of a subscript (`extract_anchors_from_expr`).
  static func cAnchors(in segment: [Unicode.Scalar]) -> (left: Int, right: Int)? {
    let text = String(String.UnicodeScalarView(segment))
    guard var (expr, extents) = parseExpressionStatement(text) else { return nil }
    let bytes = Array(text.utf8)
    var left = -1
    var right = -1
    switch expr.kind {
    case .binary(_, let lhs, let rhs):
      let operatorEnd = extents.extent(of: rhs).start
      var index = extents.extent(of: lhs).end
      while index < operatorEnd {
        defer { index += 1 }
        if isCBlankByte(bytes[index]) { continue }
        left = index
        right = index + 1
        if index + 1 < operatorEnd, !isCBlankByte(bytes[index + 1]) { right += 1 }
        // A `)` closing the left operand is not the operator: keep going.
        if index + 1 < operatorEnd, bytes[index] == UInt8(ascii: ")") { continue }
        break
      }
      guard left >= 0 else { return nil }
    case .subscript(let value, let index):
      left = extents.extent(of: value).end
      right = extents.extent(of: index).end + 1
      while left < bytes.count, bytes[left] != UInt8(ascii: "[") { left += 1 }
      while right < bytes.count, bytes[right] != UInt8(ascii: "]") { right += 1 }
      if right < bytes.count { right += 1 }
    default:
      return nil
    }
    return (
      PythonText.characterOffset(ofByte: left, in: segment),
      PythonText.characterOffset(ofByte: right, in: segment)
    )
  }

  /// Parses `text` as a module; returns its expression if it is exactly one
  /// expression statement (what CPython's re-parse of a segment accepts).
  static func parseExpressionStatement(_ text: String) -> (Expr, NodeExtents)? {
    guard var (statement, extents, _) = parseFirstStatement(text), case .expression(let expr) = statement.kind
    else { return nil }
    return (expr, extents)
  }

  /// Parses `text` as a module; returns its first statement when the whole
  /// parses cleanly and holds exactly one statement (`requireSingle`) or any
  /// number (then nil only on errors or an empty body).
  static func parseFirstStatement(_ text: String, requireSingle: Bool = true) -> (
    Stmt, NodeExtents, SourceFile
  )? {
    let source = SourceFile(name: "<traceback>", text: text)
    let tree = Parser.parseTree(source)
    guard tree.diagnostics.isEmpty, let first = tree.body.first else { return nil }
    if requireSingle, tree.body.count != 1 { return nil }
    return (first, NodeExtents(source: source), source)
  }

  private static func isCBlank(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\t" || scalar == "\u{0C}"
  }

  private static func isCBlankByte(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0C
  }
}
