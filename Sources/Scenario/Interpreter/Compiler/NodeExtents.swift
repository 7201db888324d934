// CPython's extent of an expression: the (col_offset, end_col_offset) its
// parser records, which a 3.11+ traceback underlines.
//
// heapscope's parser gives every node the range of its own tokens, and a
// parenthesised expression keeps the range of what is inside the
// parentheses, as CPython's does:
//
//     (a) + b          Name a:   1..<2 in both parsers
//     ~~~~~~~          BinOp:    CPython 0..<7, heapscope 1..<7
//
// CPython's grammar actions take a node's start from the first token of the
// rule that built it, so a binary operation, comparison, boolean operation,
// conditional expression, call, attribute or subscript starts at the
// parentheses around its first operand; a binary operation likewise ends at
// the parentheses around its right operand. `extent(of:)` widens those
// nodes: the parentheses that belong to an operand are the ones closed right
// after it (for a first operand — anything else after it would be the
// operator) and opened right before it (for a right operand), so counting
// them needs only the tokens next to the operand. Tokens come from the
// lexer, which skips comments and line continuations; inside an f-string
// field (one string token to the file's lexer) the bytes are scanned
// instead, where comments cannot occur.

/// Computes CPython's extents of the expressions of one source file.
struct NodeExtents {
  private let bytes: [UInt8]
  /// Start and end offsets and kinds of the file's tokens, layout tokens
  /// (NEWLINE, INDENT, DEDENT, end of file) left out. Sorted by start.
  private let starts: [Int]
  private let ends: [Int]
  private let kinds: [TokenKind]
  /// Extents already computed, by the node's own range: compiling a chain
  /// `a + b + ... + z` asks for every node along it, each of which needs
  /// the extents of the nodes below it.
  private var known: [SourceRange: SourceRange] = [:]

  init(source: SourceFile) {
    bytes = source.bytes
    let lexer = Lexer(source: source)
    var starts: [Int] = []
    var ends: [Int] = []
    var kinds: [TokenKind] = []
    for token in lexer.tokens {
      switch token.kind {
      case .newline, .indent, .dedent, .endOfFile: continue
      default:
        starts.append(token.range.start)
        ends.append(token.range.end)
        kinds.append(token.kind)
      }
    }
    self.starts = starts
    self.ends = ends
    self.kinds = kinds
  }

  /// The extent CPython's parser gives `expr`.
  /// - Complexity: amortised O(log tokens) per node.
  mutating func extent(of expr: Expr) -> SourceRange {
    switch expr.kind {
    case .binary, .compare, .call, .attribute, .subscript, .conditional, .boolean, .tuple:
      if let extent = known[expr.range] { return extent }
      let extent = widenedExtent(of: expr)
      known[expr.range] = extent
      return extent
    default:
      return expr.range
    }
  }

  private mutating func widenedExtent(of expr: Expr) -> SourceRange {
    switch expr.kind {
    case .binary(_, let left, let right):
      return SourceRange(start: widenedStart(extent(of: left)), end: widenedEnd(extent(of: right)))
    case .compare(let first, _), .call(let first, _), .attribute(let first, _), .subscript(let first, _),
      .conditional(_, let first, _):
      return SourceRange(start: widenedStart(extent(of: first)), end: expr.range.end)
    case .boolean(_, let operands):
      return SourceRange(start: widenedStart(extent(of: operands[0])), end: expr.range.end)
    case .tuple(let items) where !items.isEmpty && items[0].range.start == expr.range.start:
      // A tuple without its own parentheses starts with its first item's.
      return SourceRange(start: widenedStart(extent(of: items[0])), end: expr.range.end)
    default:
      return expr.range
    }
  }

  /// Where the parentheses wrapping the first operand `inner` open.
  func widenedStart(_ inner: SourceRange) -> Int {
    if let string = stringToken(containing: inner.start) {
      return widenedStartInString(inner, within: string)
    }
    var after = firstToken(atOrAfter: inner.end)
    var closers = 0
    while after < kinds.count, kinds[after] == .rightParen {
      closers += 1
      after += 1
    }
    var before = firstToken(atOrAfter: inner.start) - 1
    var start = inner.start
    while closers > 0, before >= 0, kinds[before] == .leftParen {
      start = starts[before]
      closers -= 1
      before -= 1
    }
    return start
  }

  /// Where the parentheses wrapping the right operand `inner` close.
  func widenedEnd(_ inner: SourceRange) -> Int {
    if let string = stringToken(containing: inner.start) {
      return widenedEndInString(inner, within: string)
    }
    var before = firstToken(atOrAfter: inner.start) - 1
    var openers = 0
    while before >= 0, kinds[before] == .leftParen {
      openers += 1
      before -= 1
    }
    var after = firstToken(atOrAfter: inner.end)
    var end = inner.end
    while openers > 0, after < kinds.count, kinds[after] == .rightParen {
      end = ends[after]
      openers -= 1
      after += 1
    }
    return end
  }

  /// Index of the first token starting at or after `offset`.
  private func firstToken(atOrAfter offset: Int) -> Int {
    var low = 0
    var high = starts.count
    while low < high {
      let mid = (low + high) / 2
      if starts[mid] < offset { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// The string token strictly containing `offset` (an f-string field), if any.
  private func stringToken(containing offset: Int) -> Range<Int>? {
    let index = firstToken(atOrAfter: offset + 1) - 1
    guard index >= 0, kinds[index] == .string, starts[index] < offset, offset < ends[index] else {
      return nil
    }
    return starts[index]..<ends[index]
  }

  private func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0C || byte == 0x0A || byte == 0x0D || byte == 0x5C
  }

  private func widenedStartInString(_ inner: SourceRange, within string: Range<Int>) -> Int {
    var after = inner.end
    var closers = 0
    while after < string.upperBound {
      if isBlank(bytes[after]) {
        after += 1
      } else if bytes[after] == UInt8(ascii: ")") {
        closers += 1
        after += 1
      } else {
        break
      }
    }
    var start = inner.start
    var before = inner.start - 1
    while closers > 0, before > string.lowerBound {
      if isBlank(bytes[before]) {
        before -= 1
      } else if bytes[before] == UInt8(ascii: "(") {
        start = before
        closers -= 1
        before -= 1
      } else {
        break
      }
    }
    return start
  }

  private func widenedEndInString(_ inner: SourceRange, within string: Range<Int>) -> Int {
    var before = inner.start - 1
    var openers = 0
    while before > string.lowerBound {
      if isBlank(bytes[before]) {
        before -= 1
      } else if bytes[before] == UInt8(ascii: "(") {
        openers += 1
        before -= 1
      } else {
        break
      }
    }
    var end = inner.end
    var after = inner.end
    while openers > 0, after < string.upperBound {
      if isBlank(bytes[after]) {
        after += 1
      } else if bytes[after] == UInt8(ascii: ")") {
        after += 1
        end = after
        openers -= 1
      } else {
        break
      }
    }
    return end
  }
}
