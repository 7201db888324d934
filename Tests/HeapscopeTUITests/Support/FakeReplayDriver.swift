// A scripted replay for the inspector's tests: a real `Allocator` of the
// chosen version, driven by a fixed script of steps (one per source line run),
// each a list of operations — create an object (allocating its blocks),
// link two objects, bind or unbind a global, free an object, and the phases
// of a cycle collection. Stepping back or seeking replays the script from the
// start, which is instant at this size and keeps the fake obviously right.

import HeapModel
import HeapscopeTUI

/// One scripted operation; each becomes one micro-step.
enum FakeOp {
  case new(id: Int, type: String, repr: String, size: Int, tracked: Bool, items: Int = 0)
  case link(from: Int, label: String, to: Int)
  case bind(name: String, id: Int)
  case unbind(name: String)
  case free(id: Int)
  case gcPhase(generation: Int, phase: String, description: String, states: [(Int, Int, Bool)])
  case gcDone(generation: Int, collected: Int)
}

/// One step: the line it runs and what it does.
struct FakeStep {
  var line: Int
  var ops: [FakeOp]
}

struct FakeObject {
  var snapshot: ObjectSnapshot
  var referents: [GraphEdge] = []
  var blocks: [Address] = []
}

struct FakeReplayDriver: ReplayDriver {
  let sourceName: String
  let sourceLines: [String]
  let script: [FakeStep]
  let version: PythonVersion
  var breakpoints: Set<Int>

  private(set) var allocator: Allocator
  private(set) var objects: [Int: FakeObject] = [:]
  private(set) var roots: [GraphEdge] = []
  private var owners: [Address: (Int, String?)] = [:]
  private var deltas: [Int: LineMemoryDelta] = [:]
  private var series: [MemorySample] = []
  private var gcCounts = [0, 0, 0]
  private var gcLog: [GCLogEntry] = []
  private var collection: GCCollection?
  private var lastEvents: [ReplayEvent] = []
  private var lineEvents: [ReplayEvent] = []
  private var stepIndex = 0
  private var opIndex = 0
  private(set) var notice: String?

  init(
    sourceName: String = "tour.py", source: String, script: [FakeStep], version: PythonVersion = .py312,
    breakpoints: Set<Int> = []
  ) {
    self.sourceName = sourceName
    sourceLines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    self.script = script
    self.version = version
    self.breakpoints = breakpoints
    allocator = Allocator(version: version)
    allocator.recordsEvents = true
    series = [MemorySample(step: 0, bytes: 0)]
  }

  // MARK: Reads

  var position: ReplayPosition {
    let inLine = opIndex > 0
    let events = inLine ? lineEvents : lastEvents
    return ReplayPosition(
      step: stepIndex, knownSteps: script.count,
      line: stepIndex < script.count ? script[stepIndex].line : nil,
      eventIndex: events.isEmpty ? nil : events.count - 1, isFinished: stepIndex >= script.count)
  }

  var events: ReplayEvents { ReplayEvents(opIndex > 0 ? lineEvents : lastEvents) }

  func memoryDelta(line: Int) -> LineMemoryDelta? { deltas[line] }

  func owner(of address: Address) -> BlockOwner? {
    guard let (id, part) = owners[address], let object = objects[id] else { return nil }
    return BlockOwner(object: object.snapshot, part: part)
  }

  func object(_ id: ObjectRef) -> ObjectSnapshot? { objects[id.rawValue]?.snapshot }

  func referentCount(of id: ObjectRef) -> Int { objects[id.rawValue]?.referents.count ?? 0 }

  func referents(of id: ObjectRef, in range: Range<Int>) -> [GraphEdge] {
    guard let all = objects[id.rawValue]?.referents else { return [] }
    return Array(all[range.clamped(to: 0..<all.count)])
  }

  func whyAlive(_ id: ObjectRef) -> [GraphEdge] {
    var parent: [ObjectRef: (ObjectRef?, GraphEdge)] = [:]
    var queue: [ObjectRef] = []
    for edge in roots where parent[edge.target] == nil {
      parent[edge.target] = (nil, edge)
      queue.append(edge.target)
    }
    var head = 0
    while head < queue.count {
      let current = queue[head]
      head += 1
      if current == id {
        var chain: [GraphEdge] = []
        var node: ObjectRef? = current
        while let n = node, let (up, edge) = parent[n] {
          chain.append(edge)
          node = up
        }
        return chain.reversed()
      }
      for edge in objects[current.rawValue]?.referents ?? [] where parent[edge.target] == nil {
        parent[edge.target] = (current, edge)
        queue.append(edge.target)
      }
    }
    return []
  }

