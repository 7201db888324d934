import Testing

@testable import HeapModel

/// Random workloads: the bookkeeping stays consistent and the observable
/// rules hold at every step.
@Suite struct AllocatorPropertyTests {
  @Test(arguments: PythonVersion.allCases)
  func randomWorkloadKeepsEveryInvariant(version: PythonVersion) {
    var heap = Allocator(version: version)
    var live: [Address: Int] = [:]
    var order: [Address] = []
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(version.minor)
    func next() -> UInt64 {
      seed ^= seed << 13
      seed ^= seed >> 7
      seed ^= seed << 17
      return seed
    }
    for step in 0..<40_000 {
      let roll = next() % 100
      // Phases: grow, then shrink hard (arenas empty out), then mixed.
      let growing = step < 15_000 || (step >= 25_000 && roll < 50)
      if order.isEmpty || (growing && roll < 75) || (!growing && roll < 15) {
        let size = next() % 10 == 0 ? Int(next() % 700) : Int(next() % 512) + 1
        let address = heap.allocate(size)
        #expect(live[address] == nil, "\(address) handed out twice")
        live[address] = size
        order.append(address)
      } else if roll < 90 || !growing {
        let address = order.remove(at: Int(next() % UInt64(order.count)))
        let location = heap.locate(address)
        heap.free(address)
        live[address] = nil
        #expect(!heap.isLive(address))
        // A freed block whose pool heads usedpools is the next one handed out.
        if let location, heap.usedPoolOrder(of: location.sizeClass).first == location.pool {
          let again = heap.allocate(location.sizeClass.blockSize)
          #expect(again == address)
          live[again] = location.sizeClass.blockSize
          order.append(again)
        }
      } else {
        let index = Int(next() % UInt64(order.count))
        let old = order[index]
        let size = Int(next() % 600)
        let moved = heap.reallocate(old, to: size)
        live[old] = nil
        #expect(live[moved] == nil || moved == old)
        live[moved] = size
        order[index] = moved
      }
      if step % 5000 == 4999 {
        heap.checkInvariants()
        #expect(heap.allocatedBlocks == live.count)
      }
    }
    for address in order {
      #expect(heap.isLive(address))
      #expect(heap.usableSize(of: address) >= max(live[address] ?? 0, 1))
    }
    for address in order { heap.free(address) }
    #expect(heap.blocksInUse == 0 && heap.rawBlockCount == 0)
    #expect(heap.arenaCount == (version == .py38 ? 0 : 1))
    heap.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func copiesAreIndependentCheckpoints(version: PythonVersion) {
    var heap = Allocator(version: version)
    let blocks = (0..<100).map { _ in heap.allocate(64) }
    let checkpoint = heap
    for block in blocks { heap.free(block) }
    #expect(heap.blocksInUse == 0)
    #expect(checkpoint.blocksInUse == 100)
    #expect(blocks.allSatisfy { checkpoint.isLive($0) })
    var resumed = checkpoint
    #expect(resumed.allocate(64) == blocks[99].advanced(by: 64))
    checkpoint.checkInvariants()
    resumed.checkInvariants()
  }
}
