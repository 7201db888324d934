// The inspector's view of a real replay: `ReplayDriver` over the scenario
// engine's `Timeline`. Reads come from the interpreter at the timeline's
// position; the block-owner table and the per-line memory are computed once
// per position and cached, so a frame costs what it shows.

import HeapModel
import Scenario

/// Drives the inspector with a scenario replay.
public struct TimelineDriver: ReplayDriver, Sendable {
  public private(set) var timeline: Timeline
  public let sourceName: String
  public let sourceLines: [String]
  public let breakpoints: Set<Int>
  private var eventIndex: Int?
  private var cache = Cache()
  public private(set) var notice: String?

  /// Caches of one position (a class so that `ReplayDriver`'s non-mutating
  /// reads can fill them).
  private final class Cache: @unchecked Sendable {
    var step = -1
    /// Owners of the blocks of one pool (the last one asked about).
    var owners: [UInt64: (HeapModel.ObjectID, String?)]?
    var ownersRange: Range<UInt64> = 0..<0
    /// Referent counts asked for at this position (a list of a million items
    /// is counted once, not at every frame).
    var referentCounts: [HeapModel.ObjectID: Int] = [:]
    var lineMemory: [Int: LineMemory]?
  }

  public init(timeline: Timeline, sourceName: String) {
    self.timeline = timeline
    self.sourceName = sourceName
    let source = timeline.interpreter.source
    let lines = (0..<source.lineCount).map { source.lineText($0 + 1) }
    self.sourceLines = lines
    var marks: Set<Int> = []
    for (index, line) in lines.enumerated() where line.contains("breakpoint()") {
      if !line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("#") { marks.insert(index + 1) }
    }
    self.breakpoints = marks
  }

  private var interpreter: Interpreter { timeline.interpreter }

  private func fresh() -> Cache {
    if cache.step != timeline.step {
      cache.step = timeline.step
      cache.owners = nil
      cache.lineMemory = nil
      cache.referentCounts = [:]
    }
    return cache
  }

  public var position: ReplayPosition {
    ReplayPosition(
      step: timeline.step, knownSteps: timeline.totalSteps,
      line: timeline.isFinished ? nil : (interpreter.currentLine == 0 ? nil : interpreter.currentLine),
      eventIndex: eventIndex, isFinished: timeline.isFinished)
  }

  public func memoryDelta(line: Int) -> LineMemoryDelta? {
    let cache = fresh()
    if cache.lineMemory == nil { cache.lineMemory = timeline.lineMemory() }
    guard let memory = cache.lineMemory?[line] else { return nil }
    return LineMemoryDelta(allocated: memory.allocatedBytes, freed: memory.freedBytes)
  }

  public var allocator: Allocator { interpreter.heap.allocator }

  public func owner(of address: Address) -> BlockOwner? {
    guard let (id, part) = ownerEntry(of: address), let snapshot = object(ObjectRef(Int(id.index))) else {
      return nil
    }
    return BlockOwner(object: snapshot, part: part)
  }

  public func ownerType(of address: Address) -> (id: ObjectRef, typeName: String)? {
    guard let (id, _) = ownerEntry(of: address), interpreter.heap.isAlive(id) else { return nil }
    return (ObjectRef(Int(id.index)), interpreter.typeNameOf(id))
  }

  private func ownerEntry(of address: Address) -> (HeapModel.ObjectID, String?)? {
    let cache = fresh()
    if cache.owners == nil || !cache.ownersRange.contains(address.rawValue) {
      // The blocks of the pool holding `address` (or just that address when
      // it is a raw block outside the pools).
      let heap = interpreter.heap
      let poolSize = UInt64(heap.allocator.constants.poolSize)
      let poolStart = address.rawValue & ~(poolSize - 1)
      let inPools = heap.allocator.isPymalloc(address)
      cache.ownersRange =
        inPools ? poolStart..<(poolStart + poolSize) : address.rawValue..<(address.rawValue + 1)
      cache.owners = heap.blockOwners(in: cache.ownersRange)
    }
    return cache.owners?[address.rawValue]
  }

  private func heapID(_ ref: ObjectRef) -> HeapModel.ObjectID? {
    let id = HeapModel.ObjectID(ref.rawValue)
    return interpreter.heap.isAlive(id) ? id : nil
  }

  public func object(_ ref: ObjectRef) -> ObjectSnapshot? {
    guard let id = heapID(ref) else { return nil }
    let heap = interpreter.heap
    let refcount = heap.isImmortal(id) ? heap.profile.immortalRefcount : heap.refcount(of: id)
    return ObjectSnapshot(
      id: ref, typeName: interpreter.typeNameOf(id), repr: interpreter.describe(id),
      size: interpreter.sizeOfObject(id), refcount: refcount, generation: heap.generation(of: id),
      address: Address(heap.address(of: id)),
      block: heap.isStatic(id) ? nil : Address(heap.blocks[id.slot]))
  }

