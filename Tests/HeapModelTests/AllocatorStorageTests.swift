import Testing

@testable import HeapModel

/// The allocator's tables live in one storage object written through raw
/// pointers (`AllocatorStorage`): copies of an `Allocator` must still be
/// independent values, as the timeline's checkpoints and time travel need.
@Suite struct AllocatorStorageTests {
  /// Everything the tables hold, byte for byte, plus the scalar state.
  struct Fingerprint: Equatable {
    var pools: [UInt8]
    var links: [UInt16]
    var inUseBits: [UInt64]
    var arenas: [[UInt64]]
    var mappedFirstPool: [UInt64]
    var usedPools: [Int32]
    var fingers: [Int32]
    var scalars: [Int]
    var statistics: AllocatorStatistics

    init(_ heap: Allocator) {
      func bytes<T>(_ table: StorageTable<T>) -> [UInt8] {
        Array(UnsafeRawBufferPointer(start: table.base, count: table.count * MemoryLayout<T>.stride))
      }
      pools = bytes(heap.pools)
      links = Array(heap.links)
      inUseBits = Array(heap.inUseBits)
      // Field by field: the record has padding bytes, which copies need not keep.
      arenas = heap.arenas.map {
        [
          $0.base, $0.firstPool, UInt64(bitPattern: Int64($0.freePoolHead)),
          UInt64(bitPattern: Int64($0.next)),
          UInt64(bitPattern: Int64($0.prev)), UInt64($0.totalPools), UInt64($0.freePools),
          UInt64($0.carvedPools), $0.isAllocated ? 1 : 0, $0.isAligned ? 1 : 0,
        ]
      }
      mappedFirstPool = Array(heap.mappedFirstPool)
      usedPools = Array(heap.usedPools)
      fingers = Array(heap.lastArenaWithFreePools)
      scalars = [
        Int(heap.usableArenas), Int(heap.unusedArenas), heap.arenasAllocatedTotal, heap.arenasCurrent,
        heap.arenasHighwater, heap.blocksInUse,
      ]
      statistics = heap.statistics()
    }
  }

  /// A deterministic mixed workload: `steps` pairs of free-a-random-live-block
  /// and allocate-a-random-size, growing the live set first; returns every
  /// address handed out, in order.
  struct Workload {
    var seed: UInt64
    var live: [Address] = []

    mutating func next() -> UInt64 {
      seed ^= seed << 13
      seed ^= seed >> 7
      seed ^= seed << 17
      return seed
    }

    mutating func run(_ heap: inout Allocator, steps: Int, target: Int) -> [Address] {
      var handedOut: [Address] = []
      for _ in 0..<steps {
        if live.count >= target || (!live.isEmpty && next() % 4 == 0) {
          heap.free(live.remove(at: Int(next() % UInt64(live.count))))
        }
        let address = heap.allocate(Int(next() % 512) + 1)
        handedOut.append(address)
        live.append(address)
      }
      return handedOut
    }

    mutating func drain(_ heap: inout Allocator, keeping: Int) {
      while live.count > keeping {
        heap.free(live.remove(at: Int(next() % UInt64(live.count))))
      }
    }
  }

  @Test(arguments: PythonVersion.allCases)
  func writesToTheOriginalAreNotSeenByTheCopy(version: PythonVersion) {
    var heap = Allocator(version: version)
    var workload = Workload(seed: 0x51ED_2701 &+ UInt64(version.minor))
    _ = workload.run(&heap, steps: 6_000, target: 3_000)
    let copy = heap
    let before = Fingerprint(copy)
    #expect(Fingerprint(heap) == before)
    // Enough churn to empty pools, release an arena and map new slots.
    _ = workload.run(&heap, steps: 8_000, target: 7_000)
    workload.drain(&heap, keeping: 10)
    #expect(Fingerprint(heap) != before)
    #expect(Fingerprint(copy) == before)
    copy.checkInvariants()
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func writesToTheCopyAreNotSeenByTheOriginal(version: PythonVersion) {
    var heap = Allocator(version: version)
    var workload = Workload(seed: 0xC0FF_EE00 &+ UInt64(version.minor))
    _ = workload.run(&heap, steps: 6_000, target: 3_000)
    let before = Fingerprint(heap)
    var copy = heap
    var copyWorkload = workload
    _ = copyWorkload.run(&copy, steps: 8_000, target: 7_000)
    copyWorkload.drain(&copy, keeping: 0)
    #expect(copy.blocksInUse == 0)
    #expect(Fingerprint(heap) == before)
    heap.checkInvariants()
    copy.checkInvariants()
  }

  /// Time travel: resuming a checkpoint replays the same addresses, and
  /// leaves both the checkpoint and the run that went ahead untouched.
  @Test(arguments: PythonVersion.allCases)
  func resumingACheckpointReplaysTheSameAddresses(version: PythonVersion) {
    var heap = Allocator(version: version)
    var workload = Workload(seed: 0xFACE_B00C &+ UInt64(version.minor))
    _ = workload.run(&heap, steps: 4_000, target: 2_500)
    let checkpoint = heap
    let checkpointWorkload = workload
    let ahead = workload.run(&heap, steps: 12_000, target: 6_000)
    let aheadFingerprint = Fingerprint(heap)

    var resumed = checkpoint
    var resumedWorkload = checkpointWorkload
    let replayed = resumedWorkload.run(&resumed, steps: 12_000, target: 6_000)
    #expect(replayed == ahead)
    #expect(Fingerprint(resumed) == aheadFingerprint)
    #expect(Fingerprint(heap) == aheadFingerprint)

    // A second resume from the same checkpoint, after both runs wrote.
    var again = checkpoint
    var againWorkload = checkpointWorkload
    #expect(againWorkload.run(&again, steps: 12_000, target: 6_000) == ahead)
    checkpoint.checkInvariants()
    again.checkInvariants()
  }

  /// A copy taken before the storage grows (new arena slots move every
  /// per-slot buffer) keeps its own tables.
  @Test(arguments: [PythonVersion.py38, .py312])
  func copiesSurviveStorageGrowth(version: PythonVersion) {
    var heap = Allocator(version: version)
    let small = heap.allocate(16)
    let empty = heap
    let emptyFingerprint = Fingerprint(empty)
    var blocks: [Address] = []
    // 40 arenas' worth of 512-byte blocks: the slot buffers regrow several times.
    let perArena = heap.constants.arenaSize / 512
    for _ in 0..<(40 * perArena) { blocks.append(heap.allocate(512)) }
    #expect(heap.arenaCount >= 40)
    #expect(empty.arenaCount == 1)
    #expect(Fingerprint(empty) == emptyFingerprint)
    #expect(empty.isLive(small) && !empty.isLive(blocks[blocks.count - 1]))
    var fromEmpty = empty
    #expect(fromEmpty.allocate(512) == blocks[0])
    for block in blocks { heap.free(block) }
    heap.free(small)
    #expect(Fingerprint(empty) == emptyFingerprint)
    heap.checkInvariants()
    fromEmpty.checkInvariants()
  }

  /// Raw blocks and reads do not disturb a shared storage either way.
  @Test func readsAndRawBlocksKeepCopiesEqual() {
    var heap = Allocator(version: .py312)
    let block = heap.allocate(100)
    let copy = heap
    let raw = heap.allocate(4_000)
    heap.free(raw)
    #expect(heap.isLive(block) && copy.isLive(block))
    #expect(Fingerprint(heap) == Fingerprint(copy))
  }
}
