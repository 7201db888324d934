// pymalloc, CPython's small-object allocator (`Objects/obmalloc.c`), as a value.
//
//   arena (256 KiB / 1 MiB, one mmap)
//   ┌──────────┬──────────┬──────────┬─────┬──────────┐
//   │ pool 0   │ pool 1   │ pool 2   │ ... │ pool 63  │   pools: 4 KiB / 16 KiB
//   └──────────┴──────────┴──────────┴─────┴──────────┘
//   pool: [48-byte header][block][block]...[block][waste]   one size class each
//
// A request of 1…512 bytes falls in size class `(n - 1) >> 4`. The model
// follows CPython's choices exactly, because they decide which address the
// next object gets and when memory goes back to the OS:
//
// * malloc (`pymalloc_alloc`): take the head pool of `usedpools[class]`, pop
//   the head of its free list (LIFO: the block freed last comes back first);
//   if the list runs dry, extend it by one never-used block
//   (`pymalloc_pool_extend`), and when there is none the pool is full and
//   leaves the list.
// * No used pool (`allocate_from_new_pool`): if `usable_arenas` is empty, map
//   a new arena (`new_arena`) — the only time that happens. From the head
//   arena (fewest free pools, i.e. the most used), take the head of its
//   `freepools` or carve its next never-used pool, and put the pool at the
//   head of `usedpools`. A pool that last served the same class keeps its
//   free list; otherwise it is initialised: first block at +48, the second
//   is the free list, the rest is never-used.
// * free (`pymalloc_free`): push the block on its pool's free list. A full
//   pool goes back to the head of `usedpools` (`insert_to_usedpool`), so the
//   freed block is the very next one of its class handed out. A pool whose
//   last block is freed goes to the front of its arena's `freepools`
//   (`insert_to_freepool`), and the arena moves right in `usable_arenas` to
//   stay sorted: it is placed after the last arena with its old free-pool
//   count, i.e. before every arena that already had the new count (CPython's
//   `nfp2lasta` fingers; an arena reaching 1 free pool goes to the head).
//   An arena whose pools are all free is unmapped — in 3.8 always, in 3.9+
//   only if it is not the last of `usable_arenas` (bpo-37257).
// * realloc (`pymalloc_realloc`): stay in place if the new size fits the
//   block and shaves off less than a quarter; else malloc, copy, free.
// * 0 bytes and > 512 bytes go to the raw allocator (`RawHeap`).
//
// Addresses: arena slot k is mapped at `heapBase + k · 2·ARENA_SIZE` (+ a
// quarter pool when modelled unaligned), so address → arena → pool → block is
// arithmetic. A released slot is reused before a fresh one (CPython's
// `unused_arena_objects`) and maps the same base again.
//
// Storage is struct-of-arrays with integer ids: one 40-byte record per arena
// slot (plus its first-pool address in a dense table for the hot paths), one
// 32-byte header per pool, and per pool one 16-bit link per possible block
// (the next free block of a free one) and one in-use bit per possible block
// (which is how a double free is caught; blocks 0…63's are in the header).
// About 2 bytes of model per 16 bytes of arena; only a pool's first
// `capacity` links and bits are ever used. The tables are buffers of one
// `AllocatorStorage` object, uniqued once per public operation (`Heap`
// uniques them once per `Heap.makeUnique()` and then calls the
// `…Unshared` operations) and written through raw pointers; the model is
// still a value with copy-on-write semantics, so a timeline can checkpoint
// it by copying. No objects per block, no per-call heap allocation on the
// hot paths. The hot paths read and write a pool header's fields in place
// and keep the rare transitions (a new pool, full, empty), the event log
// and the precondition messages in functions of their own, so that what
// `Heap` inlines is a few dozen instructions.
//
// Versions: 3.8/3.9 use 4 KiB pools in 256 KiB arenas, 3.10+ 16 KiB pools in
// 1 MiB arenas with (modelled) unaligned arenas of 63 pools; 3.8 releases
// every wholly free arena; 3.9+ keeps one at the tail. See
// `AllocatorConstants`.

/// The pymalloc model of one CPython version: arenas, pools and blocks, plus
/// the raw allocator for the requests pymalloc declines.
public struct Allocator: Sendable {
  /// Where arena slot 0 is mapped (arena memory sits where mmap puts it).
  public static let heapBase: UInt64 = 0x7f3a_0000_0000

  /// The constants modelled.
  public let constants: AllocatorConstants
  /// The version modelled.
  public let version: PythonVersion

  // Geometry, derived once from the constants.
  let poolShift: Int
  /// log2 of the pools per arena: 64 in every version, a constant so the
  /// hot paths' pool arithmetic folds.
  var poolsPerArenaShift: Int { 6 }
  let slotShift: Int
  /// `(1 << slotShift) - 1`: a block's link index within its pool's range.
  let slotMask: Int

  let arenaStrideShift: Int
  let headerSize: UInt64
  /// `headerSize` as an `Int`.
  let headerBytes: Int
  /// `poolSize - 1`: an address's offset within its pool.
  let poolOffsetMask: UInt64
  /// `SMALL_REQUEST_THRESHOLD`: larger requests go to the raw allocator.
  let smallRequestThreshold: UInt
  let alignmentPolicy: ArenaAlignmentPolicy

