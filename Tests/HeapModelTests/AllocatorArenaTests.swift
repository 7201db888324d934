import Testing

@testable import HeapModel

/// Arenas: alignment (63 vs 64 pools), usable_arenas order, release rules
/// (3.8 always, 3.9+ keeps the tail), slot and address reuse.
@Suite struct AllocatorArenaTests {
  @Test(arguments: PythonVersion.allCases)
  func unalignedArenasLoseOnePool(version: PythonVersion) {
    var heap = Allocator(version: version)
    _ = heap.allocate(8)
    let arena = heap.arenaSummary(ArenaIndex(0))
    let poolSize = heap.constants.poolSize
    if version >= .py310 {
      #expect(arena.totalPools == 63 && !arena.isAligned)
      #expect(arena.firstPool.rawValue % UInt64(poolSize) == 0)
      #expect(arena.base.rawValue % 4096 == 0 && arena.base.rawValue % UInt64(poolSize) != 0)
      #expect(heap.statistics().arenaAlignmentBytes == poolSize)
    } else {
      #expect(arena.totalPools == 64 && arena.isAligned && arena.firstPool == arena.base)
      #expect(heap.statistics().arenaAlignmentBytes == 0)
    }
    #expect(heap.statistics().unusedPools == arena.totalPools - 1)
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func alignmentPolicyIsPerSlot(version: PythonVersion) {
    var heap = Allocator(profile: VersionProfile(version), arenaAlignment: .alignedSlots([1]))
    _ = heap.fillPools(63 + 64, requestBytes: 512)
    #expect(heap.arenaSummaries().map(\.totalPools) == [63, 64])
    #expect(heap.statistics().arenaAlignmentBytes == heap.constants.poolSize)
    #expect(heap.arenaCount == 2 && heap.usableArenaOrder.isEmpty)
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func aNewArenaOnlyWhenNoArenaHasAFreePool(version: PythonVersion) {
    var heap = Allocator(version: version)
    let perArena = version >= .py310 ? 63 : 64
    _ = heap.fillPools(perArena, requestBytes: 512)
    #expect(heap.arenaCount == 1)
    _ = heap.allocate(16)
    #expect(heap.arenaCount == 2)
    #expect(heap.statistics().arenasHighwater == 2)
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func emptiedArenaIsReleasedOnlyIn38(version: PythonVersion) {
    var heap = Allocator(version: version)
    for _ in 0..<10 {
      let block = heap.allocate(24)
      heap.free(block)
    }
    let stats = heap.statistics()
    if version == .py38 {
      #expect(stats.arenasAllocatedTotal == 10 && stats.arenasCurrent == 0 && stats.arenasReclaimed == 10)
    } else {
      #expect(stats.arenasAllocatedTotal == 1 && stats.arenasCurrent == 1 && stats.arenasReclaimed == 0)
    }
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func onlyTheTailEmptyArenaIsKept(version: PythonVersion) {
    var heap = Allocator(version: version)
    let perArena = version >= .py310 ? 63 : 64
    let pools = heap.fillPools(3 * perArena, requestBytes: 512)
    #expect(heap.arenaCount == 3)
    for pool in pools[(2 * perArena)...] { for block in pool { heap.free(block) } }
    for pool in pools[perArena..<(2 * perArena)] { for block in pool { heap.free(block) } }
    let stats = heap.statistics()
    #expect(stats.arenasCurrent == (version == .py38 ? 1 : 2))
    #expect(stats.arenasReclaimed == (version == .py38 ? 2 : 1))
    if version != .py38 {
      #expect(heap.usableArenaOrder == [ArenaIndex(2)])  // arena 2 emptied first, kept at the tail
    }
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func releasedSlotIsReusedAtTheSameAddress(version: PythonVersion) {
    var heap = Allocator(version: version)
    let perArena = version >= .py310 ? 63 : 64
    let pools = heap.fillPools(2 * perArena, requestBytes: 512)
    let keep = heap.allocate(512)  // arena 2
    let secondBase = heap.arenaSummary(ArenaIndex(1)).base
    for pool in pools[perArena...] { for block in pool { heap.free(block) } }
    // 3.9+: arena 1 is not last in usable_arenas (arena 2 follows), so it goes.
    #expect(heap.arenaCount == 2)
    #expect(!heap.arenaSummaries().map(\.index).contains(ArenaIndex(1)))
    // Arena 2's free pools first, then one more arena: slot 1 comes back.
    _ = heap.fillPools(perArena, requestBytes: 496)
    #expect(heap.arenaCount == 3)
    #expect(heap.arenaSummary(ArenaIndex(1)).base == secondBase)
    #expect(heap.statistics().arenasAllocatedTotal == 4)
    #expect(heap.isLive(keep))
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func usableArenasStaySortedWithTheNewcomerBeforeEquals(version: PythonVersion) {
    var heap = Allocator(version: version)
    let perArena = version >= .py310 ? 63 : 64
    let pools = heap.fillPools(3 * perArena, requestBytes: 512)
    func emptyPool(arena: Int, pool: Int) {
      for block in pools[arena * perArena + pool] { heap.free(block) }
    }
    emptyPool(arena: 2, pool: 0)
    emptyPool(arena: 2, pool: 1)
    emptyPool(arena: 1, pool: 0)
    emptyPool(arena: 0, pool: 0)
    #expect(heap.usableArenaOrder == [ArenaIndex(0), ArenaIndex(1), ArenaIndex(2)])
    emptyPool(arena: 0, pool: 1)  // 0 now has 2 free pools, like arena 2
    #expect(heap.usableArenaOrder == [ArenaIndex(1), ArenaIndex(0), ArenaIndex(2)])
    #expect(heap.arenaSummaries().map(\.freePools) == [2, 1, 2])
    // New pools come from the head: the most used arena, its last emptied pool.
    let next = heap.allocate(16)
    #expect(next == heap.testPoolAddress(arena: 1, pool: 0).advanced(by: 48))
    #expect(heap.usableArenaOrder == [ArenaIndex(0), ArenaIndex(2)])
    let again = heap.allocate(300)
    #expect(again == heap.testPoolAddress(arena: 0, pool: 1).advanced(by: 48))  // freepools is LIFO
    heap.checkInvariants()
  }

  @Test(arguments: [PythonVersion.py310, .py313])
  func arenaMapCountsItsNodes(version: PythonVersion) {
    var heap = Allocator(version: version)
    _ = heap.allocate(100)
    let text = heap.debugMallocStats()
    #expect(text.contains("# arena map mid nodes              =                    1\n"))
    #expect(text.contains("# arena map bot nodes              =                    1\n"))
    let stats = heap.statistics()
    #expect(stats.arenaMapMidNodes == 1 && stats.arenaMapBottomNodes == 1)
  }

  @Test func arenaMapOf310GrowsALeafPer256MiB() {
    var heap = Allocator(version: .py310)
    _ = heap.fillPools(63 * 130, requestBytes: 512)  // 130 arenas at a 2 MiB stride
    #expect(heap.arenaCount == 130)
    #expect(heap.statistics().arenaMapBottomNodes == 2)
    #expect(heap.statistics().arenaMapMidNodes == 1)
    heap.checkInvariants()
  }
}
