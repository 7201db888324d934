import Testing

@testable import Scenario

@Suite struct ParserTests {
  static func expression(_ source: String) throws -> Expr {
    let module = try #require(FrontEnd.parse(source + "\n").module, "\(source) did not parse")
    guard module.body.count == 1, case .expression(let value) = module.body[0].kind else {
      Issue.record("\(source) is not one expression statement")
      throw CancellationError()
    }
    return value
  }

  @Test(arguments: ParserPrecedenceTable.cases)
  func precedenceMatchesCPython(_ source: String, _ dump: String) throws {
    #expect(ASTDump.expr(try ParserTests.expression(source)) == dump)
  }

  @Test func everyValidSnippetRoundTrips() throws {
    let snippets = FrontEnd.corpus("valid.txt")
    #expect(snippets.count >= 45)
    for snippet in snippets {
      let first = try #require(FrontEnd.parse(snippet).module, "\(snippet)")
      let text = Unparser.unparse(first)
      let second = try #require(FrontEnd.parse(text).module, "unparsed text did not parse:\n\(text)")
      #expect(ASTDump.module(first.body) == ASTDump.module(second.body), "\(snippet)\n→\n\(text)")
      #expect(Unparser.unparse(second) == text)
    }
  }

  static let constructs = [
    "a = b = c = 1", "a, *b = c", "[a, (b, c)] = d", "x.y[z] += 1", "del a, b.c, d[e]",
    "for a, b in c:\n    break\nelse:\n    pass", "while x:\n    continue",
    "if a:\n    pass\nelif b:\n    pass\nelse:\n    pass", "if a:\n    pass\nelse:\n    if b:\n        pass",
    "def f(a, b=1, /, c=2, *d, e, f=3, **g):\n    return (yield a)",
    "@property\ndef f(self):\n    return self._f", "@f.setter\ndef f(self, v):\n    pass",
    "class A(B):\n    x = 1\n    def m(self):\n        pass",
    "try:\n    pass\nexcept E as e:\n    raise X from e\nexcept:\n    raise\nelse:\n    pass\nfinally:\n    pass",
    "import gc, sys as s", "from weakref import ref, proxy as p", "global a, b",
    "def f():\n    x = 1\n    def g():\n        nonlocal x", "assert x, 'message'",
    "x = [i * j for i in range(3) if i for j in range(i) if j if i != j]", "x = {k: v for k, v in d.items()}",
    "x = {i for i in s}", "f(x for x in y)", "f(*a, *b, k=1, **c, **d)", "x = a if b else c if d else e",
    "x = lambda a, *b, c=1, **d: (a, b, c, d)", "x = a[1:2:3, ::, :, 4]", "x = a[()]", "x = a[(1, 2)]",
    "x = -2 ** -2", "x = (-2) ** 2", "x = not a == b", "x = (not a) == b", "x = a < b < c", "x = (a < b) < c",
    "x = f'{a!r:>{w}.{p}} {{}} {b=} {c = !s} {d=:>4}'", "x = f'{\"q\"}' + f\"{'q'}\"", "x = f'{ {1: 2}[1] }'",
    "x = 'a\\n\\t\\\\\\'\"\\x00\\u00e9😀'", "x = b'\\x00\\xff\\'\"'", "x = 12345678901234567890123456789",
    "x = 1.5e-07 + 1e+16 + 0.1 + 5.0 + 1e309", "x = ..., None, True, False", "x = (1,), (), [], {}, {1}",
    "x = (yield)", "x = 1 .real + (1).imag", "print(*args, sep='')", "x = [*a, *b]", "x = {**a, 'k': 1}",
  ]

  @Test(arguments: ParserTests.constructs)
  func constructRoundTrips(_ source: String) throws {
    let wrapped =
      source.contains("yield") && !source.hasPrefix("def")
      ? "def g():\n" + source.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") : source
    let first = try #require(FrontEnd.check(wrapped + "\n").module, "\(wrapped)")
    let text = Unparser.unparse(first)
    let second = try #require(FrontEnd.parse(text).module, "\(text)")
    #expect(ASTDump.module(first.body) == ASTDump.module(second.body))
    #expect(Unparser.unparse(second) == text)
  }

