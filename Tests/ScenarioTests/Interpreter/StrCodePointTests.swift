import HeapModel
import Testing

@testable import Scenario

/// Python's str is a sequence of code points: composed "\u00e1" and
/// decomposed "a\u0301" are different strings of different lengths, however
/// Swift's String (canonical equivalence, grapheme clusters) sees them. The
/// expected outputs are those of CPython 3.8–3.13 (PYTHONHASHSEED=0).
@Suite struct StrCodePointTests {
  @Test(arguments: PythonVersion.allCases)
  func composedAndDecomposedAreDifferentStrings(version: PythonVersion) throws {
    let result = try runScenario(
      #"""
      a = "\u00e1"
      b = "a\u0301"
      c = "".join(["a", "\u0301"])
      print(a == b, b == c, a is b, len(a), len(b), a < b, b < a, sorted([a, b, "b"]) == [b, "b", a])
      print({a: 1, b: 2}, len({a, b, c}), a in [b], [a].count(b), (a, b).index(b))
      print(b in "xa\u0301y", a in "xa\u0301y", "xa\u0301y".find(a), "xa\u0301y".count("a"), "x\u00e1y".startswith("xa"))
      print("xa\u0301y".replace("a", "o"), "xa\u0301y".split("a"), b.endswith("\u0301"), [ord(ch) for ch in b])
      print(f"[{b:>4}]", "[%4s]" % b, "[{:^5}]".format(b), repr(b), repr("\u0301"), repr("\u200b"))
      """#, version: version)
    #expect(result.status == 0)
    #expect(
      result.stdout == """
        False True False 1 2 False True True
        {'\u{E1}': 1, 'a\u{301}': 2} 2 False 0 1
        True False -1 1 False
        x\u{F3}y ['x', '\u{301}y'] True [97, 769]
        [  a\u{301}] [  a\u{301}] [ a\u{301}  ] 'a\u{301}' '\u{301}' '\\u200b'

        """)
  }

  @Test(arguments: PythonVersion.allCases)
  func caseMappingReplaceAndNumbersFollowCPython(version: PythonVersion) throws {
    let result = try runScenario(
      #"""
      print("\u00df".upper(), "\ufb01".upper(), "\u0130".lower() == "i\u0307", "\u039f\u0394\u039f\u03a3 \u03a3".lower(), "they're".title())
      print("abc".replace("", "-"), "aaa".replace("a", "b", 2), int(" \u2003 12 "), "\u212a" == "K", "K" in "\u212a")
      s = "abc"
      print(s.replace("z", "y") is s, s.replace("a", "a", 0) is s)
      """#, version: version)
    #expect(
      result.stdout == """
        SS FI True \u{3BF}\u{3B4}\u{3BF}\u{3C2} \u{3C3} They'Re
        -a-b-c- bba 12 False False
        True True

        """)
  }

  @Test func nonASCIINamesAreNFKCNormalised() throws {
    let result = try runScenario("\u{FB01}le = 3\nprint(file)\n\u{E1} = 1\nprint(a\u{301})\n")
    #expect(result.stdout == "3\n1\n")
  }

  @Test(arguments: ["print(chr(0xD800))", "print('%c' % 0xDC00)", "print('{:c}'.format(0xDFFF))"])
  func loneSurrogatesStopTheRun(source: String) throws {
    var interpreter = try makeInterpreter(source)
    #expect(throws: InterpreterStop.self) { try interpreter.run() }
  }

  @Test func pythonTextHelpers() {
    #expect(PythonText.upper("stra\u{DF}e") == "STRASSE")
    #expect(PythonText.lower("\u{3A3}") == "\u{3C3}")
    #expect(PythonText.lower("A\u{3A3}") == "a\u{3C2}")
    #expect(PythonText.lower("A\u{3A3}'") == "a\u{3C2}'")
    #expect(PythonText.lower("A\u{3A3}B") == "a\u{3C3}b")
    #expect(PythonText.lower("ABC") == "abc")
    #expect(PythonText.replacing("abc", "z", with: "y") == nil)
    #expect(PythonText.replacing("abc", "", with: "-") == "-a-b-c-")
    #expect(PythonText.replacing("abc", "", with: "-", count: 2) == "-a-bc")
    #expect(PythonText.replacing("", "", with: "x") == "x")
    #expect(PythonText.replacing("abc", "b", with: "x", count: 0) == nil)
    #expect(PythonText.replacing("xa\u{301}y", "a", with: "o") == "xo\u{301}y")
    #expect(PythonText.replacing("x\u{E1}y", "a", with: "o") == nil)
    #expect(PythonText.replacing("aaaa", "aa", with: "b") == "bb")
    #expect(PythonText.strippedForNumber(" \u{2003}12\u{85} ") == "12")
    #expect(PythonText.strippedForNumber("\u{1C}12") == "\u{1C}12")
  }

  /// str.startswith and endswith (`tailmatch`): a tuple of affixes tried
  /// in order, start and end clamped as slice bounds, the empty affix
  /// matching up to the end but not past it, code points rather than
  /// bytes, and CPython's TypeErrors (the same in 3.8–3.13).
  @Test(arguments: PythonVersion.allCases)
  func affixesMatchAsTailmatchDoes(version: PythonVersion) throws {
    let result = try runScenario(
      #"""
      s = "Hello, World"
      print(s.startswith(("x", "He")), s.endswith(("x", "ld")), s.endswith(()), s.startswith(("",)))
      for args in [("lo", 3), ("lo", 3, 5), ("lo", 3, 4), ("", 12), ("", 13), ("", -100), ("H", -100, 1), ("d", 0, -1), ("l", 0, -1), ("World", None, None), ("World", -5), ("Hel", None, 3), ("Hel", None, 2)]:
          print(args, s.startswith(*args), s.endswith(*args))
      for bad in [1, ("a", 1), ["a"], None]:
          for m in (s.startswith, s.endswith):
              try:
                  m(bad)
              except TypeError as e:
                  print("TypeError", e)
      try:
          s.startswith("a", "b")
      except TypeError as e:
          print("TypeError", e)
      print("é€".startswith("é"), "é€".endswith("€"), "é€".endswith(("x", "€"), 1))
      """#, version: version)
    #expect(result.status == 0)
    #expect(
      result.stdout == """
        True True False True
        ('lo', 3) True False
        ('lo', 3, 5) True True
        ('lo', 3, 4) False False
        ('', 12) True True
        ('', 13) False False
        ('', -100) True True
        ('H', -100, 1) True True
        ('d', 0, -1) False False
        ('l', 0, -1) False True
        ('World', None, None) False True
        ('World', -5) True True
        ('Hel', None, 3) True True
        ('Hel', None, 2) False False
        TypeError startswith first arg must be str or a tuple of str, not int
        TypeError endswith first arg must be str or a tuple of str, not int
        TypeError tuple for startswith must only contain str, not int
        TypeError tuple for endswith must only contain str, not int
        TypeError startswith first arg must be str or a tuple of str, not list
        TypeError endswith first arg must be str or a tuple of str, not list
        TypeError startswith first arg must be str or a tuple of str, not NoneType
        TypeError endswith first arg must be str or a tuple of str, not NoneType
        TypeError slice indices must be integers or None or have an __index__ method
        True True True

        """)
  }
}
