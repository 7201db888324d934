// The collection itself: `gc_collect_main` as a resumable state machine.
//
//   start callbacks → [DEBUG_STATS header] → merge generations
//   → update_refs → subtract_refs → move_unreachable → untrack_tuples
//   → promote survivors (full: untrack_dicts, long-lived counters)
//   → move_legacy_finalizers → [DEBUG_COLLECTABLE] → handle_weakrefs
//   → weakref callbacks → finalize_garbage → handle_resurrected_objects
//   → delete_garbage → handle_legacy_finalizers (+ DEBUG_STATS "done")
//   → clear free lists (full) → stats, stop callbacks → done
//
// After update_refs every object of `young` has gc_refs = refcount and the
// collecting mark. After subtract_refs gc_refs counts references from outside
// `young`. After move_unreachable `young` holds what is reachable from
// outside — in the order move_unreachable left it: objects first seen with
// gc_refs 0 and then found reachable are appended at the tail, so reachable
// chains end up reversed — with the collecting mark cleared, and
// `unreachable` holds the rest in list order. That order is the order of
// weakref clearing, of `__del__` calls (finalize_garbage) and of tp_clear
// (delete_garbage).
//
// A collection that does not pause between phases (`GCStepping.run`) runs
// update_refs with subtract_refs, and untrack_tuples with the relinking and
// the promotion, as single walks ("Fused passes" below); when no Python
// code ran after move_unreachable, handle_resurrected_objects knows its
// answer without recounting (`nothingResurrected`). Either way every list,
// count and event ends as the step-by-step collection leaves it.
//
// Versions (measured on 3.8.18–3.13.0 unless noted):
// - 3.8 `check_garbage`: if any finalizer resurrected anything, the whole
//   unreachable set moves to the old generation and nothing is freed; the
//   return value then counts only weakrefs freed by callbacks. 3.9+
//   `handle_resurrected_objects` reruns update/subtract/move over
//   `unreachable`; the resurrected and what they reach go to `old`, the
//   rest (`final_unreachable`) is cleared and counted.
// - m = |final unreachable| + weakref objects freed right after their
//   callback ran (still so in 3.11–3.13, measured: self-cycle plus a
//   reachable-only-by-a-dict weakref whose callback pops it → 2 in 3.11+).
// - Weakref callbacks for one referent run newest first (measured).
// - The DEBUG_STATS lines and `gc.callbacks` info dicts are the same in all
//   six versions (measured).
// - 3.8–3.11 collect inside the allocation that crosses the threshold,
//   before the new object is tracked: pass it as `newborn` so it sits the
//   collection out and is appended to generation 0 afterwards.

extension Heap {
  // MARK: Starting

  /// Starts collecting `generation` (`gc.collect(generation)`), or returns
  /// nil when a collection is already running (CPython returns 0 then).
  /// `newborn`: an object allocated by the allocation that triggered an
  /// automatic collection (3.8–3.11), left out of it and tracked afterwards.
  public mutating func beginCollection(generation: Int, newborn: ObjectID = .null) -> GarbageCollection? {
    precondition((0...2).contains(generation), "no generation \(generation)")
    guard !gc.isCollecting else { return nil }
    gc.isCollecting = true
    ensureGCColumns(kinds.count - 1)
    var collection = GarbageCollection(generation: generation)
    if !newborn.isNull, isTracked(newborn) {
      untrack(newborn)
      collection.newborn = newborn
    }
    return collection
  }

  /// Starts the automatic collection CPython would run now
  /// (`collect_generations`): the oldest generation whose count exceeds its
  /// threshold, generation 2 only under the long-lived heuristic. Clears the
  /// scheduled flag; nil when nothing is to be collected.
  public mutating func beginAutomaticCollection(newborn: ObjectID = .null) -> GarbageCollection? {
    gc.collectionScheduled = false
    gc.awaitingNewborn = false
    let scheduled = gc.scheduledNewborn
    gc.scheduledNewborn = .null
    let newborn = newborn.isNull ? scheduled : newborn
    guard !gc.isCollecting, let generation = generationToCollect() else { return nil }
    return beginCollection(generation: generation, newborn: newborn)
  }

  /// Runs a whole collection for callers that know no Python code can be
  /// reached (no finalizers, weakref callbacks or gc.callbacks matter):
  /// requests are acknowledged without running anything; a dealloc
  /// `.finalize` is finished at once. Returns `gc.collect()`'s value.
  public mutating func collectWithoutPython(generation: Int = 2) -> Int {
    guard var collection = beginCollection(generation: generation) else { return 0 }
    while let request = advanceCollection(&collection) {
      if case .dealloc(.finalize(let id)) = request { finishFinalizer(id) }
    }
    return collection.result
  }

  // MARK: Driving

