import HeapModel
import Testing

@testable import Scenario

/// The "Did you mean" search (Suggestions.swift) and its display, against
/// values measured on CPython 3.13.0 (`traceback._levenshtein_distance`,
/// `_suggestions._generate_suggestions`) and the tracebacks of 3.8.18–3.13.0.
@Suite struct SuggestionsTests {
  static func distance(_ a: String, _ b: String, _ maxCost: Int = 1000) -> Int {
    Suggestions.distance(Array(a.utf8), Array(b.utf8), maxCost: maxCost)
  }

  @Test(arguments: [
    ("countr", "counter", 2), ("valu", "value", 2), ("Value", "value", 1), ("ab", "ac", 2),
    ("abc", "ABC", 3), ("bmup", "bump", 4), ("value", "False", 4), ("kitten", "sitting", 6),
    ("", "abc", 6), ("same", "same", 0),
    (String(repeating: "a", count: 41) + "x", String(repeating: "a", count: 41) + "y", 2),
  ])
  func distanceMatchesCPython(_ a: String, _ b: String, _ expected: Int) {
    #expect(Self.distance(a, b) == expected)
    #expect(Self.distance(b, a) == expected)
  }

  @Test func distanceStopsAboveTheBound() {
    // Measured with max_cost 2: 'value'/'False' and 'kitten'/'sitting' give 3.
    #expect(Self.distance("value", "False", 2) == 3)
    #expect(Self.distance("kitten", "sitting", 2) == 3)
    // A trimmed middle longer than 40 bytes is never close: max_cost + 1.
    let long = Self.distance("x" + String(repeating: "a", count: 41), "y" + String(repeating: "b", count: 41))
    #expect(long == 1001)
  }

  @Test func caseFlipsCostOneOnlyForASCII() {
    #expect(Suggestions.substitutionCost(UInt8(ascii: "a"), UInt8(ascii: "A")) == 1)
    #expect(Suggestions.substitutionCost(UInt8(ascii: "a"), UInt8(ascii: "a")) == 0)
    #expect(Suggestions.substitutionCost(UInt8(ascii: "a"), UInt8(ascii: "b")) == 2)
    // é (C3 A9) and É (C3 89): same low five bits, not an ASCII case flip.
    #expect(Suggestions.substitutionCost(0xA9, 0x89) == 2)
    // '@' (0x40) and '`' (0x60) share their low bits with no case between them.
    #expect(Suggestions.substitutionCost(0x40, 0x60) == 2)
  }

  @Test func bestMatchMatchesGenerateSuggestions() {
    #expect(Suggestions.bestMatch(for: "value", in: ["False", "vars", "value2"]) == "value2")
    // Ties go to the first in list order.
    #expect(Suggestions.bestMatch(for: "ad", in: ["aa", "ab", "ac"]) == "aa")
    #expect(Suggestions.bestMatch(for: "ab", in: ["ab"]) == nil)
    #expect(Suggestions.bestMatch(for: "abc", in: ["Abc", "abd"]) == "Abc")
    #expect(Suggestions.bestMatch(for: "é2", in: ["é1"]) == "é1")
    #expect(Suggestions.bestMatch(for: "Éa", in: ["éa"]) == "éa")
    // 750 candidates or more: no suggestion at all.
    let filler = (0..<748).map { "x\($0)" }
    #expect(Suggestions.bestMatch(for: "countr", in: filler + ["countr_"]) == "countr_")
    #expect(Suggestions.bestMatch(for: "countr", in: filler + ["y", "countr_"]) == nil)
  }

  static func lastLine(_ text: String, _ version: PythonVersion) throws -> String {
    let result = try runScenario(text, version: version)
    #expect(result.status == 1)
    return result.stderr.split(separator: "\n").last.map(String.init) ?? ""
  }

  @Test(arguments: PythonVersion.allCases)
  func nameErrorHints(_ version: PythonVersion) throws {
    let hint = version >= .py310 ? ". Did you mean: 'counter'?" : ""
    #expect(
      try Self.lastLine("counter = 1\nprint(countr)\n", version)
        == "NameError: name 'countr' is not defined\(hint)")
    // A stdlib module name: 3.12+ add the import hint (after the match).
    let sys: String
    switch version {
    case .py38, .py39: sys = ""
    case .py310, .py311: sys = ". Did you mean: 'sys2'?"
    default: sys = ". Did you mean: 'sys2'? Or did you forget to import 'sys'?"
    }
    #expect(
      try Self.lastLine("sys2 = 1\nprint(sys)\n", version) == "NameError: name 'sys' is not defined\(sys)")
  }

  @Test(arguments: PythonVersion.allCases)
  func localsPerVersion(_ version: PythonVersion) throws {
    // 3.10–3.12 search co_varnames (bound or not); 3.13 the bound locals only.
    let text = "def f():\n    y = 1\n    countr\n    counter = 2\nf()\n"
    let hint = version >= .py310 && version <= .py312 ? ". Did you mean: 'counter'?" : ""
    #expect(try Self.lastLine(text, version) == "NameError: name 'countr' is not defined\(hint)")
  }

  @Test(arguments: PythonVersion.allCases)
  func selfAttributeAndUnderscores(_ version: PythonVersion) throws {
    let method =
      "class C:\n    def __init__(self):\n        self.value = 1\n    def f(self):\n        return value\nC().f()\n"
    let expected: String
    switch version {
    case .py38, .py39: expected = ""
    case .py310, .py311: expected = ". Did you mean: 'False'?"
    default: expected = ". Did you mean: 'self.value'?"
    }
    #expect(try Self.lastLine(method, version) == "NameError: name 'value' is not defined\(expected)")
    // 3.13 hides `_` names unless the wrong name starts with one.
    let hidden = "class C:\n    def __init__(self):\n        self._value = 1\nC().valu\n"
    let underscore = version >= .py310 && version <= .py312 ? ". Did you mean: '_value'?" : ""
    #expect(
      try Self.lastLine(hidden, version) == "AttributeError: 'C' object has no attribute 'valu'\(underscore)")
  }

  @Test(arguments: PythonVersion.allCases)
  func caughtExceptionsCarryNameAndObject(_ version: PythonVersion) throws {
    let text = """
      import sys
      class C:
          pass
      c = C()
      try:
          c.valu
      except AttributeError as e:
          print(str(e), sys.getsizeof(e))
          if sys.version_info >= (3, 10):
              print(e.name, e.obj is c, sys.getrefcount(c))
      try:
          raise NameError("x")
      except NameError as e:
          if sys.version_info >= (3, 10):
              print(e.name, sys.getsizeof(e))
      print([].apend)
      """
    let result = try runScenario(text, version: version)
    let expected: String
    switch version {
    case .py38, .py39: expected = "'C' object has no attribute 'valu' 80\n"
    case .py310: expected = "'C' object has no attribute 'valu' 96\nvalu True 3\nNone 88\n"
    default: expected = "'C' object has no attribute 'valu' 104\nvalu True 3\nNone 96\n"
    }
    #expect(result.stdout == expected)
    let hint = version >= .py310 ? ". Did you mean: 'append'?" : ""
    #expect(result.stderr.hasSuffix("AttributeError: 'list' object has no attribute 'apend'\(hint)\n"))
  }
}