  @Test func everyNodeRangeCoversItsSource() throws {
    let source = "x = f(a, *b, k=c)[1:2] + -y ** 2 if not z else [i for i in w]\n"
    let module = try #require(FrontEnd.parse(source).module)
    let file = module.source
    guard case .assign(let targets, let value) = module.body[0].kind else { throw CancellationError() }
    #expect(
      file.text(of: module.body[0].range) == "x = f(a, *b, k=c)[1:2] + -y ** 2 if not z else [i for i in w]")
    #expect(file.text(of: targets[0].range) == "x")
    #expect(file.text(of: value.range) == "f(a, *b, k=c)[1:2] + -y ** 2 if not z else [i for i in w]")
    guard case .conditional(let test, let body, let orElse) = value.kind else { throw CancellationError() }
    #expect(file.text(of: test.range) == "not z")
    #expect(file.text(of: body.range) == "f(a, *b, k=c)[1:2] + -y ** 2")
    #expect(file.text(of: orElse.range) == "[i for i in w]")
    guard case .binary(.add, let left, let right) = body.kind else { throw CancellationError() }
    #expect(file.text(of: left.range) == "f(a, *b, k=c)[1:2]")
    #expect(file.text(of: right.range) == "-y ** 2")
    guard case .subscript(let call, let slice) = left.kind else { throw CancellationError() }
    #expect(file.text(of: call.range) == "f(a, *b, k=c)")
    #expect(file.text(of: slice.range) == "1:2")
  }

  @Test func compoundStatementRangesEndAtTheirLastStatement() throws {
    let source = "@property\ndef f(self):\n    x = 1\n    return x\n\ny = 2\n"
    let module = try #require(FrontEnd.parse(source).module)
    #expect(
      module.source.text(of: module.body[0].range) == "@property\ndef f(self):\n    x = 1\n    return x")
    #expect(module.statementCount == 4)
  }

  @Test func fieldExpressionsCarryFileOffsets() throws {
    let source = "s = f'a{b + 1!r:>{w}}c'\n"
    let module = try #require(FrontEnd.parse(source).module)
    guard case .assign(_, let value) = module.body[0].kind, case .fstring(let parts) = value.kind else {
      throw CancellationError()
    }
    #expect(parts.count == 3)
    guard case .field(let expr, let conversion, let spec, nil) = parts[1] else { throw CancellationError() }
    #expect(module.source.text(of: expr.range) == "b + 1")
    #expect(conversion == .repr)
    guard case .field(let width, nil, nil, nil) = spec?.last else { throw CancellationError() }
    #expect(module.source.text(of: width.range) == "w")
    #expect(parts[0] == .literal("a"))
    #expect(parts[2] == .literal("c"))
  }

  @Test func selfDocumentingFieldKeepsItsText() throws {
    let value = try ParserTests.expression("f'{x = }{y=:>3}'")
    guard case .fstring(let parts) = value.kind else { throw CancellationError() }
    guard case .field(_, let conversion, nil, let text) = parts[0] else { throw CancellationError() }
    #expect(text == "x = ")
    #expect(conversion == .repr)
    guard case .field(_, nil, .some, "y=") = parts[1] else { throw CancellationError() }
  }

  @Test func stringLiteralsDecode() throws {
    #expect(
      try ParserTests.expression(#"'a\x41\101\u00e9\U0001F600\N{bullet}\n' "b" r'\n'"#).kind
        == .string("aAAé😀•\nb\\n"))
    #expect(try ParserTests.expression(#"b'\x00\xff' B"a""#).kind == .bytes([0, 255, 97]))
    #expect(try ParserTests.expression("'''a\nb'''").kind == .string("a\nb"))
    #expect(try ParserTests.expression("'a\\\nb'").kind == .string("ab"))
    #expect(try ParserTests.expression(#"'\d'"#).kind == .string("\\d"))
    #expect(try ParserTests.expression("f'{{x}}'").kind == .fstring([.literal("{x}")]))
  }

  @Test func numbersDecode() throws {
    #expect(try ParserTests.expression("0x_ff").kind == .int(.small(255)))
    #expect(try ParserTests.expression("0o17").kind == .int(.small(15)))
    #expect(try ParserTests.expression("0b1010").kind == .int(.small(10)))
    #expect(try ParserTests.expression("1_000").kind == .int(.small(1000)))
    #expect(try ParserTests.expression("00").kind == .int(.small(0)))
    #expect(try ParserTests.expression("9223372036854775808").kind == .int(.big(BigIntFixture.twoTo63)))
    #expect(try ParserTests.expression("1_000.5").kind == .float(1000.5))
    #expect(try ParserTests.expression(".5").kind == .float(0.5))
    #expect(try ParserTests.expression("5.").kind == .float(5))
    #expect(try ParserTests.expression("1e-3").kind == .float(0.001))
    #expect(try ParserTests.expression("1e400").kind == .float(.infinity))
  }

  @Test func matchIsStillAName() throws {
    let module = try #require(FrontEnd.check("match = 1\nmatch(x)\nmatch[0]\nmatch.y = 2\n").module)
    #expect(module.body.count == 4)
  }

  @Test func generatorAsSoleArgumentTakesTheCallParentheses() throws {
    let value = try ParserTests.expression("f(x for x in y)")
    guard case .call(_, let arguments) = value.kind, case .positional(let generator) = arguments[0] else {
      throw CancellationError()
    }
    #expect(generator.range == SourceRange(start: 1, end: 15))
  }
}