  /// Advances a collection until it needs the interpreter (a request) or is
  /// done (nil). See `GCRequest` for what each request asks.
  public mutating func advanceCollection(_ c: inout GarbageCollection) -> GCRequest? {
    while true {
      if c.deallocBase >= 0 {
        if let request = stepDealloc(downTo: c.deallocBase) { return .dealloc(request) }
        c.deallocBase = -1
      }
      let phase = c.phase
      if phase == .done { return nil }
      if let request = runPhase(&c) { return request }
      if c.stepping != .run, c.phase != phase { return .stepped(phase) }
    }
  }

  private mutating func runPhase(_ c: inout GarbageCollection) -> GCRequest? {
    switch c.phase {
    case .startCallbacks:
      c.phase = .debugHeader
      return .invokeCallbacks(
        .start, GCCallbackInfo(generation: c.generation, collected: 0, uncollectable: 0))
    case .debugHeader:
      c.phase = .mergeGenerations
      if gc.debugFlags.contains(.stats) {
        return .writeStderr(
          .collecting(
            generation: c.generation,
            generationSizes: [
              gc.count(of: .generation0), gc.count(of: .generation1),
              gc.count(of: .generation2) + gc.unmodelledOld,
            ],
            permanent: gc.count(of: .permanent) + gc.unmodelledPermanent))
      }
      return nil
    case .mergeGenerations:
      mergeGenerations(&c)
      return nil
    case .updateRefs:
      return updateRefs(&c)
    case .subtractRefs:
      return subtractRefs(&c)
    case .moveUnreachable:
      return moveUnreachable(&c)
    case .untrackTuples:
      // (The back links are rebuilt on entering the phase: a deduction
      // still on means the walk has not begun.)
      if c.stepping == .run, gc.refsList == c.young, c.cursor == gc.first(of: c.young) {
        return relinkAndUntrackTuples(&c)
      }
      // gc_refs are no longer needed: the back links of `young` come back
      // (CPython's move_unreachable restores them as it goes; here the
      // result of move_unreachable stays readable until this phase).
      relinkRefsList()
      return untrackTuples(&c)
    case .promoteSurvivors:
      promoteSurvivors(&c)
      return nil
    case .moveLegacyFinalizers:
      // No modelled type has a legacy `tp_del` (Python `__del__` is
      // tp_finalize since 3.4), so `finalizers` stays empty.
      enter(.debugCollectable, &c)
      c.cursor = gc.first(of: .unreachable)
      return nil
    case .debugCollectable:
      if gc.debugFlags.contains(.collectable), !c.cursor.isNull {
        let id = c.cursor
        c.cursor = gc.next(after: id)
        return .writeStderr(.collectable(id))
      }
      enter(.handleWeakrefs, &c)
      return nil
    case .handleWeakrefs:
      handleWeakrefs(&c)
      return nil
    case .weakrefCallbacks:
      return weakrefCallbacks(&c)
    case .finalizeGarbage:
      return finalizeGarbage(&c)
    case .handleResurrectedObjects:
      handleResurrectedObjects(&c)
      return nil
    case .deleteGarbage:
      return deleteGarbage(&c)
    case .handleLegacyFinalizers:
      return handleLegacyFinalizers(&c)
    case .clearFreeLists:
      if c.generation == 2 {
        clearFreeLists()
        c.record(.freeListsCleared)
      }
      gc.stats[c.generation].collections += 1
      gc.stats[c.generation].collected += c.collected
      gc.stats[c.generation].uncollectable += c.uncollectable
      enter(.stopCallbacks, &c)
      return nil
    case .stopCallbacks:
      if c.step == 0 {
        c.step = 1
        return .invokeCallbacks(
          .stop,
          GCCallbackInfo(generation: c.generation, collected: c.collected, uncollectable: c.uncollectable))
      }
      finishCollection(&c)
      return nil
    case .done:
      return nil
    }
  }

  private mutating func enter(_ phase: GCPhase, _ c: inout GarbageCollection) {
    c.phase = phase
    c.step = 0
    c.cursor = .null
    c.record(.phaseStarted(phase))
  }

  private mutating func finishCollection(_ c: inout GarbageCollection) {
    c.phase = .done
    c.step = 0
    gc.isCollecting = false
    if !c.newborn.isNull, isAlive(c.newborn) { track(c.newborn) }
    c.newborn = .null
    c.record(
      .collectionFinished(generation: c.generation, collected: c.collected, uncollectable: c.uncollectable))
  }

  // MARK: Dropping references from inside the machine

  /// Drops `c.drops[c.dropIndex...]`; pauses (returning the request) when a
  /// dealloc cascade needs the interpreter. `advanceCollection` resumes the
  /// cascade before calling back into the phase.
  private mutating func driveDrops(_ c: inout GarbageCollection) -> GCRequest? {
    while c.dropIndex < c.drops.count {
      let ref = c.drops[c.dropIndex]
      c.dropIndex += 1
      guard !ref.isNull, decrementReachesZero(ref) else { continue }
      let base = deallocDepth
      beginDealloc(ref)
      if let request = stepDealloc(downTo: base) {
        c.deallocBase = base
        return .dealloc(request)
      }
    }
    c.drops.removeAll(keepingCapacity: true)
    c.dropIndex = 0
    return nil
  }

