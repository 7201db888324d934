import Testing

@testable import HeapModel

/// `CodePoints` and `CodePointString` compare, order and hash as Python's
/// str — code point by code point — where Swift's String follows canonical
/// equivalence ("\u{E1}" == "a\u{301}" and "K" == "\u{212A}" for Swift).
@Suite struct CodePointsTests {
  /// Pairs Swift calls equal and Python does not.
  static let canonicallyEquivalent: [(String, String)] = [
    ("\u{E1}", "a\u{301}"), ("K", "\u{212A}"), (";", "\u{37E}"), ("\u{C5}", "\u{212B}"),
    ("x\u{E1}y", "xa\u{301}y"), ("\u{1E69}", "s\u{323}\u{307}"), ("s\u{323}\u{307}", "s\u{307}\u{323}"),
  ]

  @Test(arguments: canonicallyEquivalent)
  func canonicallyEquivalentStringsDiffer(a: String, b: String) {
    #expect(a == b, "the premise: Swift's String calls them equal")
    #expect(!CodePoints.equal(a, b))
    #expect(CodePoints.order(a, b) != 0)
    #expect(CodePoints.order(a, b) == -CodePoints.order(b, a))
    #expect(CodePointString(a) != CodePointString(b))
    #expect(Set([CodePointString(a), CodePointString(b)]).count == 2)
    var table: [CodePointString: Int] = [:]
    table[CodePointString(a)] = 1
    table[CodePointString(b)] = 2
    #expect(table[CodePointString(a)] == 1)
    #expect(table[CodePointString(b)] == 2)
  }

  @Test(arguments: [
    ("", "", 0), ("a", "", 1), ("", "a", -1), ("abc", "abd", -1), ("abc", "ab", 1),
    ("\u{E1}", "a\u{301}", 1), ("a\u{301}", "b", -1), ("\u{E1}", "b", 1), ("\u{FFFF}", "\u{1F600}", -1),
    ("\u{7F}", "\u{80}", -1), ("\u{D7FF}", "\u{E000}", -1), ("same", "same", 0),
  ])
  func orderIsCodePointOrder(a: String, b: String, expected: Int) {
    #expect(CodePoints.order(a, b) == expected)
    #expect(CodePoints.equal(a, b) == (expected == 0))
    let scalars = a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
    #expect(scalars == (expected < 0))
    #expect((CodePointString(a) < CodePointString(b)) == (expected < 0))
  }

  @Test func prefixesSuffixesAndSearchMatchCodePoints() {
    #expect(CodePoints.hasPrefix("a\u{301}b", "a"))
    #expect(!"a\u{301}b".hasPrefix("a"), "the premise: Swift matches whole graphemes")
    #expect(!CodePoints.hasPrefix("\u{E1}", "a"))
    #expect(CodePoints.hasPrefix("abc", ""))
    #expect(CodePoints.hasSuffix("a\u{301}", "\u{301}"))
    #expect(!CodePoints.hasSuffix("\u{E1}", "\u{301}"))
    #expect(!CodePoints.hasSuffix("a", "ba"))
    #expect(CodePoints.contains("xa\u{301}y", "a"))
    #expect(!CodePoints.contains("xa\u{301}y", "\u{E1}"))
    #expect(CodePoints.contains("", ""))
    #expect(!CodePoints.contains("", "a"))
    #expect(CodePoints.firstByteOffset(of: "\u{301}", in: "a\u{301}a\u{301}", from: 0) == 1)
    #expect(CodePoints.firstByteOffset(of: "\u{301}", in: "a\u{301}a\u{301}", from: 2) == 4)
    #expect(CodePoints.firstByteOffset(of: "", in: "ab", from: 2) == 2)
    #expect(CodePoints.firstByteOffset(of: "", in: "ab", from: 3) == nil)
    // A multi-byte needle never matches the continuation bytes of another
    // code point: U+0101 is C4 81, U+0141 is C5 81.
    #expect(!CodePoints.contains("\u{141}", "\u{101}"))
  }

  @Test(arguments: PythonVersion.allCases)
  func internedDictKeepsCanonicallyEquivalentTextsApart(version: PythonVersion) {
    var heap = Heap(version: version)
    let composed = heap.intern("\u{E1}x")
    let decomposed = heap.intern("a\u{301}x")
    #expect(composed != decomposed)
    #expect(heap.internedString("\u{E1}x") == composed)
    #expect(heap.internedString("a\u{301}x") == decomposed)
    #expect(heap.internedString("\u{212A}") == nil)
    let kelvin = heap.intern("\u{212A}")
    #expect(heap.intern("K") != kelvin)
  }
}
