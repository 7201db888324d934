// The parser's public face. Parsing runs in two stages: the lexer makes the
// token stream (and reports encoding, indentation, literal and bracket
// errors), then, if the tokens are clean, `RecursiveDescentParser` builds the
// AST. Out-of-subset syntax the grammar can still read (`with`, `async`,
// walrus, annotations, `match`, ...) is parsed past and reported, so one run
// names every such construct instead of stopping at the first.

/// Parses scenario source text into a `Module`.
public enum Parser {
  /// Parses a whole scenario file.
  ///
  /// - Returns: the module (nil if any error was found) and the diagnostics,
  ///   in source order.
  public static func parse(_ source: SourceFile) -> ParseResult {
    let tree = parseTree(source)
    return ParseResult(
      module: tree.diagnostics.isEmpty ? Module(body: tree.body, source: source) : nil,
      diagnostics: tree.diagnostics)
  }

  /// The statements parsed, the diagnostics, and whether the tree is whole:
  /// true when every error was reported without abandoning a statement (an
  /// out-of-subset construct, an invalid target), so the checker can still
  /// walk the tree and report its own errors in the same run.
  static func parseTree(_ source: SourceFile) -> (body: [Stmt], diagnostics: [Diagnostic], isWhole: Bool) {
    let lexer = Lexer(source: source)
    guard lexer.diagnostics.isEmpty else { return ([], sorted(lexer.diagnostics), false) }
    let parser = RecursiveDescentParser(tokens: lexer.tokens, source: source)
    let body = parser.parseModule()
    if let unclosed = lexer.unclosedBracket {
      // Inside an unclosed bracket the rest of the file is one logical line:
      // a parser error on the bracket's own line is the real mistake; one
      // further on only says the bracket was never closed (CPython's rule).
      let endOfText =
        lexer.tokens.last(where: { $0.kind != .newline && $0.kind != .dedent && $0.kind != .endOfFile })?
        .range.end ?? 0
      if let first = sorted(parser.diagnostics).first, first.range.start < endOfText,
        source.line(containing: first.range.start) == source.line(containing: unclosed.range.start)
      {
        return ([], [first], false)
      }
      return ([], [unclosed], false)
    }
    return (body, sorted(parser.diagnostics), !parser.abandonedStatement)
  }

  static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.enumerated().sorted {
      ($0.element.range.start, $0.offset) < ($1.element.range.start, $1.offset)
    }.map(\.element)
  }
}