  // MARK: Linear passes

  /// Where a pass stopped: at `slot` (a step of an object-by-object run),
  /// or at the end of the list, which enters `next`.
  private mutating func endPass(at slot: Int32, then next: GCPhase, _ c: inout GarbageCollection)
    -> GCRequest?
  {
    if slot >= 0 {
      c.cursor = ObjectID(slot)
      return .stepped(c.phase)
    }
    enter(next, &c)
    c.cursor = gc.first(of: c.young)
    return nil
  }

  private mutating func mergeGenerations(_ c: inout GarbageCollection) {
    let g = c.generation
    if g + 1 <= 2 { gc.olderCounts[g + 1] += 1 }
    gcAllocationCount = 0
    if g >= 1 { for i in 1...g { gc.olderCounts[i] = 0 } }
    for i in 0..<g { gcMerge(.generation(i), into: c.young) }
    c.garbageList = .unreachable
    beginDeduction(of: c.young, unreachable: .unreachable)
    enter(.updateRefs, &c)
    c.cursor = gc.first(of: c.young)
  }

  /// How many objects a pass may look at before it pauses.
  private static func budget(_ c: GarbageCollection) -> Int { c.stepping == .object ? 1 : Int.max }

  /// `update_refs` over `young` from `c.cursor`: gc_refs = refcount (in
  /// `previous`: the list is singly linked from here on), collecting mark
  /// set.
  private mutating func updateRefs(_ c: inout GarbageCollection) -> GCRequest? {
    if c.stepping == .run, c.eventDetail < .objects, c.cursor == gc.first(of: c.young) {
      return updateAndSubtractRefs(&c)
    }
    let columns = gc.writableColumns()
    let refcounts = table.storage.rows.refcounts
    let perObject = c.eventDetail >= .objects
    var events: [GCEvent] = []
    var slot = c.cursor.index
    var budget = Heap.budget(c)
    var work = 0
    while slot >= 0, budget > 0 {
      let s = Int(slot)
      slot = columns.next[s]
      let count = refcounts[s]
      precondition(count > 0, "tracked \(ObjectID(s)) has refcount \(count)")
      columns.setRefs(s, count)
      columns.membership[s] |= GCState.collectingBit
      if perObject { events.append(.refsUpdated(ObjectID(s), gcRefs: Int(count))) }
      budget -= 1
      work += 1
    }
    c.work += work
    let request = endPass(at: slot, then: .subtractRefs, &c)
    c.events.append(contentsOf: events)
    if c.phase != .updateRefs { gc.refsComplete = true }
    return request
  }

  private mutating func subtractRefs(_ c: inout GarbageCollection) -> GCRequest? {
    if c.refsSubtracted { return endPass(at: -1, then: .moveUnreachable, &c) }
    var events: [GCEvent]? = c.eventDetail >= .objects ? [] : nil
    let stop = subtractRefsScan(from: c.cursor.index, budget: Heap.budget(c), work: &c.work, events: &events)
    let request = endPass(at: stop, then: .moveUnreachable, &c)
    if let events { c.events.append(contentsOf: events) }
    return request
  }

  // MARK: Fused passes
  //
  // A collection that runs without pausing between phases (`GCStepping
  // .run`) and records no per-object events has no observer between
  // update_refs and subtract_refs, nor between untrack_tuples and the
  // promotion: there each pair runs as one walk of `young` with the same
  // result — the same gc_refs, links, lists, marks, `work` and events —
  // as the two walks give (tests compare both ways). CPython's passes are
  // separate; here a walk of a big generation costs a cache miss a row.

  /// update_refs and subtract_refs in one walk of `young`: a row gets
  /// gc_refs = refcount (and the collecting mark) when first met, as the
  /// object visited or as a referent; the decrements commute, so every
  /// count ends as the two passes leave it.
  private mutating func updateAndSubtractRefs(_ c: inout GarbageCollection) -> GCRequest? {
    let columns = gc.writableColumns(covering: kinds.count)
    var buffer = gc.scratch
    gc.scratch = []
    let visited = updateAndSubtractLoop(columns, young: c.young, buffer: &buffer)
    gc.scratch = buffer
    // update_refs and subtract_refs each visit every row once.
    c.work += 2 * visited
    let request = endPass(at: -1, then: .subtractRefs, &c)
    gc.refsComplete = true
    c.refsSubtracted = true
    return request
  }

