// One collection in progress: the value `Heap.advanceCollection(_:)` moves
// forward phase by phase (see `GCPhase`), pausing with a `GCRequest`
// whenever Python code must run. Everything the collection is doing can be
// read off it and off the heap's GC columns at any pause: the phase, the
// object the current pass is at (`cursor`), the per-object gc_refs and list
// membership (`Heap.gcRefs(of:)`, `Heap.gcList(of:)`), and the running
// counts that `gc.collect()` will return.
//
// Driving it (interpreter side):
//
//   guard var c = heap.beginCollection(generation: 2) else { return 0 }
//   while let request = heap.advanceCollection(&c) { handle(request) }
//   return c.result
//
// Invariant: between two calls the heap is consistent (refcounts, lists,
// allocator), so the interpreter may run arbitrary Python code for a request,
// including allocations (they go to generation 0; an automatic collection
// cannot start because `GCState.isCollecting` is set).

/// How far `advanceCollection` goes before returning on its own.
public enum GCStepping: Sendable, Equatable {
  /// Only stop for requests.
  case run
  /// Also stop (with `.stepped`) at the end of every phase.
  case phase
  /// Also stop after each object of the linear passes.
  case object
}

/// How many events a collection records.
public enum GCEventDetail: UInt8, Sendable, Comparable {
  case none, phases, objects
  public static func < (lhs: GCEventDetail, rhs: GCEventDetail) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A collection in progress (`gc_collect_main`'s locals, made resumable).
public struct GarbageCollection: Sendable {
  /// The generation being collected (0…2).
  public let generation: Int
  /// The current phase.
  public internal(set) var phase: GCPhase = .startCallbacks
  /// The object the current pass will look at next (null between passes).
  public internal(set) var cursor = ObjectID.null
  /// `m`: unreachable objects collected so far (plus weakrefs freed by their
  /// callbacks).
  public internal(set) var collected = 0
  /// `n`: uncollectable objects (legacy finalizers; 0 for every modelled type).
  public internal(set) var uncollectable = 0
  /// Object visits done so far, the basis of `modelledElapsedSeconds`.
  public internal(set) var work = 0
  /// Where to stop on its own.
  public var stepping: GCStepping = .run
  /// How many events to record.
  public var eventDetail: GCEventDetail = .none
  /// Events since the last `takeEvents()`.
  public internal(set) var events: [GCEvent] = []
  /// 3.8: a finalizer resurrected something, nothing is freed this time.
  public internal(set) var abortedByResurrection = false

  /// The list `young` (the collected generation's list).
  var young: GCList { GCList.generation(generation) }
  /// The list `old` (the next generation; generation 2 for a full collection).
  var old: GCList { GCList.generation(min(generation + 1, 2)) }
  /// The list `delete_garbage` works on.
  var garbageList: GCList = .unreachable
  /// Object set aside during the collection (≤3.11: allocated by the very
  /// allocation that triggered it, tracked only afterwards).
  var newborn = ObjectID.null
  /// A sub-step within the current phase.
  var step = 0
  /// The object a pausing phase is working on.
  var current = ObjectID.null
  /// References waiting to be dropped, and the next one.
  var drops: [ObjectID] = []
  var dropIndex = 0
  /// A block to free after `drops` (tp_clear's storage), 0 for none.
  var blockAfter: UInt64 = 0
  /// Depth of the dealloc stack when the current cascade started, -1 if none.
  var deallocBase = -1
  /// Whether the next `advance` should report `.stepped` first.
  var pendingStep: GCPhase?
  /// move_unreachable's scan: the last row it kept on `young` (-1: none
  /// yet), which the next row unlinks after (the list is singly linked).
  var scanPrevious: Int32 = -1
  /// update_refs also did subtract_refs (one walk, `.run` only).
  var refsSubtracted = false
  /// untrack_tuples relabelled the survivors to `old` (one walk, `.run`
  /// only).
  var survivorsRelabelled = false
  /// A weakref callback or finalizer has been called (the interpreter ran
  /// Python code) since move_unreachable.
  var calledPython = false
  /// gc_refs that handle_resurrected_objects (3.8: check_garbage) recounted
  /// and found nonzero, kept for the event log: the count lives in the back
  /// link, which is rebuilt before the phase ends.
  var recountedRefs: [ObjectID: Int32] = [:]

  init(generation: Int) {
    self.generation = generation
  }

  /// What `gc.collect()` returns: n + m.
  public var result: Int { collected + uncollectable }

  /// A modelled duration for DEBUG_STATS' "elapsed" (5 ns per object visit,
  /// about CPython's cost per object and pass on current hardware).
  public var modelledElapsedSeconds: Double { Double(work) * 5e-9 }

  /// Whether the collection has finished.
  public var isDone: Bool { phase == .done }

  /// Returns and clears the recorded events.
  public mutating func takeEvents() -> [GCEvent] {
    defer { events.removeAll() }
    return events
  }

  mutating func record(_ event: GCEvent) {
    if eventDetail > .none { events.append(event) }
  }
}
