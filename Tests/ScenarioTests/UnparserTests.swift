import Testing

@testable import Scenario

@Suite struct UnparserTests {
  static func canonical(_ source: String) throws -> String {
    Unparser.unparse(try #require(FrontEnd.parse(source).module, "\(source)"))
  }

  @Test(arguments: [
    ("x=1+2*3", "x = 1 + 2 * 3\n"),
    ("x=(1+2)*3", "x = (1 + 2) * 3\n"),
    ("x=a-(b-c)", "x = a - (b - c)\n"),
    ("x=(a-b)-c", "x = a - b - c\n"),
    ("x=(-2)**2", "x = (-2) ** 2\n"),
    ("x=-2**2", "x = -2 ** 2\n"),
    ("x=2**(3**2)", "x = 2 ** 3 ** 2\n"),
    ("x=(2**3)**2", "x = (2 ** 3) ** 2\n"),
    ("x=not(a and b)", "x = not (a and b)\n"),
    ("x=(a if b else c) if d else e", "x = (a if b else c) if d else e\n"),
    ("x=a,", "x = (a,)\n"),
    ("a,b=c", "(a, b) = c\n"),
    ("f((x for x in y))", "f(x for x in y)\n"),
    ("x=(lambda:1)()", "x = (lambda: 1)()\n"),
    ("x=1 .real", "x = (1).real\n"),
    ("x=a[1:2,::3]", "x = a[1:2, ::3]\n"),
    ("x=\"it's\"", "x = \"it's\"\n"),
    ("x=f\"{a!r:>{w}}{{}}\"", "x = f'{a!r:>{w}}{{}}'\n"),
    ("x=f'{x=}'", "x = f'{x=}'\n"),
    (
      "if a:\n  pass\nelif b:\n  pass\nelse:\n  pass", "if a:\n    pass\nelif b:\n    pass\nelse:\n    pass\n"
    ),
    ("def f(a,b=1,/,c=2,*d,e,**f):pass", "def f(a, b=1, /, c=2, *d, e, **f):\n    pass\n"),
    ("def f(*,a):pass", "def f(*, a):\n    pass\n"),
  ])
  func canonicalText(_ source: String, _ expected: String) throws {
    #expect(try UnparserTests.canonical(source + "\n") == expected)
  }

  @Test func canonicalFormIsAFixpoint() throws {
    for snippet in FrontEnd.corpus("valid.txt") {
      let once = try UnparserTests.canonical(snippet)
      #expect(try UnparserTests.canonical(once) == once)
    }
  }

  @Test func expressionEntryPoint() throws {
    let module = try #require(FrontEnd.parse("x = a  +  b\n").module)
    guard case .assign(_, let value) = module.body[0].kind else { throw CancellationError() }
    #expect(Unparser.unparse(value) == "a + b")
  }
}
