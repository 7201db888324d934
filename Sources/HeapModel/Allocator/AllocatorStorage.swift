// The allocator's tables in one storage object, read and written through
// raw pointers.
//
// `pymalloc_alloc` and `pymalloc_free` are a few dozen instructions of
// pointer arithmetic in C. Kept as Swift arrays inside the `Allocator`
// value, every write of a mutating method paid a
// `swift_isUniquelyReferenced` call, a store of the buffer back into the
// struct and a bounds check — about six of each per alloc+free pair, as
// many instructions again as the model's own work. Here the tables (pool
// headers, free-list links, in-use bits, arena records, the `usedpools`
// heads and `nfp2lasta` fingers, and the per-class constants) live in
// buffers owned by one class instance; `Allocator` checks once per public
// operation that it holds the only reference (copying the storage if not),
// takes a `Tables` snapshot of the pointers, and works on those.
//
// Copy-on-write is kept by hand: a copy of `Allocator` (a timeline
// checkpoint copies the whole `Heap`) shares the storage until either side
// writes, and the writer first gets a copy of its own (`copy()`, every
// table at its used size). Invariants:
//
// * Nothing writes through a `Tables` unless the storage is uniquely
//   referenced, so no copy can see the write: a public operation makes it
//   so first (`Allocator.makeUnique()`, `writableTables()`); the
//   `…Unshared` operations `Heap` uses rely on `Heap.makeUnique()` having
//   done it since the heap was last copied (debug builds check).
// * A `Tables` is a snapshot: `appendSlot` (a fresh arena slot) may move
//   every per-slot buffer, so a caller that maps an arena re-reads
//   `tables` after it.
// * Per slot: 64 pool headers (the table 64-byte aligned), `64 <<
//   slotShift` links, `64 << slotShift >> 6` in-use words, one arena
//   record, one first-pool address. Only the first `tables.slots` slots are
//   initialised; capacity beyond is not.

/// The buffers behind an `Allocator`, shared between copies until one of
/// them writes (see `Allocator.writableTables()`).
final class AllocatorStorage: @unchecked Sendable {
  /// Pointers to every table, valid until the next `appendSlot` or until the
  /// storage is released.
  struct Tables {
    /// 64 pool headers per slot.
    let pools: UnsafeMutablePointer<PoolHeader>
    /// `64 << slotShift` free-list links per slot (see `Allocator.linkIndex`).
    let links: UnsafeMutablePointer<UInt16>
    /// In-use bits of blocks 64 and up (see `Allocator.bitWord`).
    let inUseBits: UnsafeMutablePointer<UInt64>
    /// One record per arena slot.
    let arenas: UnsafeMutablePointer<ArenaRecord>
    /// Per slot: its first pool's address while mapped, 0 when not.
    let mappedFirstPool: UnsafeMutablePointer<UInt64>
    /// Per class: the head pool of `usedpools[class]`, -1 if none.
    let usedPools: UnsafeMutablePointer<Int32>
    /// `nfp2lasta`: per free-pool count 0…64, the rightmost usable arena
    /// with that many free pools, -1 if none.
    let lastArenaWithFreePools: UnsafeMutablePointer<Int32>
    /// Per class: blocks per pool (`NUMBLOCKS`).
    let capacity: UnsafeMutablePointer<UInt16>
    /// Per class: ⌈2²⁰ / (class + 1)⌉ (see `Allocator.pymallocLocation`).
    let reciprocal: UnsafeMutablePointer<UInt32>
    /// Arena slots created so far.
    let slots: Int
  }

  /// The current pointers. Read once per operation on the hot paths, so
  /// exempt from the runtime exclusivity check (a `swift_beginAccess` call
  /// per read): it is written only by `appendSlot`, on unique storage.
  @exclusivity(unchecked) private(set) var tables: Tables
  /// Slots the per-slot buffers have room for.
  private var slotCapacity: Int
  /// log2 of the links per pool.
  let slotShift: Int
  /// Size classes.
  let classCount: Int

  /// Pool headers per slot.
  static let poolsPerSlot = 64
  /// Entries of `lastArenaWithFreePools`: free-pool counts 0…64.
  static let fingerCount = poolsPerSlot + 1

  /// Empty storage: no slot, every `usedpools` head and finger -1.
  init(slotShift: Int, capacity: [UInt16], reciprocal: [UInt32]) {
    precondition(slotShift >= 6, "an in-use word per 64 blocks needs at least 64 links per pool")
    self.slotShift = slotShift
    classCount = capacity.count
    slotCapacity = 0
    let usedPools = UnsafeMutablePointer<Int32>.allocate(capacity: classCount)
    usedPools.initialize(repeating: -1, count: classCount)
    let fingers = UnsafeMutablePointer<Int32>.allocate(capacity: Self.fingerCount)
    fingers.initialize(repeating: -1, count: Self.fingerCount)
    let capacityTable = UnsafeMutablePointer<UInt16>.allocate(capacity: classCount)
    capacityTable.initialize(from: capacity, count: classCount)
    let reciprocalTable = UnsafeMutablePointer<UInt32>.allocate(capacity: classCount)
    reciprocalTable.initialize(from: reciprocal, count: classCount)
    tables = Tables(
      pools: .allocate(capacity: 0), links: .allocate(capacity: 0), inUseBits: .allocate(capacity: 0),
      arenas: .allocate(capacity: 0), mappedFirstPool: .allocate(capacity: 0), usedPools: usedPools,
      lastArenaWithFreePools: fingers, capacity: capacityTable, reciprocal: reciprocalTable, slots: 0)
  }

