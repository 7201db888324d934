import Testing

@testable import HeapModel

/// The collector's shortcuts (Heap+Collect.swift): a collection that does
/// not pause (`GCStepping.run`) fuses update_refs with subtract_refs and
/// untrack_tuples with the relinking and the promotion's relabelling; one
/// where no Python code ran skips the recount of handle_resurrected_objects;
/// handle_weakrefs marks the referents first when they are fewer than the
/// garbage. Each must leave the heap exactly as the step-by-step collection
/// does. The heap is copied before collecting, so both runs also exercise
/// the copy-on-write of the GC columns.
@Suite struct CollectFastPathTests {
  /// Everything a collection decides, read back from the heap.
  struct Outcome: Equatable {
    var result: Int
    var work: Int
    var lists: [[ObjectID]]
    var alive: [Bool]
    var refcounts: [Int]
    var gcRefs: [Int]
    var counts: [Int]
    var stats: [GCGenerationStats]
    var blocksInUse: Int
    var requests: Int

    init(_ heap: Heap, _ collection: GarbageCollection, ids: [ObjectID], requests: Int) {
      result = collection.result
      work = collection.work
      lists = [GCList.generation0, .generation1, .generation2, .permanent].map { heap.gcObjects(in: $0) }
      alive = ids.map { heap.isAlive($0) }
      refcounts = ids.map { heap.isAlive($0) ? heap.refcount(of: $0) : -1 }
      gcRefs = ids.map { heap.isAlive($0) ? heap.gcRefs(of: $0) : -1 }
      let (count0, count1, count2) = heap.gcCounts
      counts = [count0, count1, count2]
      stats = heap.gcStats
      blocksInUse = heap.allocator.blocksInUse
      self.requests = requests
    }
  }

  /// Collects `generation` on `heap` with the given stepping; returns the
  /// outcome and the phase events.
  static func collect(
    _ heap: inout Heap, generation: Int, stepping: GCStepping, ids: [ObjectID],
    finalizer: (inout Heap, ObjectID) -> Void = { _, _ in }
  ) throws -> (Outcome, [GCEvent]) {
    heap.makeUnique()  // the caller compares copies of one heap
    let started = heap.beginCollection(generation: generation)
    var collection = try #require(started)
    collection.stepping = stepping
    collection.eventDetail = .phases
    var events: [GCEvent] = []
    var requests = 0
    while let request = heap.advanceCollection(&collection) {
      events += collection.takeEvents()
      switch request {
      case .stepped: continue
      case .callFinalizer(let id): finalizer(&heap, id)
      case .dealloc(.finalize(let id)):
        finalizer(&heap, id)
        heap.finishFinalizer(id)
      default: break
      }
      requests += 1
    }
    events += collection.takeEvents()
    heap.checkGCInvariants()
    heap.allocator.checkInvariants()
    return (Outcome(heap, collection, ids: ids, requests: requests), events)
  }

