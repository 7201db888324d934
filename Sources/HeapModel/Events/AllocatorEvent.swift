// What the allocator model did, one step at a time, for the Events pane, the
// TUI's micro-step and `heapscope trace`.
//
// The allocator appends events only while its log is full
// (`Allocator.eventLog == .full`, `recordsEvents`); the caller drains them
// with `takeEvents()`. A log that tallies only counts them instead
// (`AllocatorTally`). Each event names the C function
// of `Objects/obmalloc.c` that does that work in the modelled version. 3.9
// split pymalloc's two big functions into helpers (bpo-37543), so 3.8 names
// `pymalloc_alloc` / `pymalloc_free` where later versions name
// `allocate_from_new_pool`, `pymalloc_pool_extend`, `insert_to_usedpool` and
// `insert_to_freepool`.
//
// Order within one call: a `malloc` that needs a new arena records
// `arenaAllocated`, then `poolInitialized`, then `blockAllocated`; a `free`
// that empties a pool records `blockFreed`, `poolBecameEmpty`, then
// possibly `arenaReleased`.
//
// The cycle collector logs its phases into the same stream (`gcPhase`), so
// that a line's events read in the order the work happened; see
// `GCPhaseRecord`. That case is boxed (`indirect`), which keeps the
// allocator's own events as small as before.

/// One observable step of the allocator model.
public enum AllocatorEvent: Sendable, Equatable {
  /// pymalloc handed out a block (`pymalloc_alloc`).
  case blockAllocated(address: Address, sizeClass: SizeClass, pool: PoolIndex, arena: ArenaIndex)
  /// A block went back on its pool's free list (`pymalloc_free`).
  case blockFreed(address: Address, sizeClass: SizeClass, pool: PoolIndex, arena: ArenaIndex)
  /// The free list ran dry and the pool's never-used area gave one more
  /// block (`pymalloc_pool_extend`).
  case poolExtended(pool: PoolIndex, sizeClass: SizeClass, nextBlock: Address)
  /// A pool was set up for a size class from scratch: first block at +48
  /// (`allocate_from_new_pool`). `carved` is true for a never-used pool,
  /// false for an empty pool that last served another class.
  case poolInitialized(pool: PoolIndex, arena: ArenaIndex, sizeClass: SizeClass, carved: Bool)
  /// An empty pool that last served the same class was taken back with its
  /// old free list (`allocate_from_new_pool`).
  case poolReused(pool: PoolIndex, arena: ArenaIndex, sizeClass: SizeClass)
  /// The pool's last block was handed out; it left `usedpools`.
  case poolBecameFull(pool: PoolIndex, sizeClass: SizeClass)
  /// A block of a full pool was freed; the pool went back to the head of
  /// `usedpools` (`insert_to_usedpool`).
  case poolBecameUsed(pool: PoolIndex, sizeClass: SizeClass)
  /// The pool's last block was freed; it went to the front of its arena's
  /// `freepools` (`insert_to_freepool`).
  case poolBecameEmpty(pool: PoolIndex, arena: ArenaIndex, sizeClass: SizeClass)
  /// A new arena was mapped (`new_arena`).
  case arenaAllocated(arena: ArenaIndex, base: Address, usablePools: Int)
  /// A wholly free arena was unmapped (`insert_to_freepool`).
  case arenaReleased(arena: ArenaIndex, base: Address)
  /// A request pymalloc declines (0 or > 512 bytes) went to `malloc`.
  case rawAllocated(address: Address, size: Int)
  /// A raw block was freed.
  case rawFreed(address: Address, size: Int)
  /// `realloc` kept the block (`pymalloc_realloc`).
  case reallocatedInPlace(address: Address, size: Int)
  /// `realloc` allocated a new block, copied and freed the old one.
  case reallocatedMoved(from: Address, to: Address, size: Int)
  /// `realloc` of a raw block, which stays with `malloc` whatever its new size.
  case rawReallocated(from: Address, to: Address, size: Int)
  /// A phase of a cycle collection, with the sets it produced
  /// (`gc_collect_main`'s steps; see `GCPhaseRecord`).
  indirect case gcPhase(GCPhaseRecord)

  /// The CPython C function that does this work in `version`.
  public func cFunction(in version: PythonVersion) -> String {
    let split = version >= .py39
    switch self {
    case .blockAllocated: return "pymalloc_alloc"
    case .blockFreed: return "pymalloc_free"
    case .poolExtended: return split ? "pymalloc_pool_extend" : "pymalloc_alloc"
    case .poolInitialized, .poolReused: return split ? "allocate_from_new_pool" : "pymalloc_alloc"
    case .poolBecameFull: return split ? "pymalloc_pool_extend" : "pymalloc_alloc"
    case .poolBecameUsed: return split ? "insert_to_usedpool" : "pymalloc_free"
    case .poolBecameEmpty, .arenaReleased: return split ? "insert_to_freepool" : "pymalloc_free"
    case .arenaAllocated: return "new_arena"
    case .rawAllocated: return "_PyObject_Malloc"
    case .rawFreed: return "_PyObject_Free"
    case .reallocatedInPlace, .reallocatedMoved: return "pymalloc_realloc"
    case .rawReallocated: return "_PyObject_Realloc"
    case .gcPhase(let record): return record.phase.cFunction(in: version)
    }
  }

  /// The C source file of `cFunction(in:)`.
  public var cFile: String {
    if case .gcPhase(let record) = self { return record.cFile }
    return "Objects/obmalloc.c"
  }

  /// The collection phase, if this is one.
  public var gcPhaseRecord: GCPhaseRecord? {
    if case .gcPhase(let record) = self { return record }
    return nil
  }
}