  /// An independent copy of `other`, every table at its used size.
  private init(copying other: AllocatorStorage) {
    slotShift = other.slotShift
    classCount = other.classCount
    let source = other.tables
    let slots = source.slots
    slotCapacity = slots
    func clone<T>(_ from: UnsafeMutablePointer<T>, _ count: Int) -> UnsafeMutablePointer<T> {
      let to = UnsafeMutablePointer<T>.allocate(capacity: count)
      to.initialize(from: from, count: count)
      return to
    }
    let pools = Self.allocatePools(slots * Self.poolsPerSlot)
    pools.initialize(from: source.pools, count: slots * Self.poolsPerSlot)
    tables = Tables(
      pools: pools,
      links: clone(source.links, slots * Self.poolsPerSlot << slotShift),
      inUseBits: clone(source.inUseBits, slots * Self.poolsPerSlot << (slotShift - 6)),
      arenas: clone(source.arenas, slots), mappedFirstPool: clone(source.mappedFirstPool, slots),
      usedPools: clone(source.usedPools, classCount),
      lastArenaWithFreePools: clone(source.lastArenaWithFreePools, Self.fingerCount),
      capacity: clone(source.capacity, classCount), reciprocal: clone(source.reciprocal, classCount),
      slots: slots)
  }

  deinit {
    let t = tables
    // Every element type is trivial: nothing to deinitialise.
    t.pools.deallocate()
    t.links.deallocate()
    t.inUseBits.deallocate()
    t.arenas.deallocate()
    t.mappedFirstPool.deallocate()
    t.usedPools.deallocate()
    t.lastArenaWithFreePools.deallocate()
    t.capacity.deallocate()
    t.reciprocal.deallocate()
  }

  /// Room for `count` pool headers, 64-byte aligned, so that no 32-byte
  /// header straddles a cache line (freed by `deallocate()` like the rest:
  /// on Linux an aligned block is an ordinary malloc block).
  private static func allocatePools(_ count: Int) -> UnsafeMutablePointer<PoolHeader> {
    UnsafeMutableRawPointer.allocate(
      byteCount: max(1, count) * MemoryLayout<PoolHeader>.stride, alignment: 64
    )
    .bindMemory(to: PoolHeader.self, capacity: count)
  }

  /// An independent copy, for the writer of a shared storage.
  @inline(never)
  func copy() -> AllocatorStorage {
    AllocatorStorage(copying: self)
  }

  /// Adds slot `tables.slots`: `record`, 64 blank pool headers, links all
  /// `noBlock`, in-use bits clear, not mapped. May move every per-slot
  /// buffer (re-read `tables` after). Only on uniquely referenced storage.
  func appendSlot(_ record: ArenaRecord) {
    let slots = tables.slots
    let pools = Self.poolsPerSlot
    let links = pools << slotShift
    let words = links >> 6
    var t = tables
    if slots == slotCapacity {
      let grown = max(4, slotCapacity * 2)
      func regrow<T>(_ from: UnsafeMutablePointer<T>, _ perSlot: Int) -> UnsafeMutablePointer<T> {
        let to = UnsafeMutablePointer<T>.allocate(capacity: grown * perSlot)
        to.moveInitialize(from: from, count: slots * perSlot)
        from.deallocate()
        return to
      }
      let grownPools = Self.allocatePools(grown * pools)
      grownPools.moveInitialize(from: t.pools, count: slots * pools)
      t.pools.deallocate()
      t = Tables(
        pools: grownPools, links: regrow(t.links, links), inUseBits: regrow(t.inUseBits, words),
        arenas: regrow(t.arenas, 1), mappedFirstPool: regrow(t.mappedFirstPool, 1), usedPools: t.usedPools,
        lastArenaWithFreePools: t.lastArenaWithFreePools, capacity: t.capacity, reciprocal: t.reciprocal,
        slots: slots)
      slotCapacity = grown
    }
    (t.pools + slots * pools).initialize(repeating: PoolHeader(), count: pools)
    (t.links + slots * links).initialize(repeating: PoolHeader.noBlock, count: links)
    (t.inUseBits + slots * words).initialize(repeating: 0, count: words)
    (t.arenas + slots).initialize(to: record)
    (t.mappedFirstPool + slots).initialize(to: 0)
    tables = Tables(
      pools: t.pools, links: t.links, inUseBits: t.inUseBits, arenas: t.arenas,
      mappedFirstPool: t.mappedFirstPool, usedPools: t.usedPools,
      lastArenaWithFreePools: t.lastArenaWithFreePools, capacity: t.capacity, reciprocal: t.reciprocal,
      slots: slots + 1)
  }
}