  /// A seeded mix of lists, tuples (some holding only ints, which
  /// untrack_tuples untracks), instances (with `__dict__`s before 3.11),
  /// weakrefs and cycles; a few roots are held from outside, the rest is
  /// garbage or reachable from them. Returns every object made (instances
  /// of `cls`).
  static func makeGraph(_ heap: inout Heap, of cls: ObjectID, seed: UInt64, size: Int) -> [ObjectID] {
    var state = seed
    func random(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    var ids: [ObjectID] = []
    for i in 0..<size {
      switch random(6) {
      case 0, 1: ids.append(heap.newList([]))
      case 2: ids.append(heap.newTuple([heap.newInt(1000 + i), heap.newInt(2000 + i)]))
      case 3:
        let items = ids.isEmpty ? [] : [ids[random(ids.count)]]
        for item in items { heap.incref(item) }
        ids.append(heap.newTuple(items))
      default: ids.append(heap.makeMinimalInstance(of: cls))
      }
    }
    // Edges: lists append, instances set attributes (never replacing one,
    // so nothing is freed while the graph is built).
    for _ in 0..<size {
      let from = ids[random(ids.count)]
      let to = ids[random(ids.count)]
      switch heap.kind(of: from) {
      case .list:
        heap.incref(to)
        heap.listAppend(from, to)
      case .instance:
        let name = "a\(random(3))"
        guard heap.minimalAttribute(from, name).isNull else { continue }
        heap.incref(to)
        heap.setMinimalAttribute(from, name, to)
      default: break
      }
    }
    // Weakrefs (no callback) to some instances, kept in lists; a referent
    // holds itself, so only the collector frees it (and clears them).
    for _ in 0..<(size / 8) {
      let referent = ids[random(ids.count)]
      let holder = ids[random(ids.count)]
      guard heap.kind(of: referent) == .instance, heap.kind(of: holder) == .list else { continue }
      if heap.minimalAttribute(referent, "me").isNull {
        heap.incref(referent)
        heap.setMinimalAttribute(referent, "me", referent)
      }
      heap.listAppend(holder, heap.newWeakref(to: referent))
    }
    // Roots keep their creation reference; the rest let go of it.
    var dropped: [ObjectID] = []
    for id in ids where random(10) != 0 { dropped.append(id) }
    for id in dropped { heap.decref(id) }
    // Cycles nothing reaches.
    for _ in 0..<(size / 20) { ids.append(heap.makeSelfCycleList()) }
    return ids
  }

  @Test(arguments: PythonVersion.allCases)
  func runModeLeavesWhatPhaseAndObjectSteppingLeave(version: PythonVersion) throws {
    for (seed, generation) in [(UInt64(1), 2), (2, 0), (3, 1), (4, 2), (5, 0)] {
      var heap = Heap(version: version)
      let cls = heap.makeMinimalClass(name: "N")
      // Survivors of a young collection in generation 1, then new objects
      // (and garbage) in generation 0.
      var ids = Self.makeGraph(&heap, of: cls, seed: seed, size: 400)
      _ = heap.collectWithoutPython(generation: 0)
      ids += Self.makeGraph(&heap, of: cls, seed: seed + 100, size: 400) + [cls]
      let before = heap.gcObjects(generation: nil)
      var stepped = heap
      var objectByObject = heap
      let (run, runEvents) = try Self.collect(&heap, generation: generation, stepping: .run, ids: ids)
      // The copies shared the GC columns with `heap` until it wrote.
      #expect(stepped.gcObjects(generation: nil) == before)
      let (phase, phaseEvents) = try Self.collect(
        &stepped, generation: generation, stepping: .phase, ids: ids)
      #expect(objectByObject.gcObjects(generation: nil) == before)
      let (object, _) = try Self.collect(&objectByObject, generation: generation, stepping: .object, ids: ids)
      #expect(run == phase, "seed \(seed), generation \(generation)")
      #expect(run == object, "seed \(seed), generation \(generation)")
      #expect(runEvents == phaseEvents)
      #expect(run.result > 0, "the graph has garbage")
      #expect(run.alive.contains(true), "the graph has survivors")
    }
  }

  @Test(arguments: PythonVersion.allCases)
  func noRecountWhenNoPythonRanLeavesWhatTheRecountLeaves(version: PythonVersion) throws {
    for seed in [UInt64(7), 8, 9] {
      var heap = Heap(version: version)
      let cls = heap.makeMinimalClass(name: "N")
      let ids = Self.makeGraph(&heap, of: cls, seed: seed, size: 600) + [cls]
      let started = heap.beginCollection(generation: 2)
      var collection = try #require(started)
      collection.stepping = .phase
      // Up to handle_resurrected_objects; then one copy recounts.
      while collection.phase != .handleResurrectedObjects {
        let request = heap.advanceCollection(&collection)
        try #require(request != nil)
      }
      var recounted = heap
      heap.makeUnique()
      recounted.makeUnique()
      var recounting = collection
      recounting.calledPython = true
      var requests = 0
      while heap.advanceCollection(&collection) != nil { requests += 1 }
      var recountRequests = 0
      while recounted.advanceCollection(&recounting) != nil { recountRequests += 1 }
      let shortcut = Outcome(heap, collection, ids: ids, requests: requests)
      let full = Outcome(recounted, recounting, ids: ids, requests: recountRequests)
      #expect(shortcut == full, "seed \(seed)")
      #expect(shortcut.result > 0)
      heap.checkGCInvariants()
      recounted.checkGCInvariants()
    }
  }

  @Test(arguments: PythonVersion.allCases)
  func untrackTuplesInRunModeMatchesPhases(version: PythonVersion) throws {
    var heap = Heap(version: version)
    // Tuples of ints only are untracked; one holding a list stays.
    let kept = heap.newList([])
    heap.incref(kept)
    let tuples = (0..<5).map { heap.newTuple([heap.newInt(5000 + $0)]) }
    let holder = heap.newTuple([kept])
    let ids = tuples + [holder, kept]
    var stepped = heap
    let (run, _) = try Self.collect(&heap, generation: 0, stepping: .run, ids: ids)
    let (phase, _) = try Self.collect(&stepped, generation: 0, stepping: .phase, ids: ids)
    #expect(run == phase)
    for tuple in tuples { #expect(!heap.isTracked(tuple)) }
    #expect(heap.isTracked(holder) && heap.generation(of: holder) == 1)
    #expect(heap.gcObjects(in: .generation1).suffix(2) == [kept, holder])
    #expect(heap.gcObjects(in: .generation0).isEmpty)
  }

  @Test(arguments: PythonVersion.allCases)
  func finalizersAndResurrectionMatchInEveryStepping(version: PythonVersion) throws {
    var outcomes: [Outcome] = []
    for stepping in [GCStepping.run, .phase, .object] {
      var heap = Heap(version: version)
      let (cls, a, b) = heap.makeFinalizerPair()
      let (x, y) = heap.makeListPair()
      let saved = heap.newList([])
      // a's finalizer resurrects a (and so b) by storing it in `saved`.
      let (outcome, _) = try Self.collect(
        &heap, generation: 2, stepping: stepping, ids: [a, b, x, y, saved, cls],
        finalizer: { heap, id in
          if id == a {
            heap.incref(a)
            heap.listAppend(saved, a)
          }
        })
      outcomes.append(outcome)
    }
    #expect(outcomes[0] == outcomes[1])
    #expect(outcomes[0] == outcomes[2])
    // a and b live on (resurrected); 3.8 frees nothing once something is
    // resurrected, 3.9+ frees the list pair.
    #expect(outcomes[0].alive[0] && outcomes[0].alive[1])
    #expect(outcomes[0].alive[2] == (version == .py38))
    #expect(outcomes[0].result == (version == .py38 ? 0 : 2))
  }

  @Test(arguments: PythonVersion.allCases)
  func weakrefMarksFindEveryReferent(version: PythonVersion) {
    // Many garbage objects, few weakref referents among them: the marked
    // path. The weakrefs are held from outside, with callbacks.
    var heap = Heap(version: version)
    let cls = heap.makeMinimalClass(name: "W")
    var garbage: [ObjectID] = []
    for _ in 0..<50 { garbage.append(heap.makeSelfCycleList()) }
    let referents = (0..<3).map { _ in heap.makeMinimalInstance(of: cls) }
    for referent in referents {
      heap.incref(referent)
      heap.setMinimalAttribute(referent, "self", referent)
    }
    let weakrefs = referents.map { heap.newWeakref(to: $0, callback: heap.newList([])) }
    for referent in referents { heap.decref(referent) }
    var driver = GCDriver()
    let collected = driver.collect(&heap)
    #expect(driver.weakrefCallbackCalls == weakrefs)
    for weakref in weakrefs { #expect(heap.weakrefReferent(weakref).isNull) }
    #expect(garbage.allSatisfy { !heap.isAlive($0) })
    // 50 lists, 3 instances (+ their dicts before 3.11).
    #expect(collected == 50 + 3 + (version <= .py310 ? 3 : 0))
    heap.checkGCInvariants()
  }
}
