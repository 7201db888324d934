import Testing

@testable import Scenario

@Suite struct CheckerTests {
  static func messages(_ source: String) -> [String] {
    FrontEnd.check(source).diagnostics.map(\.message)
  }

  @Test func returnAndYieldNeedAFunction() {
    #expect(CheckerTests.messages("def f():\n    return 1\n").isEmpty)
    #expect(CheckerTests.messages("f = lambda: (yield)\n").isEmpty)
    #expect(CheckerTests.messages("class A:\n    def m(self):\n        yield\n").isEmpty)
    #expect(CheckerTests.messages("class A:\n    x = (yield)\n") == ["'yield' outside function"])
    #expect(
      CheckerTests.messages("def f():\n    return [(yield) for x in y]\n") == [
        "'yield' inside list comprehension"
      ])
    #expect(
      CheckerTests.messages("def f():\n    return {x: (yield) for x in y}\n") == [
        "'yield' inside dict comprehension"
      ])
    #expect(
      CheckerTests.messages("def f():\n    return ((yield) for x in y)\n") == [
        "'yield' inside generator expression"
      ])
    #expect(CheckerTests.messages("def f():\n    return [x for x in (yield)]\n").isEmpty)
  }

  @Test func loopsAndTheirElseClauses() {
    #expect(CheckerTests.messages("for x in y:\n    if x:\n        break\n").isEmpty)
    #expect(
      CheckerTests.messages("for x in y:\n    pass\nelse:\n    continue\n") == [
        "'continue' not properly in loop"
      ])
    #expect(CheckerTests.messages("while 1:\n    class A:\n        break\n") == ["'break' outside loop"])
    #expect(
      CheckerTests.messages("while 1:\n    try:\n        pass\n    finally:\n        continue\n").isEmpty)
    #expect(CheckerTests.messages("[x for x in y if (lambda: 1)]\n").isEmpty)
  }

  @Test func nonlocalResolution() {
    #expect(CheckerTests.messages("def f():\n    def g():\n        nonlocal x\n    x = 1\n").isEmpty)
    #expect(
      CheckerTests.messages("def f(x):\n    def g():\n        def h():\n            nonlocal x\n").isEmpty)
    #expect(
      CheckerTests.messages(
        "def f():\n    class A:\n        x = 1\n        def g(self):\n            nonlocal x\n") == [
          "no binding for nonlocal 'x' found"
        ])
    #expect(
      CheckerTests.messages("def f():\n    global x\n    def g():\n        nonlocal x\n") == [
        "no binding for nonlocal 'x' found"
      ])
    #expect(CheckerTests.messages("def f(x):\n    nonlocal x\n") == ["name 'x' is parameter and nonlocal"])
    #expect(
      CheckerTests.messages("def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x\n") == [
        "name 'x' is nonlocal and global"
      ])
    #expect(CheckerTests.messages("class A:\n    nonlocal x\n") == ["no binding for nonlocal 'x' found"])
  }

  @Test func globalsAreInTheSubset() {
    #expect(CheckerTests.messages("x = 0\ndef f():\n    global x\n    x += 1\nglobal y\n").isEmpty)
  }

  @Test func duplicateParameters() {
    #expect(
      CheckerTests.messages("def f(a, *, a): pass\n") == ["duplicate argument 'a' in function definition"])
    #expect(
      CheckerTests.messages("def f(a, **a): pass\n") == ["duplicate argument 'a' in function definition"])
    #expect(
      CheckerTests.messages("f = lambda *a, a=1: 0\n") == ["duplicate argument 'a' in function definition"])
  }

  @Test func starredExpressionsOnlyInDisplaysAndTargets() {
    #expect(CheckerTests.messages("x = [*a], (*a, 1), {*a}\nprint(*a)\n*b, c = d\n").isEmpty)
    #expect(
      CheckerTests.messages("return_value = 1\ndef f():\n    return *a\n") == [
        "can't use starred expression here"
      ])
    #expect(CheckerTests.messages("def f():\n    return *a, 1\n").isEmpty)
  }

  @Test func decorators() {
    #expect(
      CheckerTests.messages(
        "class A:\n    @property\n    def x(self): pass\n    @x.setter\n    def x(self, v): pass\n    @x.getter\n    def x(self): pass\n    @staticmethod\n    def s(): pass\n    @classmethod\n    def c(cls): pass\n"
      ).isEmpty)
    #expect(CheckerTests.messages("@a.b.setter\ndef f(): pass\n").count == 1)
    #expect(CheckerTests.messages("@property()\ndef f(): pass\n").count == 1)
    #expect(
      CheckerTests.messages("@property\nclass A: pass\n") == [
        "class decorators are not available in heapscope scenarios (only function decorators of the subset are modelled)"
      ])
  }

  /// A special method the model would not call is refused where it is
  /// defined, instead of being silently ignored at run time.
  @Test func specialMethodsOutsideTheModelAreRefused() {
    let supported =
      "class A:\n    def __init__(self): pass\n    def __len__(self): return 0\n"
      + "    def __lt__(self, o): return True\n    def __getitem__(self, i): return i\n"
      + "    def _private(self): pass\n    def __mangled(self): pass\n"
    #expect(CheckerTests.messages(supported).isEmpty)
    let messages = CheckerTests.messages(
      "class A:\n    def __add__(self, o): return 1\n    def __getattr__(self, n): return 2\n")
    #expect(messages.count == 2)
    #expect(
      messages.first?.hasPrefix("special method '__add__' is not available in heapscope scenarios") == true)
    #expect(messages.last?.contains("'__getattr__'") == true)
    #expect(messages.first?.contains("__call__ __contains__ __del__") == true)
    // Outside a class body a dunder-named function is an ordinary function.
    #expect(CheckerTests.messages("def __add__(a, b):\n    return a\n").isEmpty)
  }

  @Test func imports() {
    #expect(
      CheckerTests.messages("import gc, sys, weakref\nfrom weakref import ref, WeakKeyDictionary\n").isEmpty)
    #expect(
      CheckerTests.messages("import gc.x\n") == [
        "import of module 'gc.x' is not available in heapscope scenarios (only gc, sys and weakref can be imported)"
      ])
  }

  @Test func restrictedBuiltinsUnlessShadowed() {
    #expect(
      CheckerTests.messages("print(open)\n") == [
        "'open' is not available in heapscope scenarios (scenarios cannot touch the file system)"
      ])
    #expect(CheckerTests.messages("def open(p): return p\nopen(1)\n").isEmpty)
    #expect(CheckerTests.messages("def f(vars):\n    return vars\n").isEmpty)
    #expect(CheckerTests.messages("def f():\n    return locals()\n").count == 1)
    #expect(CheckerTests.messages("x.open()\nx.eval = 1\n").isEmpty)
  }

  @Test func singleInheritanceOnly() {
    #expect(CheckerTests.messages("class A(object): pass\nclass B(A): pass\n").isEmpty)
    #expect(CheckerTests.messages("class C(A, B): pass\n").count == 1)
  }

  @Test func staticBlocksCountTryAndExceptBodies() {
    func nested(_ count: Int) -> String {
      var text = ""
      for level in 0..<count {
        let pad = String(repeating: " ", count: 2 * level)
        text += pad + "try:\n" + pad + "  pass\n" + pad + "except E:\n"
      }
      return text + String(repeating: " ", count: 2 * count) + "pass\n"
    }
    #expect(CheckerTests.messages(nested(10)).isEmpty)
    #expect(CheckerTests.messages(nested(11)) == ["too many statically nested blocks"])
  }

  @Test func statementCountIncludesNestedStatements() throws {
    let module = try #require(
      FrontEnd.check("def f():\n    if x:\n        pass\n    else:\n        return\nclass A:\n    y = 1\n")
        .module)
    #expect(module.statementCount == 6)
  }
}
