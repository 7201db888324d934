import HeapModel
import Scenario
import Testing

/// The evaluation loop's fast paths (docs/PERFORMANCE.md, session 4) give
/// what the general paths give. Expected outputs are those of the real
/// interpreters (PYTHONHASHSEED=0).
@Suite struct FastPathTests {
  /// `str.split(sep)` compares code points: a combining mark after the
  /// separator's character does not hide it (Foundation's grapheme-based
  /// split did).
  @Test func splitMatchesCodePoints() throws {
    let result = try runScenario(
      """
      s = "a\\u0301b;c;;d"
      print(s.split("a"), s.split(";"), "x--y----z".split("--"), "abc".split("abc"), "".split(","))
      """)
    #expect(
      result.stdout == "['', '\u{301}b;c;;d'] ['a\u{301}b', 'c', '', 'd'] ['x', 'y', '', 'z'] ['', ''] ['']\n"
    )
  }

  @Test func strOfIntsSmallAndBig() throws {
    let result = try runScenario("print(str(-12345678901234), str(2**63), str(-5), repr(10**20), str(True))")
    #expect(result.stdout == "-12345678901234 9223372036854775808 -5 100000000000000000000 True\n")
  }

  /// `list.append` through a loaded method and through the descriptor
  /// moves the same references in every version.
  @Test(arguments: [PythonVersion.py38, .py310, .py311, .py312, .py313])
  func listAppendKeepsReferenceCounts(version: PythonVersion) throws {
    let result = try runScenario(
      """
      import sys
      x = object()
      l = []
      l.append(x)
      list.append(l, x)
      print(sys.getrefcount(x), len(l), l.append(1), l[-1])
      """, version: version)
    #expect(result.stdout == "4 2 None 1\n")
  }

  /// A method site that sees several builtin types answers for each.
  @Test func methodCacheFollowsTheReceiverType() throws {
    let result = try runScenario(
      """
      for box in [[3, 1, 2], (3, 1, 3), "31:3", [3, 3, 3], (1,)]:
          print(type(box).__name__, box.count(3 if type(box) is not str else "3"), box.index(box[0]))
      """)
    #expect(result.stdout == "list 1 0\ntuple 2 0\nstr 2 0\nlist 3 0\ntuple 0 0\n")
  }
}