  public var roots: [GraphEdge] {
    // Module globals (not the dunder names, nor the modules `gc`/`sys`/
    // `weakref`, which the model keeps as static objects without contents).
    let heap = interpreter.heap
    var edges = interpreter.globalEntries().filter {
      !$0.name.hasPrefix("__") && heap.kind(of: $0.value) != .module
    }.map {
      GraphEdge(label: $0.name, target: ObjectRef(Int($0.value.index)))
    }
    if let function = interpreter.currentFunctionName {
      edges += interpreter.currentLocals().map {
        GraphEdge(label: "\(function): \($0.name)", target: ObjectRef(Int($0.value.index)))
      }
    }
    return edges
  }

  public func referentCount(of ref: ObjectRef) -> Int {
    guard let id = heapID(ref) else { return 0 }
    let cache = fresh()
    if let count = cache.referentCounts[id] { return count }
    let count = interpreter.heap.referents(of: id).count
    cache.referentCounts[id] = count
    return count
  }

  public func referents(of ref: ObjectRef, in range: Range<Int>) -> [GraphEdge] {
    guard let id = heapID(ref) else { return [] }
    let all = interpreter.heap.referents(of: id)
    let clamped = range.clamped(to: 0..<all.count)
    return clamped.map { GraphEdge(label: "[\($0)]", target: ObjectRef(Int(all[$0].index))) }
  }

  public func whyAlive(_ ref: ObjectRef) -> [GraphEdge] {
    guard let target = heapID(ref) else { return [] }
    // Breadth-first from the roots: the shortest chain of references.
    var parent: [HeapModel.ObjectID: (HeapModel.ObjectID?, GraphEdge)] = [:]
    var queue: [HeapModel.ObjectID] = []
    for edge in roots {
      let id = HeapModel.ObjectID(edge.target.rawValue)
      if parent[id] == nil {
        parent[id] = (nil, edge)
        queue.append(id)
      }
    }
    var head = 0
    while head < queue.count {
      let id = queue[head]
      head += 1
      if id == target { break }
      for (index, next) in interpreter.heap.referents(of: id).enumerated() where parent[next] == nil {
        parent[next] = (id, GraphEdge(label: "[\(index)]", target: ObjectRef(Int(next.index))))
        queue.append(next)
      }
    }
    guard parent[target] != nil else { return [] }
    var chain: [GraphEdge] = []
    var current: HeapModel.ObjectID? = target
    while let id = current, let (previous, edge) = parent[id] {
      chain.append(edge)
      current = previous
    }
    return chain.reversed()
  }

  public var gc: GCSnapshot {
    let heap = interpreter.heap
    let counts = heap.gcCounts
    let thresholds = heap.gcThresholds
    return GCSnapshot(
      counts: [counts.0, counts.1, counts.2], thresholds: [thresholds.0, thresholds.1, thresholds.2],
      log: interpreter.gcLog.map {
        GCLogEntry(
          step: $0.step, generation: $0.generation, collected: $0.collected, uncollectable: $0.uncollectable)
      }, collection: collectionAtCursor)
  }

  /// The collection phase the micro-step cursor stands on, or the last one
  /// before it while that collection still has phases to come.
  private var collectionAtCursor: GCCollection? {
    guard let index = eventIndex else { return nil }
    let events = timeline.currentEvents
    guard index < events.count,
      let at = events[...index].lastIndex(where: { $0.gcPhaseRecord != nil }),
      let record = events[at].gcPhaseRecord
    else { return nil }
    if at != index {
      // Between two phases (a free caused by delete_garbage, an allocation
      // of a __del__): still inside unless the next phase opens another
      // collection or there is none.
      let next = events[(index + 1)...].first { $0.gcPhaseRecord != nil }?.gcPhaseRecord
      guard let next, !next.startsCollection else { return nil }
    }
    let heap = interpreter.heap
    let listing = record.listing
    let objects = listing.ids.indices.map { i in
      let set = record.sets[i]
      return GCObjectState(
        id: ObjectRef(Int(listing.ids[i].index)), gcRefs: Int(record.gcRefs[i]),
        isUnreachable: set.isUnreachable,
        set: String(String(describing: set).map { $0 == "_" ? " " : $0 }),
        label: listing.label(at: i, in: heap),
        address: Address(listing.addresses[i]))
    }
    return GCCollection(
      generation: record.generation, phase: record.cFunction, phaseDescription: record.summary,
      objects: objects, sourceFile: record.cFile, omitted: record.omitted, isResult: record.isResult)
  }

