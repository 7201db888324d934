// Logs a running collection phase by phase into the event stream (see
// `GCPhaseRecord` for where each record stands and what it holds).
//
// The driver of a collection (the interpreter) makes one recorder per
// collection with `start`, which returns nil — and costs nothing more —
// unless the event log is full (a log that only tallies just counts the
// collection). A recorder asks the collection to stop at
// every phase boundary (`GCStepping.phase`; the pauses change nothing in
// the model) and is told of each boundary with `phaseEnded`.
//
// It keeps the objects it lists (ids, `id()` addresses, labels) so that
// every record of one collection lists the same objects in the same order,
// and remembers which were ever unreachable, to tell a resurrected object
// from one that was never garbage. It also keeps the last gc_refs it saw of
// each listed object: the heap holds a count only while the collection
// needs it (in the back link, GC/GCState.swift), and a record shows the
// count the object was last given — 0 before update_refs.

/// Records the phases of one collection while the event log is on.
public struct GCPhaseRecorder: Sendable {
  private var listing = GCListing()
  private var wasUnreachable: [Bool] = []
  private var lastRefs: [Int32] = []
  private var examined = 0

  /// A recorder for `collection` if the heap's event log is full (and the
  /// collection set to pause at phase boundaries), else nil. Logs the
  /// collection's first record. A log that only tallies counts the
  /// collection and its phases without recording them: every collection
  /// logs at least its first phase.
  public static func start(_ collection: inout GarbageCollection, heap: inout Heap) -> GCPhaseRecorder? {
    switch heap.allocator.eventLog {
    case .off: return nil
    case .tally:
      heap.allocator.tally.countPhase(startsCollection: collection.phase == .startCallbacks)
      return nil
    case .full: break
    }
    collection.stepping = .phase
    var recorder = GCPhaseRecorder()
    recorder.log(collection.phase, isResult: false, collection, heap: &heap)
    return recorder
  }

  /// Call on `.stepped(finished)`: logs `finished` if it is a computing
  /// phase, then the phase now starting if it acts (runs code or frees).
  public mutating func phaseEnded(_ finished: GCPhase, _ collection: GarbageCollection, heap: inout Heap) {
    if finished == .mergeGenerations { select(collection, heap: heap) }
    if finished == .moveUnreachable { widen(heap: heap) }
    if Self.computes(finished) { log(finished, isResult: true, collection, heap: &heap) }
    let next = collection.phase
    if Self.acts(next, collection, heap: heap) { log(next, isResult: false, collection, heap: &heap) }
  }

  /// Phases recorded with their result.
  static func computes(_ phase: GCPhase) -> Bool {
    switch phase {
    case .mergeGenerations, .updateRefs, .subtractRefs, .moveUnreachable, .untrackTuples, .promoteSurvivors,
      .moveLegacyFinalizers, .handleWeakrefs, .handleResurrectedObjects:
      true
    default: false
    }
  }

  /// Phases recorded as they begin; the ones with nothing to do are left out.
  static func acts(_ phase: GCPhase, _ c: GarbageCollection, heap: Heap) -> Bool {
    switch phase {
    case .startCallbacks, .finalizeGarbage, .deleteGarbage, .stopCallbacks: true
    case .weakrefCallbacks: heap.gc.count(of: .weakrefCallbacks) > 0
    case .handleLegacyFinalizers: heap.gc.count(of: .finalizers) > 0
    case .clearFreeLists: c.generation == 2
    default: false
    }
  }

  // MARK: Choosing the objects

  /// After the merge: the first objects of the collected generation.
  private mutating func select(_ c: GarbageCollection, heap: Heap) {
    examined = heap.gc.count(of: c.young)
    // One allocation per array: a young collection lists a full 256.
    let wanted = min(examined, GCPhaseRecord.objectLimit)
    listing.reserveCapacity(wanted)
    wasUnreachable.reserveCapacity(wanted)
    lastRefs.reserveCapacity(wanted)
    var slot = heap.gc.heads[Int(c.young.rawValue)].first
    while slot >= 0, listing.count < GCPhaseRecord.objectLimit {
      listing.append(ObjectID(slot), heap: heap)
      wasUnreachable.append(false)
      lastRefs.append(0)
      slot = heap.gc.next[Int(slot)]
    }
  }

