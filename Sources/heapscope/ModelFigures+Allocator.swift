import Dispatch
import Glibc
import HeapModel

// Allocator throughput (issue 3): alloc+free pairs per second through the
// pymalloc model alone, no objects. Two patterns:
//
// * mixed: a working set of 100,000 live blocks of every size class; each
//   pair frees a pseudo-randomly chosen live block and allocates one of a
//   pseudo-random size in 1…512 bytes in its place, so pools fill, drain,
//   move between lists and arenas come and go as in a long-running program;
// * lifo: allocate and immediately free, cycling through the size classes,
//   the interpreter's temporaries pattern (a used pool's free-list head).
//
// The random choices are drawn before the clock starts, so the figure is the
// allocator's cost, not the generator's. The driver's own tables are compact
// (victims as 32-bit indices, sizes as 16 bits, the live blocks as 32-bit
// offsets in 16-byte units from the heap base): a program that frees an
// object has its address at hand, so the victim's address should cost the
// driver no more cache than it must — with 8-byte addresses the 800 KB table
// alone overflowed the 512 KiB L2 and a fifth of the time was the driver's.
// The pattern is unchanged: the same victims, sizes and blocks.
// `bench --allocator-only` also reports the old driver (8-byte addresses) so
// the two can be compared.
//
// Rates are reported per second of wall time and per second of this thread's
// CPU time: on a shared machine the second is what the allocator costs, the
// first what the user waited.
extension ModelFigures {
  /// The mixed pattern's working set.
  static let allocatorWorkingSet = 100_000

  /// The pre-drawn random choices: victims in the working set, sizes.
  struct AllocatorDraws {
    static let table = 1 << 20
    var victims: [UInt32] = []
    var sizes: [UInt16] = []

    init() {
      var state: UInt64 = 0x9E37_79B9_7F4A_7C15
      func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
      }
      victims.reserveCapacity(Self.table)
      sizes.reserveCapacity(Self.table)
      for _ in 0..<Self.table {
        victims.append(UInt32(next() % UInt64(allocatorWorkingSet)))
        sizes.append(UInt16(next() % 512 + 1))
      }
    }
  }

  static func allocatorThroughput(pairs: Int) -> [String: Any] {
    let draws = AllocatorDraws()
    var allocator = Allocator(version: .py312)
    let mixed = allocatorMixed(pairs: pairs, draws: draws, allocator: &allocator)
    let lifo = allocatorLIFO(pairs: pairs, draws: draws, allocator: &allocator)
    return [
      "allocator_pairs": pairs,
      "allocator_mixed_pairs_per_second": Double(pairs) / mixed.wall,
      "allocator_mixed_pairs_per_cpu_second": Double(pairs) / mixed.cpu,
      "allocator_lifo_pairs_per_second": Double(pairs) / lifo.wall,
      "allocator_lifo_pairs_per_cpu_second": Double(pairs) / lifo.cpu,
    ]
  }

  /// The mixed pattern on an empty `allocator`, live blocks kept as 32-bit
  /// offsets; wall and CPU seconds. Leaves the working set allocated.
  static func allocatorMixed(
    pairs: Int, draws: AllocatorDraws, allocator: inout Allocator
  ) -> (wall: Double, cpu: Double) {
    let table = AllocatorDraws.table
    let base = Allocator.heapBase
    var live = draws.sizes.prefix(allocatorWorkingSet).map {
      UInt32((allocator.allocate(Int($0)).rawValue - base) >> 4)
    }
    let start = DispatchTime.now()
    let cpuStart = threadCPUSeconds()
    draws.victims.withUnsafeBufferPointer { victims in
      draws.sizes.withUnsafeBufferPointer { sizes in
        live.withUnsafeMutableBufferPointer { live in
          for pair in 0..<pairs {
            let victim = Int(victims[pair & (table - 1)])
            allocator.free(Address(base &+ UInt64(live[victim]) &<< 4))
            let address = allocator.allocate(Int(sizes[(pair &+ allocatorWorkingSet) & (table - 1)]))
            live[victim] = UInt32(truncatingIfNeeded: (address.rawValue &- base) &>> 4)
          }
        }
      }
    }
    let figures = (elapsed(since: start), threadCPUSeconds() - cpuStart)
    precondition(allocator.blocksInUse == allocatorWorkingSet, "allocator benchmark lost blocks")
    return figures
  }

  /// The mixed pattern as first written: live blocks as 8-byte addresses.
  static func allocatorMixedWide(pairs: Int, draws: AllocatorDraws) -> (wall: Double, cpu: Double) {
    let table = AllocatorDraws.table
    let victims = draws.victims.map { Int($0) }
    let sizes = draws.sizes.map { Int($0) }
    var allocator = Allocator(version: .py312)
    var live = sizes.prefix(allocatorWorkingSet).map { allocator.allocate($0) }
    let start = DispatchTime.now()
    let cpuStart = threadCPUSeconds()
    for pair in 0..<pairs {
      let victim = victims[pair & (table - 1)]
      allocator.free(live[victim])
      live[victim] = allocator.allocate(sizes[(pair &+ allocatorWorkingSet) & (table - 1)])
    }
    let figures = (elapsed(since: start), threadCPUSeconds() - cpuStart)
    precondition(allocator.blocksInUse == allocatorWorkingSet, "allocator benchmark lost blocks")
    return figures
  }

  /// The LIFO pattern, on the heap the mixed pattern left.
  static func allocatorLIFO(
    pairs: Int, draws: AllocatorDraws, allocator: inout Allocator
  ) -> (wall: Double, cpu: Double) {
    let table = AllocatorDraws.table
    let live = allocator.blocksInUse
    let start = DispatchTime.now()
    let cpuStart = threadCPUSeconds()
    draws.sizes.withUnsafeBufferPointer { sizes in
      for pair in 0..<pairs {
        allocator.free(allocator.allocate(Int(sizes[pair & (table - 1)])))
      }
    }
    let figures = (elapsed(since: start), threadCPUSeconds() - cpuStart)
    precondition(allocator.blocksInUse == live, "allocator benchmark lost blocks")
    return figures
  }

  /// `bench --allocator-only`: the allocator figures alone, one line a run.
  static func runAllocatorOnly(pairs: Int, runs: Int) {
    let draws = AllocatorDraws()
    for _ in 0..<runs {
      var allocator = Allocator(version: .py312)
      let mixed = allocatorMixed(pairs: pairs, draws: draws, allocator: &allocator)
      let lifo = allocatorLIFO(pairs: pairs, draws: draws, allocator: &allocator)
      let wide = allocatorMixedWide(pairs: pairs, draws: draws)
      func rates(_ figures: (wall: Double, cpu: Double)) -> String {
        String(
          format: "%.1f M/s (%.1f M/cpu s)", Double(pairs) / figures.wall / 1e6,
          Double(pairs) / figures.cpu / 1e6)
      }
      print("allocator mixed \(rates(mixed))  mixed, 8-byte addresses \(rates(wide))  lifo \(rates(lifo))")
    }
  }
}

/// CPU time consumed by the calling thread, in seconds.
func threadCPUSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
