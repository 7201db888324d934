import HeapModel
import Scenario
import Testing

/// Expected outputs below were produced by the real interpreters
/// (PYTHONHASHSEED=0) for the version named.
@Suite struct InterpreterTests {
  @Test(arguments: PythonVersion.allCases)
  func arithmeticAndContainers(version: PythonVersion) throws {
    let result = try runScenario(
      """
      x = [1, 2, 3]
      d = {i: i * i for i in range(4)}
      print(x, len(x), sum(d.values()), 2 ** 70, 7 // -2, -7 % 3, 1 / 4)
      print(sorted([3, 1, 2], reverse=True), "%05.1f|%s" % (3.14159, 'ab'), f"{255:#x} {'q'!r}")
      """, version: version)
    #expect(
      result.stdout
        == "[1, 2, 3] 3 14 1180591620717411303424 -4 2 0.25\n[3, 2, 1] 003.1|ab 0xff 'q'\n")
    #expect(result.status == 0)
  }

  @Test func refcountsOfArgumentsDependOnTheVersion() throws {
    let text = """
      import sys
      def f(a):
          return sys.getrefcount(a)
      obj = object()
      print(sys.getrefcount(obj), f(obj))
      """
    // 3.8–3.10 keep the argument on the caller's stack during the call.
    #expect(try runScenario(text, version: .py310).stdout == "2 4\n")
    #expect(try runScenario(text, version: .py312).stdout == "2 3\n")
  }

  @Test(arguments: PythonVersion.allCases)
  func delRunsWhenTheLastReferenceGoes(version: PythonVersion) throws {
    let result = try runScenario(
      """
      class P:
          def __init__(self, name):
              self.name = name
          def __del__(self):
              print("del", self.name)
      a = P("a")
      b = P("b")
      del a
      print("middle")
      b = None
      print("end")
      """, version: version)
    #expect(result.stdout == "del a\nmiddle\ndel b\nend\n")
  }

  @Test func uncaughtExceptionPrintsATraceback() throws {
    let result = try runScenario(
      """
      def f(n):
          return 10 // n
      f(0)
      """, version: .py310)
    #expect(result.status == 1)
    #expect(
      result.stderr == """
        Traceback (most recent call last):
          File "test.py", line 3, in <module>
            f(0)
          File "test.py", line 2, in f
            return 10 // n
        ZeroDivisionError: integer division or modulo by zero

        """)
  }

  @Test(arguments: PythonVersion.allCases)
  func generatorsClosuresAndExceptions(version: PythonVersion) throws {
    let result = try runScenario(
      """
      def counter():
          n = 0
          def bump():
              nonlocal n
              n += 1
              return n
          return bump
      b = counter()
      b(); b()
      def gen(k):
          for i in range(k):
              yield i * i
      try:
          {}["missing"]
      except KeyError as e:
          print("caught", repr(e))
      print(b(), list(gen(4)), [c for c in "ab"], any(x > 2 for x in gen(3)))
      """, version: version)
    #expect(result.stdout == "caught KeyError('missing')\n3 [0, 1, 4, 9] ['a', 'b'] True\n")
  }

  @Test(arguments: PythonVersion.allCases)
  func listGrowthFollowsTheVersion(version: PythonVersion) throws {
    let result = try runScenario(
      """
      import sys
      a = []
      sizes = []
      for i in range(10):
          a.append(i)
          sizes.append(sys.getsizeof(a))
      print(sizes)
      """, version: version)
    // Measured identical in 3.8–3.13.
    #expect(result.stdout == "[88, 88, 88, 88, 120, 120, 120, 120, 184, 184]\n")
  }

  @Test func stepLimitStopsARunawayLoop() throws {
    var interpreter = try makeInterpreter("while True:\n    pass\n")
    interpreter.maxSteps = 1000
    #expect(throws: InterpreterStop.stepLimit(1000)) { try interpreter.run() }
  }

  @Test func recursionErrorAtTheLimit() throws {
    let result = try runScenario(
      """
      import sys
      sys.setrecursionlimit(100)
      def down(n):
          return down(n + 1)
      try:
          down(0)
      except RecursionError as e:
          print("stopped:", e)
      """)
    #expect(result.stdout == "stopped: maximum recursion depth exceeded\n")
  }
}
