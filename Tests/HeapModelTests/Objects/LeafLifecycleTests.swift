import Testing

@testable import HeapModel

/// The leaf fast paths of creating and freeing an object: `deallocateIfLeaf`
/// frees an int, float or str at once (its row, its block back to pymalloc
/// or a float onto its free list, LIFO, so the next object of the class gets
/// both back) and declines every other kind; ints and floats are created
/// through `allocatePymallocObject`, and an int whose origin asks for more
/// than pymalloc serves still gets a raw block. Creation keeps its common
/// case inline without a call and hands the rest to a general path: a long
/// mixed run places every block and row as the general path does.
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
  /// Ints and floats created through the paths without a call
  /// (`newMachineInt`, `newFloat`) and, on a second heap, through the
  /// general ones (`allocateObject` / `addRow`), and freed through
  /// `deallocateIfLeaf` on one heap and `freeObject` on the other: the
  /// same ids, blocks, counts and tally after every operation, and the
  /// same events. Enough objects live at once that
  /// pools fill, drain and change lists, the row table grows and the float
  /// free list overflows.
  @Test(arguments: [PythonVersion.py38, .py311, .py313], [EventLogMode.off, .tally, .full])
  func theInlinePathsPlaceObjectsAsTheGeneralPathDoes(version: PythonVersion, log: EventLogMode) {
    var quick = Heap(version: version)
    var general = Heap(version: version)
    quick.setEventLog(log)
    general.setEventLog(log)
    var live: [ObjectID] = []
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      seed ^= seed << 13
      seed ^= seed >> 7
      seed ^= seed << 17
      return seed
    }
    let intSize = version >= .py311 ? 32 : 28
    for step in 0..<20_000 {
      let growing = (step / 2_500) % 2 == 0
      let roll = Int(next() % 100)
      if live.isEmpty || roll < (growing ? 65 : 35) {
        let value = 1_000 + Int(next() % 1_000_000)
        let made: ObjectID
        let expected: ObjectID
        if roll % 3 == 0 {
          let number = Double(value) / 8
          made = quick.newFloat(number)
          let bits = Int64(bitPattern: number.bitPattern)
          let type = general.typeObject(.float)
          if let block = general.takeFromFreeList(.float) {
            expected = general.addRow(kind: .float, type: type, payload: bits, block: block, size: 24)
          } else {
            expected = general.allocateObject(kind: .float, type: type, size: 24, payload: bits)
          }
        } else {
          made = quick.newMachineInt(value)
          expected = general.allocateObject(
            kind: .int, type: general.typeObject(.int), size: intSize, payload: Int64(value))
        }
        #expect(made == expected)
        live.append(made)
      } else {
        // Mostly the newest objects (LIFO traffic), sometimes any.
        let index = roll % 4 == 0 ? Int(next() % UInt64(live.count)) : live.count - 1
        let id = live.remove(at: index)
        let quickZero = quick.decrementReachesZero(id)
        let generalZero = general.decrementReachesZero(id)
        #expect(quickZero && generalZero)
        let quickFreed = quick.deallocateIfLeaf(id)
        #expect(quickFreed)
        general.freeObject(id)
      }
      let last = live.last ?? .null
      #expect(last.isNull || quick.blocks[last.slot] == general.blocks[last.slot])
      #expect(quick.allocator.blocksInUse == general.allocator.blocksInUse)
      #expect(quick.liveObjectCount == general.liveObjectCount)
      #expect(quick.allocator.tally == general.allocator.tally)
      if step % 1_000 == 0 {
        let events = quick.allocator.takeEvents()
        let expected = general.allocator.takeEvents()
        #expect(events == expected)
      }
    }
    #expect(live.allSatisfy { quick.blocks[$0.slot] == general.blocks[$0.slot] })
    let events = quick.allocator.takeEvents()
    let expected = general.allocator.takeEvents()
    #expect(events == expected)
    quick.allocator.checkInvariants()
    general.allocator.checkInvariants()
  }
}
