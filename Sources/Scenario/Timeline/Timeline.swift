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
// Sparse checkpoints make a step back on a big model re-execute up to
// ~1.5M steps (150 ms on `million_tracked`). So a long re-execution — a
// step back, a seek back, loading the last step's events after
// `runToEnd` — also leaves a navigation checkpoint `navigationMargin` steps
// short of where it ended, kept until the next long one: the next steps
// back start there (5–12 ms medians on the bench workloads; PERFORMANCE.md,
// session 12). It holds at most one model more.
//
// Per step the timeline records the line, the bytes and blocks the
// allocator handed out and took back, and which kinds of event happened
// (`StepMarks`) — 16 bytes per step, see StepHistory.swift — which gives the
// per-line attribution, the memory-over-time series at any position, and
// lets a backward event search (Timeline+Search.swift) skip the stretches
// with nothing to find.
//
// The record of a step comes from the allocator's tally (`AllocatorTally`:
// bytes, blocks and kinds of event, counted as the work happens), not from
// its events. The events themselves are logged only for a step the
// timeline will show: `stepForward`'s step and the target of a `seek`.
// Ground covered on the way — new ground by `seek` and `runToEnd`, which
// must be recorded, tallies only; known ground, run again in one go, logs
// nothing — pays nothing for events it would throw away: no 32-byte event
// per malloc and free, no GC phase records, and a step that builds a
// million objects no longer holds its three million events at once (that
// was the peak memory of a recorded replay). A step that turns out to be
// shown although it ran tallying only — the last step, when `seek` passes
// the end of the run or after `runToEnd` — gets its events on demand
// (`loadCurrentEvents`): re-executed from the latest checkpoint before it,
// as a step back would (PERFORMANCE.md, session 7 (tally)).

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
    self.init(AllocatorTally().adding(event).kinds)
  }

  /// The marks of the kinds of event in a tally (the same bits).
  public init(_ kinds: AllocatorTally.Kinds) {
    self.init(rawValue: UInt32(kinds.rawValue))
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
  /// A checkpoint near where the latest long re-execution ended (see
  /// `navigationMargin`), kept until the next one replaces it.
  private(set) var navigationCheckpoint: Interpreter?
  /// How far short of a long re-execution's end the navigation checkpoint
  /// is taken, in steps.
  static let navigationMargin = 8192
  /// The step at or after which stepping forward takes the next checkpoint:
  /// the first multiple of `interval` past the last checkpoint and not
  /// before `earliestNextCheckpoint` (one comparison a step; ground covered
  /// again after a move back takes none).
  private var nextCheckpoint: Int
  /// What happened between step i and step i+1, for every step reached so
  /// far (the line is the one step i announced; 0 before the first line).
  public private(set) var records = StepHistory()
  /// The model events of the most recent step, once loaded (see
  /// `currentEventsAreLoaded`).
  public internal(set) var currentEvents: [AllocatorEvent] = []
  /// False after `runToEnd`, whose last step ran tallying only: its events
  /// are not in `currentEvents` until `loadCurrentEvents()`. Every other
  /// move leaves them loaded.
  public private(set) var currentEventsAreLoaded = true
  /// The step the run of the current step started from (a step where the
  /// run can pause), for `loadCurrentEvents`.
  private var currentStepStart = 0
  /// The number of steps of the whole run, once it has been reached.
  public private(set) var totalSteps: Int?
  /// Whether tallied new ground is recorded many steps per run of the
  /// interpreter (`recordTallying`); false records it step by step, as
  /// the tests' reference.
  var recordsInStretches = true
  /// The recorder `recordTallying` lends the interpreter (kept here, so
  /// that no checkpoint shares its buffers).
  private var recorder = StepRecorder()

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

  /// Executes one more step, its events logged. Returns false at the end
  /// of the run.
  @discardableResult
  public mutating func stepForward() throws(InterpreterStop) -> Bool {
    if isFinished { return false }
    return try !advanceStep(keepingEvents: true)
  }

  /// Moves to step `target` (clamped to the run), forwards or back. A step
  /// passed under a builtin, where the run cannot pause, lands on the first
  /// step after it where it can.
  public mutating func seek(to target: Int) throws(InterpreterStop) {
    let target = max(0, totalSteps.map { min(target, $0) } ?? target)
    // Ground covered before runs in one go, to the last step before the
    // target where the run can pause (a step passed inside another's run,
    // under a builtin, is not one); the rest step by step, so the current
    // events and the records are complete.
    let known = pausableStep(before: target)
    if target < interpreter.steps {
      interpreter = latestCheckpoint(atOrBefore: known)
      interpreter.heap.clearAllocatorLog()
      forgetCurrentEvents()
      if target == 0 { currentEventsAreLoaded = true }
    }
    if known > interpreter.steps {
      forgetCurrentEvents()
      let (finished, navigation) = try Self.rerun(&interpreter, toStep: known)
      if let navigation { navigationCheckpoint = navigation }
      if finished {
        // Not reached (known ground ends before the run does); were it,
        // the step would show no events rather than wrong ones.
        totalSteps = interpreter.steps
        currentEventsAreLoaded = true
      }
    }
    // New ground on the way tallies only; the target's step logs its events.
    while interpreter.steps < target, !isFinished {
      if recordsInStretches, interpreter.steps + 1 < target, interpreter.steps >= records.count {
        try recordTallying(toStep: target - 1)
      } else {
        try advanceStep(keepingEvents: interpreter.steps + 1 >= target)
      }
    }
    try loadCurrentEvents()
  }

  /// Loads the events of the current step into `currentEvents` if its run
  /// tallied only (the last step after `runToEnd`, or after a `seek` that
  /// passed the end): re-executes it from the latest checkpoint before it,
  /// with the log full, on a copy. Costs what a step back costs.
  public mutating func loadCurrentEvents() throws(InterpreterStop) {
    if currentEventsAreLoaded { return }
    let from = currentStepStart
    var replay = latestCheckpoint(atOrBefore: from)
    replay.heap.clearAllocatorLog()
    if from > replay.steps {
      let navigation = try Self.rerun(&replay, toStep: from).navigation
      if let navigation { navigationCheckpoint = navigation }
    }
    replay.heap.setEventLog(.full)
    _ = try replay.advance(toStep: from + 1)
    currentEvents = replay.heap.takeAllocatorEvents()
    currentEventsAreLoaded = true
  }

  /// What the history costs beyond the current state: the per-step records
  /// plus the checkpoints (each estimated as a whole model, which is what a
  /// checkpoint costs once the run has moved on and copy-on-write copied it).
  public var historyBytes: Int {
    records.bytes + checkpointCosts.reduce(0, +) + (navigationCheckpoint?.heap.approximateModelBytes ?? 0)
  }

  /// The latest checkpoint at or before `step`, the navigation checkpoint
  /// included.
  private func latestCheckpoint(atOrBefore step: Int) -> Interpreter {
    let latest = checkpoints.last { $0.steps <= step } ?? checkpoints[0]
    if let navigationCheckpoint, navigationCheckpoint.steps <= step, navigationCheckpoint.steps > latest.steps
    {
      return navigationCheckpoint
    }
    return latest
  }

  /// Re-executes known ground up to `step` (a step where the run can
  /// pause), the event log off. A long way — over twice
  /// `navigationMargin` steps — returns a navigation checkpoint taken
  /// `navigationMargin` steps short of `step` on the way.
  private static func rerun(_ replay: inout Interpreter, toStep step: Int) throws(InterpreterStop)
    -> (finished: Bool, navigation: Interpreter?)
  {
    replay.heap.setEventLog(.off)
    var navigation: Interpreter?
    if step - replay.steps > 2 * navigationMargin {
      // Lands on the first step at or after where the run can pause,
      // which is not past `step`.
      if try replay.advance(toStep: step - navigationMargin) { return (true, nil) }
      navigation = replay
    }
    return (try replay.advance(toStep: step), navigation)
  }

  /// Goes back one step: to the latest step before this one where the run
  /// can pause. Steps passed under a builtin are skipped — seeking to one
  /// lands on the step after the builtin's run, which used to leave a step
  /// back after `sum()` over a generator where it was.
  public mutating func stepBack() throws(InterpreterStop) {
    try seek(to: pausableStep(before: interpreter.steps))
  }

  /// The latest step before `step` where the run can pause, as far as the
  /// records tell (a step not recorded yet counts as one); 0 at worst.
  func pausableStep(before step: Int) -> Int {
    var candidate = min(step - 1, records.count)
    while candidate > 0, candidate < records.count, records.marks(at: candidate).contains(.continued) {
      candidate -= 1
    }
    return max(0, candidate)
  }

  /// Runs to the end, recording every step. The run tallies only, so the
  /// last step's events are not loaded (`currentEventsAreLoaded` is false
  /// unless the run had already ended): `loadCurrentEvents()` loads them.
  public mutating func runToEnd() throws(InterpreterStop) {
    while !isFinished {
      if recordsInStretches, interpreter.steps >= records.count {
        try recordTallying(toStep: Int.max)
      } else {
        try advanceStep(keepingEvents: false)
      }
    }
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

  /// Runs the next step with the event log full (`keepingEvents`) or
  /// tallying only, and records it if it is new ground. Returns true when
  /// the run has ended.
  @discardableResult
  private mutating func advanceStep(keepingEvents: Bool) throws(InterpreterStop) -> Bool {
    let before = interpreter.steps
    let line = interpreter.currentLine
    setEventLog(keepingEvents ? .full : .tally)
    if !keepingEvents { forgetCurrentEvents() }
    let finished = try interpreter.advance(toStep: before + 1)
    currentStepStart = before
    if keepingEvents {
      interpreter.heap.swapAllocatorEvents(&currentEvents)
      currentEventsAreLoaded = true
    }
    let tally = interpreter.heap.takeAllocatorTally()
    if before >= records.count { recordStep(line: line, tally: tally) }
    return finishMove(finished)
  }

  /// Runs tallying only over new ground to the first step at or after
  /// `limit` where the run can pause — stopping earlier at the next
  /// checkpoint's step or the end — and records every step passed: the
  /// records, checkpoints and state are those of `advanceStep(keepingEvents:
  /// false)` repeated, at one run of the interpreter per checkpoint
  /// interval instead of one per step (StepRecorder.swift). Returns true
  /// when the run has ended.
  @discardableResult
  private mutating func recordTallying(toStep limit: Int) throws(InterpreterStop) -> Bool {
    precondition(interpreter.steps == records.count, "recording starts at the end of the records")
    setEventLog(.tally)
    forgetCurrentEvents()
    swap(&recorder, &interpreter.stepRecorder)
    // The run fills the history's last chunk at most (continued steps
    // passed under a builtin may overrun it).
    let stop = min(limit, nextCheckpoint, records.count + records.roomInChunk)
    interpreter.stepRecorder.begin(
      into: records.lendTail(), after: records.count, line: interpreter.currentLine)
    let finished: Bool
    do {
      finished = try interpreter.advance(toStep: stop)
    } catch {
      // As a step-by-step run that stopped here: the steps before this
      // one recorded, the latest one's run the current step's.
      takeStagedRecords()
      throw error
    }
    let line = Int(interpreter.stepRecorder.line)
    takeStagedRecords()
    currentStepStart = records.count
    recordStep(line: line, tally: interpreter.heap.takeAllocatorTally())
    return finishMove(finished)
  }

  /// Gives the history back its last chunk, with the records the
  /// interpreter staged in it, after `recordTallying`'s run.
  private mutating func takeStagedRecords() {
    if let start = interpreter.stepRecorder.lastStretchStart { currentStepStart = records.count + start }
    records.take(from: &interpreter.stepRecorder)
    swap(&recorder, &interpreter.stepRecorder)
  }

  private mutating func setEventLog(_ mode: EventLogMode) {
    if interpreter.heap.eventLog != mode {
      // Events logged before a tallying stretch (the compiler's, logged
      // from the interpreter's start) are dropped; their tally stays.
      if mode == .tally { interpreter.heap.discardAllocatorEvents() }
      interpreter.heap.setEventLog(mode)
    }
  }

  /// Records the step that started at `records.count` (announcing `line`)
  /// and ran to the current one. A step that ran Python code under a
  /// builtin may pass several line events at once; the later ones get
  /// empty records.
  private mutating func recordStep(line: Int, tally: AllocatorTally) {
    appendRecord(line: line, tally: tally)
    if records.count < interpreter.steps {
      records.appendContinued(line: Int32(interpreter.currentLine), count: interpreter.steps - records.count)
    }
  }

  /// What follows every move forward: the run's length once it has ended,
  /// a checkpoint when one is due. Returns `finished`.
  private mutating func finishMove(_ finished: Bool) -> Bool {
    if finished { totalSteps = interpreter.steps }
    if interpreter.steps >= nextCheckpoint, !finished { addCheckpoint() }
    return finished
  }

  /// The current events no longer describe the current step.
  private mutating func forgetCurrentEvents() {
    guard currentEventsAreLoaded else { return }
    currentEvents = []
    currentEventsAreLoaded = false
  }

  private mutating func appendRecord(line: Int, tally: AllocatorTally) {
    if tally.isEmpty {
      records.appendQuiet(line: Int32(line))
    } else {
      records.append(line: Int32(line), tally: tally)
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
