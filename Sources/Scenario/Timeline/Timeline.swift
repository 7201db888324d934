// The timeline: a replay that can move to any step, forwards or back.
//
// A step is one line event (what `sys.settrace` reports as 'line'). Moving
// forward runs the interpreter to the next step. Moving back restores the
// latest checkpoint at or before the target — a copy of the whole
// interpreter, cheap to take because every part of it is a copy-on-write
// value — and re-executes from there; the run is deterministic, so the
// state reached is bit-identical to the first time.
//
// Checkpoints are taken every `interval` steps while moving forward over
// ground not reached before (going back and forward again takes none). Their
// number is capped: when the cap is reached every other checkpoint is
// dropped and the interval doubles, so memory stays bounded on any replay
// and going back costs at most one interval of re-execution.
//
// A checkpoint is not free even though taking it copies nothing: the run's
// next write to each column and payload store copies that whole array (and
// retains what its elements hold), and dropping the checkpoint later frees
// the copy. That costs in proportion to the model, so checkpoints are also
// kept at least `modelBytesPerStep` bytes of model per step apart: a model
// of 30 MB waits ~470k steps. Small models (every scenario a person steps
// through) keep the plain interval; a million-object replay no longer
// spends a third of its time copying itself (PERFORMANCE.md, session 4).
//
// Per step the timeline records the line, the bytes and blocks the
// allocator handed out and took back, and which kinds of event happened
// (`StepMarks`) — 16 bytes per step, see StepHistory.swift — which gives the
// per-line attribution, the memory-over-time series at any position, and
// lets a backward event search (Timeline+Search.swift) skip the stretches
// with nothing to find.
//
// The event log is on only for the steps the timeline shows: ground covered
// again in one go by `seek` runs with it off, so re-execution pays nothing
// for events it would throw away.

import HeapModel

/// What one step did to the allocator.
public struct StepRecord: Sendable, Equatable {
  public var line: Int32
  public var allocatedBytes: Int32
  public var freedBytes: Int32
  public var allocatedBlocks: Int32
  public var freedBlocks: Int32
  /// Which kinds of event the step produced.
  public var marks: StepMarks
  /// Bytes in pymalloc blocks and raw blocks in use after the step.
  public var liveBytes: Int
}

/// Kinds of model event a step produced, for skipping steps in a search.
public struct StepMarks: OptionSet, Sendable, Hashable {
  public var rawValue: UInt32
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  public static let blockAllocated = StepMarks(rawValue: 1 << 0)
  /// A pymalloc or raw block was freed.
  public static let blockFreed = StepMarks(rawValue: 1 << 1)
  /// A pool was taken for a size class (`allocate_from_new_pool`).
  public static let newPool = StepMarks(rawValue: 1 << 2)
  public static let arenaAllocated = StepMarks(rawValue: 1 << 3)
  public static let arenaReleased = StepMarks(rawValue: 1 << 4)
  /// A phase of a cycle collection.
  public static let gcPhase = StepMarks(rawValue: 1 << 5)
  /// A cycle collection began.
  public static let collection = StepMarks(rawValue: 1 << 6)
  /// Passed inside the run of the step before (Python code called from a
  /// builtin): the run cannot pause here, so a seek cannot stop here.
  public static let continued = StepMarks(rawValue: 1 << 7)

  /// The mark of one event.
  public init(_ event: AllocatorEvent) {
    switch event {
    case .blockAllocated, .rawAllocated: self = .blockAllocated
    case .blockFreed, .rawFreed: self = .blockFreed
    case .poolInitialized, .poolReused: self = .newPool
    case .arenaAllocated: self = .arenaAllocated
    case .arenaReleased: self = .arenaReleased
    case .gcPhase(let record): self = record.startsCollection ? [.gcPhase, .collection] : .gcPhase
    default: self = []
    }
  }
}

/// Memory attributed to one source line up to the current step.
public struct LineMemory: Sendable, Equatable {
  public var allocatedBytes = 0
  public var freedBytes = 0
  public var allocatedBlocks = 0
  public var freedBlocks = 0
  public var netBytes: Int { allocatedBytes - freedBytes }
}