  /// The walk of `updateAndSubtractRefs` (non-mutating: see
  /// `subtractRefsLoop`). Returns the rows visited.
  private func updateAndSubtractLoop(_ columns: GCColumns, young: GCList, buffer: inout [ObjectID]) -> Int {
    let refcounts = table.storage.rows.refcounts
    let youngRaw = young.rawValue
    var visited = 0
    withReferentReader { reader in
      var slot = columns.first(of: young)
      while slot >= 0 {
        let s = Int(slot)
        slot = columns.next[s]
        visited += 1
        if columns.membership[s] & GCState.collectingBit == 0 {
          let count = refcounts[s]
          precondition(count > 0, "tracked \(ObjectID(s)) has refcount \(count)")
          columns.setRefs(s, count)
          columns.membership[s] |= GCState.collectingBit
        }
        reader.forEachReferent(ofSlot: s, heap: self, buffer: &buffer) { referent in
          let r = referent.slot
          let membership = columns.membership[r]
          if membership & GCState.collectingBit != 0 {
            columns.setRefs(r, columns.refs(r) - 1)
          } else if membership == youngRaw {
            // A row of `young` not reached yet (no mark before update_refs).
            let count = refcounts[r]
            precondition(count > 0, "tracked \(referent) has refcount \(count)")
            columns.setRefs(r, count - 1)
            columns.membership[r] = membership | GCState.collectingBit
          }
        }
      }
    }
    return visited
  }

  /// relinkRefsList's walk, untrack_tuples and, collecting generation 0 or
  /// 1, the relabelling of the survivors to `old` (`gcMerge` then only
  /// splices) in one walk of `young`. A tuple is untracked when the walk
  /// reaches it, its back link just rebuilt, as the separate passes would;
  /// the rows after it get theirs when reached.
  private mutating func relinkAndUntrackTuples(_ c: inout GarbageCollection) -> GCRequest? {
    gc.refsList = .untracked
    gc.refsTarget = .untracked
    gc.refsComplete = false
    var untracked: [GCEvent] = []
    let record = c.eventDetail > .none
    let relabel = c.generation < 2
    let oldRaw = c.old.rawValue
    // As in `untrackTuples`: unique from here, nothing grows.
    let columns = gc.writableColumns()
    table.makeUnique()
    let kinds = table.storage.rows.kinds
    var before: Int32 = -1
    var slot = columns.first(of: c.young)
    var work = 0
    while slot >= 0 {
      let s = Int(slot)
      slot = columns.next[s]
      columns.previous[s] = before
      work += 1
      if case .tuple = kinds[s], tupleMayBeUntracked(ObjectID(s)) {
        untrack(ObjectID(s))
        if record { untracked.append(.tupleUntracked(ObjectID(s))) }
      } else {
        before = Int32(s)
        if relabel { columns.membership[s] = (columns.membership[s] & GCState.collectingBit) | oldRaw }
      }
    }
    columns.heads[Int(c.young.rawValue)].last = before
    c.survivorsRelabelled = relabel
    c.work += work
    let request = endPass(at: -1, then: .promoteSurvivors, &c)
    c.events.append(contentsOf: untracked)
    return request
  }

  /// `subtract_refs` over the list being deduced, from `start`, for at
  /// most `budget` objects: gc_refs −1 for every reference to a row with
  /// the collecting mark. Returns where it stopped (-1 at the end).
  private mutating func subtractRefsScan(
    from start: Int32, budget: Int, work: inout Int, events: inout [GCEvent]?
  ) -> Int32 {
    let columns = gc.writableColumns(covering: kinds.count)
    var buffer = gc.scratch
    gc.scratch = []
    let stop = subtractRefsLoop(
      columns, from: start, budget: budget, work: &work, events: &events, buffer: &buffer)
    gc.scratch = buffer
    return stop
  }

  // Non-mutating, so the heap is borrowed, not copied, where the traversal
  // falls back to `appendReferents`; the GC columns are written through
  // `columns`, made unique by the caller.
  private func subtractRefsLoop(
    _ columns: GCColumns, from start: Int32, budget: Int, work: inout Int, events: inout [GCEvent]?,
    buffer: inout [ObjectID]
  ) -> Int32 {
    var slot = start
    var budget = budget
    var visited = 0
    withReferentReader { reader in
      while slot >= 0, budget > 0 {
        let s = Int(slot)
        slot = columns.next[s]
        budget -= 1
        visited += 1
        reader.forEachReferent(ofSlot: s, heap: self, buffer: &buffer) { referent in
          let r = referent.slot
          guard columns.membership[r] & GCState.collectingBit != 0 else { return }
          let refs = columns.refs(r) - 1
          columns.setRefs(r, refs)
          events?.append(.refSubtracted(referent, gcRefs: Int(refs)))
        }
      }
    }
    work += visited
    return slot
  }

