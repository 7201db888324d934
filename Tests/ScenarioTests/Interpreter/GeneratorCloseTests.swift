import HeapModel
import Testing

@testable import Scenario

/// Generator finalization (PEP 442, `gen_close`): expected values measured
/// with CPython 3.8.18–3.13.0.
@Suite struct GeneratorCloseTests {
  @Test(arguments: PythonVersion.allCases)
  func droppingASuspendedGeneratorRunsItsFinallyBlock(version: PythonVersion) throws {
    let output = try runScenario(
      """
      class Tag:
          def __del__(self):
              print("freed")
      def gen():
          tag = Tag()
          try:
              yield 1
          finally:
              print("finally")
      g = gen()
      next(g)
      del g
      print("end")

      """, version: version)
    #expect(output.stdout == "finally\nfreed\nend\n")
  }

  /// Closing the generator breaks the cycle through its frame: reference
  /// counting frees the rest during finalization, and gc.collect() counts
  /// only what is still unreachable afterwards.
  @Test(arguments: PythonVersion.allCases)
  func collectorClosesSuspendedGeneratorsBeforeCounting(version: PythonVersion) throws {
    let output = try runScenario(
      """
      import gc
      class Tag:
          def __del__(self):
              print("freed")
      def gen():
          tag = Tag()
          yield 1
      gc.collect()
      gc.disable()
      g = gen()
      next(g)
      holder = [g]
      box = {"g": g, "holder": holder}
      holder.append(box)
      del g, box, holder
      print(gc.collect())
      def gen_with(box):
          tag = Tag()
          yield len(box)
      box = []
      g = gen_with(box)
      box.append(g)
      next(g)
      del g, box
      print(gc.collect())

      """, version: version)
    #expect(output.stdout == "freed\n3\nfreed\n0\n")
  }

  /// A never-started generator: 3.8–3.11 run its frame with GeneratorExit
  /// thrown at entry (its arguments are released then), 3.12+ only mark it
  /// completed, so the collector clears the cycle through its arguments.
  @Test(arguments: PythonVersion.allCases)
  func neverStartedGeneratorInACycle(version: PythonVersion) throws {
    let output = try runScenario(
      """
      import gc
      class Tag:
          def __del__(self):
              print("freed")
      def holder(items):
          yield len(items)
      gc.collect()
      gc.disable()
      items = [Tag()]
      g = holder(items)
      items.append(g)
      del g, items
      print(gc.collect())

      """, version: version)
    #expect(output.stdout == (version >= .py312 ? "freed\n3\n" : "freed\n0\n"))
  }

  /// A generator that yields again when closed: RuntimeError, reported as
  /// unraisable with the running Python frame as its traceback.
  @Test(arguments: PythonVersion.allCases)
  func generatorIgnoringGeneratorExit(version: PythonVersion) throws {
    let output = try runScenario(
      """
      def stubborn():
          while True:
              try:
                  yield 1
              except GeneratorExit:
                  print("ignoring")
      s = stubborn()
      next(s)
      s = None
      print("end")

      """, version: version)
    #expect(output.stdout == "ignoring\nend\n")
    var lines = output.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let first = try #require(lines.first)
    #expect(first.hasPrefix("Exception ignored in: <generator object stubborn at 0x"))
    lines.removeFirst()
    var expected = [
      "Traceback (most recent call last):", "  File \"test.py\", line 9, in <module>", "    s = None",
    ]
    if version == .py311 || version == .py312 { expected.append("    ^") }
    expected += ["RuntimeError: generator ignored GeneratorExit", ""]
    #expect(lines == expected)
  }

  /// A `finally` block resurrecting its own generator: nothing is freed,
  /// the generator is finalized and exhausted.
  @Test(arguments: [PythonVersion.py39, .py310, .py311, .py312, .py313])
  func finallyBlockResurrectsItsGenerator(version: PythonVersion) throws {
    let output = try runScenario(
      """
      import gc
      keep = []
      def gen(box):
          try:
              yield 1
          finally:
              keep.append(box[0])
      gc.disable()
      box = []
      g = gen(box)
      box.append(g)
      next(g)
      del g, box
      print(gc.collect(), len(keep), gc.is_finalized(keep[0]))
      print(next(keep[0], "exhausted"))

      """, version: version)
    #expect(output.stdout == "0 1 True\nexhausted\n")
  }
}