  /// After move_unreachable: make room for the unreachable objects, which
  /// are the point of the display, dropping reachable ones from the end.
  private mutating func widen(heap: Heap) {
    var unreachable: [ObjectID] = []
    var slot = heap.gc.heads[Int(GCList.unreachable.rawValue)].first
    while slot >= 0, unreachable.count < GCPhaseRecord.objectLimit {
      unreachable.append(ObjectID(slot))
      slot = heap.gc.next[Int(slot)]
    }
    if unreachable.isEmpty { return }
    let wanted = Set(unreachable)
    var budget = GCPhaseRecord.objectLimit - unreachable.count
    var kept = GCListing()
    var keptRefs: [Int32] = []
    var present: Set<ObjectID> = []
    for i in listing.ids.indices {
      let id = listing.ids[i]
      if wanted.contains(id) {
        present.insert(id)
      } else if budget > 0 {
        budget -= 1
      } else {
        continue
      }
      kept.ids.append(id)
      kept.addresses.append(listing.addresses[i])
      kept.blocks.append(listing.blocks[i])
      kept.kinds.append(listing.kinds[i])
      kept.types.append(listing.types[i])
      kept.counts.append(listing.counts[i])
      keptRefs.append(lastRefs[i])
    }
    for id in unreachable where !present.contains(id) {
      kept.append(id, heap: heap)
      keptRefs.append(heap.liveGCRefs(ofSlot: id.slot) ?? 0)
    }
    listing = kept
    lastRefs = keptRefs
    wasUnreachable = Array(repeating: false, count: kept.count)
  }

  // MARK: Recording

  /// One record: the set and gc_refs of every listed object now. Runs about
  /// a dozen times per collection over up to `objectLimit` objects, young
  /// collections included, so the loop reads each row's membership byte
  /// once and decides the set from it without building a `GCList`.
  private mutating func log(_ phase: GCPhase, isResult: Bool, _ c: GarbageCollection, heap: inout Heap) {
    let count = listing.count
    var sets: [GCObjectSet] = []
    var refs: [Int32] = []
    sets.reserveCapacity(count)
    refs.reserveCapacity(count)
    // What an object on a generation list, or on `unreachable`/`seen`, is
    // in this phase.
    let onGeneration: GCObjectSet =
      phase < .moveUnreachable || (phase == .moveUnreachable && !isResult) ? .collecting : .reachable
    let onUnreachable: GCObjectSet =
      phase >= .handleResurrectedObjects ? .unreachable : .tentativelyUnreachable
    let hasRecounted = !c.recountedRefs.isEmpty
    let refsList = heap.gc.refsList.rawValue
    let refsTarget = heap.gc.refsTarget.rawValue
    let refsComplete = heap.gc.refsComplete
    let rows = heap.gc.membership.count
    for i in 0..<count {
      let id = listing.ids[i]
      let slot = id.slot
      guard heap.isAlive(id), heap.blocks[slot] == listing.blocks[i] else {
        sets.append(.freed)
        refs.append(0)
        continue
      }
      let membership = slot < rows ? heap.gc.membership[slot] : 0
      let list = membership & GCState.listMask
      let set: GCObjectSet
      switch list {
      case GCList.unreachable.rawValue, GCList.seen.rawValue: set = onUnreachable
      case GCList.stillUnreachable.rawValue: set = .unreachable
      case GCList.finalizers.rawValue: set = .finalizerReachable
      case GCList.untracked.rawValue: set = .untracked
      case GCList.weakrefCallbacks.rawValue: set = .reachable
      default:
        // A generation list (or the permanent one).
        set = onGeneration == .collecting ? .collecting : (wasUnreachable[i] ? .resurrected : .reachable)
      }
      if set.isUnreachable { wasUnreachable[i] = true }
      sets.append(set)
      // `Heap.liveGCRefs(ofSlot:)`, from the byte already read.
      if list != GCList.untracked.rawValue, list == refsList,
        refsComplete || membership & GCState.collectingBit != 0
      {
        lastRefs[i] = heap.gc.previous[slot]
      } else if list != GCList.untracked.rawValue, list == refsTarget {
        lastRefs[i] = 0
      } else if hasRecounted, let recounted = c.recountedRefs[id] {
        lastRefs[i] = recounted
      }
      refs.append(lastRefs[i])
    }
    let unreachable =
      heap.gc.count(of: .unreachable) + heap.gc.count(of: .seen) + heap.gc.count(of: .stillUnreachable)
    let record = GCPhaseRecord(
      version: heap.version, generation: c.generation, phase: phase, isResult: isResult, listing: listing,
      sets: sets, gcRefs: refs, examined: examined, unreachableCount: unreachable, collected: c.collected,
      uncollectable: c.uncollectable)
    heap.allocator.tally.countPhase(startsCollection: record.startsCollection)
    heap.allocator.events.append(.gcPhase(record))
  }
}

extension GCPhase: Comparable {
  /// Phases compare in the order a collection runs them.
  public static func < (lhs: GCPhase, rhs: GCPhase) -> Bool { lhs.rawValue < rhs.rawValue }
}
