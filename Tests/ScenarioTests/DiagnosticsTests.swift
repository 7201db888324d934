// Malformed scenarios, each with the first diagnostic heapscope must give:
// message, line and column. Messages follow CPython 3.12's SyntaxError texts
// where CPython rejects the input too (positions agree with 3.12 except where
// heapscope points at the offending character itself: a bad escape, a
// continuation backslash, the literal that mixes bytes and str); out-of-subset
// inputs use "... not available in heapscope scenarios (...)".

import Testing

@testable import Scenario

@Suite struct DiagnosticsTests {
  static let malformed: [(source: String, message: String, line: Int, column: Int)] = [
    ("x = (1,\n", "'(' was never closed", 1, 5),
    ("x = )\n", "unmatched ')'", 1, 5),
    ("x = [(]\n", "closing parenthesis ']' does not match opening parenthesis '('", 1, 7),
    ("x = [(\n]\n", "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 2, 1),
    ("  x = 1\n", "unexpected indent", 1, 3),
    ("if x:\nx = 1\n", "expected an indented block after 'if' statement on line 1", 2, 1),
    ("if x:\n    a = 1\n  b = 2\n", "unindent does not match any outer indentation level", 3, 3),
    ("if x:\n\ta = 1\n        b = 2\n", "inconsistent use of tabs and spaces in indentation", 3, 9),
    ("x = 'abc\n", "unterminated string literal (detected at line 1)", 1, 5),
    ("x = '''abc\n", "unterminated triple-quoted string literal (detected at line 1)", 1, 5),
    ("x = $\n", "invalid syntax", 1, 5),
    ("x = 1 2\n", "invalid syntax", 1, 7),
    (
      "0777\n",
      "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 1
    ),
    ("1__0\n", "invalid decimal literal", 1, 2),
    ("1_\n", "invalid decimal literal", 1, 2),
    ("0x\n", "invalid hexadecimal literal", 1, 2),
    ("0b12\n", "invalid digit '2' in binary literal", 1, 4),
    ("0o8\n", "invalid digit '8' in octal literal", 1, 3),
    ("1e\n", "invalid decimal literal", 1, 1),
    ("1abc\n", "invalid decimal literal", 1, 1),
    ("x = 1 \\ 2\n", "unexpected character after line continuation character", 1, 7),
    ("x = 1 \\", "unexpected EOF while parsing", 1, 8),
    ("1 = x\n", "cannot assign to literal", 1, 1),
    ("f() = 1\n", "cannot assign to function call", 1, 1),
    ("a + b = 1\n", "cannot assign to expression", 1, 1),
    ("None = 1\n", "cannot assign to None", 1, 1),
    ("... = 1\n", "cannot assign to ellipsis", 1, 1),
    ("{} = 1\n", "cannot assign to dict literal", 1, 1),
    ("{1} = 1\n", "cannot assign to set display", 1, 1),
    ("a, *b, *c = d\n", "multiple starred expressions in assignment", 1, 1),
    ("del f()\n", "cannot delete function call", 1, 5),
    ("del 1\n", "cannot delete literal", 1, 5),
    ("del *a, b\n", "cannot delete starred", 1, 5),
    ("a, b += 1\n", "'tuple' is an illegal expression for augmented assignment", 1, 1),
    ("1 += 1\n", "'literal' is an illegal expression for augmented assignment", 1, 1),
    ("*a = 1\n", "starred assignment target must be in a list or tuple", 1, 1),
    ("*a\n", "can't use starred expression here", 1, 1),
    ("x = *a\n", "can't use starred expression here", 1, 5),
    ("for *a in b: pass\n", "starred assignment target must be in a list or tuple", 1, 5),
    ("def f(a, a): pass\n", "duplicate argument 'a' in function definition", 1, 10),
    ("lambda a, a: 0\n", "duplicate argument 'a' in function definition", 1, 11),
    ("nonlocal x\n", "nonlocal declaration not allowed at module level", 1, 1),
    ("def f():\n    nonlocal x\n", "no binding for nonlocal 'x' found", 2, 5),
    ("return 1\n", "'return' outside function", 1, 1),
    ("class A:\n    return 1\n", "'return' outside function", 2, 5),
    ("yield 1\n", "'yield' outside function", 1, 1),
    ("x = (yield)\n", "'yield' outside function", 1, 6),
    ("class A:\n    yield 1\n", "'yield' outside function", 2, 5),
    ("break\n", "'break' outside loop", 1, 1),
    ("continue\n", "'continue' not properly in loop", 1, 1),
    ("for x in y:\n    def f():\n        break\n", "'break' outside loop", 3, 9),
    ("while x:\n    pass\nelse:\n    break\n", "'break' outside loop", 4, 5),
    ("try:\n    pass\nx = 1\n", "expected 'except' or 'finally' block", 3, 1),
    ("try:\n    pass\n", "expected 'except' or 'finally' block", 2, 9),
    ("try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n", "default 'except:' must be last", 3, 1),
    ("try:\n    pass\nexcept A, B:\n    pass\n", "multiple exception types must be parenthesized", 3, 8),
    ("def f(a=1, b): pass\n", "parameter without a default follows parameter with a default", 1, 12),
    ("f(a=1, b)\n", "positional argument follows keyword argument", 1, 8),
    ("f(**a, b)\n", "positional argument follows keyword argument unpacking", 1, 8),
    ("f(**a, *b)\n", "iterable argument unpacking follows keyword argument unpacking", 1, 8),
    ("f(a=1, a=2)\n", "keyword argument repeated: a", 1, 8),
    ("f(x for x in y, 1)\n", "Generator expression must be parenthesized", 1, 3),
    ("f(1=2)\n", "expression cannot contain assignment, perhaps you meant \"==\"?", 1, 3),
    ("f(True=2)\n", "cannot assign to True", 1, 3),
    ("def f(*): pass\n", "named arguments must follow bare *", 1, 7),
    ("def f(**k, a): pass\n", "arguments cannot follow var-keyword argument", 1, 12),
    ("[(yield) for x in y]\n", "'yield' inside list comprehension", 1, 3),
    ("def f():\n    x = 1\n    global x\n", "name 'x' is assigned to before global declaration", 3, 5),
    ("def f(x):\n    global x\n", "name 'x' is parameter and global", 2, 5),
    ("def f():\n    print(x)\n    global x\n", "name 'x' is used prior to global declaration", 3, 5),
    (
      "x = 1\ndef f():\n    global x\n    def g():\n        nonlocal x\n",
      "no binding for nonlocal 'x' found", 5, 9
    ),
    ("f'{}'\n", "f-string: valid expression required before '}'", 1, 4),
    ("f'{x!z}'\n", "f-string: invalid conversion character 'z': expected 's', 'r', or 'a'", 1, 6),
    ("f'{'\n", "f-string: expecting '}'", 1, 4),
    ("f'}'\n", "f-string: single '}' is not allowed", 1, 3),
    ("f'{x!}'\n", "f-string: missing conversion character", 1, 6),
    ("f'{x#}'\n", "f-string expression part cannot include '#'", 1, 5),
    ("f'{a b}'\n", "f-string: invalid syntax", 1, 6),
    ("x = b'a' 'b'\n", "cannot mix bytes and nonbytes literals", 1, 10),
    ("x = b'\\xc3\\xa9' + b'é'\n", "bytes can only contain ASCII literal characters", 1, 21),
    ("x = '\\x4'\n", "(unicode error) truncated \\xXX escape", 1, 6),
    ("x = '\\N{NO SUCH NAME}'\n", "(unicode error) unknown Unicode character name", 1, 6),
    ("print 1\n", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1),
    ("def f(:\n    pass\n", "invalid syntax", 1, 7),
    ("if x\n    pass\n", "expected ':'", 1, 5),
    ("else:\n    pass\n", "invalid syntax", 1, 1),
    ("x = 1 if 2\n", "expected 'else' after 'if' expression", 1, 5),
    ("True = 1\n", "cannot assign to True", 1, 1),
    ("__debug__ = 1\n", "cannot assign to __debug__", 1, 1),
    ("a[] = 1\n", "invalid syntax", 1, 3),
    ("import\n", "invalid syntax", 1, 7),
    ("from x import\n", "invalid syntax", 1, 14),
    (
      "x = (((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))\n",
      "too many nested parentheses", 1, 205
    ),
    ("x = €\n", "invalid character '€' (U+20AC)", 1, 5),
    ("def f():\n    pass\n  x = 1\n", "unindent does not match any outer indentation level", 3, 3),
    ("(*a)\n", "cannot use starred expression here", 1, 2),
    ("x = [1, 2\ny = 3\n", "'[' was never closed", 1, 5),
    (
      "class A(x=1, y=2): pass\n",
      "class keyword arguments are not available in heapscope scenarios (metaclasses and __init_subclass__ arguments are outside the modelled subset)",
      1, 9
    ),
    ("a.b := 1\n", "invalid syntax", 1, 5),
    ("x = 1; y = (1 2)\n", "invalid syntax", 1, 15),
    ("@property\nx = 1\n", "invalid syntax", 2, 1),
    ("def f(a, *, b, **c, d): pass\n", "arguments cannot follow var-keyword argument", 1, 21),
    (
      "lambda: (yield from x)\n",
      "'yield from' is not available in heapscope scenarios (delegating generators are outside the modelled subset; loop and yield instead)",
      1, 10
    ),
    (
      "'\\ud800'\n",
      "lone surrogate escapes are not available in heapscope scenarios (they cannot be modelled as text)", 1,
      2
    ),
    (
      "import os, sys, json\n",
      "import of module 'os' is not available in heapscope scenarios (only gc, sys and weakref can be imported)",
      1, 8
    ),
    (
      "from os import path\n",
      "import of module 'os' is not available in heapscope scenarios (only gc, sys and weakref can be imported)",
      1, 6
    ),
  ]

  @Test func thereAreAtLeastSixtyCases() {
    #expect(DiagnosticsTests.malformed.count >= 60)
  }

  @Test(arguments: DiagnosticsTests.malformed)
  func firstDiagnostic(_ source: String, _ message: String, _ line: Int, _ column: Int) throws {
    let result = FrontEnd.check(source)
    #expect(result.module == nil)
    let first = try #require(result.diagnostics.first)
    let location = FrontEnd.source(source).location(of: first.range.start)
    #expect(first.message == message)
    #expect(location.line == line)
    #expect(location.column == column)
  }

  @Test func nullByteIsReportedAtItsLine() throws {
    let file = SourceFile(name: "t.py", bytes: Array("x = 1\ny = 2\nz = \"\u{0}\"\n".utf8))
    let first = try #require(Parser.parse(file).diagnostics.first)
    #expect(first.message == "source code cannot contain null bytes")
    #expect(file.location(of: first.range.start) == SourceLocation(line: 3, column: 6))
  }

  @Test func invalidUTF8IsReportedAtItsLine() throws {
    let file = SourceFile(
      name: "t.py", bytes: Array("x = 1\n# ok\ny = '".utf8) + [0xC3, 0x28] + Array("'\n".utf8))
    let first = try #require(Parser.parse(file).diagnostics.first)
    #expect(first.message == "invalid UTF-8 byte 0xC3 (scenario files must be UTF-8)")
    #expect(file.location(of: first.range.start) == SourceLocation(line: 3, column: 6))
  }

  @Test func byteOrderMarkIsAccepted() throws {
    let file = SourceFile(name: "t.py", bytes: [0xEF, 0xBB, 0xBF] + Array("x = 1\n".utf8))
    let module = try #require(Parser.parse(file).module)
    #expect(module.body.count == 1)
  }

  @Test func independentErrorsAreAllReported() {
    let source = """
      x = 1 2
      y = 3
      z = (4 5)
      def f(a, a):
          return
      w = 6 6
      """
    let messages = FrontEnd.check(source).diagnostics.map {
      FrontEnd.source(source).location(of: $0.range.start).line
    }
    #expect(messages == [1, 3, 6])
  }

  @Test func checkerErrorsAreAllReported() {
    let source = """
      import os
      break
      def f(a, a):
          nonlocal q
      class C(A, B):
          return 1
      x = open
      """
    let diagnostics = FrontEnd.check(source).diagnostics
    #expect(
      diagnostics.map(\.message) == [
        "import of module 'os' is not available in heapscope scenarios (only gc, sys and weakref can be imported)",
        "'break' outside loop",
        "duplicate argument 'a' in function definition",
        "no binding for nonlocal 'q' found",
        "multiple inheritance is not available in heapscope scenarios (a class has at most one base in the modelled subset)",
        "'return' outside function",
        "'open' is not available in heapscope scenarios (scenarios cannot touch the file system)",
      ])
  }

