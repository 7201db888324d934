import HeapModel
import Testing

@testable import Scenario

/// The str constructors that write straight into the str store — `+`,
/// join, f-strings, `str(n)`, slicing, split, case maps, iteration — give
/// CPython's text, hashes, sizes and singletons. Expected outputs measured
/// with CPython 3.8–3.13 (PYTHONHASHSEED=0).
@Suite struct StrStorageTests {
  static let scenario =
    #"""
    import sys
    parts = [f"item-{i}:" + str(i * -3) + ";" for i in range(12)]
    line = "".join(parts)
    print(line, len(line))
    print(line.split(";", 3), len(line.split(";")), "a-é-b".split("-"), "x".split(";"), "é".split("é"))
    print("--".join(p.upper() for p in parts[:3]), "+".join(["é", "ß", "日本"]), "".join([]), "".join(["a"]))
    s = "héllo wörld 日本"
    print(s[1:5], s[::2], s[-3:], s[3], s[100:], "abcdefgh"[1:7:2], "abcdefgh"[::-1], "abcdefgh"[5:1:-1], "abc"[1])
    print([c for c in "abc"], [c for c in "aé日"], "BÉ".lower(), "bé".upper(), "MiXeD 12".lower(), "MiXeD 12".upper())
    print(str(0), str(-7), str(2**70), f"{-12}{3}", f"{10**20}!", f"{5!s}", f"{True}", str(True))
    k = {"ab" + "cd": 1, "".join(["a", "bcd"]): 2}
    k["abcd"[:3] + "d"] = 3
    print(k, hash("abcd") == hash("ab" + "cd"), "ab" + "cd" == "abcd", "abd" < "abcd", "é" > "e", "ob" in "foobar", "é" in "café")
    t = "s"
    for i in range(5):
        t += "é" if i == 2 else "x"
    print(t, len(t), t.endswith("xx"), t.startswith("sx"), t.endswith("é"), "".startswith(""))
    print(sys.getsizeof(line), sys.getsizeof(s), sys.getsizeof(s[1:5]), sys.getsizeof(t), sys.getsizeof("ab" * 3 + "日"))
    print("abc"[1] is "b", s[1] is "é", "".join(["é"]) is "é", "x" + "" is "x")
    """#

  @Test(arguments: PythonVersion.allCases)
  func builtStrsMatchCPython(version: PythonVersion) throws {
    let result = try runScenario(Self.scenario, version: version)
    #expect(result.status == 0)
    let sizes = version >= .py312 ? "170 86 61 63 72" : "178 102 77 79 88"
    #expect(
      result.stdout == """
        item-0:0;item-1:-3;item-2:-6;item-3:-9;item-4:-12;item-5:-15;item-6:-18;item-7:-21;item-8:-24;item-9:-27;item-10:-30;item-11:-33; 129
        ['item-0:0', 'item-1:-3', 'item-2:-6', 'item-3:-9;item-4:-12;item-5:-15;item-6:-18;item-7:-21;item-8:-24;item-9:-27;item-10:-30;item-11:-33;'] 13 ['a', 'é', 'b'] ['x'] ['', '']
        ITEM-0:0;--ITEM-1:-3;--ITEM-2:-6; é+ß+日本  a
        éllo hlowrd日  日本 l  bdf hgfedcba fedc b
        ['a', 'b', 'c'] ['a', 'é', '日'] bé BÉ mixed 12 MIXED 12
        0 -7 1180591620717411303424 -123 100000000000000000000! 5 True True
        {'abcd': 3} True True False True True True
        sxxéxx 6 True True False True
        \(sizes)
        True True True True

        """)
  }

  /// `str.split(sep)` scans with `memchr` for the separator's first byte:
  /// partial and overlapping candidates, multi-byte separators, limits
  /// and separators at either end split as CPython does (3.12 output).
  @Test(arguments: PythonVersion.allCases)
  func splitBySeparatorMatchesCPython(version: PythonVersion) throws {
    let result = try runScenario(
      #"""
      print("aababa".split("aba"), "abab".split("ab"), "xaaay".split("aa"), "é日é日".split("日"), "aXbXc".split("X", 1))
      print("a;;b;".split(";;"), "abcab".split("ab"), "ab".split("abc"), "".split(";"), "日本日本".split("本日"), "aaaa".split("aa", 1))
      """#, version: version)
    #expect(result.status == 0)
    #expect(
      result.stdout == """
        ['a', 'ba'] ['', '', ''] ['x', 'ay'] ['é', 'é', ''] ['a', 'bXc']
        ['a', 'b;'] ['', 'c', ''] ['ab'] [''] ['日', '本'] ['', 'aa']

        """)
  }
}
