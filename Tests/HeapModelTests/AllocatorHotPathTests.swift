import Testing

@testable import HeapModel

/// The allocator's hot paths (`allocateUnshared` / `freeUnshared`, which
/// read and write pool headers in place and take a block's address from
/// its header, and `allocateWithinUsedPool`, which declines what needs a
/// call) against a reference written from pymalloc's
/// rules alone: per
/// pool a LIFO stack of freed blocks and a never-used mark, per class the
/// order of `usedpools`. Which pool a class gets when it has none is the
/// arenas' business; the reference only checks that such a pool is either
/// fresh (block 0 first) or the same class's empty pool, whose free list it
/// kept.
@Suite struct AllocatorHotPathTests {
  /// What pymalloc's rules say one pool holds.
  struct ReferencePool {
    var sizeClass: Int
    var capacity: Int
    /// Freed blocks, most recently freed last.
    var freed: [Int] = []
    /// The first block never handed out.
    var virgin = 0
    var count = 0
  }

  /// Which of the allocator's entry points an operation goes through.
  enum Path: CaseIterable {
    /// `allocate` / `free`, which check for a shared storage.
    case checked
    /// `allocateUnshared` / `freeUnshared`.
    case unshared
    /// `allocateWithinUsedPool`, and `allocatePymallocUnshared` when it
    /// declines; frees as `unshared`.
    case withoutCall
  }

  /// Allocations and frees through the allocator and the reference side by
  /// side, with the addresses, `usedpools` orders, counts and tally compared
  /// after every operation.
  struct Run {
    var heap: Allocator
    var pools: [Int: ReferencePool] = [:]
    var used: [[Int]]
    var live: [Address] = []
    var allocatedBytes = 0
    var freedBytes = 0

    init(version: PythonVersion) {
      heap = Allocator(version: version)
      heap.eventLog = .tally
      used = Array(repeating: [], count: heap.constants.sizeClassCount)
    }

    func expectedAddress(pool: Int, block: Int, sizeClass: Int) -> Address {
      let base = heap.poolSummary(PoolIndex(pool)).address.rawValue
      return Address(base + UInt64(heap.constants.poolHeaderSize + block * (sizeClass + 1) * 16))
    }

    mutating func allocate(_ nbytes: Int, path: Path) {
      let sizeClass = (nbytes - 1) >> 4
      let address: Address
      switch path {
      case .checked:
        address = heap.allocate(nbytes)
      case .unshared:
        heap.makeUnique()
        address = heap.allocateUnshared(nbytes)
      case .withoutCall:
        heap.makeUnique()
        if let quick = heap.allocateWithinUsedPool(nbytes) {
          // Declined exactly when the pool would change lists.
          #expect(!used[sizeClass].isEmpty)
          address = quick
        } else {
          address = heap.allocatePymallocUnshared(nbytes)
        }
      }
      let location = heap.locate(address)
      #expect(location?.sizeClass.index == sizeClass)
      guard let location else { return }
      let pool: Int
      if let head = used[sizeClass].first {
        pool = head
        #expect(location.pool.rawValue == head, "class \(sizeClass) served from the head of usedpools")
      } else {
        pool = location.pool.rawValue
        if let old = pools[pool], old.sizeClass == sizeClass {
          #expect(old.count == 0, "a class with no used pool got pool \(pool), which is in use")
        } else {
          pools[pool] = ReferencePool(
            sizeClass: sizeClass, capacity: heap.constants.blocksPerPool(ofClass: sizeClass))
        }
        used[sizeClass].insert(pool, at: 0)
      }
      var reference = pools[pool]!
      let block: Int
      if let last = reference.freed.popLast() {
        block = last
      } else {
        block = reference.virgin
        reference.virgin += 1
      }
      reference.count += 1
      if reference.count == reference.capacity { used[sizeClass].removeFirst() }
      pools[pool] = reference
      #expect(address == expectedAddress(pool: pool, block: block, sizeClass: sizeClass))
      live.append(address)
      allocatedBytes += (sizeClass + 1) * 16
    }

    mutating func free(at index: Int, path: Path) {
      let address = live.remove(at: index)
      guard let location = heap.locate(address) else {
        Issue.record("\(address) is not a pymalloc block")
        return
      }
      let pool = location.pool.rawValue
      switch path {
      case .checked:
        heap.free(address)
      case .unshared, .withoutCall:
        heap.makeUnique()
        heap.freeUnshared(address)
      }
      var reference = pools[pool]!
      let sizeClass = reference.sizeClass
      if reference.count == reference.capacity { used[sizeClass].insert(pool, at: 0) }
      reference.freed.append(location.block)
      reference.count -= 1
      if reference.count == 0 { used[sizeClass].removeAll { $0 == pool } }
      pools[pool] = reference
      if !heap.isPymalloc(address) {
        // The arena went back to the OS with its last pool: when its slot
        // is mapped again, every pool is carved afresh.
        let arena = location.arena.rawValue
        #expect(pools.allSatisfy { $0.key >> 6 != arena || $0.value.count == 0 })
        pools = pools.filter { $0.key >> 6 != arena }
      }
      freedBytes += (sizeClass + 1) * 16
    }

    func expectAgreement(_ sizeClass: Int) {
      #expect(heap.usedPoolOrder(of: SizeClass(index: sizeClass)).map(\.rawValue) == used[sizeClass])
      #expect(heap.blocksInUse == live.count)
      #expect(heap.tally.allocatedBytes == allocatedBytes && heap.tally.freedBytes == freedBytes)
    }
  }

