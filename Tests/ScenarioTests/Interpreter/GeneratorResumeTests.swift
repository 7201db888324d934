import HeapModel
import Testing

@testable import Scenario

/// Generators driven from C (`next()`, `sum()`, `list()`, `zip`, `dict()`,
/// `min`/`max`, `str.join`) resume in a nested loop
/// (`Interpreter.resumeGenerator`, reached from `nextItem` before its other
/// kinds), and every `yield` finds its generator's state through the
/// running frame (`Frame.generatorState`) rather than the lookup by row.
/// The scenario interleaves generators, frees some so that new ones take
/// over their rows' state entries, raises through `sum()`, re-enters a
/// running generator and finalizes a suspended one. Expected output
/// measured with CPython 3.8.18–3.13.0 (the same in all six).
@Suite struct GeneratorResumeTests {
  static let scenario = """
    import sys
    def count(n, tag):
        i = 0
        while i < n:
            yield tag * 100 + i
            i += 1
    a = count(3, 1)
    b = count(3, 2)
    print(next(a), next(b), next(a), next(b), sys.getrefcount(a), sys.getrefcount(b))
    print(sum(a), list(b), sys.getrefcount(a))
    print(next(a, "done"), next(b, "done"))
    gens = [count(2, k) for k in range(6)]
    del gens[1]
    del gens[3]
    gens.append(count(2, 7))
    gens.append(count(2, 8))
    print([next(g) for g in gens])
    print(list(zip(*gens)))
    print(sum(count(4, 3)), list(count(2, 4)), sorted(count(3, 5)))
    def pairs(src):
        for x in src:
            yield x, x * 2
    print(dict(pairs(count(2, 6))))
    def failing():
        yield 1
        raise KeyError("k")
    try:
        print(sum(failing()))
    except KeyError as e:
        print("caught", repr(e))
    def selfish():
        yield next(me)
    me = selfish()
    try:
        next(me)
    except ValueError as e:
        print("caught", e)
    print(next(me, "exhausted"))
    def guarded():
        try:
            yield 1
            yield 2
        finally:
            print("finally")
    g2 = guarded()
    print(next(g2), sys.getrefcount(g2))
    del g2
    print("deleted")
    def deep(n):
        if n:
            yield sum(deep(n - 1)) + 1
        else:
            yield 0
    print(next(deep(20)))
    print(min(count(3, 9)), max(count(3, 9)), any(count(2, 0)), "-".join(str(v) for v in count(3, 1)))

    """

  @Test(arguments: PythonVersion.allCases)
  func generatorsDrivenFromCBehaveAsInCPython(version: PythonVersion) throws {
    let output = try runScenario(Self.scenario, version: version)
    #expect(
      output.stdout == """
        100 200 101 201 2 2
        102 [202] 2
        done done
        [0, 200, 300, 500, 700, 800]
        [(1, 201, 301, 501, 701, 801)]
        1206 [400, 401] [500, 501, 502]
        {600: 1200, 601: 1202}
        caught KeyError('k')
        caught generator already executing
        exhausted
        1 2
        finally
        deleted
        20
        900 902 True 100-101-102

        """)
    #expect(output.stderr == "")
    #expect(output.status == 0)
  }

  /// A generator made in a freed generator's row takes over that row's
  /// state entry; a frame resumed before and after must yield into its own
  /// generator's state (debug builds also assert it at every `yield`).
  /// 3.11+: before, the row goes to the new generator's separate frame.
  @Test(arguments: [PythonVersion.py311, .py312, .py313])
  func aReusedStateEntryBelongsToTheNewGenerator(version: PythonVersion) throws {
    var interpreter = try makeInterpreter(
      """
      def count(n, tag):
          i = 0
          while i < n:
              yield tag * 100 + i
              i += 1
      first = count(3, 1)
      print(next(first))
      del first
      second = count(3, 2)
      other = count(3, 3)
      print(next(other), next(second), sum(other), sum(second))

      """, version: version)
    #expect(try interpreter.run() == 0)
    #expect(String(decoding: interpreter.standardOutput, as: UTF8.self) == "100\n300 200 603 403\n")
    // Three generators, two state entries: one of the later two took over
    // the first one's.
    #expect(interpreter.generatorStates.count == 2)
  }
}
