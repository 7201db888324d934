// The figures behind `sys._debugmallocstats()` and the TUI's Stats pane.
//
// Computed the way `_PyObject_DebugMallocStats` does: walk every mapped
// arena's carved pools; a pool with blocks in use counts for its class
// (empty pools count for no class). Invariant, checked in tests:
//   allocatedBytes + availableBytes + unusedPools·POOL_SIZE + poolHeaderBytes
//   + quantizationBytes + arenaAlignmentBytes == arenasCurrent · ARENA_SIZE.

/// Per-class and global counts of the allocator, as in `sys._debugmallocstats()`.
public struct AllocatorStatistics: Sendable, Equatable {
  /// One entry per size class (all of them, including classes with no pool).
  public var sizeClasses: [SizeClassStatistics]
  /// Arenas ever mapped (`ntimes_arena_allocated`).
  public var arenasAllocatedTotal: Int
  /// Arenas unmapped so far.
  public var arenasReclaimed: Int
  /// Most arenas mapped at once (`narenas_highwater`).
  public var arenasHighwater: Int
  /// Arenas mapped now.
  public var arenasCurrent: Int
  /// Empty plus never-carved pools of mapped arenas (Σ `nfreepools`).
  public var unusedPools: Int
  /// Σ blocks in use · block size.
  public var allocatedBytes: Int
  /// Σ free (incl. never-used) blocks of non-empty pools · block size.
  public var availableBytes: Int
  /// 48 bytes per non-empty pool.
  public var poolHeaderBytes: Int
  /// Tail waste of non-empty pools.
  public var quantizationBytes: Int
  /// One pool per unaligned mapped arena.
  public var arenaAlignmentBytes: Int
  /// Bytes of all mapped arenas.
  public var arenaBytes: Int
  /// Live blocks of the raw allocator (0-byte and > 512-byte requests).
  public var rawBlocks: Int
  /// Requested bytes of the live raw blocks.
  public var rawBytes: Int
  /// Interior nodes of the 3.10+ arena map (0 before 3.10).
  public var arenaMapMidNodes: Int
  /// Leaf nodes of the 3.10+ arena map (0 before 3.10).
  public var arenaMapBottomNodes: Int

  /// Σ of the six byte figures; equals `arenaBytes`.
  public var accountedBytes: Int {
    allocatedBytes + availableBytes + unusedPools * poolSize + poolHeaderBytes + quantizationBytes
      + arenaAlignmentBytes
  }

  /// Blocks in use over all classes (pymalloc only).
  public var blocksInUse: Int { sizeClasses.reduce(0) { $0 + $1.blocksInUse } }

  /// Pools with blocks in use over all classes.
  public var poolsInUse: Int { sizeClasses.reduce(0) { $0 + $1.pools } }

  /// Pool size of the version, for the "unused pools" figure.
  public var poolSize: Int
}

/// One row of the size-class table.
public struct SizeClassStatistics: Sendable, Equatable {
  /// The class.
  public var sizeClass: SizeClass
  /// Pools of this class with free blocks (in `usedpools`).
  public var usedPools: Int
  /// Pools of this class with no free block.
  public var fullPools: Int
  /// Blocks handed out.
  public var blocksInUse: Int
  /// Free blocks (free list plus never-used) in this class's pools.
  public var availableBlocks: Int

  /// "num pools": used plus full.
  public var pools: Int { usedPools + fullPools }
}
