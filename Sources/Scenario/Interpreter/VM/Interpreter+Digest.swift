// A digest of the whole interpreter state, for checking that two ways of
// reaching a step (running forward, or restoring a checkpoint and
// re-executing) give bit-identical models.

import HeapModel

extension Interpreter {
  /// FNV-1a over the object table, the allocator's state, the frames and
  /// value stack, and the output so far.
  public func stateDigest() -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ value: UInt64) {
      hash ^= value
      hash = hash &* 0x100_0000_01b3
    }
    func mix(_ value: Int) { mix(UInt64(bitPattern: Int64(value))) }
    for slot in 0..<heap.kinds.count {
      mix(Int(heap.kinds[slot].rawValue))
      mix(Int(heap.flags[slot].rawValue))
      mix(Int(heap.refcounts[slot]))
      mix(heap.blocks[slot])
      mix(Int(heap.sizes[slot]))
      mix(Int(heap.types[slot].index))
    }
    let statistics = heap.allocator.statistics()
    mix(statistics.arenasCurrent)
    mix(statistics.allocatedBytes)
    for sizeClass in statistics.sizeClasses {
      mix(sizeClass.blocksInUse)
      mix(sizeClass.usedPools)
    }
    for value in values { mix(Int(value.index)) }
    for frame in frames {
      mix(frame.code)
      mix(frame.pc)
      mix(frame.base)
    }
    mix(steps)
    mix(standardOutput.count)
    for byte in standardOutput { mix(Int(byte)) }
    return hash
  }
}