  public var events: ReplayEvents {
    let version = interpreter.version
    let events = timeline.currentEvents
    return ReplayEvents(
      count: events.count,
      element: { index in
        let event = events[index]
        if let record = event.gcPhaseRecord {
          return ReplayEvent(
            text: "gen \(record.generation) \(record.phase): \(record.summary)", cFunction: record.cFunction,
            sourceFile: record.cFile, isCollectorPhase: true)
        }
        return ReplayEvent(
          text: String(describing: event), cFunction: event.cFunction(in: version), sourceFile: event.cFile)
      },
      isCollectorPhase: { events[$0].gcPhaseRecord != nil })
  }

  public func memorySeries(points: Int) -> [MemorySample] {
    let records = timeline.records.prefix(timeline.step)
    guard !records.isEmpty, points > 0 else { return [] }
    let stride = max(1, (records.count + points - 1) / points)
    var samples: [MemorySample] = []
    var index = 0
    while index < records.count {
      samples.append(MemorySample(step: index + 1, bytes: records[records.startIndex + index].liveBytes))
      index += stride
    }
    return samples
  }

  // MARK: Moving

  public mutating func step() {
    eventIndex = nil
    perform { (timeline: inout Timeline) throws(InterpreterStop) in try timeline.stepForward() }
  }

  public mutating func microStep() {
    let count = timeline.currentEvents.count
    if let index = eventIndex, index + 1 < count {
      eventIndex = index + 1
    } else if eventIndex == nil, count > 0, timeline.step > 0 {
      eventIndex = 0
    } else {
      step()
    }
  }

  public mutating func stepBack() {
    eventIndex = nil
    perform { (timeline: inout Timeline) throws(InterpreterStop) in try timeline.stepBack() }
  }

  public mutating func continueToBreakpoint() {
    eventIndex = nil
    let seen = timeline.interpreter.breakpointSteps.count
    perform { (timeline: inout Timeline) throws(InterpreterStop) in
      while timeline.interpreter.breakpointSteps.count == seen, try timeline.stepForward() {}
    }
  }

  public mutating func seek(step: Int) {
    eventIndex = nil
    perform { (timeline: inout Timeline) throws(InterpreterStop) in try timeline.seek(to: step) }
  }

  public mutating func seekEvent(_ search: EventSearch, forward: Bool) {
    guard let query = eventQuery(search) else {
      notice = "\(search): the object is not alive here"
      return
    }
    let from = eventIndex
    var found: EventMatch?
    perform { (timeline: inout Timeline) throws(InterpreterStop) in
      found =
        forward
        ? try timeline.seekForward(query, after: from) : try timeline.seekBackward(query, before: from)
    }
    if notice != nil { return }
    guard let found else {
      notice = "no \(forward ? "later" : "earlier") \(search) (stayed at step \(timeline.step))"
      return
    }
    eventIndex = found.eventIndex
    if found.eventIndex == nil, case .freeOf = search {
      notice = "\(search) at step \(found.step): its memory went to a free list"
    }
  }

  public var hasCollectorPhaseAhead: Bool {
    let events = timeline.currentEvents
    let from = eventIndex.map { $0 + 1 } ?? 0
    return from < events.count && events[from...].contains { $0.gcPhaseRecord != nil }
  }

  public mutating func microStepToNextPhase() {
    let events = timeline.currentEvents
    let from = eventIndex.map { $0 + 1 } ?? 0
    if from < events.count, let next = events[from...].firstIndex(where: { $0.gcPhaseRecord != nil }) {
      eventIndex = next
    } else {
      step()
    }
  }

  private func eventQuery(_ search: EventSearch) -> EventQuery? {
    switch search {
    case .collection: return .collection
    case .gcPhase: return .gcPhase(nil)
    case .arenaAllocated: return .arenaAllocated
    case .arenaReleased: return .arenaReleased
    case .newPool: return .newPool
    case .allocation(let index): return .allocation(sizeClass: index)
    case .freeOf(let ref):
      guard let id = heapID(ref) else { return nil }
      return .death(of: id, block: Address(interpreter.heap.blocks[id.slot]))
    }
  }

  private mutating func perform(_ body: (inout Timeline) throws(InterpreterStop) -> Void) {
    do {
      try body(&timeline)
      notice = nil
    } catch {
      switch error {
      case .stepLimit(let limit): notice = "stopped: --max-steps \(limit) reached"
      case .unsupported(let feature, let line):
        notice = "stopped at line \(line): '\(feature)' is not modelled"
      }
    }
  }
}