  // State. The tables live in `storage` (see `AllocatorStorage`): pool
  // headers; per pool `1 << slotShift` links, one per block (rotated, see
  // `linkIndex`): the next block of the free list, `PoolHeader.noBlock` at
  // its end, meaningless for a live block (CPython's free-list pointer lives
  // in the block's first word, which the object overwrites) and for the
  // list's head, whose link is `PoolHeader.headNext`; per pool `1 <<
  // slotShift` in-use bits, set while the block is handed out, which is
  // what catches a double free (blocks 0…63 have theirs in
  // `PoolHeader.lowBits` instead, their word stays 0; laid out word-major
  // per arena, see `bitWord`); the arena records and first-pool addresses;
  // the heads of `usedpools[class]` and the `nfp2lasta` fingers.
  var storage: AllocatorStorage

  /// Head of `usable_arenas`, -1 if none.
  var usableArenas: Int32 = -1
  /// Top of the released-slot stack (`unused_arena_objects`), -1 if none.
  var unusedArenas: Int32 = -1
  var arenasAllocatedTotal = 0
  var arenasCurrent = 0
  var arenasHighwater = 0
  var pymallocBlocksInUse = 0
  var arenaMapBottomNodes: Set<UInt64> = []
  var arenaMapMidNodes: Set<UInt64> = []
  var raw = RawHeap()

  /// What the allocator logs of its work (see `AllocatorTally`). Off by
  /// default; costs one branch per operation when off.
  public var eventLog: EventLogMode = .off
  /// Whether every operation appends `AllocatorEvent`s for `takeEvents()`
  /// (`eventLog == .full`); setting it turns the log full or off.
  public var recordsEvents: Bool {
    get { eventLog == .full }
    set { eventLog = newValue ? .full : .off }
  }
  var events: [AllocatorEvent] = []
  /// Bytes, blocks and kinds of event since `takeTally()`, counted while the
  /// log is on (`.tally` or `.full`).
  public internal(set) var tally = AllocatorTally()

  /// An empty heap, as at interpreter start-up before any allocation.
  ///
  /// - Parameter arenaAlignment: which arena slots are pool-aligned (64 pools)
  ///   or not (63 pools, one lost to alignment); by default the version's usual
  ///   case.
  public init(profile: VersionProfile, arenaAlignment: ArenaAlignmentPolicy = .versionDefault) {
    let constants = profile.allocator
    self.constants = constants
    self.version = profile.version
    precondition(constants.alignment == 16, "model assumes 16-byte size classes")
    precondition(constants.maxPoolsPerArena == 64, "model assumes 64 pools per arena")
    poolShift = constants.poolSize.trailingZeroBitCount
    slotShift = poolShift - 4
    slotMask = (1 << slotShift) - 1

    arenaStrideShift = constants.arenaSize.trailingZeroBitCount + 1
    headerSize = UInt64(constants.poolHeaderSize)
    headerBytes = constants.poolHeaderSize
    poolOffsetMask = UInt64(constants.poolSize - 1)
    smallRequestThreshold = UInt(constants.smallRequestThreshold)
    alignmentPolicy = arenaAlignment
    storage = AllocatorStorage(
      slotShift: slotShift,
      capacity: (0..<constants.sizeClassCount).map { UInt16(constants.blocksPerPool(ofClass: $0)) },
      reciprocal: (0..<constants.sizeClassCount).map { UInt32(((1 << 20) + $0) / ($0 + 1)) })
  }

  /// An empty heap of `version`.
  public init(version: PythonVersion) {
    self.init(profile: VersionProfile(version))
  }

  // MARK: - storage

