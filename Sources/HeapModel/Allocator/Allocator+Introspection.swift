// Read-only views for the heap grid, the object layer and tests: which
// arenas, pools and blocks exist and in what state, and where an address
// lives. Address → (arena, pool, block) is arithmetic (see `Allocator`);
// listing a pool's blocks walks its free list once.

extension Allocator {
  /// Mapped arenas in slot order.
  public func arenaSummaries() -> [ArenaSummary] {
    arenas.indices.filter { arenas[$0].isAllocated }.map(arenaSummary)
  }

  /// The arena in slot `index`, mapped or not.
  public func arenaSummary(_ index: ArenaIndex) -> ArenaSummary {
    arenaSummary(index.rawValue)
  }

  private func arenaSummary(_ arena: Int) -> ArenaSummary {
    let record = arenas[arena]
    return ArenaSummary(
      index: ArenaIndex(arena), base: Address(record.base), firstPool: Address(record.firstPool),
      totalPools: Int(record.totalPools), freePools: Int(record.freePools),
      carvedPools: Int(record.carvedPools), isAligned: record.isAligned)
  }

  /// `usable_arenas` from head to tail: where the next new pools come from.
  public var usableArenaOrder: [ArenaIndex] {
    var order: [ArenaIndex] = []
    var arena = usableArenas
    while arena >= 0 {
      order.append(ArenaIndex(Int(arena)))
      arena = arenas[Int(arena)].next
    }
    return order
  }

  /// `usedpools[class]` from head to tail: where the next blocks of the class come from.
  public func usedPoolOrder(of sizeClass: SizeClass) -> [PoolIndex] {
    var order: [PoolIndex] = []
    var pool = usedPools[sizeClass.index]
    while pool >= 0 {
      order.append(PoolIndex(Int(pool)))
      pool = pools[Int(pool)].next
    }
    return order
  }

  /// The usable pools of a mapped arena, in address order.
  public func poolSummaries(in arena: ArenaIndex) -> [PoolSummary] {
    let first = arena.rawValue << poolsPerArenaShift
    return (0..<Int(arenas[arena.rawValue].totalPools)).map { poolSummary(PoolIndex(first + $0)) }
  }

  /// One pool of a mapped arena.
  public func poolSummary(_ index: PoolIndex) -> PoolSummary {
    let pool = index.rawValue
    let arena = pool >> poolsPerArenaShift
    let header = pools[pool]
    let carved = pool & ((1 << poolsPerArenaShift) - 1) < Int(arenas[arena].carvedPools)
    let state: PoolSummary.State
    var sizeClass: SizeClass?
    var capacity = 0
    if !carved {
      state = .neverCarved
    } else {
      if header.sizeClass != PoolHeader.noClass {
        sizeClass = SizeClass(index: Int(header.sizeClass))
        capacity = Int(self.capacity[Int(header.sizeClass)])
      }
      state = header.count == 0 ? .empty : (Int(header.count) == capacity ? .full : .used)
    }
    return PoolSummary(
      index: index, arena: ArenaIndex(arena), address: Address(poolAddress(pool)), state: state,
      sizeClass: sizeClass, blocksInUse: carved ? Int(header.count) : 0, blockCapacity: capacity)
  }

  /// Every block of a carved pool, in address order; empty for a pool never carved.
  public func blockSummaries(in index: PoolIndex) -> [BlockSummary] {
    let summary = poolSummary(index)
    guard let sizeClass = summary.sizeClass else { return [] }
    let pool = index.rawValue
    var positions = [Int](repeating: -1, count: summary.blockCapacity)
    var block = pools[pool].freeHead
    var position = 0
    while block != PoolHeader.noBlock {
      positions[Int(block)] = position
      position += 1
      block = freeListNext(pool: pool, after: block)
    }
    let virgin = Int(pools[pool].nextVirgin)
    return (0..<summary.blockCapacity).map { block in
      let state: BlockSummary.State
      if block >= virgin {
        state = .neverUsed
      } else if positions[block] >= 0 {
        state = .free(freeListPosition: positions[block])
      } else {
        state = .inUse
      }
      return BlockSummary(
        index: block, address: blockAddress(pool: pool, block: block, sizeClass: sizeClass.index),
        state: state)
    }
  }

  /// Live raw blocks, by address.
  public func rawBlocks() -> [RawBlockSummary] {
    raw.live.map { RawBlockSummary(address: Address($0.key), size: $0.value.size) }.sorted {
      $0.address < $1.address
    }
  }

  /// Whether `address` lies in a mapped arena (a pymalloc block).
  ///
  /// - Complexity: O(1).
  public func isPymalloc(_ address: Address) -> Bool {
    let offset = address.rawValue &- Self.heapBase
    let arena = Int(truncatingIfNeeded: offset >> UInt64(arenaStrideShift))
    guard offset < (1 << 47), arena < arenas.count, arenas[arena].isAllocated else { return false }
    return address.rawValue &- arenas[arena].base < UInt64(constants.arenaSize)
  }

  /// Where a live pymalloc block lives; nil for raw blocks and addresses
  /// outside the arenas.
  ///
  /// - Complexity: O(1).
  public func locate(_ address: Address) -> BlockLocation? {
    guard let location = pymallocLocation(address.rawValue) else { return nil }
    return BlockLocation(
      arena: ArenaIndex(location.pool >> poolsPerArenaShift), pool: PoolIndex(location.pool),
      block: location.block, sizeClass: SizeClass(index: location.sizeClass))
  }

  /// Size class of a pymalloc block; nil for a raw block.
  public func sizeClass(of address: Address) -> SizeClass? {
    locate(address)?.sizeClass
  }

  /// Bytes usable at a live block: the block size for pymalloc, the
  /// requested size for a raw block.
  public func usableSize(of address: Address) -> Int {
    if let location = pymallocLocation(address.rawValue) {
      return (location.sizeClass + 1) << 4
    }
    guard let size = raw.size(of: address.rawValue) else {
      preconditionFailure("usableSize of \(address), which is not a live block")
    }
    return size
  }

  /// Whether the block at `address` is live (pymalloc in use, or raw).
  public func isLive(_ address: Address) -> Bool {
    if isPymalloc(address) {
      let offset = address.rawValue &- Self.heapBase
      let arena = Int(truncatingIfNeeded: offset >> UInt64(arenaStrideShift))
      let record = arenas[arena]
      guard address.rawValue >= record.firstPool else { return false }
      let poolInArena = Int((address.rawValue - record.firstPool) >> UInt64(poolShift))
      guard poolInArena < Int(record.carvedPools) else { return false }
      let pool = arena << poolsPerArenaShift | poolInArena
      let header = pools[pool]
      guard header.count > 0 else { return false }
      let inPool =
        Int((address.rawValue - record.firstPool) & UInt64(constants.poolSize - 1)) - Int(headerSize)
      let size = (Int(header.sizeClass) + 1) << 4
      guard inPool >= 0, inPool % size == 0, inPool / size < Int(header.nextVirgin) else { return false }
      return isInUse(pool: pool, block: inPool / size)
    }
    return raw.contains(address.rawValue)
  }
}