  /// `move_unreachable(young, unreachable)` over any pair of lists, from
  /// `start` (whose predecessor on `young` is `before`, -1 at the head), for
  /// at most `budget` objects; returns where it stopped (-1 at the end of
  /// `young`) and leaves `before` at the stop's predecessor. `young` is the
  /// list being deduced: singly linked, gc_refs in `previous`.
  private mutating func moveUnreachablePass(
    young: GCList, unreachable: GCList, from start: Int32, before: inout Int32, budget: Int,
    work: inout Int, events: inout [GCEvent]?
  ) -> Int32 {
    let columns = gc.writableColumns(covering: kinds.count)
    var buffer = gc.scratch
    gc.scratch = []
    let stop = moveUnreachableLoop(
      columns, young: young, unreachable: unreachable, from: start, before: &before, budget: budget,
      work: &work, events: &events, buffer: &buffer)
    gc.scratch = buffer
    return stop
  }

  /// The loop of `moveUnreachablePass` (non-mutating: see `subtractRefsLoop`).
  private func moveUnreachableLoop(
    _ columns: GCColumns, young: GCList, unreachable: GCList, from start: Int32, before: inout Int32,
    budget: Int, work: inout Int, events: inout [GCEvent]?, buffer: inout [ObjectID]
  ) -> Int32 {
    let unreachableRaw = unreachable.rawValue
    var slot = start
    var previousKept = before
    var budget = budget
    var visited = 0
    withReferentReader { reader in
      while slot >= 0, budget > 0 {
        let s = Int(slot)
        budget -= 1
        visited += 1
        if columns.refs(s) > 0 {
          reader.forEachReferent(ofSlot: s, heap: self, buffer: &buffer) { referent in
            let r = referent.slot
            let membership = columns.membership[r]
            guard membership & GCState.collectingBit != 0 else { return }
            if membership & GCState.listMask == unreachableRaw {
              columns.unlink(r)
              columns.appendSingly(r, to: young, refs: 1)
              events?.append(.movedBackToYoung(referent))
            } else if columns.refs(r) == 0 {
              columns.setRefs(r, 1)
            }
          }
          columns.membership[s] &= ~GCState.collectingBit
          events?.append(.markedReachable(ObjectID(s)))
          previousKept = slot
          slot = columns.next[s]
        } else {
          let next = columns.next[s]
          columns.removeSingly(s, after: previousKept, from: young)
          columns.append(s, to: unreachable)
          events?.append(.movedToUnreachable(ObjectID(s)))
          slot = next
        }
      }
    }
    work += visited
    before = previousKept
    return slot
  }

  private mutating func moveUnreachable(_ c: inout GarbageCollection) -> GCRequest? {
    var events: [GCEvent]? = c.eventDetail >= .objects ? [] : nil
    let stop = moveUnreachablePass(
      young: c.young, unreachable: .unreachable, from: c.cursor.index, before: &c.scanPrevious,
      budget: c.stepping == .object ? 1 : Int.max, work: &c.work, events: &events)
    if let events { c.events.append(contentsOf: events) }
    if stop >= 0 {
      c.cursor = ObjectID(stop)
      return .stepped(.moveUnreachable)
    }
    enter(.untrackTuples, &c)
    c.cursor = gc.first(of: c.young)
    return nil
  }

  private mutating func untrackTuples(_ c: inout GarbageCollection) -> GCRequest? {
    var untracked: [GCEvent] = []
    let record = c.eventDetail > .none
    // Untracking below unlinks rows and clears flags: the GC columns and
    // the object table are unique from here and neither grows, so
    // `columns` and `kinds` stay valid.
    let columns = gc.writableColumns()
    table.makeUnique()
    let kinds = table.storage.rows.kinds
    var slot = c.cursor.index
    var budget = Heap.budget(c)
    var work = 0
    while slot >= 0, budget > 0 {
      let s = Int(slot)
      slot = columns.next[s]
      budget -= 1
      work += 1
      // A pattern, not `==`: ObjectKind's `==` is a witness call per object.
      if case .tuple = kinds[s], tupleMayBeUntracked(ObjectID(s)) {
        untrack(ObjectID(s))
        if record { untracked.append(.tupleUntracked(ObjectID(s))) }
      }
    }
    c.work += work
    let request = endPass(at: slot, then: .promoteSurvivors, &c)
    c.events.append(contentsOf: untracked)
    return request
  }

  /// `_PyTuple_MaybeUntrack`'s test: no item may be tracked.
  func tupleMayBeUntracked(_ id: ObjectID) -> Bool {
    let start = itemsStart(row: id.slot)
    for index in start..<(start + itemCount(row: id.slot)) {
      let item = ObjectID(itemSlab[index])
      if item.isNull || mayBeTracked(item) { return false }
    }
    return true
  }

  /// `_PyDict_MaybeUntrack`'s test: no key or value may be tracked.
  func dictMayBeUntracked(_ id: ObjectID) -> Bool {
    let table = dicts[Int(payloads[id.slot])].table
    for position in 0..<Int(table.entryCount) where table.isLive(position, in: tableSlab) {
      if mayBeTracked(table.value(at: position, in: tableSlab))
        || mayBeTracked(table.key(at: position, in: tableSlab))
      {
        return false
      }
    }
    return true
  }

