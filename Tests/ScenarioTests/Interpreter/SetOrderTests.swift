import HeapModel
import Scenario
import Testing

/// Set orders through the interpreter: the operators' C paths, 3.9+ constant
/// displays and the iterator's size check. Expected outputs are those of
/// the real interpreters (PYTHONHASHSEED=0).
@Suite struct SetOrderTests {
  /// `set(a)` is presized to 16 slots and re-inserts a's keys in a's slot
  /// order; `a | t` copies a then adds t; `&` walks the smaller side and
  /// keeps its key objects; `^` copies the right side first.
  @Test(arguments: PythonVersion.allCases)
  func operatorsFollowTheirCPaths(version: PythonVersion) throws {
    let result = try runScenario(
      """
      import sys
      a = set()
      for k in [1, 17, 33, 49, 65]:
          a.add(k)
      t = set([2, 18, 1, 34])
      print(list(a), sys.getsizeof(a), list(set(a)), sys.getsizeof(set(a)))
      print(list(a | t), list(t | a), list(a - t), list(t - a))
      print(list(a ^ t), list(t ^ a))
      print(list({1.0, 2.0} & set([1, 2, 3])), list(set([1, 2, 3]) & {1.0, 2.0}))
      """, version: version)
    let xor =
      version == .py39
      ? "[65, 2, 34, 33, 49, 18, 17] [65, 33, 49, 17, 2, 18, 34]"
      : "[65, 33, 2, 34, 49, 18, 17] [65, 2, 33, 49, 17, 18, 34]"
    #expect(
      result.stdout == """
        [65, 1, 33, 49, 17] 728 [65, 1, 33, 49, 17] 472
        [65, 1, 33, 2, 34, 49, 17, 18] [1, 2, 34, 65, 33, 49, 18, 17] [65, 49, 17, 33] [2, 18, 34]
        \(xor)
        [1.0, 2.0] [1.0, 2.0]

        """)
  }

  /// 3.9+ compiles a display of ≥ 3 constants to a frozenset constant
  /// merged into the new set: 5 items give 16 slots (32 in 3.8), and an
  /// equal display anywhere in the file reuses the frozenset of the first
  /// one compiled (here the function's, compiled at its `def`).
  @Test(arguments: PythonVersion.allCases)
  func constantDisplaysAreFrozensetsFrom39(version: PythonVersion) throws {
    let result = try runScenario(
      """
      import sys
      print(sys.getsizeof({1, 17, 33, 49, 65}))
      def f():
          return {33, 17, 1}
      print(list({1, 17, 33}), list(f()))
      """, version: version)
    let expected = version == .py38 ? "728\n[1, 17, 33] [33, 17, 1]\n" : "472\n[33, 17, 1] [33, 17, 1]\n"
    #expect(result.stdout == expected)
  }

  @Test(arguments: PythonVersion.allCases)
  func anIteratorFailsWhenTheSizeChanges(version: PythonVersion) throws {
    let result = try runScenario(
      """
      s = set(range(3))
      it = iter(s)
      print(next(it))
      s.add(10)
      for attempt in range(2):
          try:
              next(it)
          except RuntimeError as e:
              print(e)
      s.discard(10)
      try:
          next(it)
      except RuntimeError as e:
          print("still:", e)
      """, version: version)
    #expect(
      result.stdout
        == "0\nSet changed size during iteration\nSet changed size during iteration\nstill: Set changed size during iteration\n"
    )
  }
}
