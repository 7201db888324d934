// The 3.13 printer: `StackSummary.format_frame_summary` of Lib/traceback.py.
//
// 1. The location's lines (right-stripped) are dedented together; columns
//    become character offsets into the dedented first and last lines.
// 2. The segment they delimit is parsed inside parentheses, so it may span
//    lines; a binary operation, subscript or call gives anchors (line and
//    column of the `^` part's start and end).
// 3. The lines shown are the first, the last, and the lines around each
//    anchor; a gap of one line is shown, longer gaps become
//    `...<N lines>...`. Under each shown line, when carets are wanted, a
//    caret line: blanks for its indentation (and before the start on the
//    first line), `^` or `~`/`^` to the line's end (to the location's end on
//    the last line).
// 4. The result is dedented again and indented by four spaces.

extension TracebackCarets {
  /// A position inside the lines of a segment: line index and character.
  struct SegmentPosition: Comparable {
    var line: Int
    var column: Int

    static func < (a: SegmentPosition, b: SegmentPosition) -> Bool {
      (a.line, a.column) < (b.line, b.column)
    }
  }

  /// Where the `^` run of a 3.13 caret line starts and ends.
  struct Anchors: Equatable {
    var leftEnd: SegmentPosition
    var rightStart: SegmentPosition
  }

  static func pythonPrinterLines(in source: SourceFile, line: Int, location: CodeLocation?) -> String {
    let firstLine = location?.line ?? line
    let lastLine = max(location?.endLine ?? line, firstLine)
    var original: [[Unicode.Scalar]] = []
    for number in firstLine...lastLine {
      let text =
        number >= 1 && number <= source.lineCount ? Array(source.lineText(number).unicodeScalars) : []
      original.append(Array(PythonText.rstrip(text[...])))
    }
    let dedented = PythonText.dedent(original)
    guard dedented.contains(where: { !PythonText.strip($0[...]).isEmpty }) else { return "" }
    guard let location else {
      return "    " + PythonText.string(PythonText.strip(original[0][...])) + "\n"
    }
    var start = PythonText.characterOffset(ofByte: location.column, in: original[0])
    var end = PythonText.characterOffset(ofByte: location.endColumn, in: original[original.count - 1])
    let lines = dedented
    let dedentedBy = original[0].count - lines[0].count
    start = max(0, start - dedentedBy)
    end = max(0, end - dedentedBy)
    let displayStart = PythonText.displayWidth(lines[0], upTo: start)
    let displayEnd = PythonText.displayWidth(lines[lines.count - 1], upTo: end)

    var joined: [Unicode.Scalar] = []
    for (index, text) in lines.enumerated() {
      if index > 0 { joined.append("\n") }
      joined.append(contentsOf: text)
    }
    let segmentEnd = joined.count - (lines[lines.count - 1].count - end)
    let segment =
      segmentEnd > start ? Array(joined[min(start, joined.count)..<min(segmentEnd, joined.count)]) : []
    let anchors = pythonAnchors(in: segment)
    let showCarets = shouldShowCarets(start: start, end: end, lines: lines, anchors: anchors)

    var significant: Set<Int> = [0, lines.count - 1]
    var anchorLeft = 0
    var anchorRight = 0
    if let anchors {
      anchorLeft = anchors.leftEnd.column + (anchors.leftEnd.line == 0 ? start : 0)
      anchorRight = anchors.rightStart.column + (anchors.rightStart.line == 0 ? start : 0)
      anchorLeft = PythonText.displayWidth(lines[anchors.leftEnd.line], upTo: anchorLeft)
      anchorRight = PythonText.displayWidth(lines[anchors.rightStart.line], upTo: anchorRight)
      for around in [anchors.leftEnd.line, anchors.rightStart.line] {
        significant.formUnion((around - 1)...(around + 1))
      }
    }
    significant.remove(-1)
    significant.remove(lines.count)
    let (primary, secondary): (Unicode.Scalar, Unicode.Scalar) = anchors == nil ? ("^", "^") : ("~", "^")

    var result: [[Unicode.Scalar]] = []
    func output(_ index: Int) {
      let text = lines[index]
      result.append(text)
      guard showCarets else { return }
      let indentation = text.count - PythonText.lstrip(text[...]).count
      let count = index == lines.count - 1 ? displayEnd : PythonText.displayWidth(text, upTo: text.count)
      var carets: [Unicode.Scalar] = []
      for column in 0..<max(count, 0) {
        if column < indentation || (index == 0 && column < displayStart) {
          carets.append(" ")
        } else if let anchors,
          index > anchors.leftEnd.line || (index == anchors.leftEnd.line && column >= anchorLeft),
          index < anchors.rightStart.line || (index == anchors.rightStart.line && column < anchorRight)
        {
          carets.append(secondary)
        } else {
          carets.append(primary)
        }
      }
      result.append(carets)
    }
    let shown = significant.sorted()
    for (position, index) in shown.enumerated() {
      if position > 0 {
        let gap = index - shown[position - 1]
        if gap == 2 {
          output(index - 1)
        } else if gap > 2 {
          result.append(Array("...<\(gap - 1) lines>...".unicodeScalars))
        }
      }
      output(index)
    }
    return PythonText.dedent(result).map { "    " + PythonText.string($0) + "\n" }.joined()
  }