  var gc: GCSnapshot {
    GCSnapshot(counts: gcCounts, thresholds: [700, 10, 10], log: gcLog, collection: collection)
  }

  func memorySeries(points: Int) -> [MemorySample] {
    guard series.count > points, points > 0 else { return series }
    return (0..<points).map { series[$0 * (series.count - 1) / max(1, points - 1)] }
  }

  private mutating func adjustRefcount(_ id: ObjectRef, by delta: Int) {
    objects[id.rawValue]?.snapshot.refcount += delta
  }

  // MARK: Driving

  mutating func microStep() {
    guard stepIndex < script.count else { return }
    let step = script[stepIndex]
    if opIndex == 0 { lineEvents = [] }
    if opIndex < step.ops.count {
      apply(step.ops[opIndex], line: step.line)
      opIndex += 1
    }
    if opIndex >= step.ops.count {
      lastEvents = lineEvents
      lineEvents = []
      stepIndex += 1
      opIndex = 0
    }
  }

  mutating func step() {
    guard stepIndex < script.count else { return }
    let target = stepIndex + 1
    while stepIndex < target { microStep() }
  }

  mutating func stepBack() {
    seek(step: opIndex > 0 ? stepIndex : max(0, stepIndex - 1))
  }

  mutating func continueToBreakpoint() {
    repeat { step() } while stepIndex < script.count && !breakpoints.contains(script[stepIndex].line)
    notice = stepIndex < script.count ? "stopped at breakpoint, line \(script[stepIndex].line)" : nil
  }

  mutating func seek(step target: Int) {
    var fresh = FakeReplayDriver(
      sourceName: sourceName, source: sourceLines.joined(separator: "\n"), script: script, version: version,
      breakpoints: breakpoints)
    while fresh.stepIndex < min(target, script.count) { fresh.step() }
    self = fresh
  }

  /// A heap of `count` small objects (ints, floats, tuples, lists, dicts and
  /// instances of mixed sizes) under one list bound to `data`, for the frame
  /// benchmark and the big-heap screens. Every eighth object is freed, so
  /// pools have free lists.
  static func bigHeap(count: Int, version: PythonVersion = .py312) -> FakeReplayDriver {
    var driver = FakeReplayDriver(
      sourceName: "bulk.py", source: "data = [make(i) for i in range(\(count))]", script: [], version: version
    )
    driver.allocator.recordsEvents = false
    let kinds: [(String, Int, Bool)] = [
      ("int", 28, false), ("float", 24, false), ("tuple", 64, true), ("list", 56, true), ("dict", 184, true),
      ("Node", 48, true), ("str", 73, false), ("bytes", 300, false),
    ]
    var children: [GraphEdge] = []
    children.reserveCapacity(count)
    driver.objects.reserveCapacity(count + 1)
    driver.owners.reserveCapacity(count + 1)
    var freed: [Address] = []
    for i in 1...count {
      let (type, size, tracked) = kinds[i % kinds.count]
      let address = driver.allocator.allocate(size)
      if i % 8 == 0 {
        freed.append(address)
        continue
      }
      driver.objects[i] = FakeObject(
        snapshot: ObjectSnapshot(
          id: ObjectRef(i), typeName: type, repr: "<\(type) \(i)>", size: size, refcount: 1,
          generation: tracked ? 2 : nil, address: address), blocks: [address])
      driver.owners[address] = (i, nil)
      children.append(GraphEdge(label: "[\(children.count)]", target: ObjectRef(i)))
    }
    for address in freed { driver.allocator.free(address) }
    let list = driver.allocator.allocate(56)
    driver.objects[0] = FakeObject(
      snapshot: ObjectSnapshot(
        id: ObjectRef(0), typeName: "list", repr: "[<\(children.count) items>]",
        size: 56 + 8 * children.count,
        refcount: 1, generation: 2, address: list), referents: children, blocks: [list])
    driver.owners[list] = (0, nil)
    driver.roots = [GraphEdge(label: "data", target: ObjectRef(0))]
    driver.series = (0...200).map { MemorySample(step: $0, bytes: $0 * count * 40 / 200) }
    return driver
  }

  // MARK: Operations

