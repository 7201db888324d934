import HeapModel
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A full collection over a heap of tracked objects in two-element cycles,
/// the heap the script in the GC report builds in CPython (500k list pairs, every other pair kept by a root list, `gc.collect()` timed). 1M objects when
/// HEAPSCOPE_GC_BENCH=1 (run with `swift test -c release`), 50k otherwise.
@Suite struct GCBenchmarkTests {
  @Test func fullCollectionOfCyclicLists() {
    let big = getenv("HEAPSCOPE_GC_BENCH") != nil
    let pairs = big ? 500_000 : 25_000
    var heap = Heap(version: .py312)
    // Half the objects survive (held by one root list), half are garbage.
    let root = heap.newList([])
    for index in 0..<pairs {
      let (a, _) = heap.makeListPair()
      if index % 2 == 0 {
        heap.incref(a)
        heap.listAppend(root, a)
      }
    }
    let start = ContinuousClock.now
    var collection = heap.beginCollection(generation: 2)!
    collection.stepping = .phase
    var lap = start
    var laps: [String] = []
    while let request = heap.advanceCollection(&collection) {
      if case .stepped(let phase) = request {
        let now = ContinuousClock.now
        laps.append("\(phase): \(now - lap)")
        lap = now
      }
    }
    let collected = collection.result
    let elapsed = ContinuousClock.now - start
    print("gc benchmark: \(pairs * 2) tracked objects, collected \(collected) in \(elapsed)")
    print("gc benchmark phases: " + laps.joined(separator: "; "))
    #expect(collected == pairs)
    #expect(heap.gcObjects(in: .generation2).count == pairs + 1)
  }
}
