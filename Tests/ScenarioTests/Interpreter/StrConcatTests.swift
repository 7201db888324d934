import HeapModel
import Scenario
import Testing

/// `s += t` grows `s` in place under each version's rules; the expected
/// lists are what CPython 3.8.18 / 3.11.7 / 3.12.1 / 3.13.0 print (1: id(s)
/// unchanged by that append).
@Suite struct StrConcatTests {
  static let loops = """
    def grow(n, k):
        s = "x" * n
        kept = []
        for i in range(k):
            last = id(s)
            s += "y"
            kept.append(int(id(s) == last))
        return kept
    def once(n):
        s = "x" * n
        last = id(s)
        s += "y"
        return int(id(s) == last)
    def grow_while(n):
        s = "x" * n
        kept = []
        while len(s) < n + 6:
            last = id(s)
            s = s + "y"
            kept.append(int(id(s) == last))
        return kept
    print(grow(20, 10))
    print([once(20) for i in range(10)])
    print(grow_while(20))
    """

  @Test(arguments: [
    (
      PythonVersion.py38,
      "[1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n[1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n[1, 1, 1, 1, 1, 1]\n"
    ),
    // 3.11: quickened at the 8th warm-up event (RESUME or JUMP_BACKWARD);
    // `while cond:` jumps back conditionally and does not count.
    (.py311, "[0, 0, 0, 0, 0, 0, 0, 1, 1, 1]\n[0, 0, 0, 0, 0, 0, 0, 1, 1, 1]\n[0, 0, 0, 0, 0, 0]\n"),
    // 3.12: the second execution of the instruction specialises; 24
    // characters need 65 bytes, a new size class.
    (.py312, "[0, 1, 1, 0, 1, 1, 1, 1, 1, 1]\n[0, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n[0, 1, 1, 0, 1, 1]\n"),
  ])
  func inPlaceGrowthFollowsTheVersionsWarmUp(version: PythonVersion, expected: String) throws {
    let result = try runScenario(StrConcatTests.loops, version: version)
    #expect(result.stderr == "")
    #expect(result.stdout == expected)
  }

  static let names = """
    def cell(n):
        s = "x" * n
        def reader():
            return s
        kept = []
        for i in range(4):
            last = id(s)
            s += "y"
            kept.append(int(id(s) == last))
        return kept
    def same_line(n):
        s = "x" * n
        kept = []
        for i in range(4):
            last = id(s)
            s += "y"; t = s
            del t
            kept.append(int(id(s) == last))
        return kept
    m = "x" * int("20")
    kept = []
    for i in range(3):
        last = id(m)
        m += "y"
        kept.append(int(id(m) == last))
    print(cell(20), same_line(20), kept)
    a = "x" * int("20")
    t = a + "b"
    first = id(t)
    del t
    print(id(a + "b" + "c") == first, "" + a is a, a + "" is a)
    """

  @Test(arguments: [
    (PythonVersion.py38, "[1, 1, 1, 1] [1, 1, 1, 1] [1, 1, 1]\nTrue True True\n"),
    (.py311, "[0, 0, 0, 0] [0, 0, 0, 0] [0, 0, 0]\nFalse True True\n"),
    (.py312, "[0, 0, 0, 0] [0, 1, 1, 0] [0, 0, 0]\nFalse True True\n"),
    // 3.13 compiles `STORE_FAST s; LOAD_FAST t` on one line into
    // STORE_FAST_LOAD_FAST, which the specialiser does not accept.
    (.py313, "[0, 0, 0, 0] [0, 0, 0, 0] [0, 0, 0]\nFalse True True\n"),
  ])
  func cellsModuleNamesTemporariesAndSuperinstructions(version: PythonVersion, expected: String) throws {
    let result = try runScenario(StrConcatTests.names, version: version)
    #expect(result.stderr == "")
    #expect(result.stdout == expected)
  }
}
