// A full self-check of the allocator's bookkeeping, run at the end of every
// model test. Everything it checks follows from the state machine in
// `Allocator` and `PoolHeader`:
//
// * pools: block 0 where the pool's address says; count == bits set; free
//   list ∪ in-use == blocks below nextVirgin, disjoint; used ⇔ 0 < count <
//   capacity ⇔ in usedpools[class] exactly once; full ⇒ no free list and
//   no never-used block; empty ⇔ in freepools.
// * arenas: freePools == never-carved + |freepools|; usable_arenas holds
//   exactly the mapped arenas with a free pool, doubly linked, sorted by
//   ascending freePools, and nfp2lasta names the rightmost of each count;
//   a wholly free arena is tolerated only at the tail (3.9+).
// * counters: current == mapped slots; highwater ≥ current; running block
//   count == Σ counts; byte accounting adds up to current · ARENA_SIZE.

extension Allocator {
  /// Checks every invariant; a violation is a precondition failure naming
  /// the state that broke it.
  ///
  /// - Complexity: O(pools carved + blocks carved).
  public func checkInvariants() {
    var usedSeen = Set<Int>()
    for sizeClass in 0..<constants.sizeClassCount {
      var pool = usedPools[sizeClass]
      var prev: Int32 = -1
      while pool >= 0 {
        let header = pools[Int(pool)]
        check(header.prev == prev, "usedpools[\(sizeClass)] back link broken at \(describePool(Int(pool)))")
        check(Int(header.sizeClass) == sizeClass, "\(describePool(Int(pool))) in usedpools[\(sizeClass)]")
        check(
          header.count > 0 && header.count < capacity[sizeClass],
          "\(describePool(Int(pool))) in usedpools but not partially used")
        check(usedSeen.insert(Int(pool)).inserted, "\(describePool(Int(pool))) twice in usedpools")
        prev = pool
        pool = header.next
      }
    }
    var mapped = 0
    var blocks = 0
    for arena in arenas.indices where arenas[arena].isAllocated {
      mapped += 1
      let record = arenas[arena]
      check(record.carvedPools <= record.totalPools, "\(ArenaIndex(arena)) carved beyond its pools")
      var freeSeen = Set<Int>()
      var pool = record.freePoolHead
      while pool >= 0 {
        check(
          pool >> Int32(poolsPerArenaShift) == Int32(arena),
          "foreign pool in freepools of \(ArenaIndex(arena))")
        check(pools[Int(pool)].count == 0, "\(describePool(Int(pool))) in freepools but not empty")
        check(freeSeen.insert(Int(pool)).inserted, "freepools of \(ArenaIndex(arena)) loops")
        pool = pools[Int(pool)].next
      }
      check(
        Int(record.freePools) == Int(record.totalPools - record.carvedPools) + freeSeen.count,
        "\(ArenaIndex(arena)): nfreepools \(record.freePools) != uncarved + freepools")
      let first = arena << poolsPerArenaShift
      for pool in first..<(first + Int(record.carvedPools)) {
        blocks += checkPool(pool, inFreePools: freeSeen.contains(pool), inUsedPools: usedSeen.contains(pool))
      }
    }
    check(mapped == arenasCurrent, "\(mapped) arenas mapped, counter says \(arenasCurrent)")
    check(
      arenasHighwater >= arenasCurrent && arenasAllocatedTotal >= arenasHighwater, "arena counters disordered"
    )
    check(blocks == pymallocBlocksInUse, "blocks in use \(blocks), counter says \(pymallocBlocksInUse)")
    for slot in arenas.indices {
      check(
        mappedFirstPool[slot] == (arenas[slot].isAllocated ? arenas[slot].firstPool : 0),
        "first-pool mirror of \(ArenaIndex(slot)) stale")
    }
    checkUsableArenas()
    var slot = unusedArenas
    while slot >= 0 {
      check(!arenas[Int(slot)].isAllocated, "mapped \(ArenaIndex(Int(slot))) on the unused stack")
      slot = arenas[Int(slot)].next
    }
    let stats = statistics()
    check(
      stats.accountedBytes == stats.arenaBytes,
      "byte accounting \(stats.accountedBytes) != \(stats.arenaBytes)")
  }