  private mutating func apply(_ op: FakeOp, line: Int) {
    let before = usedBytes
    switch op {
    case .new(let id, let type, let repr, let size, let tracked, let items):
      let address = allocator.allocate(size)
      var object = FakeObject(
        snapshot: ObjectSnapshot(
          id: ObjectRef(id), typeName: type, repr: repr, size: size + items * 8, refcount: 0,
          generation: tracked ? 0 : nil, address: address), blocks: [address])
      owners[address] = (id, nil)
      if items > 0 {
        let array = allocator.allocate(items * 8)
        object.blocks.append(array)
        owners[array] = (id, "items")
      }
      objects[id] = object
      if tracked { gcCounts[0] += 1 }
      record(allocatorEvents(), fallback: "\(type) object created")
    case .link(let from, let label, let to):
      objects[from]?.referents.append(GraphEdge(label: label, target: ObjectRef(to)))
      adjustRefcount(ObjectRef(to), by: 1)
      record([], fallback: "\(label) of #\(from) = #\(to): Py_INCREF")
    case .bind(let name, let id):
      for old in roots where old.label == name { adjustRefcount(old.target, by: -1) }
      roots.removeAll { $0.label == name }
      roots.append(GraphEdge(label: name, target: ObjectRef(id)))
      adjustRefcount(ObjectRef(id), by: 1)
      record([], fallback: "STORE_NAME \(name)")
    case .unbind(let name):
      for old in roots where old.label == name { adjustRefcount(old.target, by: -1) }
      roots.removeAll { $0.label == name }
      record([], fallback: "DELETE_NAME \(name): Py_DECREF")
    case .free(let id):
      guard let object = objects.removeValue(forKey: id) else { return }
      for block in object.blocks {
        allocator.free(block)
        owners[block] = nil
      }
      for edge in object.referents { adjustRefcount(edge.target, by: -1) }
      for key in objects.keys { objects[key]!.referents.removeAll { $0.target == ObjectRef(id) } }
      if object.snapshot.generation != nil { gcCounts[0] = max(0, gcCounts[0] - 1) }
      record(allocatorEvents(), fallback: "\(object.snapshot.typeName) deallocated")
    case .gcPhase(let generation, let phase, let description, let states):
      collection = GCCollection(
        generation: generation, phase: phase, phaseDescription: description,
        objects: states.map { GCObjectState(id: ObjectRef($0.0), gcRefs: $0.1, isUnreachable: $0.2) })
      lineEvents.append(
        ReplayEvent(
          text: description, cFunction: phase, sourceFile: "Modules/gcmodule.c", isCollectorPhase: true))
    case .gcDone(let generation, let collected):
      collection = nil
      gcLog.append(
        GCLogEntry(step: stepIndex, generation: generation, collected: collected, uncollectable: 0))
      gcCounts = [0, 0, 0]
      lineEvents.append(
        ReplayEvent(
          text: "collected \(collected) objects", cFunction: "gc_collect_main",
          sourceFile: "Modules/gcmodule.c"))
    }
    let after = usedBytes
    var delta = deltas[line] ?? LineMemoryDelta(allocated: 0, freed: 0)
    if after > before { delta.allocated += after - before }
    if after < before { delta.freed += before - after }
    if delta.allocated > 0 || delta.freed > 0 { deltas[line] = delta }
    series.append(MemorySample(step: series.count, bytes: after))
  }

  private var usedBytes: Int {
    let stats = allocator.statistics()
    return stats.allocatedBytes + stats.rawBytes
  }

  private mutating func allocatorEvents() -> [AllocatorEvent] { allocator.takeEvents() }

  private mutating func record(_ events: [AllocatorEvent], fallback: String) {
    if events.isEmpty {
      lineEvents.append(ReplayEvent(text: fallback, cFunction: "ceval", sourceFile: "Python/ceval.c"))
      return
    }
    for event in events {
      lineEvents.append(
        ReplayEvent(text: describe(event), cFunction: event.cFunction(in: version), sourceFile: event.cFile))
    }
  }

  private func describe(_ event: AllocatorEvent) -> String {
    switch event {
    case .blockAllocated(let address, let sizeClass, let pool, _):
      return "block \(address) of \(sizeClass.blockSize) B from \(pool)"
    case .blockFreed(let address, _, let pool, _): return "block \(address) back to \(pool)'s free list"
    case .poolExtended(let pool, _, _): return "\(pool) hands out a never-used block"
    case .poolInitialized(let pool, _, let sizeClass, _):
      return "\(pool) set up for \(sizeClass.blockSize) B blocks"
    case .poolReused(let pool, _, _): return "\(pool) reused"
    case .poolBecameFull(let pool, _): return "\(pool) is full"
    case .poolBecameUsed(let pool, _): return "\(pool) back in usedpools"
    case .poolBecameEmpty(let pool, _, _): return "\(pool) empty"
    case .arenaAllocated(let arena, let base, _): return "\(arena) mapped at \(base)"
    case .arenaReleased(let arena, _): return "\(arena) released"
    case .rawAllocated(let address, let size): return "\(size) B from malloc at \(address)"
    case .rawFreed(let address, _): return "malloc block \(address) freed"
    default: return "\(event)"
    }
  }
}
