// Counting for `sys._debugmallocstats()` and the Stats pane: one walk over
// the carved pools of mapped arenas, as `_PyObject_DebugMallocStats` does.

extension Allocator {
  /// The counts `sys._debugmallocstats()` prints, plus raw-allocator totals.
  ///
  /// - Complexity: O(pools carved).
  public func statistics() -> AllocatorStatistics {
    var rows = (0..<constants.sizeClassCount).map {
      SizeClassStatistics(
        sizeClass: SizeClass(index: $0), usedPools: 0, fullPools: 0, blocksInUse: 0, availableBlocks: 0)
    }
    var unused = 0
    var unaligned = 0
    for arena in arenas.indices where arenas[arena].isAllocated {
      unused += Int(arenas[arena].freePools)
      if !arenas[arena].isAligned { unaligned += 1 }
      let first = arena << poolsPerArenaShift
      for pool in first..<(first + Int(arenas[arena].carvedPools)) {
        let header = pools[pool]
        guard header.count > 0 else { continue }
        let sizeClass = Int(header.sizeClass)
        let free = Int(capacity[sizeClass]) - Int(header.count)
        if free == 0 { rows[sizeClass].fullPools += 1 } else { rows[sizeClass].usedPools += 1 }
        rows[sizeClass].blocksInUse += Int(header.count)
        rows[sizeClass].availableBlocks += free
      }
    }
    var allocated = 0
    var available = 0
    var headers = 0
    var quantization = 0
    for row in rows {
      let size = row.sizeClass.blockSize
      allocated += row.blocksInUse * size
      available += row.availableBlocks * size
      headers += row.pools * constants.poolHeaderSize
      quantization += row.pools * constants.quantizationLoss(ofClass: row.sizeClass.index)
    }
    return AllocatorStatistics(
      sizeClasses: rows, arenasAllocatedTotal: arenasAllocatedTotal,
      arenasReclaimed: arenasAllocatedTotal - arenasCurrent, arenasHighwater: arenasHighwater,
      arenasCurrent: arenasCurrent, unusedPools: unused, allocatedBytes: allocated,
      availableBytes: available, poolHeaderBytes: headers, quantizationBytes: quantization,
      arenaAlignmentBytes: unaligned * constants.poolSize, arenaBytes: arenasCurrent * constants.arenaSize,
      rawBlocks: raw.live.count, rawBytes: raw.bytes, arenaMapMidNodes: arenaMapMidNodes.count,
      arenaMapBottomNodes: arenaMapBottomNodes.count, poolSize: constants.poolSize)
  }

  /// pymalloc blocks in use now, kept as a running count.
  ///
  /// - Complexity: O(1).
  public var blocksInUse: Int { pymallocBlocksInUse }

  /// Live raw blocks now.
  public var rawBlockCount: Int { raw.live.count }

  /// Arenas mapped now.
  ///
  /// - Complexity: O(1).
  public var arenaCount: Int { arenasCurrent }

  /// Bytes taken from the system: mapped arenas plus raw blocks (what
  /// `--max-heap` limits).
  /// - Complexity: O(1).
  public var reservedBytes: Int { arenasCurrent * constants.arenaSize + raw.bytes }

  /// `sys.getallocatedblocks()`: pymalloc blocks plus raw blocks in use.
  public var allocatedBlocks: Int { pymallocBlocksInUse + raw.live.count }
}
