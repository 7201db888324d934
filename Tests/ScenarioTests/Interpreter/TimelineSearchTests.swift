import HeapModel
import Scenario
import Testing

/// Seeking to the next or previous model event of a kind, and the phases of
/// a collection as events of the line that triggered it.
@Suite struct TimelineSearchTests {
  /// A scenario whose collections `gc.callbacks` reports: one explicit, then
  /// automatic ones from a low threshold.
  static let callbacks = """
    import gc
    reports = []
    def watch(phase, info):
        if phase == "start":
            reports.append(info["generation"])
    gc.callbacks.append(watch)
    a = [1]
    b = [a]
    a.append(b)
    del a, b
    gc.collect()
    gc.set_threshold(5)
    keep = []
    for i in range(12):
        keep.append([i])
    """

  /// `len(reports)` at the timeline's position (0 before it exists).
  func reportCount(_ timeline: Timeline) -> Int {
    let heap = timeline.interpreter.heap
    guard let list = timeline.interpreter.globalEntries().first(where: { $0.name == "reports" })?.value else {
      return 0
    }
    return heap.itemCount(list)
  }

  /// The steps at which `gc.callbacks` saw a collection start, found by
  /// stepping one line at a time.
  func reportedSteps(_ text: String, version: PythonVersion) throws -> [Int] {
    var timeline = Timeline(interpreter: try makeInterpreter(text, version: version))
    var steps: [Int] = []
    var seen = 0
    while try timeline.stepForward() {
      let count = reportCount(timeline)
      if count > seen { steps.append(timeline.step) }
      seen = count
    }
    return steps
  }

  @Test(arguments: [PythonVersion.py38, .py311, .py312, .py313])
  func theNextCollectionIsFoundWhereGCCallbacksReportIt(version: PythonVersion) throws {
    let reported = try reportedSteps(Self.callbacks, version: version)
    #expect(reported.count >= 3, "an explicit and at least two automatic collections")
    var timeline = Timeline(interpreter: try makeInterpreter(Self.callbacks, version: version))
    var found: [Int] = []
    var index: Int?
    while let match = try timeline.seekForward(.collection, after: index) {
      found.append(match.step)
      let at = try #require(match.eventIndex)
      index = at
      let record = try #require(timeline.currentEvents[at].gcPhaseRecord)
      #expect(record.startsCollection)
      #expect(record.cFunction == "invoke_gc_callback")
    }
    #expect(found == reported)
  }