  @Test(arguments: PythonVersion.allCases)
  func seededSequenceMatchesTheReference(version: PythonVersion) {
    var run = Run(version: version)
    var seed: UInt64 = 0x2545_F491_4F6C_DD1D &+ UInt64(version.minor)
    func next() -> UInt64 {
      seed ^= seed << 13
      seed ^= seed >> 7
      seed ^= seed << 17
      return seed
    }
    // Three classes, so that pools fill, drain and change hands; the mix
    // swings between growth and shrinkage so pools go full, used and empty.
    let sizes = [24, 32, 100, 500]
    for step in 0..<30_000 {
      let growing = (step / 3_000) % 2 == 0
      let roll = next() % 100
      let size = sizes[Int(next() % UInt64(sizes.count))]
      if run.live.isEmpty || roll < (growing ? 70 : 30) {
        run.allocate(size, path: Path.allCases[step % 3])
      } else {
        // Mostly the newest blocks (LIFO traffic), sometimes any.
        let count = run.live.count
        let index =
          roll % 4 == 0 ? Int(next() % UInt64(count)) : count - 1 - Int(next() % UInt64(min(count, 8)))
        run.free(at: index, path: Path.allCases[(step / 3) % 3])
      }
      run.expectAgreement((size - 1) >> 4)
      if step % 5_000 == 4_999 { run.heap.checkInvariants() }
    }
    while !run.live.isEmpty { run.free(at: run.live.count - 1, path: .withoutCall) }
    for size in sizes { run.expectAgreement((size - 1) >> 4) }
    #expect(run.heap.blocksInUse == 0)
    run.heap.checkInvariants()
  }

  /// With every event logged, the allocation without a call declines and
  /// changes nothing: the events come from the general path.
  @Test func allocationWithoutCallDeclinesUnderTheFullLog() {
    var heap = Allocator(version: .py312)
    let kept = heap.allocate(32)
    heap.eventLog = .full
    heap.makeUnique()
    let inUse = heap.blocksInUse
    let allocated = heap.allocateWithinUsedPool(32)
    #expect(allocated == nil)
    #expect(heap.blocksInUse == inUse && heap.isLive(kept))
    let events = heap.takeEvents()
    #expect(events.isEmpty && heap.tally.isEmpty)
    heap.checkInvariants()
  }

  @Test(arguments: [PythonVersion.py38, .py312])
  func unsharedOperationsAfterMakeUniqueLeaveTheCheckpointAlone(version: PythonVersion) {
    var heap = Allocator(version: version)
    var kept: [Address] = []
    for size in stride(from: 8, through: 512, by: 8) { kept.append(heap.allocate(size)) }
    heap.free(kept.removeLast())
    let checkpoint = heap
    heap.makeUnique()
    // Writes through the unshared paths now go to the copy's own storage.
    var again: [Address] = []
    for size in stride(from: 8, through: 512, by: 8) { again.append(heap.allocateUnshared(size)) }
    for address in kept { heap.freeUnshared(address) }
    #expect(heap.blocksInUse == again.count)
    #expect(checkpoint.blocksInUse == kept.count)
    #expect(kept.allSatisfy { checkpoint.isLive($0) })
    // The checkpoint replays the same addresses: nothing it holds changed.
    var replay = checkpoint
    var replayed: [Address] = []
    for size in stride(from: 8, through: 512, by: 8) { replayed.append(replay.allocate(size)) }
    #expect(replayed == again)
    checkpoint.checkInvariants()
    heap.checkInvariants()
  }

  @Test func rowsReusedAfterWideBlocksAndSizesDropTheirSideEntries() {
    var table = ObjectTable()
    let wideBlock: UInt64 = 0x1234_5678_9abc_def1  // unaligned: no code
    let narrowBlock = Allocator.heapBase + 0x4_0030
    let wide = table.addRow(
      kind: .bytes, flags: [], type: .null, payload: 7, block: wideBlock, size: 70_000)
    let narrow = table.addRow(kind: .float, flags: [], type: .null, payload: 1, block: narrowBlock, size: 24)
    #expect(table.storage.block(wide) == wideBlock && table.storage.size(wide) == 70_000)
    #expect(table.storage.block(narrow) == narrowBlock && table.storage.size(narrow) == 24)
    #expect(table.storage.wideBlocks.count == 1 && table.storage.wideSizes.count == 1)
    table.freeRow(wide)
    // A dead row keeps its block and size for readers.
    #expect(table.storage.block(wide) == wideBlock && table.storage.size(wide) == 70_000)
    let reused = table.addRow(
      kind: .float, flags: [], type: .null, payload: 2, block: narrowBlock + 32, size: 24)
    #expect(reused == wide)
    #expect(table.storage.wideBlocks.isEmpty && table.storage.wideSizes.isEmpty)
    #expect(table.storage.block(reused) == narrowBlock + 32 && table.storage.size(reused) == 24)
    // A wide size alone, on a reused row, and a block in the low region.
    table.freeRow(narrow)
    let lowBlock = Heap.staticBase + 0x100
    let big = table.addRow(kind: .bytes, flags: [], type: .null, payload: 3, block: lowBlock, size: 0xFFFF)
    #expect(big == narrow)
    #expect(table.storage.wideBlocks.isEmpty && table.storage.wideSizes == [Int32(big): 0xFFFF])
    #expect(table.storage.block(big) == lowBlock && table.storage.size(big) == 0xFFFF)
  }
}
