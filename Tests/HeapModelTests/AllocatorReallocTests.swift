import Testing

@testable import HeapModel

/// `pymalloc_realloc`: in place when the new size fits and shaves off less
/// than a quarter; else new block then free; raw stays raw.
@Suite struct AllocatorReallocTests {
  @Test(arguments: PythonVersion.allCases)
  func inPlaceWithinTheBlockAndAboveThreeQuarters(version: PythonVersion) {
    var heap = Allocator(version: version)
    let block = heap.allocate(60)  // class 3, 64 bytes
    #expect(heap.reallocate(block, to: 64) == block)
    #expect(heap.reallocate(block, to: 49) == block)
    let shrunk = heap.reallocate(block, to: 48)  // 4·48 == 3·64: moves
    #expect(shrunk != block)
    #expect(heap.sizeClass(of: shrunk)?.index == 2)
    #expect(!heap.isLive(block))
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func growingWithinThe48ClassCanStillMove(version: PythonVersion) {
    var heap = Allocator(version: version)
    let block = heap.allocate(33)
    let moved = heap.reallocate(block, to: 34)  // 4·34 ≤ 3·48: CPython copies
    #expect(moved != block)
    #expect(heap.sizeClass(of: moved)?.index == 2)
    #expect(heap.reallocate(moved, to: 37) == moved)
    heap.checkInvariants()
  }

  /// `s += 'b'` on a str with one reference grows it by realloc; the id changes
  /// exactly when the size crosses a class boundary (measured: 3.8 from 51
  /// bytes moves at 64→65, 80→81, 96→97, 112→113, 128→129; 3.12 from 44
  /// bytes at 48→49, 64→65, …).
  @Test(arguments: [(PythonVersion.py38, 51, [65, 81, 97, 113, 129]), (.py312, 44, [49, 65, 81, 97, 113])])
  func stringAppendMovesAtClassBoundaries(version: PythonVersion, start: Int, moves: [Int]) {
    var heap = Allocator(version: version)
    var block = heap.allocate(start)
    var seen: [Int] = []
    for size in (start + 1)...(moves.last! + 5) {
      let next = heap.reallocate(block, to: size)
      if next != block { seen.append(size) }
      block = next
    }
    #expect(seen == moves)
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func reallocToZeroOrPast512GoesRawAndRawStaysRaw(version: PythonVersion) {
    var heap = Allocator(version: version)
    let small = heap.allocate(100)
    let zero = heap.reallocate(small, to: 0)
    #expect(!heap.isPymalloc(zero) && heap.usableSize(of: zero) == 1)
    let other = heap.allocate(200)
    let big = heap.reallocate(other, to: 600)
    #expect(!heap.isPymalloc(big) && heap.usableSize(of: big) == 600)
    let stillRaw = heap.reallocate(big, to: 10)
    #expect(!heap.isPymalloc(stillRaw) && heap.usableSize(of: stillRaw) == 10)
    #expect(stillRaw == big)  // shrinking keeps the chunk
    #expect(heap.blocksInUse == 0 && heap.rawBlockCount == 2)
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func movedBlockIsAllocatedBeforeTheOldOneIsFreed(version: PythonVersion) {
    var heap = Allocator(version: version)
    heap.recordsEvents = true
    let block = heap.allocate(100)
    _ = heap.takeEvents()
    let moved = heap.reallocate(block, to: 300)
    let events = heap.takeEvents()
    #expect(moved != block)
    guard
      case .blockAllocated(let address, _, _, _)? = events.first(where: {
        if case .blockAllocated = $0 { true } else { false }
      })
    else {
      Issue.record("no allocation event in \(events)")
      return
    }
    #expect(address == moved)
    #expect(events.last == .reallocatedMoved(from: block, to: moved, size: 300))
    #expect(events.last?.cFunction(in: version) == "pymalloc_realloc")
    heap.checkInvariants()
  }
}