  /// Gives this value storage of its own if a copy of it (a timeline
  /// checkpoint) still shares it. The public operations call it first;
  /// `Heap` calls it once per `Heap.makeUnique()` and then uses the
  /// `…Unshared` operations, which do not check (debug builds assert).
  ///
  /// - Complexity: O(1) when nothing is shared, else O(tables) for the copy.
  @inline(__always)
  public mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&storage) {
      storage = storage.copy()
    }
  }

  /// Debug builds: traps if another `Allocator` value shares the storage,
  /// i.e. an `…Unshared` operation would write into a checkpoint. Compiled
  /// out of release builds.
  @inline(__always)
  mutating func assertUnshared() {
    assert(
      isKnownUniquelyReferenced(&storage),
      "allocator written while a copy shares its storage: call makeUnique() (Heap.makeUnique()) first")
  }

  /// The tables, for a write: the storage is copied first if another
  /// `Allocator` value shares it (a timeline checkpoint), so the write is
  /// this value's alone. Every mutating operation calls it (or
  /// `makeUnique()`) once, before its first write; helpers it calls write
  /// through the same `Tables` (or re-read `storage.tables` after mapping an
  /// arena).
  @inline(__always)
  mutating func writableTables() -> AllocatorStorage.Tables {
    makeUnique()
    return storage.tables
  }

  /// Pool headers, read-only.
  var pools: StorageTable<PoolHeader> {
    StorageTable(base: storage.tables.pools, count: storage.tables.slots &<< poolsPerArenaShift)
  }
  /// Free-list links, read-only.
  var links: StorageTable<UInt16> {
    StorageTable(base: storage.tables.links, count: storage.tables.slots &<< (poolsPerArenaShift + slotShift))
  }
  /// In-use words of blocks 64 and up, read-only.
  var inUseBits: StorageTable<UInt64> {
    StorageTable(
      base: storage.tables.inUseBits, count: storage.tables.slots &<< (poolsPerArenaShift + slotShift - 6))
  }
  /// Arena records, one per slot, read-only.
  var arenas: StorageTable<ArenaRecord> {
    StorageTable(base: storage.tables.arenas, count: storage.tables.slots)
  }
  /// Per slot: its first pool's address while mapped, 0 when not; read-only.
  var mappedFirstPool: StorageTable<UInt64> {
    StorageTable(base: storage.tables.mappedFirstPool, count: storage.tables.slots)
  }
  /// Head pool of `usedpools[class]`, -1 if none; read-only.
  var usedPools: StorageTable<Int32> {
    StorageTable(base: storage.tables.usedPools, count: constants.sizeClassCount)
  }
  /// `nfp2lasta`: the rightmost usable arena with n free pools, -1 if none;
  /// read-only.
  var lastArenaWithFreePools: StorageTable<Int32> {
    StorageTable(base: storage.tables.lastArenaWithFreePools, count: AllocatorStorage.fingerCount)
  }
  /// Blocks per pool of each class (`NUMBLOCKS`).
  var capacity: StorageTable<UInt16> {
    StorageTable(base: storage.tables.capacity, count: constants.sizeClassCount)
  }

  // MARK: - malloc

  /// `PyObject_Malloc(nbytes)`: a pymalloc block for 1…512 bytes, a raw
  /// `malloc` block otherwise (0 bytes is served as 1 raw byte).
  ///
  /// - Complexity: O(1); allocating a new arena's slot grows storage.
  public mutating func allocate(_ nbytes: Int) -> Address {
    makeUnique()
    return allocateUnshared(nbytes)
  }

  /// `allocate(_:)` on storage this value already owns (`makeUnique()`):
  /// what `Heap` creates its objects with, inlined into the caller.
  ///
  /// The common case — the class has a used pool — is a pop of the pool's
  /// free list or a bump of its never-used mark, the in-use bit, the tally:
  /// every header field is read and written in place (a whole 32-byte
  /// header copied in and out was a third of the work). A new pool, a pool
  /// that becomes full, the event log and the raw allocator are calls.
  @inline(__always)
  mutating func allocateUnshared(_ nbytes: Int) -> Address {
    assertUnshared()
    if UInt(bitPattern: nbytes &- 1) < smallRequestThreshold {
      let sizeClass = (nbytes &- 1) &>> 4
      let pool = storage.tables.usedPools[sizeClass]
      if pool >= 0 {
        return allocate(fromUsedPool: Int(pool), sizeClass: sizeClass)
      }
      return allocateFromNewPool(sizeClass: sizeClass)
    }
    return allocateRaw(nbytes)
  }

  /// `allocateUnshared(_:)` for a request known to be pymalloc's (1…512
  /// bytes, `SMALL_REQUEST_THRESHOLD` in every version modelled): no test
  /// for the raw allocator. What the int and float creators use.
  @inline(__always)
  mutating func allocatePymallocUnshared(_ nbytes: Int) -> Address {
    assertUnshared()
    assert(nbytes > 0 && UInt(nbytes) <= smallRequestThreshold, "not a pymalloc request")
    let sizeClass = (nbytes &- 1) &>> 4
    let pool = storage.tables.usedPools[sizeClass]
    if pool >= 0 {
      return allocate(fromUsedPool: Int(pool), sizeClass: sizeClass)
    }
    return allocateFromNewPool(sizeClass: sizeClass)
  }

  /// `allocatePymallocUnshared(_:)` when it needs no call: the class's
  /// head pool pops or extends its free list and stays used, and no event
  /// is logged. Nil, with nothing changed, otherwise (no used pool, the
  /// pool would become full, `eventLog == .full`): the caller then takes
  /// the general path, out of line. With no call on it, the int and float
  /// creators save no registers for it (Heap+Create.swift).
  @inline(__always)
  mutating func allocateWithinUsedPool(_ nbytes: Int) -> Address? {
    assertUnshared()
    assert(nbytes > 0 && UInt(nbytes) <= smallRequestThreshold, "not a pymalloc request")
    let sizeClass = (nbytes &- 1) &>> 4
    let t = storage.tables
    let pool = Int(t.usedPools[sizeClass])
    let log = eventLog
    guard pool >= 0, log != .full else { return nil }
    let header = t.pools + pool
    if header.pointee.headNext == PoolHeader.noBlock, header.pointee.nextVirgin >= t.capacity[sizeClass] {
      return nil
    }
    let address = popBlock(pool: pool, sizeClass: sizeClass, t)
    if log == .tally { tally.countAllocation(bytes: (sizeClass &+ 1) &<< 4) }
    return address
  }

  /// Pops the head of a used pool's free list (`pymalloc_alloc`); when the
  /// list runs dry, extends it by a never-used block or, if there is none,
  /// unlinks the now full pool from `usedpools` (`pymalloc_pool_extend`).
  @inline(__always)
  private mutating func allocate(fromUsedPool pool: Int, sizeClass: Int) -> Address {
    let t = storage.tables
    let header = t.pools + pool
    let next = header.pointee.headNext
    let address = popBlock(pool: pool, sizeClass: sizeClass, t)
    if eventLog != .off {
      tally.countAllocation(bytes: (sizeClass &+ 1) &<< 4)
      if eventLog == .full { logAllocation(address, pool: pool, sizeClass: sizeClass) }
    }
    if next == PoolHeader.noBlock {
      // Rare: the pool was extended (an event) or is now full.
      if header.pointee.freeHead == PoolHeader.noBlock {
        poolBecameFull(pool, sizeClass: sizeClass)
      } else if eventLog == .full {
        logExtension(pool: pool, sizeClass: sizeClass)
      }
    }
    return address
  }

  /// Hands out the head of a used pool's free list: pops it, or extends
  /// the list by the next never-used block when it runs dry (leaving it
  /// empty, `freeHead == noBlock`, when there is none), marks the block in
  /// use and counts it. Every header field is read and written in place
  /// (a whole 32-byte header copied in and out was a third of the work).
  @inline(__always)
  private mutating func popBlock(pool: Int, sizeClass: Int, _ t: AllocatorStorage.Tables) -> Address {
    let header = t.pools + pool
    let block = Int(header.pointee.freeHead)
    let next = header.pointee.headNext
    header.pointee.count &+= 1
    if next != PoolHeader.noBlock {
      header.pointee.freeHead = next
      header.pointee.headNext = t.links[linkIndex(pool: pool, block: Int(next))]
    } else {
      // `headNext` stays `noBlock`: the list is the virgin block or empty.
      let virgin = header.pointee.nextVirgin
      if virgin < t.capacity[sizeClass] {
        header.pointee.freeHead = virgin
        header.pointee.nextVirgin = virgin &+ 1
      } else {
        header.pointee.freeHead = PoolHeader.noBlock
      }
    }
    if block < 64 {
      header.pointee.lowBits |= 1 &<< UInt64(block)
    } else {
      t.inUseBits[bitWord(pool: pool, block: block)] |= 1 &<< UInt64(block & 63)
    }
    pymallocBlocksInUse &+= 1
    return Address(header.pointee.firstBlock &+ UInt64(truncatingIfNeeded: block &* ((sizeClass &+ 1) &<< 4)))
  }

  /// A pool handed out its last block: it leaves `usedpools[class]`, whose
  /// head it is.
  @inline(never)
  private mutating func poolBecameFull(_ pool: Int, sizeClass: Int) {
    let t = storage.tables
    let next = t.pools[pool].next
    t.usedPools[sizeClass] = next
    if next >= 0 {
      t.pools[Int(next)].prev = -1
    }
    if recordsEvents {
      events.append(.poolBecameFull(pool: PoolIndex(pool), sizeClass: SizeClass(index: sizeClass)))
    }
  }

  /// Logs a block handed out (`eventLog == .full`).
  @inline(never)
  private mutating func logAllocation(_ address: Address, pool: Int, sizeClass: Int) {
    events.append(
      .blockAllocated(
        address: address, sizeClass: SizeClass(index: sizeClass), pool: PoolIndex(pool),
        arena: ArenaIndex(pool >> poolsPerArenaShift)))
  }

  /// Logs a pool's free list extended by its next never-used block.
  @inline(never)
  private mutating func logExtension(pool: Int, sizeClass: Int) {
    let nextBlock = blockAddress(pool: pool, block: Int(pools[pool].freeHead), sizeClass: sizeClass)
    events.append(
      .poolExtended(pool: PoolIndex(pool), sizeClass: SizeClass(index: sizeClass), nextBlock: nextBlock))
  }

  /// Marks a block in use, counts it and returns its address.
  @inline(__always)
  private mutating func handOut(pool: Int, block: Int, sizeClass: Int, _ t: AllocatorStorage.Tables)
    -> Address
  {
    if block < 64 {
      t.pools[pool].lowBits |= 1 &<< UInt64(block)
    } else {
      t.inUseBits[bitWord(pool: pool, block: block)] |= 1 &<< UInt64(block & 63)
    }
    pymallocBlocksInUse &+= 1
    let address = blockAddress(pool: pool, block: block, sizeClass: sizeClass, t)
    if eventLog != .off {
      tally.countAllocation(bytes: (sizeClass + 1) << 4)
      if eventLog == .full { logAllocation(address, pool: pool, sizeClass: sizeClass) }
    }
    return address
  }

  /// No used pool of the class: take a pool from the most used usable arena
  /// (`allocate_from_new_pool`). The storage is uniquely referenced.
  @inline(never)
  private mutating func allocateFromNewPool(sizeClass: Int) -> Address {
    if usableArenas < 0 {
      let arena = newArena()
      usableArenas = Int32(arena)
      let t = storage.tables
      t.arenas[arena].next = -1
      t.arenas[arena].prev = -1
      t.lastArenaWithFreePools[Int(t.arenas[arena].freePools)] = Int32(arena)
    }
    let t = storage.tables
    let arena = Int(usableArenas)
    let free = Int(t.arenas[arena].freePools)
    if t.lastArenaWithFreePools[free] == Int32(arena) {
      t.lastArenaWithFreePools[free] = -1
    }
    if free > 1 {
      t.lastArenaWithFreePools[free - 1] = Int32(arena)
    }
    let pool: Int
    var carved = false
    if t.arenas[arena].freePoolHead >= 0 {
      pool = Int(t.arenas[arena].freePoolHead)
      t.arenas[arena].freePoolHead = t.pools[pool].next
    } else {
      pool = arena << poolsPerArenaShift | Int(t.arenas[arena].carvedPools)
      t.arenas[arena].carvedPools &+= 1
      t.pools[pool] = PoolHeader()
      t.pools[pool].firstBlock = poolAddress(pool) &+ headerSize
      carved = true
    }
    t.arenas[arena].freePools &-= 1
    if t.arenas[arena].freePools == 0 {
      usableArenas = t.arenas[arena].next
      if usableArenas >= 0 {
        t.arenas[Int(usableArenas)].prev = -1
      }
    }
    // Frontlink to usedpools[class].
    let head = t.usedPools[sizeClass]
    t.pools[pool].next = head
    t.pools[pool].prev = -1
    if head >= 0 {
      t.pools[Int(head)].prev = Int32(truncatingIfNeeded: pool)
    }
    t.usedPools[sizeClass] = Int32(truncatingIfNeeded: pool)
    t.pools[pool].count = 1

    if Int(t.pools[pool].sizeClass) == sizeClass {
      // Last served this class: header and free list are still valid.
      let block = Int(t.pools[pool].freeHead)
      let next = t.pools[pool].headNext
      t.pools[pool].freeHead = next
      t.pools[pool].headNext =
        next == PoolHeader.noBlock ? next : t.links[linkIndex(pool: pool, block: Int(next))]
      if eventLog != .off {
        tally.kinds.insert(.newPool)
        if eventLog == .full {
          events.append(
            .poolReused(
              pool: PoolIndex(pool), arena: ArenaIndex(arena), sizeClass: SizeClass(index: sizeClass)))
        }
      }
      return handOut(pool: pool, block: block, sizeClass: sizeClass, t)
    }
    t.pools[pool].sizeClass = UInt8(sizeClass)
    t.pools[pool].freeHead = 1
    t.pools[pool].headNext = PoolHeader.noBlock
    t.pools[pool].nextVirgin = 2
    if eventLog != .off {
      tally.kinds.insert(.newPool)
      if eventLog == .full {
        events.append(
          .poolInitialized(
            pool: PoolIndex(pool), arena: ArenaIndex(arena), sizeClass: SizeClass(index: sizeClass),
            carved: carved))
      }
    }
    return handOut(pool: pool, block: 0, sizeClass: sizeClass, t)
  }

  // MARK: - free

  /// `PyObject_Free(address)`: returns a pymalloc or raw block.
  ///
  /// A block that is not live (never handed out, already freed, or not a
  /// block start) is a broken invariant of the caller: precondition failure
  /// with the pool's state.
  ///
  /// - Complexity: O(1).
  public mutating func free(_ address: Address) {
    makeUnique()
    freeUnshared(address)
  }

  /// `free(_:)` on storage this value already owns (`makeUnique()`): what
  /// `Heap` frees its objects with, inlined into the caller.
  ///
  /// The common case — the pool stays used — decodes the address, checks
  /// and clears the in-use bit, pushes the block on the free list and
  /// counts it, reading and writing the header's fields in place. A pool
  /// that was full or becomes empty, the event log, the raw allocator and
  /// every broken invariant are calls.
  @inline(__always)
  mutating func freeUnshared(_ address: Address) {
    assertUnshared()
    let t = storage.tables
    // The decoding of `pymallocLocation`, with its failures out of line.
    let raw = address.rawValue
    let arena = Int(truncatingIfNeeded: (raw &- Self.heapBase) &>> arenaStrideShift)
    guard arena < t.slots else { return freeOutsidePools(address) }
    let inArena = raw &- t.mappedFirstPool[arena]
    let poolInArena = Int(truncatingIfNeeded: inArena &>> poolShift)
    guard poolInArena < (1 &<< poolsPerArenaShift) else { return freeOutsidePools(address) }
    let pool = arena &<< poolsPerArenaShift | poolInArena
    let header = t.pools + pool
    let count = header.pointee.count
    let inPool = Int(truncatingIfNeeded: inArena & poolOffsetMask) &- headerBytes
    guard count > 0, inPool >= 0 else { notALiveBlock(address, pool: pool) }
    let shape = header.pointee.shape
    let sizeClass = Int(shape &>> 10)
    let block = Int((UInt32(truncatingIfNeeded: inPool &>> 4) &* t.reciprocal[sizeClass]) &>> 20)
    guard block &* ((sizeClass &+ 1) &<< 4) == inPool, block < Int(shape & 0x3FF) else {
      notABlockStart(address, pool: pool)
    }

    let bit: UInt64 = 1 &<< UInt64(block & 63)
    if block < 64 {
      let bits = header.pointee.lowBits
      guard bits & bit != 0 else { notInUse(address, block: block, pool: pool) }
      header.pointee.lowBits = bits & ~bit
    } else {
      let word = t.inUseBits + bitWord(pool: pool, block: block)
      let bits = word.pointee
      guard bits & bit != 0 else { notInUse(address, block: block, pool: pool) }
      word.pointee = bits & ~bit
    }
    pymallocBlocksInUse &-= 1
    let lastFree = header.pointee.freeHead
    if lastFree != PoolHeader.noBlock {
      // The old head's link leaves the header for the links table.
      t.links[linkIndex(pool: pool, block: Int(lastFree))] = header.pointee.headNext
    }
    header.pointee.headNext = lastFree
    header.pointee.freeHead = UInt16(truncatingIfNeeded: block)
    header.pointee.count = count &- 1
    if eventLog != .off {
      tally.countFree(bytes: (sizeClass &+ 1) &<< 4)
      if eventLog == .full { logFree(address, pool: pool, sizeClass: sizeClass) }
    }
    if lastFree == PoolHeader.noBlock {
      poolBecameUsed(pool, sizeClass: sizeClass)
    } else if count == 1 {
      insertToFreePool(pool, sizeClass: sizeClass)
    }
  }

  /// A full pool got a free block: it goes to the head of
  /// `usedpools[class]` (`insert_to_usedpool`), so the block is the very
  /// next one of its class handed out.
  @inline(never)
  private mutating func poolBecameUsed(_ pool: Int, sizeClass: Int) {
    let t = storage.tables
    let head = t.usedPools[sizeClass]
    t.pools[pool].next = head
    t.pools[pool].prev = -1
    if head >= 0 {
      t.pools[Int(head)].prev = Int32(truncatingIfNeeded: pool)
    }
    t.usedPools[sizeClass] = Int32(truncatingIfNeeded: pool)
    if recordsEvents {
      events.append(.poolBecameUsed(pool: PoolIndex(pool), sizeClass: SizeClass(index: sizeClass)))
    }
  }

  /// Logs a block freed (`eventLog == .full`).
  @inline(never)
  private mutating func logFree(_ address: Address, pool: Int, sizeClass: Int) {
    events.append(
      .blockFreed(
        address: address, sizeClass: SizeClass(index: sizeClass), pool: PoolIndex(pool),
        arena: ArenaIndex(pool >> poolsPerArenaShift)))
  }

  /// `free` of an address outside every pool of a mapped arena: a raw
  /// block, or a broken invariant.
  @inline(never)
  private mutating func freeOutsidePools(_ address: Address) {
    // Traps for an address inside a mapped arena but outside its pools.
    _ = pymallocLocation(address.rawValue)
    freeRaw(address)
  }

  /// An address in a pool that has no live blocks, or in its header.
  @inline(never)
  private func notALiveBlock(_ address: Address, pool: Int) -> Never {
    preconditionFailure("\(address) is not a live block: \(describePool(pool))")
  }

  /// An address in a live pool that is not where a handed-out block starts.
  @inline(never)
  private func notABlockStart(_ address: Address, pool: Int) -> Never {
    preconditionFailure("\(address) is not the start of a block: \(describePool(pool))")
  }

  /// A double free, or a free of a block never handed out.
  @inline(never)
  private func notInUse(_ address: Address, block: Int, pool: Int) -> Never {
    preconditionFailure("free of \(address): block \(block) of \(describePool(pool)) is not in use")
  }

  /// Removes a pool from `usedpools[class]`.
  @inline(__always)
  private func unlinkUsedPool(_ pool: Int, sizeClass: Int, _ t: AllocatorStorage.Tables) {
    let next = t.pools[pool].next
    let prev = t.pools[pool].prev
    if prev >= 0 {
      t.pools[Int(prev)].next = next
    } else {
      t.usedPools[sizeClass] = next
    }
    if next >= 0 {
      t.pools[Int(next)].prev = prev
    }
  }

  /// A pool became empty: move it to its arena's `freepools` and keep
  /// `usable_arenas` sorted, releasing the arena if it is wholly free
  /// (`insert_to_freepool`).
  @inline(never)
  private mutating func insertToFreePool(_ pool: Int, sizeClass: Int) {
    let t = storage.tables
    unlinkUsedPool(pool, sizeClass: sizeClass, t)
    let arena = pool >> poolsPerArenaShift
    t.pools[pool].next = t.arenas[arena].freePoolHead
    t.pools[pool].prev = -1
    t.arenas[arena].freePoolHead = Int32(truncatingIfNeeded: pool)
    if recordsEvents {
      events.append(
        .poolBecameEmpty(
          pool: PoolIndex(pool), arena: ArenaIndex(arena), sizeClass: SizeClass(index: sizeClass)))
    }
    let oldFree = Int(t.arenas[arena].freePools)
    let lastWithOld = t.lastArenaWithFreePools[oldFree]
    if lastWithOld == Int32(arena) {
      let prev = t.arenas[arena].prev
      t.lastArenaWithFreePools[oldFree] =
        (prev >= 0 && Int(t.arenas[Int(prev)].freePools) == oldFree) ? prev : -1
    }
    let free = oldFree + 1
    t.arenas[arena].freePools = UInt8(free)

    if free == Int(t.arenas[arena].totalPools)
      && (t.arenas[arena].next >= 0 || !constants.keepsEmptyTailArena)
    {
      releaseArena(arena, t)
      return
    }
    if free == 1 {
      t.arenas[arena].next = usableArenas
      t.arenas[arena].prev = -1
      if usableArenas >= 0 {
        t.arenas[Int(usableArenas)].prev = Int32(arena)
      }
      usableArenas = Int32(arena)
      if t.lastArenaWithFreePools[1] < 0 {
        t.lastArenaWithFreePools[1] = Int32(arena)
      }
      return
    }
    if t.lastArenaWithFreePools[free] < 0 {
      t.lastArenaWithFreePools[free] = Int32(arena)
    }
    if lastWithOld == Int32(arena) {
      return
    }
    // Slide right: unlink, then insert after the last arena with the old count.
    let prev = t.arenas[arena].prev
    let next = t.arenas[arena].next
    if prev >= 0 {
      t.arenas[Int(prev)].next = next
    } else {
      usableArenas = next
    }
    t.arenas[Int(next)].prev = prev
    let anchor = Int(lastWithOld)
    t.arenas[arena].prev = lastWithOld
    t.arenas[arena].next = t.arenas[anchor].next
    if t.arenas[arena].next >= 0 {
      t.arenas[Int(t.arenas[arena].next)].prev = Int32(arena)
    }
    t.arenas[anchor].next = Int32(arena)
  }

  // MARK: - realloc

  /// `PyObject_Realloc(address, nbytes)` with pymalloc's rule: a pymalloc
  /// block stays put if `nbytes` fits it and `4·nbytes > 3·blockSize`;
  /// otherwise a new block (pymalloc or raw) is allocated before the old one
  /// is freed, so the two never coincide. A raw block stays raw whatever its
  /// new size; `nbytes == 0` on a pymalloc block moves it to the raw
  /// allocator.
  ///
  /// - Complexity: O(1).
  public mutating func reallocate(_ address: Address, to nbytes: Int) -> Address {
    precondition(nbytes >= 0, "negative reallocation size \(nbytes)")
    guard let location = pymallocLocation(address.rawValue) else {
      guard raw.contains(address.rawValue) else {
        preconditionFailure("realloc of \(address), which is neither a pymalloc nor a raw block")
      }
      let moved = Address(raw.reallocate(address.rawValue, to: nbytes))
      if recordsEvents {
        events.append(.rawReallocated(from: address, to: moved, size: nbytes))
      }
      return moved
    }
    let blockSize = (location.sizeClass + 1) << 4
    if nbytes <= blockSize && 4 * nbytes > 3 * blockSize {
      if recordsEvents {
        events.append(.reallocatedInPlace(address: address, size: nbytes))
      }
      return address
    }
    let moved = allocate(nbytes)
    free(address)
    if recordsEvents {
      events.append(.reallocatedMoved(from: address, to: moved, size: nbytes))
    }
    return moved
  }

  // MARK: - raw

  /// A raw block: 0 bytes or more than 512 (a negative size is a broken
  /// invariant of the caller, caught here, off the hot path).
  @inline(never)
  private mutating func allocateRaw(_ nbytes: Int) -> Address {
    precondition(nbytes >= 0, "negative allocation size \(nbytes)")
    let address = Address(raw.allocate(nbytes))
    if eventLog != .off {
      tally.countAllocation(bytes: max(nbytes, 1))
      if eventLog == .full { events.append(.rawAllocated(address: address, size: max(nbytes, 1))) }
    }
    return address
  }

  @inline(never)
  private mutating func freeRaw(_ address: Address) {
    guard let size = raw.size(of: address.rawValue) else {
      preconditionFailure("free of \(address), which is neither a pymalloc nor a raw block")
    }
    raw.free(address.rawValue)
    if eventLog != .off {
      tally.countFree(bytes: size)
      if eventLog == .full { events.append(.rawFreed(address: address, size: size)) }
    }
  }

  // MARK: - events

  /// Returns the events recorded since the last call and clears the buffer.
  public mutating func takeEvents() -> [AllocatorEvent] {
    // Hands the buffer over and starts an empty one: clearing it while the
    // caller shares it would allocate a copy of its whole capacity (after a
    // step that freed a million objects, a large mapping per step).
    let taken = events
    events = []
    return taken
  }

  /// Swaps the event log with `buffer` (emptied first; a large one is let go
  /// rather than kept, so one busy step does not pin its capacity).
  public mutating func swapEvents(_ buffer: inout [AllocatorEvent]) {
    if buffer.capacity > 4096 { buffer = [] } else { buffer.removeAll(keepingCapacity: true) }
    swap(&events, &buffer)
  }

  /// Returns the tally counted since the last call and starts a new one.
  public mutating func takeTally() -> AllocatorTally {
    let taken = tally
    tally = AllocatorTally()
    return taken
  }

  /// Drops the events logged so far, keeping their tally.
  public mutating func discardEvents() {
    if !events.isEmpty { events = [] }
  }

  /// Drops the events and the tally logged so far (a timeline restoring a
  /// checkpoint, whose log holds what led up to it).
  public mutating func clearLog() {
    discardEvents()
    tally = AllocatorTally()
  }

  // MARK: - addresses

  /// Address of block `block` of pool `pool` of class `sizeClass`.
  @inline(__always)
  func blockAddress(pool: Int, block: Int, sizeClass: Int) -> Address {
    blockAddress(pool: pool, block: block, sizeClass: sizeClass, storage.tables)
  }

  /// `blockAddress(pool:block:sizeClass:)` through `t`.
  @inline(__always)
  func blockAddress(pool: Int, block: Int, sizeClass: Int, _ t: AllocatorStorage.Tables) -> Address {
    let first = t.mappedFirstPool[pool &>> poolsPerArenaShift]
    let poolBase = first &+ UInt64(truncatingIfNeeded: pool & ((1 &<< poolsPerArenaShift) &- 1)) &<< poolShift
    return Address(poolBase &+ headerSize &+ UInt64(truncatingIfNeeded: block &* ((sizeClass &+ 1) &<< 4)))
  }

  /// Where block `block` of pool `pool` keeps its link in `links`.
  ///
  /// Each pool owns `1 << slotShift` consecutive links, but only its first
  /// `capacity` blocks use them, and for the large classes that is one cache
  /// line at the start of a 2 KiB stride: every pool's hot line would fall in
  /// the same few cache sets (2 of the L1's 64, 32 of a 512 KiB L2's 1024),
  /// and a working set of a thousand pools would miss on every free. So the
  /// links are rotated by `(pool mod 32)` cache lines within the pool's
  /// range — a bijection, since the range holds more links than any pool has
  /// blocks — which spreads the hot lines over every set.
  @inline(__always)
  func linkIndex(pool: Int, block: Int) -> Int {
    pool &<< slotShift | ((block &+ pool &<< 5) & slotMask)
  }

  /// Which word of `inUseBits` holds block `block` of pool `pool`'s bit.
  ///
  /// An arena's `1 << slotShift` words are ordered by word, then pool: word
  /// k of its pools 0…63 are neighbours. Most pools have at most 64 blocks
  /// (every class from 256 bytes up), so a pool-major layout would give each
  /// pool a cache line of its own for one word; this one packs a thousand
  /// pools' hot words into 16 KiB.
  @inline(__always)
  func bitWord(pool: Int, block: Int) -> Int {
    (pool &>> 6) &<< slotShift | (block &>> 6) &<< 6 | pool & 63
  }

  /// Whether block `block` of pool `pool` is handed out.
  func isInUse(pool: Int, block: Int) -> Bool {
    let word = block < 64 ? pools[pool].lowBits : inUseBits[bitWord(pool: pool, block: block)]
    return word & (1 &<< UInt64(block & 63)) != 0
  }

  /// The block after `block` on pool `pool`'s free list (`noBlock` at its
  /// end); `block` must be on the list.
  func freeListNext(pool: Int, after block: UInt16) -> UInt16 {
    block == pools[pool].freeHead ? pools[pool].headNext : links[linkIndex(pool: pool, block: Int(block))]
  }

  /// Address of pool `pool`'s header.
  func poolAddress(_ pool: Int) -> UInt64 {
    arenas[pool >> poolsPerArenaShift].firstPool
      &+ UInt64(pool & ((1 &<< poolsPerArenaShift) - 1)) << UInt64(poolShift)
  }

  /// Resolves an address inside a live arena to its pool and block; nil when
  /// the address is outside every mapped arena (a raw block, or garbage).
  /// Addresses inside an arena that are not the start of a carved block of a
  /// non-empty pool are a broken invariant.
  func pymallocLocation(_ address: UInt64) -> (pool: Int, block: Int, sizeClass: Int)? {
    pymallocLocation(address, storage.tables)
  }

  /// `pymallocLocation(_:)` through `t`.
  @inline(__always)
  func pymallocLocation(
    _ address: UInt64, _ t: AllocatorStorage.Tables
  ) -> (pool: Int, block: Int, sizeClass: Int)? {
    // Below the heap base the offset wraps to a huge value, whose slot is
    // beyond every slot (slots are 2 arenas apart, so `t.slots` would have
    // to exceed 2²⁶ for an address past 2⁴⁷ to pass).
    let offset = address &- Self.heapBase
    let arena = Int(truncatingIfNeeded: offset &>> arenaStrideShift)
    guard arena < t.slots else { return nil }
    let firstPool = t.mappedFirstPool[arena]
    // One unsigned test for three cases: an unmapped slot (first pool 0, so
    // `inArena` is the whole address), an address below the first pool
    // (wraps) and one past the last pool.
    let inArena = address &- firstPool
    let poolInArena = Int(truncatingIfNeeded: inArena &>> poolShift)
    guard poolInArena < (1 &<< poolsPerArenaShift) else {
      if firstPool != 0 && address &- t.arenas[arena].base < UInt64(constants.arenaSize) {
        preconditionFailure("\(Address(address)) lies in \(ArenaIndex(arena)) outside every pool")
      }
      return nil
    }
    // Pools never carved, and carved pools now empty, both have count 0, so
    // one test rejects both.
    let pool = arena &<< poolsPerArenaShift | poolInArena
    let header = t.pools[pool]
    let sizeClass = Int(header.sizeClass)
    let inPool = Int(truncatingIfNeeded: inArena & poolOffsetMask) &- headerBytes
    guard header.count > 0, inPool >= 0 else { notALiveBlock(Address(address), pool: pool) }
    let block = Int((UInt32(truncatingIfNeeded: inPool &>> 4) &* t.reciprocal[sizeClass]) &>> 20)
    guard block &* ((sizeClass &+ 1) &<< 4) == inPool, block < Int(header.nextVirgin) else {
      notABlockStart(Address(address), pool: pool)
    }
    return (pool, block, sizeClass)
  }

  /// The state of a pool, for precondition messages.
  func describePool(_ pool: Int) -> String {
    let header = pools[pool]
    return
      "pool \(pool) at \(Address(poolAddress(pool))) (class \(header.sizeClass), count \(header.count), "
      + "freeHead \(header.freeHead), headNext \(header.headNext), nextVirgin \(header.nextVirgin))"
  }
}
