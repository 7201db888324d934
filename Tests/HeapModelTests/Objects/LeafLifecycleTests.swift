import Testing

@testable import HeapModel

/// The leaf fast paths of creating and freeing an object: `deallocateIfLeaf`
/// frees an int, float or str at once (its row, its block back to pymalloc
/// or a float onto its free list, LIFO, so the next object of the class gets
/// both back) and declines every other kind; ints and floats are created
/// through `allocatePymallocObject`, and an int whose origin asks for more
/// than pymalloc serves still gets a raw block.
@Suite struct LeafLifecycleTests {
  @Test(arguments: PythonVersion.allCases)
  func anIntIsFreedAtOnceAndItsBlockAndRowComeBack(version: PythonVersion) {
    var heap = Heap(version: version)
    let blocksBefore = heap.allocator.blocksInUse
    let first = heap.newMachineInt(1_000_000)
    #expect(heap.allocator.blocksInUse == blocksBefore + 1)
    let block = heap.blocks[first.slot]
    let reachedZero = heap.decrementReachesZero(first)
    #expect(reachedZero)
    let freed = heap.deallocateIfLeaf(first)
    #expect(freed)
    #expect(!heap.isAlive(first))
    #expect(heap.allocator.blocksInUse == blocksBefore)
    let second = heap.newMachineInt(2_000_000)
    #expect(second == first)
    #expect(heap.blocks[second.slot] == block)
    #expect(heap.intValue(second) == 2_000_000)
    #expect(heap.sizes[second.slot] == (version >= .py311 ? 32 : 28))
  }

  @Test(arguments: PythonVersion.allCases)
  func aFloatIsParkedOnItsFreeListWhenThereIsRoom(version: PythonVersion) {
    var heap = Heap(version: version)
    let float = heap.newFloat(1.5)
    let block = heap.blocks[float.slot]
    let blocksBefore = heap.allocator.blocksInUse
    let reachedZero = heap.decrementReachesZero(float)
    #expect(reachedZero)
    let freed = heap.deallocateIfLeaf(float)
    #expect(freed)
    #expect(!heap.isAlive(float))
    // Every version modelled keeps a float free list: the block stays
    // handed out, parked, and is the next float's.
    #expect(heap.allocator.blocksInUse == blocksBefore)
    let next = heap.newFloat(2.5)
    #expect(heap.blocks[next.slot] == block)
    #expect(heap.floatValue(next) == 2.5)
    #expect(heap.allocator.blocksInUse == blocksBefore)
  }

  @Test func aStrIsFreedAtOnce() {
    var heap = Heap(version: .py312)
    let blocksBefore = heap.allocator.blocksInUse
    let text = heap.newStr("not a cached string")
    #expect(heap.allocator.blocksInUse == blocksBefore + 1)
    let reachedZero = heap.decrementReachesZero(text)
    #expect(reachedZero)
    let freed = heap.deallocateIfLeaf(text)
    #expect(freed)
    #expect(!heap.isAlive(text))
    #expect(heap.allocator.blocksInUse == blocksBefore)
  }

  @Test func containersAreNotLeaves() {
    var heap = Heap(version: .py312)
    let item = heap.newMachineInt(1_000_000)
    let tuple = heap.newTuple([item])
    let reachedZero = heap.decrementReachesZero(tuple)
    #expect(reachedZero)
    let freed = heap.deallocateIfLeaf(tuple)
    #expect(!freed)
    #expect(heap.kind(of: tuple) == .tuple)
    #expect(heap.kind(of: item) == .int)
    // The cascade still frees it, and its item with it.
    heap.beginDealloc(tuple)
    let request = heap.stepDealloc(downTo: 0)
    #expect(request == nil)
    #expect(!heap.isAlive(tuple))
    #expect(!heap.isAlive(item))
  }

  /// `newInt(_:origin:)` with the origin of big operands whose result fits
  /// in `Int` (`newInt(big:)` passes it on): a block larger than pymalloc
  /// serves comes from the raw allocator, and frees back to it.
  @Test(arguments: PythonVersion.allCases)
  func anIntWithABigOriginTakesARawBlock(version: PythonVersion) {
    var heap = Heap(version: version)
    let rawBefore = heap.allocator.rawBlockCount
    let id = heap.newInt(5_000_000, origin: .magnitudeSubtract(lhsDigits: 200, rhsDigits: 200))
    #expect(heap.sizes[id.slot] == 24 + 4 * 200)
    #expect(heap.allocator.rawBlockCount == rawBefore + 1)
    #expect(heap.intValue(id) == 5_000_000)
    heap.decref(id)
    #expect(!heap.isAlive(id))
    #expect(heap.allocator.rawBlockCount == rawBefore)
  }
}