  /// Checks one carved pool and returns its blocks in use.
  private func checkPool(_ pool: Int, inFreePools: Bool, inUsedPools: Bool) -> Int {
    let header = pools[pool]
    check(
      header.firstBlock == poolAddress(pool) + headerSize,
      "\(describePool(pool)) has block 0 at \(Address(header.firstBlock))")
    let carved = header.sizeClass == PoolHeader.noClass ? 0 : Int(header.nextVirgin)
    // Blocks 0…63 are in the header; the side table's word for them stays 0.
    let words =
      [header.lowBits]
      + stride(from: 0, to: 1 << slotShift, by: 64).map { inUseBits[bitWord(pool: pool, block: $0)] }
    let marked = words.reduce(0) { $0 + $1.nonzeroBitCount }
    let markedCarved = (0..<carved).reduce(0) { $0 + (isInUse(pool: pool, block: $1) ? 1 : 0) }
    check(marked == Int(header.count), "\(describePool(pool)) has \(marked) blocks marked in use")
    check(markedCarved == marked, "\(describePool(pool)) has never-used blocks marked in use")
    if header.count == 0 {
      check(inFreePools && !inUsedPools, "empty \(describePool(pool)) not (only) in freepools")
      return 0
    }
    let sizeClass = Int(header.sizeClass)
    check(header.nextVirgin <= capacity[sizeClass], "\(describePool(pool)) bumped beyond its capacity")
    var freeCount = 0
    var block = header.freeHead
    while block != PoolHeader.noBlock {
      check(block < header.nextVirgin, "\(describePool(pool)) free list reaches never-used block \(block)")
      check(!isInUse(pool: pool, block: Int(block)), "\(describePool(pool)) free list reaches a live block")
      freeCount += 1
      check(freeCount <= Int(header.nextVirgin), "\(describePool(pool)) free list loops")
      block = freeListNext(pool: pool, after: block)
    }
    check(freeCount + Int(header.count) == Int(header.nextVirgin), "\(describePool(pool)) loses blocks")
    let full = header.count == capacity[sizeClass]
    check(
      full ? header.freeHead == PoolHeader.noBlock : header.freeHead != PoolHeader.noBlock,
      "\(describePool(pool)) free list disagrees with fullness")
    check(full != inUsedPools && !inFreePools, "\(describePool(pool)) on the wrong list")
    return Int(header.count)
  }

  /// Checks `usable_arenas` and the `nfp2lasta` fingers.
  private func checkUsableArenas() {
    var expectedLast = [Int32](repeating: -1, count: lastArenaWithFreePools.count)
    var seen = Set<Int>()
    var arena = usableArenas
    var prev: Int32 = -1
    var lastCount = 0
    while arena >= 0 {
      let record = arenas[Int(arena)]
      check(
        record.isAllocated && record.freePools > 0,
        "\(ArenaIndex(Int(arena))) on usable_arenas without free pools")
      check(record.prev == prev, "usable_arenas back link broken at \(ArenaIndex(Int(arena)))")
      check(Int(record.freePools) >= lastCount, "usable_arenas not sorted at \(ArenaIndex(Int(arena)))")
      check(seen.insert(Int(arena)).inserted, "usable_arenas loops")
      if record.freePools == record.totalPools {
        check(
          record.next < 0 && constants.keepsEmptyTailArena,
          "wholly free \(ArenaIndex(Int(arena))) kept where it should have been released")
      }
      lastCount = Int(record.freePools)
      expectedLast[lastCount] = arena
      prev = arena
      arena = record.next
    }
    for index in arenas.indices where arenas[index].isAllocated && arenas[index].freePools > 0 {
      check(seen.contains(index), "\(ArenaIndex(index)) has free pools but is not usable")
    }
    check(
      expectedLast == Array(lastArenaWithFreePools), "nfp2lasta \(lastArenaWithFreePools) != \(expectedLast)")
  }

  private func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
      preconditionFailure("allocator invariant broken (\(version)): " + message())
    }
  }
}
