import Testing

@testable import HeapModel

/// The allocator's tally counts what its events say, in both logging modes,
/// and a log that tallies only keeps no events.
@Suite struct AllocatorTallyTests {
  /// The same mixed work (pymalloc and raw blocks, reallocs, a whole arena
  /// filled and emptied) on an allocator in `mode`.
  func work(_ mode: EventLogMode, version: PythonVersion) -> Allocator {
    var heap = Allocator(version: version)
    heap.eventLog = mode
    var generator = SplitMix(seed: 7)
    var live: [Address] = []
    for round in 0..<6000 {
      let choice = generator.next() % 10
      if choice < 5 || live.isEmpty {
        let size = round % 97 == 0 ? 600 + Int(generator.next() % 4000) : Int(generator.next() % 513)
        live.append(heap.allocate(size))
      } else if choice < 8 {
        heap.free(live.remove(at: Int(generator.next() % UInt64(live.count))))
      } else {
        let index = Int(generator.next() % UInt64(live.count))
        live[index] = heap.reallocate(live[index], to: Int(generator.next() % 700))
      }
    }
    for address in live { heap.free(address) }
    return heap
  }

  @Test(arguments: [PythonVersion.py38, .py312])
  func theTallyCountsWhatTheEventsSay(version: PythonVersion) {
    var full = work(.full, version: version)
    var tallied = work(.tally, version: version)
    var off = work(.off, version: version)
    let events = full.takeEvents()
    let walked = events.reduce(AllocatorTally()) { $0.adding($1) }
    #expect(events.count > 10_000)
    #expect(full.tally == walked)
    #expect(tallied.tally == walked)
    #expect(walked.allocatedBlocks == walked.freedBlocks)
    // (Bytes need not balance: a raw block's realloc is not counted.)
    #expect(walked.kinds.isSuperset(of: [.blockAllocated, .blockFreed, .newPool, .arenaAllocated]))
    #expect(tallied.takeEvents().isEmpty)
    #expect(off.takeEvents().isEmpty && off.tally == AllocatorTally())
    #expect(tallied.takeTally() == walked)
    #expect(tallied.tally.isEmpty)
    full.checkInvariants()
  }
}

/// A small deterministic generator for the tests' random work.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
