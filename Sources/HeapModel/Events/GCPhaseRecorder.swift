// Logs a running collection phase by phase into the event stream (see
// `GCPhaseRecord` for where each record stands and what it holds).
//
// The driver of a collection (the interpreter) makes one recorder per
// collection with `start`, which returns nil — and costs nothing more —
// while the event log is off. A recorder asks the collection to stop at
// every phase boundary (`GCStepping.phase`; the pauses change nothing in
// the model) and is told of each boundary with `phaseEnded`.
//
// It keeps the objects it lists (ids, `id()` addresses, labels) so that
// every record of one collection lists the same objects in the same order,
// and remembers which were ever unreachable, to tell a resurrected object
// from one that was never garbage.

/// Records the phases of one collection while the event log is on.
public struct GCPhaseRecorder: Sendable {
  private var listed: [ObjectID] = []
  private var addresses: [UInt64] = []
  private var labels: [String] = []
  private var wasUnreachable: [Bool] = []
  private var examined = 0

  /// A recorder for `collection` if the heap's event log is on (and the
  /// collection set to pause at phase boundaries), else nil. Logs the
  /// collection's first record.
  public static func start(
    _ collection: inout GarbageCollection, heap: inout Heap, label: (Heap, ObjectID) -> String
  ) -> GCPhaseRecorder? {
    guard heap.allocator.recordsEvents else { return nil }
    collection.stepping = .phase
    var recorder = GCPhaseRecorder()
    recorder.log(collection.phase, isResult: false, collection, heap: &heap)
    return recorder
  }

  /// Call on `.stepped(finished)`: logs `finished` if it is a computing
  /// phase, then the phase now starting if it acts (runs code or frees).
  public mutating func phaseEnded(
    _ finished: GCPhase, _ collection: GarbageCollection, heap: inout Heap, label: (Heap, ObjectID) -> String
  ) {
    if finished == .mergeGenerations { select(collection, heap: heap, label: label) }
    if finished == .moveUnreachable { widen(heap: heap, label: label) }
    if Self.computes(finished) { log(finished, isResult: true, collection, heap: &heap) }
    let next = collection.phase
    if Self.acts(next, collection, heap: heap) {
      log(next, isResult: false, collection, heap: &heap)
    }
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
  private mutating func select(_ c: GarbageCollection, heap: Heap, label: (Heap, ObjectID) -> String) {
    examined = heap.gc.count(of: c.young)
    var slot = heap.gc.heads[Int(c.young.rawValue)].first
    while slot >= 0, listed.count < GCPhaseRecord.objectLimit {
      add(ObjectID(slot), heap: heap, label: label)
      slot = heap.gc.next[Int(slot)]
    }
  }

  /// After move_unreachable: make room for the unreachable objects, which
  /// are the point of the display, dropping reachable ones from the end.
  private mutating func widen(heap: Heap, label: (Heap, ObjectID) -> String) {
    var unreachable: [ObjectID] = []
    var slot = heap.gc.heads[Int(GCList.unreachable.rawValue)].first
    while slot >= 0, unreachable.count < GCPhaseRecord.objectLimit {
      unreachable.append(ObjectID(slot))
      slot = heap.gc.next[Int(slot)]
    }
    let wanted = Set(unreachable)
    var budget = GCPhaseRecord.objectLimit - unreachable.count
    var kept = GCPhaseRecorder()
    kept.examined = examined
    var present: Set<ObjectID> = []
    for i in listed.indices {
      let id = listed[i]
      let keep = wanted.contains(id) || budget > 0
      guard keep else { continue }
      if !wanted.contains(id) { budget -= 1 }
      kept.listed.append(id)
      kept.addresses.append(addresses[i])
      kept.labels.append(labels[i])
      kept.wasUnreachable.append(wasUnreachable[i])
      present.insert(id)
    }
    for id in unreachable where !present.contains(id) { kept.add(id, heap: heap, label: label) }
    self = kept
  }

  private mutating func add(_ id: ObjectID, heap: Heap, label: (Heap, ObjectID) -> String) {
    listed.append(id)
    addresses.append(heap.address(of: id))
    labels.append(label(heap, id))
    wasUnreachable.append(false)
  }

  // MARK: Recording

  private mutating func log(
    _ phase: GCPhase, isResult: Bool, _ c: GarbageCollection, heap: inout Heap
  ) {
    var objects: [GCObjectRecord] = []
    objects.reserveCapacity(listed.count)
    for i in listed.indices {
      let id = listed[i]
      let set = classify(i, phase: phase, isResult: isResult, heap: heap)
      if set.isUnreachable { wasUnreachable[i] = true }
      let gcRefs = set == .freed ? 0 : heap.gcRefs(of: id)
      objects.append(
        GCObjectRecord(id: id, address: addresses[i], gcRefs: gcRefs, set: set, label: labels[i]))
    }
    let unreachable =
      heap.gc.count(of: .unreachable) + heap.gc.count(of: .seen) + heap.gc.count(of: .stillUnreachable)
    let record = GCPhaseRecord(
      version: heap.version, generation: c.generation, phase: phase, isResult: isResult, objects: objects,
      examined: examined, unreachableCount: unreachable, collected: c.collected,
      uncollectable: c.uncollectable)
    heap.allocator.events.append(.gcPhase(record))
  }

  private func classify(_ i: Int, phase: GCPhase, isResult: Bool, heap: Heap) -> GCObjectSet {
    let id = listed[i]
    guard heap.isAlive(id), heap.address(of: id) == addresses[i] else { return .freed }
    switch heap.gcList(of: id) {
    case .unreachable, .seen:
      return phase >= .handleResurrectedObjects ? .unreachable : .tentativelyUnreachable
    case .stillUnreachable: return .unreachable
    case .finalizers: return .finalizerReachable
    case .untracked: return .untracked
    case .weakrefCallbacks: return .reachable
    case .generation0, .generation1, .generation2, .permanent:
      if phase < .moveUnreachable || (phase == .moveUnreachable && !isResult) { return .collecting }
      return wasUnreachable[i] ? .resurrected : .reachable
    }
  }
}

extension GCPhase: Comparable {
  /// Phases compare in the order a collection runs them.
  public static func < (lhs: GCPhase, rhs: GCPhase) -> Bool { lhs.rawValue < rhs.rawValue }
}