/// A navigable replay of one scenario.
public struct Timeline: Sendable {
  public private(set) var interpreter: Interpreter
  var checkpoints: [Interpreter]
  public private(set) var interval: Int
  public let maxCheckpoints: Int
  /// Bytes the checkpoints may take together (each costs a whole model
  /// once the run has moved on from it).
  public let checkpointBudget: Int
  /// Bytes of model per step of spacing between checkpoints (0: none).
  public let modelBytesPerStep: Int
  private var checkpointCosts: [Int]
  /// The first step at which the model's size allows the next checkpoint.
  private var earliestNextCheckpoint = 0
  /// The step at or after which stepping forward takes the next checkpoint:
  /// the first multiple of `interval` past the last checkpoint and not
  /// before `earliestNextCheckpoint` (one comparison a step; ground covered
  /// again after a move back takes none).
  private var nextCheckpoint: Int
  /// What happened between step i and step i+1, for every step reached so
  /// far (the line is the one step i announced; 0 before the first line).
  public private(set) var records = StepHistory()
  /// The model events of the most recent step.
  public internal(set) var currentEvents: [AllocatorEvent] = []
  /// The number of steps of the whole run, once it has been reached.
  public private(set) var totalSteps: Int?

  /// Starts a timeline at step 0 (before the first line).
  public init(
    interpreter: Interpreter, interval: Int = 256, maxCheckpoints: Int = 128,
    checkpointBudget: Int = 192 << 20, modelBytesPerStep: Int = 64
  ) {
    var start = interpreter
    start.heap.recordAllocatorEvents(true)
    self.interpreter = start
    self.checkpoints = [start]
    self.interval = interval
    self.maxCheckpoints = maxCheckpoints
    self.checkpointBudget = checkpointBudget
    self.modelBytesPerStep = modelBytesPerStep
    self.checkpointCosts = [start.heap.approximateModelBytes]
    self.nextCheckpoint = interval
  }

  public var step: Int { interpreter.steps }
  public var isFinished: Bool { interpreter.exitStatus != nil }

  /// Executes one more step. Returns false at the end of the run.
  @discardableResult
  public mutating func stepForward() throws(InterpreterStop) -> Bool {
    if isFinished { return false }
    let before = interpreter.steps
    let line = interpreter.currentLine
    let finished = try interpreter.advance(toStep: before + 1)
    interpreter.heap.swapAllocatorEvents(&currentEvents)
    if before >= records.count {
      // A step that ran Python code under a builtin may pass several line
      // events at once; the later ones get empty records.
      appendRecord(line: line, events: currentEvents)
      while records.count < interpreter.steps {
        appendRecord(line: interpreter.currentLine, events: [])
        records.insertMarks(.continued)
      }
    }
    if finished { totalSteps = interpreter.steps }
    if interpreter.steps >= nextCheckpoint, !finished { addCheckpoint() }
    return !finished
  }

  /// Moves to step `target` (clamped to the run), forwards or back.
  public mutating func seek(to target: Int) throws(InterpreterStop) {
    let target = max(0, totalSteps.map { min(target, $0) } ?? target)
    // Ground covered before runs in one go, to the last step before the
    // target where the run can pause (a step passed inside another's run,
    // under a builtin, is not one); the rest step by step, so the current
    // events and the records are complete.
    var known = min(target - 1, records.count)
    while known > 0, known < records.count, records[known].marks.contains(.continued) { known -= 1 }
    if target < interpreter.steps {
      let index = checkpoints.lastIndex { $0.steps <= max(0, known) } ?? 0
      interpreter = checkpoints[index]
      _ = interpreter.heap.takeAllocatorEvents()
      if target == 0 { currentEvents = [] }
    }
    if known > interpreter.steps {
      interpreter.heap.recordAllocatorEvents(false)
      defer { interpreter.heap.recordAllocatorEvents(true) }
      let finished = try interpreter.advance(toStep: known)
      if finished { totalSteps = interpreter.steps }
    }
    while interpreter.steps < target, !isFinished { try stepForward() }
  }