  @Test(arguments: [PythonVersion.py38, .py312, .py313])
  func aCollectionIsAMicroStepOfItsLineWithEveryPhaseInOrder(version: PythonVersion) throws {
    var timeline = Timeline(interpreter: try makeInterpreter(Self.callbacks, version: version))
    let match = try #require(try timeline.seekForward(.collection, after: nil))
    let records = timeline.currentEvents.compactMap(\.gcPhaseRecord)
    let phases = records.map(\.phase)
    #expect(
      Array(phases.prefix(5)) == [
        .startCallbacks, .mergeGenerations, .updateRefs, .subtractRefs, .moveUnreachable,
      ])
    #expect(phases.contains(.deleteGarbage))
    #expect(phases.last == .stopCallbacks)
    #expect(zip(phases, phases.dropFirst()).allSatisfy { $0 < $1 })
    #expect(records.allSatisfy { $0.cFile == (version >= .py313 ? "Python/gc.c" : "Modules/gcmodule.c") })
    #expect(
      records.first { $0.phase == .handleResurrectedObjects }?.cFunction
        == (version == .py38 ? "check_garbage" : "handle_resurrected_objects"))
    // The two lists of the cycle: gc_refs 1 (a refcount of 2, one reference
    // from inside) after update_refs... then 0, then tentatively unreachable.
    let update = try #require(records.first { $0.phase == .updateRefs })
    let subtract = try #require(records.first { $0.phase == .subtractRefs })
    let move = try #require(records.first { $0.phase == .moveUnreachable })
    let cycle = move.objects.filter { $0.set == .tentativelyUnreachable }
    #expect(cycle.count == 2)
    let heap = timeline.interpreter.heap
    let labels = cycle.map { object in
      move.listing.label(at: move.listing.ids.firstIndex(of: object.id)!, in: heap)
    }
    #expect(labels == ["list [<2 items>]", "list [<1 items>]"])
    for object in cycle {
      #expect(update.objects.first { $0.id == object.id }?.gcRefs == 1)
      #expect(update.objects.first { $0.id == object.id }?.set == .collecting)
      #expect(subtract.objects.first { $0.id == object.id }?.gcRefs == 0)
    }
    #expect(move.objects.filter { $0.set == .reachable }.allSatisfy { $0.gcRefs > 0 })
    // delete_garbage is recorded as it starts, with the final unreachable
    // set; the frees of the two lists follow it in the same stream.
    let deleteIndex = try #require(
      timeline.currentEvents.firstIndex { $0.gcPhaseRecord?.phase == .deleteGarbage })
    let delete = try #require(timeline.currentEvents[deleteIndex].gcPhaseRecord)
    #expect(delete.objects.filter { $0.set == .unreachable }.count == 2)
    let freedAfter = timeline.currentEvents[deleteIndex...].contains {
      if case .blockFreed = $0 { true } else { false }
    }
    #expect(freedAfter)
    let stop = try #require(records.last)
    #expect(stop.collected == 2)
    #expect(stop.objects.filter { $0.set == .freed }.count == 2)
    #expect(match.step == timeline.step)
  }

  static let death = """
    class Node:
        pass
    x = Node()
    y = x
    del x
    z = [1, 2, 3]
    w = [0] * 100
    del y
    print("still here")
    del w
    print("done")
    """

  /// The step at which global `name`'s object (looked up at step `from`)
  /// stops being alive, by stepping line by line.
  func deathStep(of name: String, from: Int, version: PythonVersion) throws -> Int {
    var timeline = Timeline(interpreter: try makeInterpreter(Self.death, version: version))
    try timeline.seek(to: from)
    let id = try #require(timeline.interpreter.globalEntries().first { $0.name == name }?.value)
    let block = timeline.interpreter.heap.blocks[id.slot]
    while try timeline.stepForward() {
      let heap = timeline.interpreter.heap
      if !heap.isAlive(id) || heap.blocks[id.slot] != block { return timeline.step }
    }
    return -1
  }

  @Test(arguments: [PythonVersion.py38, .py312])
  func theNextFreeOfAnObjectIsWhereItsRefcountReachesZero(version: PythonVersion) throws {
    var timeline = Timeline(interpreter: try makeInterpreter(Self.death, version: version))
    // After `w = ...`: x deleted, y still holds the Node.
    while !timeline.interpreter.globalEntries().contains(where: { $0.name == "w" }) {
      try timeline.stepForward()
    }
    let start = timeline.step
    let globals = timeline.interpreter.globalEntries()
    let node = try #require(globals.first { $0.name == "y" }?.value)
    #expect(timeline.interpreter.heap.refcount(of: node) == 1)
    let block = Address(timeline.interpreter.heap.blocks[node.slot])
    let expected = try deathStep(of: "y", from: start, version: version)
    let match = try #require(try timeline.seekForward(.death(of: node, block: block), after: nil))
    #expect(match.step == expected)
    #expect(timeline.interpreter.currentLine == 9)  // `del y` just ran
    // An instance has no free list: its block is freed, and the cursor is on that free.
    let freeAt = try #require(match.eventIndex)
    #expect(EventQuery.free(address: block).matches(timeline.currentEvents[freeAt]))
    // A list's object goes to the list free list: found as a state, no event.
    let list = try #require(timeline.interpreter.globalEntries().first { $0.name == "w" }?.value)
    let listBlock = Address(timeline.interpreter.heap.blocks[list.slot])
    let listDeath = try deathStep(of: "w", from: timeline.step, version: version)
    let listMatch = try #require(try timeline.seekForward(.death(of: list, block: listBlock), after: nil))
    #expect(listMatch.step == listDeath)
  }

  @Test func noMatchStaysPut() throws {
    var timeline = Timeline(interpreter: try makeInterpreter(Self.death))
    try timeline.seek(to: 4)
    let digest = timeline.interpreter.stateDigest()
    #expect(try timeline.seekForward(.arenaReleased, after: nil) == nil)
    #expect(timeline.step == 4)
    #expect(timeline.interpreter.stateDigest() == digest)
    #expect(try timeline.seekBackward(.collection, before: nil) == nil)
    #expect(timeline.step == 4)
    #expect(timeline.interpreter.stateDigest() == digest)
  }

  @Test func searchingBackFindsWhatSearchingForwardFound() throws {
    var timeline = Timeline(
      interpreter: try makeInterpreter(Self.callbacks), interval: 4, modelBytesPerStep: 0)
    var forward: [EventMatch] = []
    var index: Int?
    while let match = try timeline.seekForward(.gcPhase(.moveUnreachable), after: index) {
      forward.append(match)
      index = match.eventIndex
    }
    #expect(forward.count >= 3)
    try timeline.runToEnd()
    var backward: [EventMatch] = []
    index = nil
    while let match = try timeline.seekBackward(.gcPhase(.moveUnreachable), before: index) {
      backward.append(match)
      index = match.eventIndex
      let at = try #require(match.eventIndex)
      let record = try #require(timeline.currentEvents[at].gcPhaseRecord)
      #expect(record.phase == .moveUnreachable)
    }
    #expect(backward == forward.reversed())
  }

  @Test func allocationsOfASizeClassAndNewPoolsAreFound() throws {
    var timeline = Timeline(interpreter: try makeInterpreter(Self.death))
    let match = try #require(try timeline.seekForward(.allocation(sizeClass: 51 / 16), after: nil))
    let at = try #require(match.eventIndex)
    let event = timeline.currentEvents[at]
    guard case .blockAllocated(_, let sizeClass, _, _) = event else {
      Issue.record("not an allocation: \(event)")
      return
    }
    #expect(sizeClass.index == 3)
    let pool = try #require(try timeline.seekForward(.newPool, after: match.eventIndex))
    let poolAt = try #require(pool.eventIndex)
    #expect(StepMarks(timeline.currentEvents[poolAt]) == .newPool)
    #expect(pool.step > match.step || (pool.step == match.step && pool.eventIndex! > match.eventIndex!))
  }

  @Test func nothingIsCapturedWhileTheEventLogIsOff() throws {
    var interpreter = try makeInterpreter(Self.callbacks)
    _ = try interpreter.run()
    #expect(interpreter.takeAllocatorEvents().isEmpty)
    #expect(interpreter.gcLog.count >= 3)
  }
}
