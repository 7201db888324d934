import HeapModel
import Scenario
import Testing

/// The operations' fast paths (docs/PERFORMANCE.md, session 6 fastpaths)
/// give what the general paths give. Expected outputs are those of the real
/// interpreters 3.8–3.13 (PYTHONHASHSEED=0).
@Suite struct OperationFastPathTests {
  /// `list.sort` on keys of one type (floats with NaN and -0.0, ints with
  /// bools, strs with combining marks and astral characters, tuples of
  /// those, one long already sorted run) orders as the general path, which
  /// the scenario drives through a class whose `__lt__` compares the same
  /// values; keys of mixed types still raise. Whole slices of immutable
  /// sequences are the sequence itself (`unicode_subscript`,
  /// `tuplesubscript`, `bytes_subscript`); ASCII and non-ASCII strs slice
  /// by code point.
  @Test(arguments: [PythonVersion.py38, .py311, .py312, .py313])
  func sortAndSliceMatchCPython(version: PythonVersion) throws {
    let result = try runScenario(
      """
      class W:
          def __init__(self, v):
              self.v = v
          def __lt__(self, other):
              return self.v < other.v
      def general(data, reverse=False):
          return [w.v for w in sorted([W(x) for x in data], reverse=reverse)]
      nan = float("nan")
      cases = [
          [3.5, -1.0, nan, 2.0, nan, 0.0, -0.0, 1e300, float("-inf"), 2.0],
          [5, True, -3, 0, False, 2**62, -2**63, 5, 1],
          ["b", "a" + chr(769), "\\xe1", "", "ab", "a", "\\U0001f600", "\\uffff", "B"],
          [(1, "b"), (1, "a"), (0,), (1,), (0.5 > 1, "z"), (1, "a", 2)],
          [(2.0, nan), (1.0, 3.0), (2.0, 1.0), (nan, 0.0), (1.0, 3.0)],
          [2.5, 1, 0.5],
          [0.25 * i for i in range(300)] + [1.0, 2.0],
      ]
      for data in cases:
          for reverse in (False, True):
              print(sorted(data, reverse=reverse) == general(data, reverse), end=" ")
      print()
      for data in cases[1:4]:
          print([[ord(c) for c in x] if type(x) is str else x for x in sorted(data, reverse=True)])
      words = ["b", "a" + chr(769), "\\xe1", "ab"]
      words.sort(key=lambda w: w[::-1])
      print([len(w) for w in words], sorted([2, 1.5, 1]), sorted(["bb", "a"], key=len), sorted([1, 2, 3], key=lambda x: -x))
      try:
          sorted([1, "a"])
      except TypeError as e:
          print(e)
      try:
          sorted([(1, 2), (1, "a")])
      except TypeError as e:
          print(e)
      s = "abcdef" * 3
      t = (1, 2, 3, 4)
      b = b"abcdef" * 3
      u = "h\\xe9llo" * 2
      print(s[:] is s, s[0:100] is s, s[::1] is s, t[:] is t, t[0:4] is t, b[:] is b, u[:] is u)
      print(s[::-1] is s, s[1:] is s, t[::-1] is t, s[0:18:2] is s, [1][:] == [1])
      print(s[2:5], s[::-2], s[-3:], s[-100:2], s[5:2], t[1:3], s[3], s[-1], u[1:3], u[-1], u[::3])
      """, version: version)
    #expect(result.stderr == "")
    #expect(
      result.stdout
        == "True True True True True True True True True True True True True True \n"
        + "[4611686018427387904, 5, 5, True, 1, 0, False, -3, -9223372036854775808]\n"
        + "[[128512], [65535], [225], [98], [97, 769], [97, 98], [97], [66], []]\n"
        + "[(1, 'b'), (1, 'a', 2), (1, 'a'), (1,), (False, 'z'), (0,)]\n"
        + "[1, 2, 1, 2] [1, 1.5, 2] ['a', 'bb'] [3, 2, 1]\n"
        + "'<' not supported between instances of 'str' and 'int'\n"
        + "'<' not supported between instances of 'str' and 'int'\n" + "True True True True True True True\n"
        + "False False False False True\n" + "cde fdbfdbfdb def ab  (2, 3) d f él o hléo\n"
    )
  }
}
