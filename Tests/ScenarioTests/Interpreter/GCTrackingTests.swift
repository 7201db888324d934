import HeapModel
import Testing

@testable import Scenario

@Suite struct GCTrackingTests {
  private let script = """
    import gc
    def f():
        return (3, 4)
    t = ("x", None)
    print(gc.is_tracked((1, 2)), gc.is_tracked(f()), gc.is_tracked(t), gc.is_tracked(((1, 2), 3)))
    gc.collect()
    print(gc.is_tracked((1, 2)), gc.is_tracked(t))

    """

  /// Constant tuples are tracked until a collection looks at them; 3.12's
  /// start-up collection has untracked them before the module runs
  /// (measured with 3.8.18–3.13.0).
  @Test(arguments: PythonVersion.allCases)
  func constantTuplesAreTrackedUntilACollection(version: PythonVersion) throws {
    let output = try runScenario(script, version: version)
    let before = version == .py312 ? "False False False False" : "True True True True"
    #expect(output.stdout == before + "\nFalse False\n")
  }

  /// `gc.is_finalized` arrived in 3.9: 3.8's gc module has no such
  /// attribute (measured with 3.8.18 and 3.9.18).
  @Test(arguments: PythonVersion.allCases)
  func isFinalizedExistsFrom39(version: PythonVersion) throws {
    let output = try runScenario(
      """
      import gc
      print(hasattr(gc, "is_finalized"))
      gc.is_finalized
      """, version: version)
    if version == .py38 {
      #expect(output.stdout == "False\n")
      #expect(output.stderr.hasSuffix("AttributeError: module 'gc' has no attribute 'is_finalized'\n"))
      #expect(output.status == 1)
    } else {
      #expect(output.stdout == "True\n")
      #expect(output.status == 0)
    }
  }

  /// 3.8 calls types through `_PyObject_MakeTpCall`: the first call with a
  /// positional argument after a full collection (which empties the tuple
  /// free list) allocates a 1-tuple that then stays on the free list;
  /// 3.9+ call `range` through vectorcall (measured with 3.8.18–3.13.0).
  @Test(arguments: PythonVersion.allCases)
  func typeCallArgumentTupleIn38(version: PythonVersion) throws {
    let output = try runScenario(
      """
      import gc
      gc.collect()
      gc.disable()
      b = gc.get_count()[0]
      x = range(3)
      print(gc.get_count()[0] - b)
      b = gc.get_count()[0]
      x = range(4)
      print(gc.get_count()[0] - b)

      """, version: version)
    #expect(output.stdout == (version == .py38 ? "2\n0\n" : "1\n0\n"))
  }
}