  private mutating func promoteSurvivors(_ c: inout GarbageCollection) {
    if c.generation < 2 {
      let survivors = gc.count(of: c.young)
      if c.generation == 1 { gc.longLivedPending += survivors }
      gcMerge(c.young, into: c.old, relabel: !c.survivorsRelabelled)
      c.record(.survivorsPromoted(from: c.generation, to: c.generation + 1, count: survivors))
    } else {
      // Dicts are re-checked only in full collections (bpo-14775).
      var slot = gc.heads[Int(GCList.generation2.rawValue)].first
      while slot >= 0 {
        let s = Int(slot)
        slot = gc.next[s]
        c.work += 1
        if case .dict = kinds[s], types[s] == typeObject(.dict), dictMayBeUntracked(ObjectID(s)) {
          untrack(ObjectID(s))
          c.record(.dictUntracked(ObjectID(s)))
        }
      }
      gc.longLivedPending = 0
      gc.longLivedTotal = gc.count(of: .generation2) + gc.unmodelledOld
    }
    enter(.moveLegacyFinalizers, &c)
  }

  // MARK: Weakrefs

  /// First half of `handle_weakrefs`: clear every weakref to an unreachable
  /// object (and every weakref that is itself unreachable); queue reachable
  /// weakrefs with callbacks on `wrcb_to_call`, holding a reference.
  private mutating func handleWeakrefs(_ c: inout GarbageCollection) {
    defer { enter(.weakrefCallbacks, &c) }
    // A weakref still to clear has a live referent, so it is listed in
    // `weakrefLists`: with no list there is nothing to do.
    if weakrefLists.isEmpty { return }
    // Looking every unreachable object up in `weakrefLists` costs a hash
    // each; when the referents are fewer, mark those on `unreachable` first
    // and look up only the marked rows. Clearing only shrinks the lists, so
    // every row with a list when the loop reaches it is marked.
    let marked = weakrefLists.count < gc.count(of: .unreachable)
    if marked {
      let columns = gc.writableColumns()
      for referent in weakrefLists.keys
      where columns.membership[referent.slot] & GCState.listMask == GCList.unreachable.rawValue {
        columns.membership[referent.slot] |= GCState.passMark
      }
    }
    // Nothing below grows the columns (`gcMove` writes through the same
    // unique storage), so `columns` stays valid.
    let columns = gc.writableColumns()
    var slot = columns.first(of: .unreachable)
    var work = 0
    defer { c.work += work }
    while slot >= 0 {
      let s = Int(slot)
      slot = columns.next[s]
      let op = ObjectID(s)
      work += 1
      if Heap.isWeakReference(kinds[s]), !weakrefReferent(op).isNull {
        clearWeakref(op)
        c.record(.weakrefCleared(op))
      }
      if marked {
        if columns.membership[s] & GCState.passMark == 0 { continue }
        columns.membership[s] &= ~GCState.passMark
      }
      guard let list = weakrefLists[op] else { continue }
      for wr in list.reversed() {
        clearWeakref(wr)
        c.record(.weakrefCleared(wr))
        if weakrefCallback(wr).isNull || gc.isCollecting(slot: wr.slot) || !isTracked(wr) { continue }
        incref(wr)
        gcMove(wr.slot, to: .weakrefCallbacks)
        c.record(.weakrefCallbackQueued(wr))
      }
    }
  }

  /// A weakref or proxy row (a pattern: ObjectKind's `==` is a witness call).
  @inline(__always) private static func isWeakReference(_ kind: ObjectKind) -> Bool {
    switch kind {
    case .weakref, .weakproxy: true
    default: false
    }
  }

  /// Second half of `handle_weakrefs`: call each queued callback, drop the
  /// extra reference; a weakref that dies then counts as collected, one
  /// that lives moves to `old`.
  private mutating func weakrefCallbacks(_ c: inout GarbageCollection) -> GCRequest? {
    while true {
      switch c.step {
      case 0:
        let wr = gc.first(of: .weakrefCallbacks)
        if wr.isNull {
          enter(.finalizeGarbage, &c)
          return nil
        }
        c.current = wr
        c.step = 1
        c.record(.weakrefCallbackCalled(wr))
        c.calledPython = true
        return .callWeakrefCallback(weakref: wr, callback: weakrefCallback(wr))
      case 1:
        c.drops.append(c.current)
        c.step = 2
      default:
        if let request = driveDrops(&c) { return request }
        let wr = c.current
        if gc.first(of: .weakrefCallbacks) == wr {
          moveToOld(wr.slot, &c)
        } else {
          c.collected += 1
        }
        c.step = 0
      }
    }
  }

  // MARK: Finalizers

