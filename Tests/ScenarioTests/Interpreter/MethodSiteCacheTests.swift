import HeapModel
import Testing

@testable import Scenario

/// LOAD_METHOD's cached path (`Interpreter.cachedBuiltinMethod`) answers
/// only for a value of a builtin type whose method the site found before;
/// everything else — another type at the same site, an instance of a
/// class, a missing method, a class method such as `fromkeys` — goes the
/// general way. Expected output measured with CPython 3.8–3.13.
@Suite struct MethodSiteCacheTests {
  static let scenario =
    """
    class Box:
        def copy(self):
            return "box"
    out = []
    for v in ["ab", [1], {"k": 2}, Box(), "cd", {"z": 1}, (3, 4), 5, 2.5, [2]]:
        try:
            out.append(v.copy())
        except AttributeError as e:
            out.append(type(v).__name__)
        try:
            r = v.fromkeys("xy")
        except AttributeError:
            r = None
        out.append(r)
    print(out)
    import sys
    s = "abc"
    before = sys.getrefcount(str.upper)
    for i in range(3):
        s.upper()
    print(sys.getrefcount(str.upper) - before, [x.upper() for x in ["a", "b"]], [d.get("k") for d in [{"k": 1}, {}]])
    """

  @Test(arguments: PythonVersion.allCases)
  func cachedMethodsMatchCPython(version: PythonVersion) throws {
    let result = try runScenario(Self.scenario, version: version)
    #expect(result.status == 0)
    #expect(
      result.stdout == """
        ['str', None, [1], None, {'k': 2}, {'x': None, 'y': None}, 'box', None, 'str', None, {'z': 1}, {'x': None, 'y': None}, 'tuple', None, 'int', None, 'float', None, [2], None]
        0 ['A', 'B'] [1, None]

        """)
  }

  /// The cached path hands out the method descriptor the general path
  /// stored for the site, and nothing for a site or value it does not know.
  @Test func cacheAnswersOnlyForTheTypeItHolds() throws {
    var interpreter = try makeInterpreter("s = 'ab'\nn = s.upper()\nt = (1, 2)\n")
    #expect(try interpreter.run() == 0)
    let text = interpreter.heap.intern("ab")
    let site = try #require(interpreter.methodSiteCache.firstIndex { $0 >> 16 != 0 })
    let method = try #require(interpreter.cachedBuiltinMethod(text, site: site))
    #expect(method == interpreter.builtinObjects[Builtin.strUpper.rawValue])
    let (general, bound) = try interpreter.loadMethod(text, "upper", site: site)
    #expect(general == method && bound)
    interpreter.drop(general)
    let tuple = interpreter.heap.newTuple([interpreter.heap.none, interpreter.heap.none])
    #expect(interpreter.cachedBuiltinMethod(tuple, site: site) == nil)
  }
}