  @Test func outOfSubsetSyntaxAndCheckerErrorsTogether() {
    let source = "with x:\n    pass\nimport json\n"
    #expect(FrontEnd.check(source).diagnostics.count == 2)
  }

  @Test func formatterShowsLineAndCaret() {
    let file = FrontEnd.source("x = 1\nwith open('f') as f:\n    pass\n", name: "tour.py")
    let text = DiagnosticFormatter.format(compileCheck(file).diagnostics, in: file)
    #expect(
      text == """
        tour.py:2:1: error: 'with' statements are not available in heapscope scenarios (context managers are outside the modelled subset)
            with open('f') as f:
            ^~~~

        """)
  }

  @Test func deepNestingIsAnErrorNotACrash() throws {
    let deepUnary = "x = " + String(repeating: "-", count: 5000) + "1\n"
    let chain = "x = 1" + String(repeating: " + 1", count: 5000) + "\n"
    let attributes = "x = a" + String(repeating: ".b", count: 5000) + "\n"
    let lambdas = "x = " + String(repeating: "lambda: ", count: 3000) + "1\n"
    let conditionals = "x = 1" + String(repeating: " if c else 1", count: 3000) + "\n"
    let nots = "x = " + String(repeating: "not ", count: 5000) + "1\n"
    for source in [deepUnary, chain, attributes, lambdas, conditionals, nots] {
      let first = try #require(FrontEnd.check(source).diagnostics.first)
      #expect(first.message.hasPrefix("expression is too deeply nested"))
    }
    let parens = "x = " + String(repeating: "(", count: 199) + "1" + String(repeating: ")", count: 199) + "\n"
    #expect(FrontEnd.check(parens).module != nil)
    var indented = ""
    for level in 0..<120 { indented += String(repeating: " ", count: level) + "if x:\n" }
    indented += String(repeating: " ", count: 120) + "pass\n"
    #expect(FrontEnd.check(indented).diagnostics.first?.message == "too many levels of indentation")
  }

  @Test func staticBlockLimit() {
    func loops(_ count: Int) -> String {
      var text = ""
      for level in 0..<count { text += String(repeating: " ", count: level) + "for i in x:\n" }
      return text + String(repeating: " ", count: count) + "pass\n"
    }
    #expect(FrontEnd.check(loops(20)).module != nil)
    #expect(FrontEnd.firstError(loops(21))?.0 == "too many statically nested blocks")
    #expect(FrontEnd.firstError(loops(21))?.1 == 21)
    #expect(
      FrontEnd.check(
        "def f():\n" + loops(20).split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n"
      ).module != nil)
  }
}
