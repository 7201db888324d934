import Testing

@testable import Scenario

@Suite struct LexerTests {
  static func kinds(_ text: String) -> [TokenKind] {
    Lexer(source: SourceFile(name: "t.py", text: text)).tokens.map(\.kind)
  }

  static func messages(_ text: String) -> [String] {
    let lexer = Lexer(source: SourceFile(name: "t.py", text: text))
    return lexer.diagnostics.map(\.message) + (lexer.unclosedBracket.map { [$0.message] } ?? [])
  }

  @Test func indentationMakesIndentAndDedent() {
    #expect(
      LexerTests.kinds("if x:\n  if y:\n    z\nw\n") == [
        .kwIf, .name, .colon, .newline, .indent, .kwIf, .name, .colon, .newline, .indent, .name, .newline,
        .dedent, .dedent, .name, .newline, .endOfFile,
      ])
  }

  @Test func blankAndCommentLinesMakeNoTokens() {
    #expect(LexerTests.kinds("x\n\n   # c\n\t\ny # t\n") == [.name, .newline, .name, .newline, .endOfFile])
  }

  @Test func endOfFileClosesLineAndBlocks() {
    #expect(
      LexerTests.kinds("if x:\n  y") == [
        .kwIf, .name, .colon, .newline, .indent, .name, .newline, .dedent, .endOfFile,
      ])
  }

  @Test func bracketsJoinLines() {
    #expect(
      LexerTests.kinds("(a,\n  b)\n") == [
        .leftParen, .name, .comma, .name, .rightParen, .newline, .endOfFile,
      ])
    #expect(LexerTests.kinds("a = \\\n  b\n") == [.name, .equal, .name, .newline, .endOfFile])
  }

  @Test func crlfAndCrLineEnds() {
    #expect(
      LexerTests.kinds("if x:\r\n  y\r\nz\rw") == [
        .kwIf, .name, .colon, .newline, .indent, .name, .newline, .dedent, .name, .newline, .name, .newline,
        .endOfFile,
      ])
  }

  @Test func tabsCountToMultiplesOfEight() {
    #expect(
      LexerTests.messages("if x:\n\ty\n        z\n") == ["inconsistent use of tabs and spaces in indentation"]
    )
    #expect(LexerTests.messages("if x:\n\ty\n\tz\n").isEmpty)
    #expect(LexerTests.messages("if x:\n  \ty\n  \tz\n").isEmpty)
  }

  @Test func operatorsAreGreedy() {
    #expect(
      LexerTests.kinds("a **= b //= c >>= d <<= e -> ... := != ==")
        == [
          .name, .doubleStarEqual, .name, .doubleSlashEqual, .name, .rightShiftEqual, .name, .leftShiftEqual,
          .name, .arrow, .ellipsis, .colonEqual, .notEqual, .equalEqual, .newline, .endOfFile,
        ])
  }

  @Test func keywordsAndNames() {
    #expect(
      LexerTests.kinds("if iff None none é_1 match") == [
        .kwIf, .name, .kwNone, .name, .name, .name, .newline, .endOfFile,
      ])
  }

  @Test func numberForms() {
    #expect(
      LexerTests.kinds("0 00 0x_1F 0o7 0b1 1_000 1.5 .5 5. 1e5 1E-5 1_0.0_1 7j 1.5J") == [
        .int, .int, .int, .int, .int, .int, .float, .float, .float, .float, .float, .float, .imaginary,
        .imaginary,
        .newline, .endOfFile,
      ])
    #expect(LexerTests.kinds("1if x else 2") == [.int, .kwIf, .name, .kwElse, .int, .newline, .endOfFile])
  }

  @Test func stringPrefixes() {
    #expect(
      LexerTests.kinds("r'a' b\"b\" f'c' rb'd' BR'e' Rf'f' u'g' '''h''' \"\"\"i\"\"\"") == Array(
        repeating: .string, count: 9) + [.newline, .endOfFile])
    #expect(LexerTests.kinds("ub'x'") == [.name, .string, .newline, .endOfFile])
  }

  @Test func stringsMaySpanLinesOnlyWhenTripleQuotedOrEscaped() {
    #expect(LexerTests.kinds("'a\\\nb'\n") == [.string, .newline, .endOfFile])
    #expect(LexerTests.messages("'a\nb'\n").first == "unterminated string literal (detected at line 1)")
    #expect(
      LexerTests.messages("'''a\nb\n").first
        == "unterminated triple-quoted string literal (detected at line 2)")
  }

  @Test func bracketErrors() {
    #expect(LexerTests.messages("(]") == ["closing parenthesis ']' does not match opening parenthesis '('"])
    #expect(LexerTests.messages(")") == ["unmatched ')'"])
    #expect(LexerTests.messages("{") == ["'{' was never closed"])
    #expect(LexerTests.messages(String(repeating: "(", count: 201)).first == "too many nested parentheses")
  }

  @Test func severalLexicalErrorsInOneRun() {
    #expect(LexerTests.messages("x = 0777\ny = 0b2\nz = $\n").count == 3)
  }

  @Test func unicodeNamesAreFoundInAnyCase() {
    #expect(UnicodeNames.scalar(named: "latin small letter a") == "a")
    #expect(UnicodeNames.scalar(named: "GRINNING FACE") == "\u{1F600}")
    #expect(UnicodeNames.scalar(named: "NO SUCH THING") == nil)
  }
}
