// A recursive-descent parser over the token stream, one function per rule of
// Python's grammar (the PEG grammar of CPython 3.9+, Grammar/python.gram, read
// as plain recursive descent: the subset never needs its backtracking except
// to tell an assignment target from an expression, which is done by parsing
// an expression and then checking it is a valid target, as CPython 3.8 did).
//
// Errors come in two kinds:
// - a syntax error the parser cannot continue past throws `SyntaxError`; the
//   statement loop records it and skips to the next statement
//   (`synchronize`), so independent errors on later lines are still found;
// - an error that leaves the structure intact (an invalid assignment target,
//   an out-of-subset construct, a bad literal) is recorded and parsing goes on.
//
// Depth: every recursive rule and every link of a left-leaning chain
// (`a.b.c`, `1 + 2 + 3`) counts against `maximumExpressionDepth`, so neither
// the parser nor any later tree walk can exhaust the stack on hostile input.
// Statement nesting is bounded by the lexer's 100 indentation levels.
//
// Names: a name with non-ASCII characters is NFKC-normalised, as CPython's
// parser does (`new_identifier` in Parser/pegen.c), so `ﬁle` and `file`, or
// `á` spelled composed and decomposed, are one variable. String contents are
// never normalised: there "\u00e1" and "a\u0301" stay two different strs.

import Foundation

/// A syntax error that ends the current statement.
struct SyntaxError: Error {
  var diagnostic: Diagnostic
}

/// Builds the AST from a clean token stream; see the file comment.
final class RecursiveDescentParser {
  /// Deepest expression nesting accepted (recursion plus chain links).
  static let maximumExpressionDepth = 400

  let tokens: [Token]
  let source: SourceFile
  let bytes: [UInt8]
  var index = 0
  var diagnostics: [Diagnostic] = []
  /// End offset of the last real (non-layout) token consumed.
  var lastEnd = 0
  var depth = 0
  /// Set when a syntax error made the parser skip part of a statement.
  var abandonedStatement = false

  init(tokens: [Token], source: SourceFile, depth: Int = 0) {
    self.tokens = tokens
    self.source = source
    self.bytes = source.bytes
    self.depth = depth
  }

  // MARK: - Token cursor

  var current: Token { tokens[index] }
  var kind: TokenKind { tokens[index].kind }

  func peek(_ offset: Int) -> TokenKind {
    let at = index + offset
    return at < tokens.count ? tokens[at].kind : .endOfFile
  }

  @discardableResult
  func advance() -> Token {
    let token = tokens[index]
    switch token.kind {
    case .newline, .indent, .dedent, .endOfFile: break
    default: lastEnd = token.range.end
    }
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  func accept(_ expected: TokenKind) -> Token? {
    guard kind == expected else { return nil }
    return advance()
  }

  func expect(_ expected: TokenKind, _ message: String? = nil) throws(SyntaxError) -> Token {
    guard kind == expected else {
      throw failure(message ?? "expected '\(expected.spelling)'", at: current.range)
    }
    return advance()
  }

  /// The text of a token (names, numbers); a non-ASCII name NFKC-normalised.
  func text(_ token: Token) -> String {
    let spelled = bytes[token.range.start..<token.range.end]
    let text = String(decoding: spelled, as: UTF8.self)
    guard token.kind == .name, spelled.contains(where: { $0 >= 0x80 }) else { return text }
    return text.precomposedStringWithCompatibilityMapping
  }

  func isName(_ word: String, at offset: Int = 0) -> Bool {
    let at = index + offset
    guard at < tokens.count, tokens[at].kind == .name else { return false }
    let range = tokens[at].range
    guard range.end - range.start == word.utf8.count else { return false }
    return bytes[range.start..<range.end].elementsEqual(word.utf8)
  }

  // MARK: - Errors

  func failure(_ message: String, at range: SourceRange) -> SyntaxError {
    SyntaxError(diagnostic: Diagnostic(message, at: range))
  }

  /// "invalid syntax" at the current token.
  func invalidSyntax() -> SyntaxError {
    if kind == .indent { return failure("unexpected indent", at: SourceRange.at(current.range.end)) }
    if kind == .endOfFile { return failure("unexpected EOF while parsing", at: current.range) }
    return failure("invalid syntax", at: current.range)
  }

  func report(_ message: String, at range: SourceRange) {
    diagnostics.append(Diagnostic(message, at: range))
  }

  /// Reports an out-of-subset construct: `'what' is not available in heapscope scenarios (why)`.
  func unavailable(_ what: String, _ why: String, at range: SourceRange) {
    report("\(what) not available in heapscope scenarios (\(why))", at: range)
  }

  func enter(_ at: SourceRange) throws(SyntaxError) {
    if depth >= RecursiveDescentParser.maximumExpressionDepth {
      throw failure(
        "expression is too deeply nested (heapscope accepts \(RecursiveDescentParser.maximumExpressionDepth) levels)",
        at: at)
    }
    depth += 1
  }

  func leave(_ levels: Int = 1) { depth -= levels }

  /// Skips the rest of a broken statement, including any block it opens,
  /// stopping before the DEDENT that closes the enclosing block.
  func synchronize() {
    var nesting = 0
    while true {
      switch kind {
      case .endOfFile:
        return
      case .indent:
        nesting += 1
        advance()
      case .dedent:
        if nesting == 0 { return }
        nesting -= 1
        advance()
        if nesting == 0 { return }
      case .newline:
        advance()
        if nesting == 0 && kind != .indent { return }
      default:
        advance()
      }
    }
  }

  func range(from start: Int) -> SourceRange {
    SourceRange(start: start, end: Swift.max(start, lastEnd))
  }
}
