import HeapModel
import Testing

@testable import Scenario

/// Traceback caret lines (PEP 657). Every expected text was printed by
/// CPython 3.11.7, 3.12.1 or 3.13.0 for the same source.
@Suite struct TracebackCaretsTests {
  // MARK: The C printer of 3.11/3.12

  /// Renders the C printer's lines for `line`, the location being the
  /// first occurrence of `segment` in it.
  private func cLines(_ line: String, _ segment: String, version: PythonVersion = .py312) -> String {
    let bytes = Array(line.utf8)
    let needle = Array(segment.utf8)
    let start = (0...(bytes.count - needle.count)).first { Array(bytes[$0..<$0 + needle.count]) == needle }!
    let location = CodeLocation(line: 1, endLine: 1, column: start, endColumn: start + needle.count)
    let source = SourceFile(name: "t.py", text: line + "\n")
    return TracebackCarets.sourceLines(in: source, line: 1, location: location, version: version)
  }

  @Test func binaryOperationPointsAtTheOperator() {
    #expect(cLines("    x = a + b", "a + b") == "    x = a + b\n        ~~^~~\n")
    #expect(cLines("    return a ** \"x\"", "a ** \"x\"") == "    return a ** \"x\"\n           ~~^^~~~~\n")
    #expect(
      cLines("    return a * 2 + b / c", "b / c") == "    return a * 2 + b / c\n                   ~~^~~\n")
  }

  @Test func aParenthesisedLeftOperandIsSkipped() {
    #expect(cLines("    return (a) + b", "(a) + b") == "    return (a) + b\n           ~~~~^~~\n")
    #expect(
      cLines("    return ((a)) - (  b  )", "((a)) - (  b  )")
        == "    return ((a)) - (  b  )\n           ~~~~~~^~~~~~~~~\n")
    // The character after `)` made a two-character operator before the `)` was skipped.
    #expect(cLines("    x = (a)+b", "(a)+b") == "    x = (a)+b\n        ~~~^~\n")
  }

  @Test func subscriptsUnderlineTheBrackets() {
    #expect(cLines("    return d[\"k\"] + 1", "d[\"k\"]") == "    return d[\"k\"] + 1\n           ~^^^^^\n")
    #expect(
      cLines("    return d [ \"k\" ] + 1", "d [ \"k\" ]")
        == "    return d [ \"k\" ] + 1\n           ~~^^^^^^^\n")
  }

  @Test func wideCharactersTakeTwoColumns() {
    #expect(cLines("    s = \"日本語\" + a", "\"日本語\" + a") == "    s = \"日本語\" + a\n        ~~~~~~~~~^~~\n")
    #expect(cLines("    x = ('日本語') + a", "('日本語') + a") == "    x = ('日本語') + a\n        ~~~~~~~~~~~^~~\n")
    #expect(cLines("    return \"é\" + a", "\"é\" + a") == "    return \"é\" + a\n           ~~~~^~~\n")
  }

  @Test func caretsCoveringTheWholeStrippedLineAreLeftOut() {
    #expect(cLines("    f(0)", "f(0)") == "    f(0)\n")
    #expect(cLines("\tundefined_name", "undefined_name") == "    undefined_name\n")
    // Trailing blanks count as part of the line (and are printed).
    #expect(cLines("f(1)   ", "f(1)") == "    f(1)   \n    ^^^^\n")
    #expect(cLines("f(0)  # zero", "f(0)") == "    f(0)  # zero\n    ^^^^\n")
    // ...unless anchors were found.
    #expect(cLines("a + b", "a + b") == "    a + b\n    ~~^~~\n")
  }

  @Test func tabsCountAsOneColumn() {
    #expect(cLines("\treturn a + \"x\"", "a + \"x\"") == "    return a + \"x\"\n           ~~^~~~~\n")
  }

  @Test func multiLineLocationsRunToTheLastNonBlankCharacter() {
    let line = "x = 1 + g('日本語',"
    let text = Array(line.unicodeScalars)
    let start = Array("x = 1 + ".utf8).count
    let location = CodeLocation(line: 3, endLine: 4, column: start, endColumn: 4)
    #expect(
      TracebackCarets.cPrinterLines(text: text, location: location)
        == "    x = 1 + g('日本語',\n            ^^^^^^^^^^^\n")
    // CPython scans bytes from the length in characters: the blanks after
    // wide text are drawn.
    let blanks = Array((line + "   \t").unicodeScalars)
    #expect(
      TracebackCarets.cPrinterLines(text: blanks, location: location)
        == "    x = 1 + g('日本語',   \t\n            ^^^^^^^^^^^^^^^\n")
  }

  @Test func versionsBefore311HaveNoCarets() {
    #expect(cLines("    x = a + b", "a + b", version: .py310) == "    x = a + b\n")
    #expect(cLines("    x = a + b  ", "a + b", version: .py38) == "    x = a + b  \n")
  }

  @Test func exceptionsIgnoredIn313HaveNoCarets() throws {
    let result = try runScenario(
      """
      def g(a):
          return a / 0
      class C:
          def __del__(self):
              g(1)
      c = C()
      del c
      """, version: .py313)
    #expect(result.stderr.hasSuffix("    return a / 0\nZeroDivisionError: division by zero\n"))
  }

  // MARK: The traceback.py printer of 3.13

  private func pythonLines(_ text: String, from start: String, to end: String, occurrence: Int = 0) -> String
  {
    let source = SourceFile(name: "t.py", text: text)
    let bytes = Array(text.utf8)
    func find(_ needle: String) -> [Int] {
      let pattern = Array(needle.utf8)
      return (0...(bytes.count - pattern.count)).filter { Array(bytes[$0..<$0 + pattern.count]) == pattern }
    }
    let startOffset = find(start)[occurrence]
    let endOffset = find(end).first { $0 >= startOffset }! + end.utf8.count
    let location = CodeLocation(SourceRange(start: startOffset, end: endOffset), in: source)
    return TracebackCarets.sourceLines(in: source, line: location.line, location: location, version: .py313)
  }

  @Test func callsGetAnchorsIn313() {
    #expect(pythonLines("f(1, \"s\")\n", from: "f(", to: ")") == "    f(1, \"s\")\n    ~^^^^^^^^\n")
    #expect(
      pythonLines("print(acc.withdraw(40))\n", from: "acc", to: "(40)")
        == "    print(acc.withdraw(40))\n          ~~~~~~~~~~~~^^^^\n")
  }

  @Test func wholeStatementCallsHaveNoCaretsIn313() {
    #expect(
      pythonLines("def f(n):\n    return down(n + 1)\n", from: "down", to: "1)") == "    return down(n + 1)\n"
    )
    #expect(pythonLines("y = g()\n", from: "g", to: ")") == "    y = g()\n")
    // Two targets, or a method: carets again.
    #expect(pythonLines("y = z = g()\n", from: "g", to: ")") == "    y = z = g()\n            ~^^\n")
    #expect(pythonLines("return o.g()\n", from: "o.g", to: ")") == "    return o.g()\n           ~~~^^\n")
  }

  @Test func multiLineLocationsShowTheirLinesIn313() {
    let source = """
      value = 1 + box.pick(
          0,
          0,
      )

      """
    #expect(
      pythonLines(source, from: "box", to: ")") == """
            value = 1 + box.pick(
                        ~~~~~~~~^
                0,
                ^^
                0,
                ^^
            )
            ^

        """)
    let longCall = "x = 1 + g(\n    1,\n\n    2,  # two\n    3,\n    4,\n    5,\n) * 2\n"
    #expect(
      pythonLines(longCall, from: "g(", to: "\n)") == """
            x = 1 + g(
                    ~^
                1,
                ^^
            ...<4 lines>...
                5,
                ^^
            ) * 2
            ^

        """)
  }

  @Test func aClassStatementIsElidedWithoutCaretsIn313() {
    let text = "class C:\n    x = 1\n    y = x / 0\n    z = 2\n"
    #expect(
      pythonLines(text, from: "class", to: "z = 2") == "    class C:\n    ...<2 lines>...\n        z = 2\n")
  }

  @Test func aBinaryOperationAcrossLinesIn313() {
    let text = "def f(a, b):\n    return (a +\n            b)\n"
    #expect(
      pythonLines(text, from: "a +", to: "b")
        == "    return (a +\n            ~~^\n            b)\n            ~\n")
  }

  // MARK: Extents and spans

  @Test func extentsIncludeTheParenthesesOfOperands() throws {
    let text = "x = ((a)) - (  b  )\ny = (f)(x)\nz = (a), b\n"
    let source = SourceFile(name: "t.py", text: text)
    let module = try #require(Parser.parse(source).module)
    var extents = NodeExtents(source: source)
    func value(_ index: Int) -> Expr {
      guard case .assign(_, let value) = module.body[index].kind else { preconditionFailure() }
      return value
    }
    #expect(source.text(of: extents.extent(of: value(0))) == "((a)) - (  b  )")
    #expect(source.text(of: extents.extent(of: value(1))) == "(f)(x)")
    #expect(source.text(of: extents.extent(of: value(2))) == "(a), b")
  }

  @Test(arguments: [PythonVersion.py311, .py312, .py313])
  func compiledSpansFollowCPython(version: PythonVersion) throws {
    let text = """
      def f(items, o):
          for x in items:
              o.total += x
          assert len(items) > 5, "few"
          return f"{o.total:>5}"

      """
    let interpreter = try makeInterpreter(text, version: version)
    let code = try #require(interpreter.program.codes.first { $0.name == "f" })
    let source = interpreter.source
    func spanText(_ op: Opcode) -> String {
      let index = code.instructions.firstIndex { $0.op == op }!
      return source.text(of: code.spans[index].range)
    }
    #expect(spanText(.getIter) == (version >= .py313 ? "items" : "for x in items:\n        o.total += x"))
    #expect(spanText(.inplaceOp) == "o.total += x")
    #expect(spanText(.loadAttr) == "o.total")
    let assertText = "assert len(items) > 5, \"few\""
    let raised = [PythonVersion.py311: "len(items) > 5", .py312: assertText, .py313: "len(items) > 5"]
    #expect(spanText(.raiseVarargs) == raised[version])
    #expect(spanText(.formatValue) == (version >= .py312 ? "{o.total:>5}" : "f\"{o.total:>5}\""))
  }

  // MARK: Whole tracebacks

  private let script = """
    def parse(record):
        return int(record["size"]) * 2


    def total(records):
        s = 0
        for r in records:
            s += parse(r)
        return s


    class Box:
        def __init__(self, items):
            self.items = items

        def pick(self, a, b):
            return self.items[a] / b


    box = Box([3, 4])
    print(total([{"size": "1"}]))
    try:
        total([{"name": "x"}])
    except KeyError:
        pass
    value = 1 + box.pick(
        0,
        0,
    )

    """

  @Test(arguments: [PythonVersion.py311, .py312])
  func uncaughtTracebackOfTheCPrinter(version: PythonVersion) throws {
    let result = try runScenario(script, version: version)
    #expect(result.status == 1)
    #expect(
      result.stderr == """
        Traceback (most recent call last):
          File "test.py", line 26, in <module>
            value = 1 + box.pick(
                        ^^^^^^^^^
          File "test.py", line 17, in pick
            return self.items[a] / b
                   ~~~~~~~~~~~~~~^~~
        ZeroDivisionError: division by zero

        """)
  }

  @Test func uncaughtTracebackOf313() throws {
    let result = try runScenario(script, version: .py313)
    #expect(
      result.stderr == """
        Traceback (most recent call last):
          File "test.py", line 26, in <module>
            value = 1 + box.pick(
                        ~~~~~~~~^
                0,
                ^^
                0,
                ^^
            )
            ^
          File "test.py", line 17, in pick
            return self.items[a] / b
                   ~~~~~~~~~~~~~~^~~
        ZeroDivisionError: division by zero

        """)
  }

  @Test(arguments: [PythonVersion.py312, .py313])
  func inlinedComprehensionsReportTheirCaller(version: PythonVersion) throws {
    let result = try runScenario(
      """
      def f(items):
          return [1 / x for x in items]
      f([1, 0])
      """, version: version)
    let call = version >= .py313 ? "    f([1, 0])\n    ~^^^^^^^^\n" : "    f([1, 0])\n"
    #expect(
      result.stderr == """
        Traceback (most recent call last):
          File "test.py", line 3, in <module>
        \(call)  File "test.py", line 2, in f
            return [1 / x for x in items]
                    ~~^~~
        ZeroDivisionError: division by zero

        """)
  }

  @Test(arguments: PythonVersion.allCases)
  func raiseFromNoneHidesTheContext(version: PythonVersion) throws {
    let result = try runScenario(
      """
      try:
          {}["a"]
      except KeyError:
          raise LookupError("missing") from None
      """, version: version)
    #expect(
      result.stderr == """
        Traceback (most recent call last):
          File "test.py", line 4, in <module>
            raise LookupError("missing") from None
        LookupError: missing

        """)
  }

  @Test(arguments: PythonVersion.allCases)
  func aBareRaiseAddsNoEntry(version: PythonVersion) throws {
    let result = try runScenario(
      """
      try:
          {}["a"]
      except KeyError:
          raise
      """, version: version)
    let carets = version >= .py311 ? "    ~~^^^^^\n" : ""
    #expect(
      result.stderr == """
        Traceback (most recent call last):
          File "test.py", line 2, in <module>
            {}["a"]
        \(carets)KeyError: 'a'

        """)
  }
}
