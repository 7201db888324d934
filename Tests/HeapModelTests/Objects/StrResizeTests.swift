import Testing

@testable import HeapModel

/// `PyUnicode_Append`'s in-place path: which strs may grow in place, and the
/// realloc that keeps or moves their block.
@Suite struct StrResizeTests {
  @Test(arguments: PythonVersion.allCases)
  func onlyAnUnhashedUninternedStrWithOneReferenceIsModifiable(version: PythonVersion) {
    var heap = Heap(version: version)
    let s = heap.newStr(String(repeating: "x", count: 20))
    #expect(heap.strIsModifiable(s))
    heap.incref(s)
    #expect(!heap.strIsModifiable(s))
    #expect(heap.strIsModifiable(s, borrowed: 1))
    heap.setStrHash(s, 42)
    #expect(!heap.strIsModifiable(s, borrowed: 1))
    let interned = heap.intern("some_identifier")
    #expect(!heap.strIsModifiable(interned))
    let single = heap.newStr("a")  // a static latin-1 singleton
    #expect(!heap.strIsModifiable(single, borrowed: heap.refcount(of: single) - 1))
  }

  @Test func kindRulesForAppendingInPlace() {
    var heap = Heap(version: .py312)
    let ascii = heap.newStr("abc")
    let latin1 = heap.newStr("\u{e9}\u{e9}")
    let ucs2 = heap.newStr("\u{3b1}\u{3b2}")
    #expect(heap.strAppendKeepsRepresentation(ascii, ascii))
    #expect(!heap.strAppendKeepsRepresentation(ascii, latin1))  // the header would change
    #expect(heap.strAppendKeepsRepresentation(latin1, ascii))
    #expect(heap.strAppendKeepsRepresentation(latin1, latin1))
    #expect(!heap.strAppendKeepsRepresentation(latin1, ucs2))
    #expect(heap.strAppendKeepsRepresentation(ucs2, latin1))
  }

  /// An ASCII str of n characters asks for 48 + n + 1 bytes up to 3.11 and
  /// 40 + n + 1 from 3.12: growing one character at a time from 20, the
  /// block moves when the request crosses a 16-byte class boundary
  /// (measured with `s += 'y'` in a function: 3.8 at 32, 48, 64, …; 3.12 at
  /// 24, 40, 56, …).
  @Test(arguments: [(PythonVersion.py38, [32, 48, 64, 80]), (.py312, [24, 40, 56, 72, 88])])
  func appendingMovesTheBlockAtSizeClassBoundaries(version: PythonVersion, moves: [Int]) {
    var heap = Heap(version: version)
    let s = heap.newStr(String(repeating: "x", count: 20))
    let y = heap.newStr("y")
    var last = heap.address(of: s)
    var seen: [Int] = []
    while heap.str(s).length < moves.last! {
      heap.strAppendInPlace(s, y)
      if heap.address(of: s) != last { seen.append(heap.str(s).length) }
      last = heap.address(of: s)
    }
    #expect(seen == moves)
    #expect(
      heap.string(s) == String(repeating: "x", count: 20) + String(repeating: "y", count: moves.last! - 20))
    #expect(Int(heap.sizes[s.slot]) == heap.layouts.strBlockSize(length: moves.last!, kind: .ascii))
    heap.allocator.checkInvariants()
  }

  @Test func appendingDropsTheCachedUTF8Copy() {
    var heap = Heap(version: .py310)
    let s = heap.newStr("\u{e9}\u{e9}\u{e9}")
    heap.attachUTF8Cache(s)
    let cache = heap.str(s).utf8Block
    #expect(cache != 0)
    #expect(heap.allocator.isLive(Address(cache)))
    heap.strAppendInPlace(s, heap.newStr("ab"))
    #expect(heap.str(s).utf8Block == 0)
    #expect(!heap.allocator.isLive(Address(cache)))
    #expect(heap.str(s).storageKind == .latin1)
    #expect(heap.str(s).length == 5)
    heap.allocator.checkInvariants()
  }
}
