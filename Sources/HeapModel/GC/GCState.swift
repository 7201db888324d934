// The cycle collector's state: CPython's `struct _gc_runtime_state` (3.8)
// / `GCState` (3.9+), kept beside the object table.
//
//   generation lists    gen0 ⇄ … ⇄ gen0   gen1 ⇄ …   gen2 ⇄ …   permanent ⇄ …
//   per-row columns     previous | next | membership
//                        Int32     Int32   UInt8 (GCList | collecting bit)
//
// The columns and list heads live in raw buffers (GC/GCColumnStorage.swift),
// written through `writableColumns`, which makes them unique first.
//
// Every tracked object is on exactly one list (`GCList`), linked through the
// `previous`/`next` columns by row slot (-1 ends a list), the way
// `PyGC_Head._gc_prev/_gc_next` link the real objects. Tracking appends at
// the tail of generation 0, so list order is tracking order, and every pass
// of a collection walks a list from its head, as CPython does; the order of
// `__del__` calls and of clearing follows from that.
//
// `gc_refs`, the scratch count a collection computes, has no column of its
// own: as in CPython (`_gc_prev` holds it while `update_refs` …
// `move_unreachable` run), the rows of the list being deduced (`refsList`)
// keep it in `previous`, and that list is singly linked meanwhile, through
// `next` only. Rows move_unreachable puts on `refsTarget` have gc_refs 0 and
// are linked both ways. `Heap.relinkRefsList` rebuilds the back links and
// ends the state (at the start of untrack_tuples, so the phase's result can
// still be read, and at the end of handle_resurrected_objects). Nothing may
// unlink a row of `refsList` meanwhile; nothing does, since no Python code
// runs between update_refs and untrack_tuples. That saves 4 bytes a row
// (issue 3); a gc_refs is an Int32, bounded by the references that exist.
//
// Counters, with CPython's meaning (facts sheet §5.1): the generation-0 count
// is `Heap.gcAllocationCount` (GC allocations minus GC deallocations, never
// below 0, free-list traffic excluded — the same in 3.8–3.13, measured); the
// generation-1 count is the number of generation-0 collections since the
// last collection of generation ≥ 1, the generation-2 count the number of
// generation-1 collections since the last full one.
//
// Invariants: `membership[s] & listMask == 0` (untracked) ⇔ the row's `.tracked`
// flag is clear ⇔ `previous[s] == next[s] == -1` and the row is on no list;
// every list but `refsList` is doubly linked;
// each list's `count` is its length; the collecting bit is set only while a
// collection runs, on rows of the generation being collected; `passMark` is
// clear between the steps of a collection.

/// The debugging flags of `gc.set_debug` (same values 3.8–3.13).
public struct GCDebugFlags: OptionSet, Sendable, Hashable {
  public var rawValue: Int
  public init(rawValue: Int) { self.rawValue = rawValue }

  /// `gc.DEBUG_STATS`: print statistics during collection.
  public static let stats = GCDebugFlags(rawValue: 1)
  /// `gc.DEBUG_COLLECTABLE`: print collectable objects found.
  public static let collectable = GCDebugFlags(rawValue: 2)
  /// `gc.DEBUG_UNCOLLECTABLE`: print uncollectable objects found.
  public static let uncollectable = GCDebugFlags(rawValue: 4)
  /// `gc.DEBUG_SAVEALL`: keep garbage in `gc.garbage` instead of freeing it.
  public static let saveAll = GCDebugFlags(rawValue: 32)
  /// `gc.DEBUG_LEAK` = COLLECTABLE | UNCOLLECTABLE | SAVEALL.
  public static let leak: GCDebugFlags = [.collectable, .uncollectable, .saveAll]
}

/// One entry of `gc.get_stats()`.
public struct GCGenerationStats: Sendable, Equatable {
  /// Collections of this generation.
  public var collections = 0
  /// Objects found unreachable and freed (or saved) by them (`m`).
  public var collected = 0
  /// Objects found uncollectable (`n`).
  public var uncollectable = 0

  public init(collections: Int = 0, collected: Int = 0, uncollectable: Int = 0) {
    self.collections = collections
    self.collected = collected
    self.uncollectable = uncollectable
  }
}

/// The cycle collector's lists, counters and settings.
public struct GCState: Sendable {
  // MARK: Per-row columns and lists (GC/GCColumnStorage.swift)

  /// The columns and list heads, shared with copies of the heap until one
  /// writes.
  private(set) var storage = GCColumnStorage()

  static let collectingBit: UInt8 = 0x80
  /// A mark one step of a collection may set and must clear before it
  /// ends (handle_weakrefs: "has weakrefs").
  static let passMark: UInt8 = 0x40
  static let listMask: UInt8 = 0x3f

