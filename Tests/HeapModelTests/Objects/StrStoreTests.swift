import Testing

@testable import HeapModel

/// The str byte slab: chunks by power-of-two class, reuse after a free,
/// growth by moving, and the str constructors that copy inside the slab.
@Suite struct StrStoreTests {
  @Test(arguments: [(0, 0), (1, 0), (8, 0), (9, 1), (16, 1), (17, 2), (32, 2), (33, 3), (1000, 7), (1024, 7)])
  func chunkClassIsTheSmallestPowerOfTwoThatFits(count: Int, expected: Int) {
    #expect(StrStore.chunkClass(for: count) == expected)
  }

  @Test func textRoundTripsAndFreedChunksAreReusedLastInFirstOut() {
    var store = StrStore()
    let a = store.insert("item-12:36;")
    let b = store.insert("héllo wörld, Ωmega \u{1F600}")
    let c = store.insert("second 16 bytes!")
    #expect(store.text(a) == "item-12:36;")
    #expect(store.text(b) == "héllo wörld, Ωmega \u{1F600}")
    #expect(store[b].length == 20)
    #expect(store[b].kind == 4)
    #expect(store[b].utf8Count == "héllo wörld, Ωmega \u{1F600}".utf8.count)
    let chunkA = store[a].chunk
    let chunkC = store[c].chunk
    store.remove(a)
    store.remove(c)
    #expect(store.liveCount == 1)
    // Same class (16 bytes): the last chunk freed comes back first.
    let d = store.insert("0123456789abcdef")
    let e = store.insert("tiny str 12")
    #expect(store[d].chunk == chunkC)
    #expect(store[e].chunk == chunkA)
    #expect(store.text(d) == "0123456789abcdef")
    #expect(store.text(e) == "tiny str 12")
    #expect(store.text(b) == "héllo wörld, Ωmega \u{1F600}")
  }

  @Test func appendingMovesToALargerChunkOnlyWhenTheTextNoLongerFits() {
    var store = StrStore()
    let s = store.insert("abc")
    let neighbour = store.insert("neighbour")
    let suffix = store.insert("defgh")
    var expected = "abc"
    var moves = 0
    for _ in 0..<20 {
      let before = store[s].chunk
      expected += "defgh"
      let shape = store[s].shape.followed(by: store[suffix].shape)
      store.append(suffix, to: s, shape: shape)
      if store[s].chunk != before { moves += 1 }
      #expect(store.text(s) == expected)
    }
    // 3 + 5·20 = 103 bytes: 8 → 16 → 32 → 64 → 128, four moves.
    #expect(moves == 4)
    #expect(store[s].length == 103)
    #expect(store.text(neighbour) == "neighbour")
    #expect(store.text(suffix) == "defgh")
  }

  @Test func joiningSlicingAndMappingCopyInsideTheSlab() {
    var store = StrStore()
    let parts = ["alpha", "béta", "gamma"].map { store.insert($0) }
    let separator = store.insert(", ")
    let joined = parts.withUnsafeBufferPointer {
      store.insert(joining: $0, separator: separator, shape: StrShape(length: 18, kind: 1, isASCII: false))
    }
    #expect(store.text(joined) == "alpha, béta, gamma")
    let slice = store.insert(
      slicing: joined, bytes: 7..<12, shape: StrShape(length: 4, kind: 1, isASCII: false))
    #expect(store.text(slice) == "béta")
    let upper = store.insert(mapping: parts[0], shape: .ascii(5)) { $0 &- 0x20 }
    #expect(store.text(upper) == "ALPHA")
    #expect(store.equals(parts[1], "béta"))
    #expect(!store.equals(parts[1], "be\u{301}ta"))
    #expect(store.equals(slice, parts[1]))
    #expect(!store.equals(slice, parts[0]))
  }

  @Test func aCopyOfTheStoreIsIndependent() {
    var store = StrStore()
    let a = store.insert("shared text, 24 bytes..")
    let copy = store
    store.remove(a)
    let b = store.insert("other text, 24 bytes!!!")
    #expect(store.text(b) == "other text, 24 bytes!!!")
    #expect(copy.text(a) == "shared text, 24 bytes..")
    #expect(copy.liveCount == 1 && store.liveCount == 1)
  }

  /// The old `Store<StrPayload>` spellings other files still use.
  @Test func compatibleTextAccessorsCompareInPlace() {
    var store = StrStore()
    let a = store.insert("caf\u{e9}")
    let b = store.insert("cafe\u{301}")
    let c = store.insert("caf\u{e9}")
    #expect(CodePoints.equal(store[a].text, "caf\u{e9}"))
    #expect(!CodePoints.equal(store[b].text, "caf\u{e9}"))
    #expect(CodePointString(store[b].text).text == "cafe\u{301}")
    let found = store.elements.withUnsafeBufferPointer { strs in
      (CodePoints.equal(strs[a].text, strs[c].text), CodePoints.equal(strs[a].text, strs[b].text))
    }
    #expect(found == (true, false))
    #expect(store.withReader { $0.equals(a, c) && !$0.equals(b, "caf\u{e9}") })
  }