  /// What the history costs beyond the current state: the per-step records
  /// plus the checkpoints (each estimated as a whole model, which is what a
  /// checkpoint costs once the run has moved on and copy-on-write copied it).
  public var historyBytes: Int {
    records.bytes + checkpointCosts.reduce(0, +)
  }

  /// Goes back one step.
  public mutating func stepBack() throws(InterpreterStop) {
    try seek(to: max(0, interpreter.steps - 1))
  }

  /// Runs to the end.
  public mutating func runToEnd() throws(InterpreterStop) {
    while try stepForward() {}
  }

  /// The first step after the current one at which `breakpoint()` ran, if
  /// the run has been there already.
  public func nextBreakpoint() -> Int? {
    interpreter.breakpointSteps.first { $0 > interpreter.steps }
  }

  /// Bytes and blocks each line allocated and freed up to the current step.
  public func lineMemory() -> [Int: LineMemory] {
    var result: [Int: LineMemory] = [:]
    for record in records.prefix(interpreter.steps) {
      var entry = result[Int(record.line), default: LineMemory()]
      entry.allocatedBytes += Int(record.allocatedBytes)
      entry.freedBytes += Int(record.freedBytes)
      entry.allocatedBlocks += Int(record.allocatedBlocks)
      entry.freedBlocks += Int(record.freedBlocks)
      result[Int(record.line)] = entry
    }
    return result
  }

  // MARK: Recording

  private mutating func appendRecord(line: Int, events: [AllocatorEvent]) {
    if events.isEmpty {
      records.appendQuiet(line: Int32(line))
      return
    }
    var entry = StepRecord(
      line: Int32(line), allocatedBytes: 0, freedBytes: 0, allocatedBlocks: 0, freedBlocks: 0, marks: [],
      liveBytes: 0)
    for event in events { account(event, into: &entry) }
    records.append(entry)
  }

  /// Adds one event's bytes, blocks and mark to a step's record (one switch
  /// per event: this runs for every event of a recorded replay).
  private func account(_ event: AllocatorEvent, into entry: inout StepRecord) {
    switch event {
    case .blockAllocated(_, let sizeClass, _, _):
      entry.allocatedBytes += Int32(sizeClass.blockSize)
      entry.allocatedBlocks += 1
      entry.marks.insert(.blockAllocated)
    case .blockFreed(_, let sizeClass, _, _):
      entry.freedBytes += Int32(sizeClass.blockSize)
      entry.freedBlocks += 1
      entry.marks.insert(.blockFreed)
    case .rawAllocated(_, let size):
      entry.allocatedBytes += Int32(clamping: size)
      entry.allocatedBlocks += 1
      entry.marks.insert(.blockAllocated)
    case .rawFreed(_, let size):
      entry.freedBytes += Int32(clamping: size)
      entry.freedBlocks += 1
      entry.marks.insert(.blockFreed)
    default:
      entry.marks.formUnion(StepMarks(event))
    }
  }

  private mutating func addCheckpoint() {
    let cost = interpreter.heap.approximateModelBytes
    checkpoints.append(interpreter)
    checkpointCosts.append(cost)
    if modelBytesPerStep > 0 { earliestNextCheckpoint = interpreter.steps + cost / modelBytesPerStep }
    while checkpoints.count > 2,
      checkpoints.count > maxCheckpoints || checkpointCosts.reduce(0, +) > checkpointBudget
    {
      // Keep the first and every other one after it; re-execution from a
      // checkpoint costs at most twice as many steps from now on.
      checkpoints = checkpoints.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
      checkpointCosts = checkpointCosts.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
      interval *= 2
    }
    let after = max(earliestNextCheckpoint, interpreter.steps + 1)
    nextCheckpoint = (after + interval - 1) / interval * interval
  }
}