  /// Whether the type has a tp_finalize (PEP 442): classes defining
  /// `__del__`, and generators.
  func hasFinalizeSlot(_ id: ObjectID) -> Bool {
    switch kinds[id.slot] {
    case .generator: return true
    case .instance, .exception, .slotsInstance:
      // A pattern, not `==`: ObjectKind's `==` is a witness call.
      let cls = types[id.slot]
      guard case .type = kinds[cls.slot] else { return false }
      return classes.elements[Int(payloads[cls.slot])].hasFinalizer
    default: return false
    }
  }

  /// Whether the object's finalizer has run (`gc.is_finalized`, 3.9+).
  public func isFinalized(_ id: ObjectID) -> Bool { flags[id.slot].contains(.finalized) }

  private mutating func finalizeGarbage(_ c: inout GarbageCollection) -> GCRequest? {
    while true {
      switch c.step {
      case 0:
        // Move objects to `seen` until one has a finalizer still to run:
        // find it first, then move the rows up to it; with none left, the
        // moves and the merge back would give the list it is.
        var work = 0
        var slot = gc.heads[Int(GCList.unreachable.rawValue)].first
        while slot >= 0 {
          let s = Int(slot)
          work += 1
          if !flags[s].contains(.finalized), hasFinalizeSlot(ObjectID(s)) { break }
          slot = gc.next[s]
        }
        c.work += work
        if slot < 0 {
          if gc.count(of: .seen) > 0 {
            // `seen` first, then the rest, as the merge of a `seen` that
            // had them all would leave it.
            gcMerge(.unreachable, into: .seen)
            gcMerge(.seen, into: .unreachable)
          }
          enter(.handleResurrectedObjects, &c)
          return nil
        }
        let columns = gc.writableColumns()
        while true {
          let first = columns.first(of: .unreachable)
          columns.move(Int(first), to: .seen)
          if first == slot { break }
        }
        let op = ObjectID(slot)
        flags[op.slot].insert(.finalized)
        incref(op)
        c.current = op
        c.step = 1
        c.record(.finalizerCalled(op))
        c.calledPython = true
        return .callFinalizer(op)
      case 1:
        c.drops.append(c.current)
        c.step = 2
      default:
        if let request = driveDrops(&c) { return request }
        c.step = 0
      }
    }
  }

  private mutating func handleResurrectedObjects(_ c: inout GarbageCollection) {
    var events: [GCEvent]? = nil
    if !c.calledPython {
      nothingResurrected(&c)
    } else if profile.gcAbortsCollectionOnResurrection {
      // check_garbage: recount references from outside the set.
      beginDeduction(of: .unreachable, unreachable: .untracked)
      forEach(in: .unreachable) { heap, columns, s in columns.setRefs(s, heap.refcounts[s]) }
      gc.refsComplete = true
      var noEvents: [GCEvent]? = nil
      _ = subtractRefsScan(
        from: gc.heads[Int(GCList.unreachable.rawValue)].first, budget: Int.max, work: &c.work,
        events: &noEvents)
      var resurrected = false
      forEach(in: .unreachable) { _, columns, s in
        if columns.refs(s) != 0 {
          resurrected = true
          c.recountedRefs[ObjectID(s)] = columns.refs(s)
        }
        columns.membership[s] &= ~GCState.collectingBit
      }
      relinkRefsList()
      if resurrected {
        c.abortedByResurrection = true
        for id in gcObjects(in: .unreachable) { c.record(.resurrected(id)) }
        gcMerge(.unreachable, into: c.old)
        c.garbageList = .untracked
        enter(.handleLegacyFinalizers, &c)
        return
      }
      c.garbageList = .unreachable
    } else {
      // handle_resurrected_objects: deduce_unreachable over `unreachable`.
      beginDeduction(of: .unreachable, unreachable: .stillUnreachable)
      forEach(in: .unreachable) { heap, columns, s in
        columns.setRefs(s, heap.refcounts[s])
        columns.membership[s] |= GCState.collectingBit
      }
      gc.refsComplete = true
      var noEvents: [GCEvent]? = nil
      _ = subtractRefsScan(
        from: gc.heads[Int(GCList.unreachable.rawValue)].first, budget: Int.max, work: &c.work,
        events: &noEvents)
      var before: Int32 = -1
      _ = moveUnreachablePass(
        young: .unreachable, unreachable: .stillUnreachable,
        from: gc.heads[Int(GCList.unreachable.rawValue)].first, before: &before,
        budget: Int.max, work: &c.work, events: &events)
      // What is left on `unreachable` was resurrected: keep its recount
      // (nonzero) for the event log before the links come back.
      forEach(in: .unreachable) { _, columns, s in
        c.recountedRefs[ObjectID(s)] = columns.refs(s)
        columns.membership[s] &= ~GCState.collectingBit
      }
      relinkRefsList()
      for id in gcObjects(in: .unreachable) { c.record(.resurrected(id)) }
      gcMerge(.unreachable, into: c.old)
      c.garbageList = .stillUnreachable
    }
    c.collected += gc.count(of: c.garbageList)
    // Each object delete_garbage frees returns its row: grow the free-row
    // stack once rather than by doubling during the cascade.
    table.makeUnique()
    table.storage.reserveFreeRows(table.storage.freeCount + gc.count(of: c.garbageList))
    enter(.deleteGarbage, &c)
  }

