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
// allocator's cost, not the generator's. Rates are reported per second of
// wall time and per second of this thread's CPU time: on a shared machine the
// second is what the allocator costs, the first what the user waited.
extension ModelFigures {
  static func allocatorThroughput(pairs: Int) -> [String: Any] {
    let workingSet = 100_000
    let table = 1 << 20
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return state
    }
    let victims = (0..<table).map { _ in Int(next() % UInt64(workingSet)) }
    let sizes = (0..<table).map { _ in Int(next() % 512) + 1 }

    var allocator = Allocator(version: .py312)
    var live = sizes.prefix(workingSet).map { allocator.allocate($0) }
    var start = DispatchTime.now()
    var cpuStart = threadCPUSeconds()
    for pair in 0..<pairs {
      let victim = victims[pair & (table - 1)]
      allocator.free(live[victim])
      live[victim] = allocator.allocate(sizes[(pair &+ workingSet) & (table - 1)])
    }
    let mixed = (elapsed(since: start), threadCPUSeconds() - cpuStart)
    precondition(allocator.blocksInUse == workingSet, "allocator benchmark lost blocks")

    start = DispatchTime.now()
    cpuStart = threadCPUSeconds()
    for pair in 0..<pairs {
      allocator.free(allocator.allocate(sizes[pair & (table - 1)]))
    }
    let lifo = (elapsed(since: start), threadCPUSeconds() - cpuStart)
    return [
      "allocator_pairs": pairs,
      "allocator_mixed_pairs_per_second": Double(pairs) / mixed.0,
      "allocator_mixed_pairs_per_cpu_second": Double(pairs) / mixed.1,
      "allocator_lifo_pairs_per_second": Double(pairs) / lifo.0,
      "allocator_lifo_pairs_per_cpu_second": Double(pairs) / lifo.1,
    ]
  }
}

/// CPU time consumed by the calling thread, in seconds.
func threadCPUSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
