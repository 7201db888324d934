import HeapModel
import Testing

/// What the scenario sees of interpreter shutdown (`Py_FinalizeEx`);
/// expected output measured with CPython 3.8.18–3.13.0.
@Suite struct ShutdownTests {
  /// A `__del__` that raises during the first collection of shutdown
  /// (modules intact) gets a traceback with its source line; one that raises
  /// in the last collection, after `sys.modules` was emptied, gets none:
  /// CPython's printer can no longer import `io` to read the file.
  @Test(arguments: PythonVersion.allCases)
  func tracebacksLoseTheirSourceLinesOnceModulesAreGone(version: PythonVersion) throws {
    let result = try runScenario(
      """
      class Bad:
          def __init__(self, n):
              self.n = n
          def __del__(self):
              raise ValueError(self.n)
      x = Bad("cycle")
      x.me = x
      del x
      z = Bad("global")
      print("end")
      """, version: version)
    #expect(result.stdout == "end\n")
    #expect(result.status == 0)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(lines.count == 9)
    #expect(lines[0].hasPrefix("Exception ignored in: <function Bad.__del__ at 0x"))
    #expect(
      Array(lines[1...3]) == [
        "Traceback (most recent call last):", "  File \"test.py\", line 5, in __del__",
        "    raise ValueError(self.n)",
      ])
    #expect(lines[4] == "ValueError: cycle")
    #expect(lines[5].hasPrefix("Exception ignored in: <function Bad.__del__ at 0x"))
    #expect(
      Array(lines[6...]) == [
        "Traceback (most recent call last):", "  File \"test.py\", line 5, in __del__", "ValueError: global",
      ])
  }

  /// With the collector disabled there is no first collection: the orphaned
  /// cycle is found with the globals, in creation order.
  @Test(arguments: PythonVersion.allCases)
  func aDisabledCollectorLeavesEverythingToTheLastCollection(version: PythonVersion) throws {
    let result = try runScenario(
      """
      import gc
      class T:
          def __init__(self, n):
              self.n = n
          def __del__(self):
              print("del", self.n)
      gc.disable()
      a = T(1)
      x = T(2)
      x.me = x
      del x
      b = T(3)
      """, version: version)
    #expect(result.stdout == "del 1\ndel 2\ndel 3\n")
  }
}