  /// handle_resurrected_objects (3.8: check_garbage) when no Python code
  /// ran since move_unreachable (no weakref callback, no finalizer): the
  /// recount would find what the first one found. Every reference to an
  /// unreachable object comes from the unreachable set (a reachable one
  /// would have moved it back), the refcounts and traversals are as they
  /// were, and no live object has fewer references than rows holding it
  /// (`checkGCInvariants`), so every gc_refs is 0 again: 3.9+ moves the
  /// whole list, in order, to `final_unreachable` with the collecting mark
  /// (the rerun's move_unreachable), 3.8 resurrects nothing and clears the
  /// mark. The pass counts (`work`, DEBUG_STATS' elapsed time) are the
  /// rerun's: two visits a row (subtract, move) in 3.9+, one in 3.8.
  private mutating func nothingResurrected(_ c: inout GarbageCollection) {
    let count = gc.count(of: .unreachable)
    let columns = gc.writableColumns()
    var slot = columns.first(of: .unreachable)
    if profile.gcAbortsCollectionOnResurrection {
      while slot >= 0 {
        let s = Int(slot)
        columns.membership[s] &= ~GCState.collectingBit
        slot = columns.next[s]
      }
      c.work += count
      c.garbageList = .unreachable
    } else {
      while slot >= 0 {
        let s = Int(slot)
        columns.membership[s] |= GCState.collectingBit
        slot = columns.next[s]
      }
      gcMerge(.unreachable, into: .stillUnreachable)
      c.work += 2 * count
      c.garbageList = .stillUnreachable
    }
  }

  /// Calls `body` for each row of `list`; `body` must not relink it.
  private mutating func forEach(in list: GCList, _ body: (inout Heap, GCColumns, Int) -> Void) {
    withGCColumns { heap, columns in
      var slot = columns.first(of: list)
      while slot >= 0 {
        let s = Int(slot)
        slot = columns.next[s]
        body(&heap, columns, s)
      }
    }
  }

  private mutating func moveToOld(_ s: Int, _ c: inout GarbageCollection) {
    gcMove(s, to: c.old)
    gc.writableColumns().membership[s] &= ~GCState.collectingBit
  }

  // MARK: Clearing

  private mutating func deleteGarbage(_ c: inout GarbageCollection) -> GCRequest? {
    let list = c.garbageList
    while true {
      switch c.step {
      case 0:
        let op = gc.first(of: list)
        if op.isNull {
          enter(.handleLegacyFinalizers, &c)
          return nil
        }
        c.current = op
        c.work += 1
        if gc.debugFlags.contains(.saveAll) {
          appendToGarbage(op)
          c.record(.savedToGarbage(op))
          if gc.first(of: list) == op { moveToOld(op.slot, &c) }
          continue
        }
        incref(op)
        c.dropIndex = 0
        c.blockAfter = gcClear(op, into: &c.drops)
        c.record(.cleared(op))
        c.step = 1
      case 1:
        if let request = driveDrops(&c) { return request }
        if c.blockAfter != 0 { allocator.free(Address(c.blockAfter)) }
        c.blockAfter = 0
        c.drops.append(c.current)
        c.step = 2
      default:
        if let request = driveDrops(&c) { return request }
        let op = c.current
        if gc.first(of: list) == op {
          moveToOld(op.slot, &c)
          c.record(.survivedClear(op))
        }
        c.step = 0
      }
    }
  }

  /// Appends to `gc.garbage`, creating the list if the interpreter has not.
  private mutating func appendToGarbage(_ op: ObjectID) {
    if gc.garbage.isNull { gc.garbage = newList([]) }
    incref(op)
    listAppend(gc.garbage, op)
  }

  private mutating func handleLegacyFinalizers(_ c: inout GarbageCollection) -> GCRequest? {
    switch c.step {
    case 0:
      c.uncollectable = gc.count(of: .finalizers)
      c.cursor = gc.first(of: .finalizers)
      c.step = 1
      return nil
    case 1:
      if gc.debugFlags.contains(.uncollectable), !c.cursor.isNull {
        let id = c.cursor
        c.cursor = gc.next(after: id)
        return .writeStderr(.uncollectable(id))
      }
      c.step = 2
      if gc.debugFlags.contains(.stats) {
        return .writeStderr(.done(unreachable: c.result, uncollectable: c.uncollectable))
      }
      return nil
    default:
      for id in gcObjects(in: .finalizers) { appendToGarbage(id) }
      for id in gcObjects(in: .finalizers) {
        gc.writableColumns().membership[id.slot] &= ~GCState.collectingBit
      }
      gcMerge(.finalizers, into: c.old)
      enter(.clearFreeLists, &c)
      return nil
    }
  }
}
