import Testing

@testable import Scenario

@Suite struct LexerTests {
  @Test func indentTokens() {
    let lexer = Lexer(source: SourceFile(name: "t.py", text: "if x:\n  y\n"))
    #expect(lexer.tokens.map(\.kind) == [.kwIf, .name, .colon, .newline, .indent, .name, .newline, .dedent, .endOfFile])
  }
}
