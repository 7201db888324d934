import Testing

@testable import HeapModel

/// Blocks and pools: size classes, the +48 first block, LIFO reuse, full
/// pools going back to the head of usedpools, emptied pools changing class.
@Suite struct AllocatorBlockTests {
  @Test(arguments: PythonVersion.allCases)
  func freshPoolHandsOutBlocksFromPlus48InSteps(version: PythonVersion) {
    var heap = Allocator(version: version)
    let first = heap.allocate(100)
    let pool = heap.testPoolAddress(arena: 0, pool: 0)
    let second = heap.allocate(97)
    let third = heap.allocate(112)
    #expect(first == pool.advanced(by: 48))
    #expect(second == pool.advanced(by: 48 + 112))
    #expect(third == pool.advanced(by: 48 + 224))
    #expect(heap.sizeClass(of: first) == SizeClass(index: 6))
    #expect(heap.usableSize(of: first) == 112)
    #expect(
      heap.locate(third)
        == BlockLocation(arena: ArenaIndex(0), pool: PoolIndex(0), block: 2, sizeClass: SizeClass(index: 6)))
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func sizeClassBoundaries(version: PythonVersion) {
    var heap = Allocator(version: version)
    for (request, expected) in [(1, 0), (16, 0), (17, 1), (32, 1), (33, 2), (496, 30), (497, 31), (512, 31)] {
      let block = heap.allocate(request)
      #expect(heap.sizeClass(of: block)?.index == expected, "request \(request)")
      #expect(heap.isPymalloc(block))
    }
    #expect(
      heap.statistics().sizeClasses.filter { $0.pools > 0 }.map(\.sizeClass.index) == [0, 1, 2, 30, 31])
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func freedBlocksComeBackLastInFirstOut(version: PythonVersion) {
    var heap = Allocator(version: version)
    _ = heap.allocate(200)  // keeps 3.8 from releasing the arena when p, q, r go
    let p = heap.allocate(40)
    let q = heap.allocate(40)
    let r = heap.allocate(40)
    heap.free(p)
    heap.free(q)
    heap.free(r)
    #expect([heap.allocate(33), heap.allocate(48), heap.allocate(40)] == [r, q, p])
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func aFreedBlockOfAFullPoolIsHandedOutNext(version: PythonVersion) {
    var heap = Allocator(version: version)
    let pools = heap.fillPools(2, requestBytes: 200)
    let extra = heap.allocate(200)  // third pool becomes the usedpools head
    #expect(heap.locate(extra)?.pool == PoolIndex(2))
    heap.free(pools[0][5])
    #expect(heap.poolSummary(PoolIndex(0)).state == .used)
    #expect(heap.usedPoolOrder(of: SizeClass(index: 12)) == [PoolIndex(0), PoolIndex(2)])
    #expect(heap.allocate(200) == pools[0][5])
    #expect(heap.poolSummary(PoolIndex(0)).state == .full)
    #expect(heap.allocate(200) == extra.advanced(by: 208))
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func anEmptiedPoolIsReinitialisedForAnotherClass(version: PythonVersion) {
    var heap = Allocator(version: version)
    let a = heap.allocate(64)
    let b = heap.allocate(64)
    let keep = heap.allocate(300)  // pool 1 keeps the arena alive in 3.8
    heap.free(b)
    heap.free(a)
    #expect(heap.poolSummary(PoolIndex(0)).state == .empty)
    #expect(heap.poolSummary(PoolIndex(0)).sizeClass == SizeClass(index: 3))
    let c = heap.allocate(20)
    #expect(c == heap.testPoolAddress(arena: 0, pool: 0).advanced(by: 48))
    #expect(heap.locate(c)?.sizeClass == SizeClass(index: 1))
    #expect(heap.allocate(20) == c.advanced(by: 32))
    #expect(heap.locate(keep)?.pool == PoolIndex(1))
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func anEmptiedPoolKeepsItsFreeListForTheSameClass(version: PythonVersion) {
    var heap = Allocator(version: version)
    let x = heap.allocate(64)
    let y = heap.allocate(64)
    let z = heap.allocate(64)
    _ = heap.allocate(300)
    heap.free(x)
    heap.free(y)
    heap.free(z)
    let fourth = heap.testPoolAddress(arena: 0, pool: 0).advanced(by: 48 + 3 * 64)
    // Old LIFO order z, y, x, then the block that was next in the free list.
    #expect((0..<4).map { _ in heap.allocate(60) } == [z, y, x, fourth])
    #expect(heap.allocate(60) == fourth.advanced(by: 64))
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func blockListingShowsInUseFreeAndNeverUsed(version: PythonVersion) {
    var heap = Allocator(version: version)
    let blocks = (0..<4).map { _ in heap.allocate(500) }
    heap.free(blocks[1])
    heap.free(blocks[3])
    let listing = heap.blockSummaries(in: PoolIndex(0))
    #expect(listing.count == heap.constants.blocksPerPool(ofClass: 31))
    #expect(listing[0].state == .inUse)
    #expect(listing[1].state == .free(freeListPosition: 1))
    #expect(listing[2].state == .inUse)
    #expect(listing[3].state == .free(freeListPosition: 0))
    #expect(listing[4].state == .free(freeListPosition: 2))  // the bump block
    #expect(listing[5].state == .neverUsed)
    #expect(listing.map(\.address).prefix(4) == blocks[...])
    #expect(heap.isLive(blocks[0]) && !heap.isLive(blocks[1]))
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func zeroAndLargeRequestsGoToTheRawAllocator(version: PythonVersion) {
    var heap = Allocator(version: version)
    let zero = heap.allocate(0)
    let large = heap.allocate(513)
    let huge = heap.allocate(100_000)
    #expect(!heap.isPymalloc(zero) && !heap.isPymalloc(large) && !heap.isPymalloc(huge))
    #expect(Set([zero, large, huge]).count == 3)
    #expect(heap.usableSize(of: zero) == 1)
    #expect(heap.usableSize(of: large) == 513)
    #expect(heap.rawBlocks().map(\.size) == [1, 513, 100_000])
    let stats = heap.statistics()
    #expect(stats.rawBlocks == 3 && stats.rawBytes == 100_514)
    #expect(stats.arenasCurrent == 0 && stats.blocksInUse == 0)
    #expect(heap.allocatedBlocks == 3)
    heap.free(large)
    #expect(heap.allocate(520) == large)  // same chunk size: glibc-style reuse
    heap.free(zero)
    heap.free(huge)
    #expect(heap.rawBlockCount == 1)
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func eventsNameTheCFunctions(version: PythonVersion) {
    var heap = Allocator(version: version)
    _ = heap.allocate(10)
    #expect(heap.takeEvents().isEmpty)
    heap.recordsEvents = true
    let block = heap.allocate(10)
    _ = heap.allocate(10)
    heap.free(block)
    let events = heap.takeEvents()
    #expect(heap.takeEvents().isEmpty)
    let names = events.map { $0.cFunction(in: version) }
    let split = version >= .py39
    let extend = split ? "pymalloc_pool_extend" : "pymalloc_alloc"
    #expect(names == ["pymalloc_alloc", extend, "pymalloc_alloc", extend, "pymalloc_free"])
    #expect(events.count == 5)
    if case .poolExtended(_, _, let next) = events[1] {
      #expect(next == block.advanced(by: 16))
    } else {
      Issue.record("expected poolExtended, got \(events[1])")
    }
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func eventsOfANewArenaAndItsRelease(version: PythonVersion) {
    var heap = Allocator(version: version)
    heap.recordsEvents = true
    let block = heap.allocate(16)
    heap.free(block)
    let events = heap.takeEvents()
    let base = heap.arenaSummary(ArenaIndex(0)).base
    var expected: [AllocatorEvent] = [
      .arenaAllocated(arena: ArenaIndex(0), base: base, usablePools: version >= .py310 ? 63 : 64),
      .poolInitialized(
        pool: PoolIndex(0), arena: ArenaIndex(0), sizeClass: SizeClass(index: 0), carved: true),
      .blockAllocated(
        address: block, sizeClass: SizeClass(index: 0), pool: PoolIndex(0), arena: ArenaIndex(0)),
      .blockFreed(address: block, sizeClass: SizeClass(index: 0), pool: PoolIndex(0), arena: ArenaIndex(0)),
      .poolBecameEmpty(pool: PoolIndex(0), arena: ArenaIndex(0), sizeClass: SizeClass(index: 0)),
    ]
    if version == .py38 { expected.append(.arenaReleased(arena: ArenaIndex(0), base: base)) }
    #expect(events == expected)
    #expect(events.first?.cFunction(in: version) == "new_arena")
    #expect(
      events[1].cFunction(in: version) == (version == .py38 ? "pymalloc_alloc" : "allocate_from_new_pool"))
    #expect(events[4].cFunction(in: version) == (version == .py38 ? "pymalloc_free" : "insert_to_freepool"))
    #expect(events.allSatisfy { $0.cFile == "Objects/obmalloc.c" })
    heap.checkInvariants()
  }
}