  @Test(arguments: [
    ("", 0, 1, true), ("plain ascii text that is long", 29, 1, true), ("café", 4, 1, false),
    ("\u{ff}\u{100}", 2, 2, false), ("\u{7ff}\u{800}", 2, 2, false), ("a\u{10000}", 2, 4, false),
  ])
  func shapeOfUTF8Bytes(text: String, length: Int, kind: Int, ascii: Bool) {
    var text = text
    let shape = text.withUTF8 { StrShape(scanning: $0) }
    #expect(shape == StrShape(length: length, kind: kind, isASCII: ascii))
  }
}

/// The heap's str constructors give the objects, sizes and singletons
/// `newStr(String)` gives for the same text.
@Suite struct HeapStrTests {
  @Test(arguments: PythonVersion.allCases)
  func constructorsAgreeWithNewStrOfTheText(version: PythonVersion) {
    var heap = Heap(version: version)
    let a = heap.newStr("héllo ")
    let b = heap.newStr("wörld \u{3b1}")
    let both = heap.newStr(concatenating: a, b)
    #expect(heap.string(both) == "héllo wörld \u{3b1}")
    #expect(heap.str(both).kind == 2)
    let reference = heap.newStr("héllo wörld \u{3b1}")
    #expect(heap.sizes[both.slot] == heap.sizes[reference.slot])
    #expect(heap.strEquals(both, reference))
    #expect(heap.strEquals(both, "héllo wörld \u{3b1}"))

    let separator = heap.newStr("--")
    let joined = [a, b, a].withUnsafeBufferPointer { heap.newStr(joining: $0, separator: separator) }
    #expect(heap.string(joined) == "héllo --wörld \u{3b1}--héllo ")
    #expect(heap.str(joined).length == "héllo --wörld \u{3b1}--héllo ".unicodeScalars.count)

    let slice = heap.newStr(slicing: both, from: 1, to: 9)
    #expect(heap.string(slice) == "éllo wör")
    #expect(heap.str(slice).kind == 1 && !heap.str(slice).isASCII)
    // One latin-1 character is the singleton, empty is the empty string.
    #expect(heap.newStr(slicing: both, from: 1, to: 2) == heap.newStr("é"))
    #expect(heap.newStr(slicing: both, from: 3, to: 3) == heap.emptyString)
    #expect(heap.newStr(slicing: both, bytes: 0..<1) == heap.newStr("h"))

    for value in [0, 7, 10, -1, 255, -4096, 1_234_567_890, Int.max, Int.min] {
      let digits = heap.newStr(decimal: value)
      #expect(heap.string(digits) == String(value))
      #expect(heap.sizes[digits.slot] == heap.sizes[heap.newUncachedStr(String(value)).slot])
    }
    // `str(n)`, `repr(n)` and the case maps fill a str of their own: a new
    // object even for one character; only the empty string is shared.
    let five = heap.newStr(decimal: 5)
    #expect(five != heap.newStr("5") && heap.string(five) == "5")
    #expect(heap.sizes[five.slot] > 0 && heap.sizes[five.slot] == heap.sizes[heap.newUncachedStr("5").slot])
    #expect(heap.newUncachedStr("q") != heap.newStr("q"))
    #expect(heap.newUncachedStr("") == heap.emptyString)
    let upperQ = heap.newStr(mappingASCII: heap.newStr("q")) { $0 &- 0x20 }
    #expect(upperQ != heap.newStr("Q") && heap.string(upperQ) == "Q")

    let written = heap.newStr(byteCount: 6, shape: .ascii(6)) { target in
      for (index, byte) in "ab-cd!".utf8.enumerated() { target[index] = byte }
    }
    #expect(heap.string(written) == "ab-cd!")
    #expect(heap.newStr(byteCount: 1, shape: .ascii(1)) { $0[0] = 0x71 } == heap.newStr("q"))

    let upper = heap.newStr(mappingASCII: heap.newStr("item-1;")) { $0 &- (($0 &- 0x61) < 26 ? 0x20 : 0) }
    #expect(heap.string(upper) == "ITEM-1;")
  }

  @Test func aDeadStrsChunkServesTheNextStr() {
    var heap = Heap(version: .py312)
    let first = heap.newStr("a str of 20 bytes...")
    let slot = Int(heap.payloads[first.slot])
    let chunk = heap.strs[slot].chunk
    heap.decref(first)
    let second = heap.newStr("another of 20 bytes!")
    #expect(heap.strs[Int(heap.payloads[second.slot])].chunk == chunk)
    #expect(heap.string(second) == "another of 20 bytes!")
  }
}