  /// `_gc_prev` as a row slot, -1 at a list's head or when untracked; a
  /// row's gc_refs while its list is `refsList`.
  public var previous: RowColumn<Int32> { RowColumn(storage.previous, count: storage.count) }
  /// `_gc_next` as a row slot, -1 at a list's tail or when untracked.
  public var next: RowColumn<Int32> { RowColumn(storage.next, count: storage.count) }
  /// The `GCList` raw value, plus `collectingBit` (PREV_MASK_COLLECTING).
  var membership: RowColumn<UInt8> { RowColumn(storage.membership, count: storage.count) }
  /// The list heads, by `GCList` raw value (read only: writes go through
  /// `writableColumns`).
  var heads: UnsafePointer<GCListHead> { UnsafePointer(storage.heads) }

  /// The columns, writable, after making the storage unique and
  /// initialising rows up to `rows` (see `GCColumns` for how long they stay
  /// valid).
  @inline(__always) mutating func writableColumns(covering rows: Int = 0) -> GCColumns {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    if rows > storage.count { storage.cover(rows) }
    return GCColumns(storage)
  }

  /// Bytes the columns occupy (`ModelFootprint`).
  var memoryFootprint: Int { storage.memoryFootprint }

  // MARK: Deduction state

  /// The list whose rows hold gc_refs in `previous` (singly linked
  /// meanwhile), `.untracked` when none.
  var refsList = GCList.untracked
  /// The list the running deduction moves rows with gc_refs 0 to.
  var refsTarget = GCList.untracked
  /// update_refs has reached every row of `refsList` (before, only rows
  /// with the collecting mark hold gc_refs).
  var refsComplete = false

  // MARK: Counters and settings

  /// `generations[i].threshold`.
  public internal(set) var thresholds: [Int]
  /// `generations[1].count` and `generations[2].count` (index 0 unused: the
  /// generation-0 count is `Heap.gcAllocationCount`).
  var olderCounts = [0, 0, 0]
  /// `gc.isenabled()`.
  public internal(set) var isEnabled = true
  /// `gc.get_debug()`.
  public var debugFlags: GCDebugFlags = []
  /// `long_lived_pending`: objects promoted to generation 2 by generation-1
  /// collections since the last full collection.
  public internal(set) var longLivedPending = 0
  /// `long_lived_total`: generation 2's size after the last full collection.
  public internal(set) var longLivedTotal = 0
  /// `gcstate->collecting`: a collection is running (automatic ones do not
  /// start, `gc.collect()` returns 0).
  public internal(set) var isCollecting = false
  /// An allocation found generation 0's count above its threshold with the
  /// collector enabled (`_Py_ScheduleGC`'s eval-breaker bit in 3.12+; in
  /// 3.8–3.11 the allocation collects at once). Cleared by
  /// `beginAutomaticCollection`.
  public internal(set) var collectionScheduled = false
  /// 3.8–3.11: the allocation that scheduled the collection has not been
  /// tracked yet; the next object tracked is it (`scheduledNewborn`).
  var awaitingNewborn = false
  /// 3.8–3.11: the object whose allocation crossed the threshold. CPython
  /// collects inside that allocation, before the object is tracked, so it
  /// sits the (deferred) collection out (`beginAutomaticCollection`).
  public internal(set) var scheduledNewborn = ObjectID.null
  /// `gc.get_stats()`, per generation.
  public internal(set) var stats = [GCGenerationStats](repeating: GCGenerationStats(), count: 3)
  /// The `gc.garbage` list object, set by the interpreter; created on first
  /// use under DEBUG_SAVEALL when it is still null.
  public var garbage = ObjectID.null
  /// Objects CPython's own start-up left in the permanent generation (3.12:
  /// 375), counted by `gc.get_freeze_count()` but not modelled as rows.
  public internal(set) var unmodelledPermanent: Int
  /// The same objects once `gc.unfreeze()` has moved them to generation 2.
  public internal(set) var unmodelledOld = 0

  /// A reusable buffer for traversals (taken out while a pass runs).
  var scratch: [ObjectID] = []

  public init(profile: VersionProfile) {
    let (t0, t1, t2) = profile.gcThresholds
    thresholds = [t0, t1, t2]
    unmodelledPermanent = profile.gcStartupFrozenObjects
  }

  /// The list a row is on.
  @inline(__always) func list(ofSlot slot: Int) -> GCList {
    guard slot >= 0, slot < storage.count else { return .untracked }
    return GCList(rawValue: storage.membership[slot] & GCState.listMask)!
  }

  /// Whether the row carries PREV_MASK_COLLECTING.
  @inline(__always) func isCollecting(slot: Int) -> Bool {
    slot >= 0 && slot < storage.count && storage.membership[slot] & GCState.collectingBit != 0
  }

  /// Length of a list.
  public func count(of list: GCList) -> Int { storage.heads[Int(list.rawValue)].count }

  /// First row of a list, or null.
  public func first(of list: GCList) -> ObjectID { ObjectID(storage.heads[Int(list.rawValue)].first) }

  /// The row after `id` on its list, or null at the tail.
  public func next(after id: ObjectID) -> ObjectID { ObjectID(next[id.slot]) }
}