  /// `_extract_caret_anchors_from_line_segment` of 3.13.
  static func pythonAnchors(in segment: [Unicode.Scalar]) -> Anchors? {
    let text = PythonText.string(segment)
    guard var (expr, extents) = parseExpressionStatement("(\n" + text + "\n)") else { return nil }
    let wrapped = SourceFile(name: "<traceback>", text: "(\n" + text + "\n)")
    // `str.splitlines()`: no empty line after a final newline.
    var lines = segment.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
    if segment.isEmpty || segment.last == "\n" { lines.removeLast() }

    func lineAndColumn(_ offset: Int) -> (line: Int, byte: Int) {
      let line = wrapped.line(containing: offset)
      return (line - 2, offset - wrapped.lineStarts[line - 1])
    }
    func normalize(_ line: Int, _ byte: Int) -> Int? {
      guard line >= 0, line < lines.count else { return nil }
      return PythonText.characterOffset(ofByte: byte, in: lines[line])
    }
    func nextValid(_ line: Int, _ column: Int) -> SegmentPosition? {
      var line = line
      var column = column
      while line < lines.count, column >= lines[line].count {
        column = 0
        line += 1
      }
      guard line < lines.count, column < lines[line].count else { return nil }
      return SegmentPosition(line: line, column: column)
    }
    func increment(until stop: (Unicode.Scalar) -> Bool, from position: SegmentPosition) -> SegmentPosition? {
      var position = position
      while true {
        guard position.line < lines.count, position.column < lines[position.line].count else { return nil }
        let character = lines[position.line][position.column]
        if character == "\\" || character == "#" {
          guard let next = nextValid(position.line + 1, 0) else { return nil }
          position = next
        } else if !stop(character) {
          guard let next = nextValid(position.line, position.column + 1) else { return nil }
          position = next
        } else {
          return position
        }
      }
    }
    func endPosition(_ offset: Int, forceValid: Bool) -> SegmentPosition? {
      let (line, byte) = lineAndColumn(offset)
      guard let column = normalize(line, byte) else { return nil }
      return forceValid ? nextValid(line, column) : SegmentPosition(line: line, column: column)
    }

    switch expr.kind {
    case .binary(_, let left, let right):
      guard let end = endPosition(extents.extent(of: left).end, forceValid: true),
        let op = increment(until: { !PythonText.isSpace($0) && $0 != ")" }, from: end)
      else { return nil }
      var rightColumn = op.column + 1
      let rightStart = lineAndColumn(extents.extent(of: right).start)
      let operatorLine = lines[op.line]
      if rightColumn < operatorLine.count {
        let character = operatorLine[rightColumn]
        var beforeRight = rightStart.line > op.line
        if !beforeRight {
          guard let column = normalize(rightStart.line, rightStart.byte) else { return nil }
          beforeRight = rightColumn < column
        }
        if beforeRight, !PythonText.isSpace(character), character != "\\", character != "#" {
          rightColumn += 1
        }
      }
      return Anchors(leftEnd: op, rightStart: SegmentPosition(line: op.line, column: rightColumn))
    case .subscript(let value, _), .call(let value, _):
      let opener: Unicode.Scalar = if case .call = expr.kind { "(" } else { "[" }
      guard let end = endPosition(extents.extent(of: value).end, forceValid: true),
        let open = increment(until: { $0 == opener }, from: end),
        let close = endPosition(expr.range.end, forceValid: false)
      else { return nil }
      return Anchors(leftEnd: open, rightStart: close)
    default:
      return nil
    }
  }

  /// `_should_show_carets` of 3.13.
  static func shouldShowCarets(start: Int, end: Int, lines: [[Unicode.Scalar]], anchors: Anchors?) -> Bool {
    let text = lines.map { PythonText.string($0) }.joined(separator: "\n")
    if text.unicodeScalars.allSatisfy(PythonText.isSpace) { return false }
    if var (statement, extents, source) = parseFirstStatement(text, requireSingle: false) {
      var call: Expr? = nil
      switch statement.kind {
      case .return(let value?):
        if case .call(let function, _) = value.kind, case .name = function.kind { call = value }
      case .assign(let targets, let value):
        if targets.count == 1, case .name = targets[0].kind, case .call = value.kind { call = value }
      default:
        break
      }
      if let call {
        // CPython compares the AST's byte columns with character offsets.
        let location = CodeLocation(extents.extent(of: call), in: source)
        if location.line == 1, location.endLine == lines.count, location.column == start,
          location.endColumn == end
        {
          return false
        }
      }
    } else if Parser.parseTree(SourceFile(name: "<traceback>", text: text)).diagnostics.isEmpty {
      return false  // parsed, but no statement (only comments)
    }
    if anchors != nil { return true }
    let before = lines[0].prefix(start)
    let after = lines[lines.count - 1].dropFirst(min(end, lines[lines.count - 1].count))
    return !PythonText.lstrip(before).isEmpty || !PythonText.rstrip(after).isEmpty
  }
}
