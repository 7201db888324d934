// Mapping and unmapping arenas (`new_arena` and the release branch of
// `insert_to_freepool`).
//
// Slots: a released slot is pushed on `unusedArenas` and reused first (LIFO);
// only when that stack is empty is a fresh slot appended. CPython grows its
// `arenas` vector in batches and chains the fresh slots in ascending order
// behind the released ones, which hands out slots in the same order.
//
// After `newArena` the arena has every usable pool free and none carved; the
// caller links it into `usable_arenas`. After `releaseArena` the arena is on
// no list and its slot is on the unused stack.

extension Allocator {
  /// Maps an arena into a slot and returns the slot (`new_arena`). The
  /// storage is uniquely referenced; it may grow (re-read `storage.tables`).
  mutating func newArena() -> Int {
    let arena: Int
    if unusedArenas >= 0 {
      arena = Int(unusedArenas)
      unusedArenas = storage.tables.arenas[arena].next
    } else {
      arena = storage.tables.slots
      appendSlot()
    }
    let t = storage.tables
    t.arenas[arena].isAllocated = true
    t.mappedFirstPool[arena] = t.arenas[arena].firstPool

    t.arenas[arena].freePools = t.arenas[arena].totalPools
    t.arenas[arena].carvedPools = 0
    t.arenas[arena].freePoolHead = -1
    t.arenas[arena].next = -1
    t.arenas[arena].prev = -1
    arenasCurrent += 1
    arenasAllocatedTotal += 1
    arenasHighwater = max(arenasHighwater, arenasCurrent)
    if eventLog != .off {
      tally.kinds.insert(.arenaAllocated)
      if eventLog == .full {
        events.append(
          .arenaAllocated(
            arena: ArenaIndex(arena), base: Address(t.arenas[arena].base),
            usablePools: Int(t.arenas[arena].totalPools)))
      }
    }
    return arena
  }

  /// Creates the bookkeeping of a fresh slot: its fixed base, alignment,
  /// pool headers, link and bitmap storage, and the arena-map nodes that
  /// CPython's radix tree creates the first time the address is mapped.
  private mutating func appendSlot() {
    let slot = storage.tables.slots
    let aligned = alignmentPolicy.isAligned(slot: slot, constants: constants)
    let poolSize = UInt64(constants.poolSize)
    let stride = UInt64(1) << UInt64(arenaStrideShift)
    let base = Self.heapBase + UInt64(slot) * stride + (aligned ? 0 : poolSize / 4)
    let firstPool = (base + poolSize - 1) & ~(poolSize - 1)
    let total = (base + UInt64(constants.arenaSize) - firstPool) / poolSize
    storage.appendSlot(
      ArenaRecord(base: base, firstPool: firstPool, totalPools: UInt8(total), isAligned: aligned))

    if let map = constants.arenaMap {
      let mask: UInt64 = map.addressBits == 64 ? .max : (1 << UInt64(map.addressBits)) - 1
      var touched = [base]
      if base & UInt64(constants.arenaSize - 1) != 0 {
        touched.append(base + UInt64(constants.arenaSize))
      }
      for address in touched {
        arenaMapBottomNodes.insert((address & mask) >> UInt64(map.bottomNodeShift))
        arenaMapMidNodes.insert((address & mask) >> UInt64(map.midNodeShift))
      }
    }
  }

  /// Unmaps a wholly free arena: unlinks it from `usable_arenas` and pushes
  /// its slot on the unused stack. The storage is uniquely referenced.
  mutating func releaseArena(_ arena: Int, _ t: AllocatorStorage.Tables) {
    let prev = t.arenas[arena].prev
    let next = t.arenas[arena].next
    if prev >= 0 {
      t.arenas[Int(prev)].next = next
    } else {
      usableArenas = next
    }
    if next >= 0 {
      t.arenas[Int(next)].prev = prev
    }
    t.arenas[arena].next = unusedArenas
    t.arenas[arena].prev = -1
    unusedArenas = Int32(arena)
    t.arenas[arena].isAllocated = false
    t.mappedFirstPool[arena] = 0

    arenasCurrent -= 1
    if eventLog != .off {
      tally.kinds.insert(.arenaReleased)
      if eventLog == .full {
        events.append(.arenaReleased(arena: ArenaIndex(arena), base: Address(t.arenas[arena].base)))
      }
    }
  }
}
