import Testing

@testable import HeapModel

/// The per-object path: the flat free lists, the copy-on-write contract of
/// `Heap.makeUnique()`, and tuples and lists deallocated without a frame.
@Suite struct PerObjectPathTests {
  @Test(arguments: PythonVersion.allCases)
  func freeListsKeepTheirVersionsBounds(version: PythonVersion) {
    var heap = Heap(version: version)
    let floats = (0..<150).map { heap.newFloat(Double($0) + 0.5) }
    for float in floats { heap.decref(float) }
    #expect(heap.freeListCount(.float) == 100)
    // A 20-tuple is parked from 3.11 on only (`PyTuple_MAXSAVESIZE` 20 vs 19).
    let items = (0..<20).map { heap.newInt($0) }
    let tuple = heap.newTuple(items)
    heap.decref(tuple)
    #expect(heap.freeListCount(.tuple(20)) == (version >= .py311 ? 1 : 0))
    #expect(heap.freeListCount(.tuple(21)) == 0)
    // Taking a float back reuses the most recently parked block (the
    // hundredth freed; the fifty after it went back to pymalloc).
    let lastParked = heap.blocks[floats[99].slot]
    let again = heap.newFloat(9.5)
    #expect(heap.blocks[again.slot] == lastParked)
    #expect(heap.freeListCount(.float) == 99)
  }

  @Test func aFullCollectionEmptiesEveryFreeList() {
    var heap = Heap(version: .py312)
    let blocksInUse = heap.allocator.blocksInUse
    let floats = (0..<10).map { heap.newFloat(Double($0) + 0.5) }
    let pair = heap.newTuple(heap.newInt(1000), heap.newInt(1001))
    for float in floats { heap.decref(float) }
    heap.decref(pair)
    #expect(heap.allocator.blocksInUse == blocksInUse + 11)  // parked blocks stay in use
    heap.clearFreeLists()
    #expect(heap.freeListCount(.float) == 0 && heap.freeListCount(.tuple(2)) == 0)
    #expect(heap.allocator.blocksInUse == blocksInUse)
  }

  @Test(arguments: PythonVersion.allCases)
  func aCheckpointKeepsItsRowsAndFreeListsOnceTheHeapIsMadeUnique(version: PythonVersion) {
    var heap = Heap(version: version)
    let parked = (0..<5).map { heap.newFloat(Double($0) + 0.25) }
    for float in parked { heap.decref(float) }
    let kept = heap.newFloat(7.5)
    let checkpoint = heap
    heap.makeUnique()
    let taken = (0..<4).map { heap.newFloat(Double($0)) }
    heap.incref(kept)
    #expect(heap.freeListCount(.float) == 0)
    #expect(checkpoint.freeListCount(.float) == 4)
    #expect(checkpoint.refcount(of: kept) == 1 && heap.refcount(of: kept) == 2)
    #expect(checkpoint.liveObjectCount + 4 == heap.liveObjectCount)
    #expect(taken.allSatisfy { !checkpoint.isAlive($0) || checkpoint.kind(of: $0) != .float })
    // A second call with nothing shared copies nothing.
    let rows = ObjectIdentifier(heap.table.storage)
    heap.makeUnique()
    #expect(ObjectIdentifier(heap.table.storage) == rows)
  }

  /// `deallocSequence` drops items last to first, depth first, then frees
  /// the list's item block, then parks or frees the object: the order of
  /// `list_dealloc` and `tupledealloc`.
  @Test(arguments: PythonVersion.allCases)
  func nestedSequencesAreFreedInTheCascadesOrder(version: PythonVersion) {
    var heap = Heap(version: version)
    let ints = (0..<4).map { heap.newInt(10_000 + $0) }
    let inner = heap.newList([ints[2]])
    let tuple = heap.newTuple(ints[1], inner)
    let outer = heap.newList([ints[0], tuple, ints[3]])
    let intBlocks = ints.map { heap.blocks[$0.slot] }
    let innerItems = heap.listItemsAddress(row: inner.slot)
    let outerItems = heap.listItemsAddress(row: outer.slot)
    heap.recordAllocatorEvents(true)
    _ = heap.takeAllocatorEvents()
    heap.decref(outer)
    let freed = heap.takeAllocatorEvents().compactMap { event -> UInt64? in
      if case .blockFreed(let address, _, _, _) = event { return address.rawValue }
      return nil
    }
    // Both lists and the pair are parked on their free lists (no event).
    #expect(freed == [intBlocks[3], intBlocks[2], innerItems, intBlocks[1], intBlocks[0], outerItems])
    #expect(heap.freeListCount(.list) == 2 && heap.freeListCount(.tuple(2)) == 1)
    for id in ints + [inner, tuple, outer] { #expect(!heap.isAlive(id)) }
  }

  /// An item that needs the full cascade (here a dict) hands the rest of
  /// the sequence over to frames; the items after it are still dropped in
  /// order.
  @Test func aSequenceHandsOverToTheCascadeAtAnItemThatNeedsIt() {
    var heap = Heap(version: .py312)
    let first = heap.newInt(20_000)
    let dict = heap.newDict()
    let last = heap.newInt(20_001)
    let firstBlock = heap.blocks[first.slot]
    let lastBlock = heap.blocks[last.slot]
    let tuple = heap.newTuple([first, dict, last])
    let live = heap.liveObjectCount
    heap.recordAllocatorEvents(true)
    _ = heap.takeAllocatorEvents()
    heap.decref(tuple)
    let freed = heap.takeAllocatorEvents().compactMap { event -> UInt64? in
      if case .blockFreed(let address, _, _, _) = event { return address.rawValue }
      return nil
    }
    #expect(freed == [lastBlock, firstBlock])
    #expect(heap.liveObjectCount == live - 4)
    #expect(heap.deallocDepth == 0 && heap.freeListCount(.dict) == 1)
  }

  @Test func aDeepTupleChainIsFreedWithoutRecursion() {
    var heap = Heap(version: .py312)
    let live = heap.liveObjectCount
    var chain = heap.newFloat(0.5)
    for _ in 0..<300_000 { chain = heap.newTuple([chain]) }
    heap.decref(chain)
    #expect(heap.liveObjectCount == live)
    #expect(heap.freeListCount(.tuple(1)) == 2000 && heap.freeListCount(.float) == 1)
    heap.checkItemSlabInvariants()
  }
}
