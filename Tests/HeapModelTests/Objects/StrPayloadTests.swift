import Testing

@testable import HeapModel

/// A str payload's length and kind, from the ASCII fast path and the
/// scalar walk alike, and the block size `newStr` derives from them.
@Suite struct StrPayloadTests {
  @Test(arguments: [
    ("", 0, 1, true), ("item-12:36;", 11, 1, true), (String(repeating: "x", count: 40), 40, 1, true),
    ("café", 4, 1, false), ("\u{7f}", 1, 1, true), ("\u{80}", 1, 1, false), ("Ωmega", 5, 2, false),
    ("a\u{1F600}b", 3, 4, false), ("e\u{301}", 2, 2, false),
  ])
  func lengthAndKind(text: String, length: Int, kind: Int, ascii: Bool) {
    let payload = StrPayload(text)
    #expect(payload.length == length)
    #expect(payload.kind == kind)
    #expect(payload.isASCII == ascii)
    #expect(payload.strKind == ObjectLayouts.StrKind(of: text))
  }

  @Test(arguments: PythonVersion.allCases)
  func newStrSizesFollowTheKind(version: PythonVersion) {
    var heap = Heap(version: version)
    for text in ["hello world", "héllo wörld", "hello Ωorld", "hello \u{1F600}orld"] {
      let id = heap.newStr(text)
      let expected = heap.layouts.strBlockSize(
        length: text.unicodeScalars.count, kind: ObjectLayouts.StrKind(of: text))
      #expect(heap.sizes[id.slot] == expected)
    }
  }
}
