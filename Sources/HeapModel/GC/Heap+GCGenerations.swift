// Generation bookkeeping: counts, thresholds, the enabled switch, freezing,
// and when an automatic collection runs (facts sheet §5.1, measured):
//
// - Every allocation of a GC type counts +1 on generation 0, every GC
//   deallocation −1 (not below 0); free-list reuse counts neither. Same in
//   3.8–3.13 (3.13.0 is the generational collector again).
// - When an allocation leaves count0 > threshold0 with the collector enabled,
//   threshold0 ≠ 0 and no collection running, a collection is due
//   (`collectionScheduled`). 3.8–3.11 run it inside that allocation, before
//   the new object is tracked; 3.12+ at the next eval-breaker check
//   (`VersionProfile.gcRunsAtEvalBreaker`). Either way the generation is
//   chosen then by `generationToCollect()`: the oldest g with
//   count[g] > threshold[g], generation 2 only if long_lived_pending ≥
//   long_lived_total / 4.
// - Collecting g: count[g+1] += 1, counts 0…g reset (see `Heap+Collect`).
// - `gc.freeze()` splices generations 0, 1, 2 (in that order) onto the
//   permanent generation and zeroes count0; `gc.unfreeze()` splices the
//   permanent generation onto generation 2.

extension Heap {
  /// `gc.get_count()`.
  public var gcCounts: (Int, Int, Int) { (gcAllocationCount, gc.olderCounts[1], gc.olderCounts[2]) }

  /// `gc.get_threshold()`.
  public var gcThresholds: (Int, Int, Int) { (gc.thresholds[0], gc.thresholds[1], gc.thresholds[2]) }

  /// `gc.set_threshold(threshold0[, threshold1[, threshold2]])`.
  public mutating func setGCThresholds(_ threshold0: Int, _ threshold1: Int? = nil, _ threshold2: Int? = nil)
  {
    gc.thresholds[0] = threshold0
    if let threshold1 { gc.thresholds[1] = threshold1 }
    if let threshold2 { gc.thresholds[2] = threshold2 }
  }

  /// `gc.enable()` / `gc.disable()`.
  /// Names the list `gc.garbage` is (DEBUG_SAVEALL appends to it).
  public mutating func setGCGarbageList(_ list: ObjectID) { gc.garbage = list }

  public mutating func setGCEnabled(_ enabled: Bool) { gc.isEnabled = enabled }

  /// `gc.set_debug(flags)`.
  public mutating func setGCDebug(_ flags: GCDebugFlags) { gc.debugFlags = flags }

  /// `gc.get_stats()`.
  public var gcStats: [GCGenerationStats] { gc.stats }

  /// `gc.get_objects(generation)` (nil: all three generations, young first).
  public func gcObjects(generation: Int?) -> [ObjectID] {
    guard let generation else {
      return gcObjects(in: .generation0) + gcObjects(in: .generation1) + gcObjects(in: .generation2)
    }
    return gcObjects(in: .generation(generation))
  }

  /// `gc.freeze()`.
  public mutating func freezeGC() {
    for generation in 0..<3 { gcMerge(.generation(generation), into: .permanent) }
    gcAllocationCount = 0
  }

  /// `gc.unfreeze()`.
  public mutating func unfreezeGC() {
    gcMerge(.permanent, into: .generation2)
    gc.unmodelledOld += gc.unmodelledPermanent
    gc.unmodelledPermanent = 0
  }

  /// `gc.get_freeze_count()`.
  public var gcFreezeCount: Int { gc.count(of: .permanent) + gc.unmodelledPermanent }

  /// Whether an automatic collection is due now: count0 above threshold0,
  /// enabled, threshold0 ≠ 0, none running.
  public func shouldCollect() -> Bool {
    gc.isEnabled && gc.thresholds[0] > 0 && !gc.isCollecting && gcAllocationCount > gc.thresholds[0]
  }

  /// The generation `collect_generations` would collect now, or nil.
  public func generationToCollect() -> Int? {
    let counts = [gcAllocationCount, gc.olderCounts[1], gc.olderCounts[2]]
    for generation in stride(from: 2, through: 0, by: -1) where counts[generation] > gc.thresholds[generation]
    {
      if generation == 2, gc.longLivedPending < gc.longLivedTotal / 4 { continue }
      return generation
    }
    return nil
  }

  /// Called for every GC allocation after it is counted: schedules an
  /// automatic collection when one is due.
  mutating func noteGCAllocation() {
    if shouldCollect() { gc.collectionScheduled = true }
  }

  /// The stderr text of a DEBUG_* message, `elapsedSeconds` standing in for
  /// the measured time of the "done" line (`GarbageCollection
  /// .modelledElapsedSeconds` is one choice).
  public func gcDebugText(_ message: GCDebugMessage, elapsedSeconds: Double = 0) -> String {
    switch message {
    case .collecting(let generation, let sizes, let permanent):
      return "gc: collecting generation \(generation)...\n"
        + "gc: objects in each generation: \(sizes.map(String.init).joined(separator: " "))\n"
        + "gc: objects in permanent generation: \(permanent)\n"
    case .collectable(let id):
      return "gc: collectable <\(gcTypeName(of: id)) 0x\(String(address(of: id), radix: 16))>\n"
    case .uncollectable(let id):
      return "gc: uncollectable <\(gcTypeName(of: id)) 0x\(String(address(of: id), radix: 16))>\n"
    case .done(let unreachable, let uncollectable):
      return "gc: done, \(unreachable) unreachable, \(uncollectable) uncollectable, "
        + "\(Heap.fourDecimals(elapsedSeconds))s elapsed\n"
    }
  }

  /// `Py_TYPE(op)->tp_name` as debug_cycle prints it.
  func gcTypeName(of id: ObjectID) -> String {
    let type = types[id.slot]
    if let builtin = builtinType(of: type) { return builtin.name }
    if kinds[type.slot] == .type { return classes[Int(payloads[type.slot])].name }
    return "object"
  }

  /// `%.4f` without Foundation.
  static func fourDecimals(_ value: Double) -> String {
    let scaled = Int((max(0, value) * 10_000).rounded())
    let fraction = String(scaled % 10_000)
    return "\(scaled / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
  }
}
