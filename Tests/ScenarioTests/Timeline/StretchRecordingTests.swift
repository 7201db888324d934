import HeapModel
import Testing

@testable import Scenario

/// Recording tallied ground many steps per run of the interpreter
/// (`Timeline.recordTallying`) must record exactly what recording it step
/// by step recorded: every record, every checkpoint, the run's length, its
/// output and its final state.
@Suite struct StretchRecordingTests {
  /// Generators (driven by `for`, by `next()` and by builtins), Python code
  /// run under builtins (`sorted` with a key, `map`, `__repr__` from
  /// `print`, `__eq__` from `list.index`), exceptions raised and caught
  /// across frames, automatic and explicit collections of cycles,
  /// `__del__` during the run and at shutdown.
  static let scenarios: [String: String] = [
    "generators": """
    def count(n):
        i = 0
        while i < n:
            yield [i] * 3
            i += 1
    total = 0
    for row in count(40):
        total += len(row)
    g = count(10)
    first = next(g)
    second = next(g)
    print(total, sum(len(r) for r in count(25)), list(count(3)), first, second)
    squares = [x * x for x in range(30)]
    pairs = dict((k, [k]) for k in range(20))
    print(len(squares), len(pairs))
    """,
    "builtins": """
    class Item:
        def __init__(self, v):
            self.v = v
        def __repr__(self):
            label = "Item"
            return label + "(" + str(self.v) + ")"
        def __eq__(self, other):
            same = self.v == other.v
            return same
    def key(item):
        k = -item.v
        return k
    def double(item):
        twice = Item(item.v * 2)
        return twice
    items = [Item(i * 7 % 11) for i in range(11)]
    ordered = sorted(items, key=key)
    doubled = list(map(double, ordered))
    print(ordered[:3], doubled[-2:])
    print(items.index(Item(4)))
    print(max(items, key=lambda it: it.v % 5))
    """,
    "exceptions": """
    def fail(n):
        if n % 3 == 0:
            raise ValueError("bad " + str(n))
        return [n] * n
    kept = []
    for i in range(30):
        try:
            kept.append(fail(i))
        except ValueError as e:
            kept.append(str(e))
        finally:
            note = i
    def deep(n):
        if n == 0:
            raise KeyError(n)
        return deep(n - 1)
    try:
        deep(12)
    except KeyError:
        print("caught", len(kept))
    d = {}
    d[1] = d.get(2, [])
    print(d[3])
    """,
    "collections": """
    import gc
    class Node:
        def __init__(self, v):
            self.v = v
            self.peer = self
        def __del__(self):
            gone = self.v
    for round in range(6):
        ring = [Node(i) for i in range(120)]
        for a, b in zip(ring, ring[1:]):
            a.peer = b
        del ring
    print(gc.collect())
    junk = [[i, str(i)] for i in range(900)]
    big = "x" * 5000
    keep = Node(-1)
    print(len(junk), len(big))
    """,
  ]

  static func timeline(_ name: String, version: PythonVersion, interval: Int, inStretches: Bool) throws
    -> Timeline
  {
    var timeline = Timeline(
      interpreter: try makeInterpreter(Self.scenarios[name]!, version: version), interval: interval,
      modelBytesPerStep: 0)
    timeline.recordsInStretches = inStretches
    return timeline
  }

  static func expectSame(_ a: Timeline, _ b: Timeline, _ note: String) {
    #expect(a.step == b.step, "\(note)")
    #expect(a.records.count == b.records.count, "\(note)")
    #expect(Array(a.records) == Array(b.records), "\(note)")
    #expect(a.checkpoints.map(\.steps) == b.checkpoints.map(\.steps), "\(note)")
    #expect(a.interval == b.interval, "\(note)")
    #expect(a.totalSteps == b.totalSteps, "\(note)")
    #expect(a.isFinished == b.isFinished, "\(note)")
    #expect(a.interpreter.stateDigest() == b.interpreter.stateDigest(), "\(note)")
    #expect(a.interpreter.standardOutput == b.interpreter.standardOutput, "\(note)")
    #expect(a.interpreter.standardError == b.interpreter.standardError, "\(note)")
    #expect(a.interpreter.gcLog == b.interpreter.gcLog, "\(note)")
    #expect(a.currentEventsAreLoaded == b.currentEventsAreLoaded, "\(note)")
    #expect(a.currentEvents == b.currentEvents, "\(note)")
  }

  static let names = scenarios.keys.sorted()

  @Test(arguments: names, [PythonVersion.py38, .py311, .py312, .py313])
  func runningToTheEndInStretchesRecordsWhatSteppingRecords(name: String, version: PythonVersion) throws {
    for interval in [4, 256] {
      var stepped = try Self.timeline(name, version: version, interval: interval, inStretches: false)
      try stepped.runToEnd()
      var stretched = try Self.timeline(name, version: version, interval: interval, inStretches: true)
      try stretched.runToEnd()
      Self.expectSame(stretched, stepped, "\(name) \(version) interval \(interval)")
      #expect(stretched.totalSteps ?? 0 > 100)
      // The last step's events, loaded on demand, are the same too.
      try stepped.loadCurrentEvents()
      try stretched.loadCurrentEvents()
      #expect(!stretched.currentEvents.isEmpty)
      Self.expectSame(stretched, stepped, "\(name) \(version) interval \(interval), last step loaded")
    }
  }

  /// The scenarios exercise what they are meant to: steps passed under a
  /// builtin (`.continued`), collections, and frees in most of them.
  @Test func theScenariosCoverContinuedStepsAndCollections() throws {
    var marks: [String: StepMarks] = [:]
    for name in Self.names {
      var timeline = try Self.timeline(name, version: .py312, interval: 256, inStretches: true)
      try timeline.runToEnd()
      marks[name] = timeline.records.reduce(StepMarks()) { $0.union($1.marks) }
    }
    #expect(marks["builtins"]!.contains(.continued))
    #expect(marks["generators"]!.contains(.continued))
    #expect(marks["collections"]!.contains(.collection))
    #expect(marks["collections"]!.contains(.continued))  // `__del__` during a step
    #expect(marks["exceptions"]!.contains(.blockFreed))
    // A step too big to pack (255 blocks or more) is staged wide.
    var collections = try Self.timeline("collections", version: .py312, interval: 256, inStretches: true)
    try collections.runToEnd()
    #expect(collections.records.contains { $0.freedBlocks > 255 || $0.allocatedBlocks > 255 })
  }

  /// Steps staged into the history's lent tail and runs of `.continued`
  /// steps appended in bulk read back as the same steps appended one by
  /// one, across chunk boundaries (a staging run overrunning its chunk
  /// included) and with wide and quiet steps among them.
  @Test func bulkAppendsEqualOneByOneAppends() throws {
    var single = StepHistory()
    var bulk = StepHistory()
    var recorder = StepRecorder()
    var state: UInt32 = 99
    func flush() {
      if recorder.isRecording { bulk.take(from: &recorder) }
    }
    func stage(_ tally: AllocatorTally, line: Int32) {
      if !recorder.isRecording { recorder.begin(into: bulk.lendTail(), after: bulk.count, line: 0) }
      recorder.line = line
      if tally.isEmpty { recorder.stageQuiet() } else { recorder.stage(tally) }
    }
    for step in 0..<150_000 {
      state = state &* 1_103_515_245 &+ 12345
      let line = Int32(step % 97)
      if step % 5003 == 0 {
        // A long run of continued steps, as a builtin running Python code.
        let n = Int(state % 70_000)
        flush()
        bulk.appendContinued(line: line, count: n)
        for _ in 0..<n {
          single.appendQuiet(line: line)
          single.insertMarks(.continued)
        }
        continue
      }
      var tally = AllocatorTally()
      for _ in 0..<Int(state % 4) { tally = tally.adding(.rawAllocated(address: Address(64), size: 40)) }
      if step % 1777 == 0 {
        for _ in 0..<300 { tally = tally.adding(.rawFreed(address: Address(64), size: 24)) }
      }
      if step % 2503 == 0 {
        // Too many bytes to pack: flagged, then kept clamped (it fits then).
        tally = tally.adding(.rawAllocated(address: Address(64), size: 5 << 30))
      }
      if tally.isEmpty { single.appendQuiet(line: line) } else { single.append(line: line, tally: tally) }
      stage(tally, line: line)
      if step % 3001 == 0 { flush() }
    }
    flush()
    #expect(single.count == bulk.count)
    #expect(single.count > 1 << 17)
    #expect(!recorder.isRecording)
    for index in stride(from: 0, to: single.count, by: 3) {
      if single[index] != bulk[index] {
        Issue.record("step \(index): \(single[index]) != \(bulk[index])")
        break
      }
    }
    #expect(single.last == bulk.last)
    #expect(single.contains { $0.freedBlocks >= 300 })
    #expect(single.contains { $0.allocatedBytes == Int32.max })
  }

  /// Seeks forward over new ground, back, and forward again past the
  /// known ground: the same positions, records, checkpoints and events.
  @Test(arguments: names, [PythonVersion.py38, .py312])
  func seekingInStretchesRecordsWhatSteppingRecords(name: String, version: PythonVersion) throws {
    var stepped = try Self.timeline(name, version: version, interval: 8, inStretches: false)
    var stretched = try Self.timeline(name, version: version, interval: 8, inStretches: true)
    for target in [1, 2, 37, 20, 95, 96, 60, 200, 3, 150, 420, 10_000, 5, Int.max] {
      try stepped.seek(to: target)
      try stretched.seek(to: target)
      Self.expectSame(stretched, stepped, "\(name) \(version) seek \(target)")
      #expect(stretched.currentEventsAreLoaded)
    }
    try stepped.seek(to: 30)
    try stretched.seek(to: 30)
    try stepped.runToEnd()
    try stretched.runToEnd()
    Self.expectSame(stretched, stepped, "\(name) \(version) run to the end from 30")
  }

  /// Going back after a partial run and running to the end re-executes
  /// known ground, then records new ground in stretches.
  @Test(arguments: [PythonVersion.py39, .py313])
  func runningToTheEndFromKnownGround(version: PythonVersion) throws {
    var stepped = try Self.timeline("collections", version: version, interval: 16, inStretches: false)
    var stretched = try Self.timeline("collections", version: version, interval: 16, inStretches: true)
    try stepped.seek(to: 300)
    try stretched.seek(to: 300)
    try stepped.seek(to: 41)
    try stretched.seek(to: 41)
    Self.expectSame(stretched, stepped, "back at 41")
    try stepped.runToEnd()
    try stretched.runToEnd()
    Self.expectSame(stretched, stepped, "run to the end")
    // A backward search skips and replays stretches by the records.
    let query = EventQuery.collection
    let foundStepped = try stepped.seekBackward(query, before: nil)
    let foundStretched = try stretched.seekBackward(query, before: nil)
    #expect(foundStretched != nil)
    #expect(foundStretched == foundStepped)
    Self.expectSame(stretched, stepped, "after a backward search")
  }

  /// The builtins scenario's timeline with a `--max-steps` limit.
  static func limitedTimeline(version: PythonVersion, limit: Int, inStretches: Bool) throws -> Timeline {
    var interpreter = try Self.timeline("builtins", version: version, interval: 16, inStretches: inStretches)
      .interpreter
    interpreter.maxSteps = limit
    var timeline = Timeline(interpreter: interpreter, interval: 16, modelBytesPerStep: 0)
    timeline.recordsInStretches = inStretches
    return timeline
  }

  /// `--max-steps` stops a stretch where it stopped a step: the same error,
  /// the steps before it recorded, and the same state.
  @Test(arguments: [PythonVersion.py38, .py312], [7, 33, 64, 65, 101])
  func aStepLimitStopsAStretchWhereItStoppedAStep(version: PythonVersion, limit: Int) throws {
    var timelines: [Timeline] = []
    for inStretches in [false, true] {
      var timeline = try Self.limitedTimeline(version: version, limit: limit, inStretches: inStretches)
      #expect(throws: InterpreterStop.stepLimit(limit)) { try timeline.runToEnd() }
      #expect(timeline.records.count <= limit && timeline.records.count > 0)
      timelines.append(timeline)
    }
    Self.expectSame(timelines[1], timelines[0], "\(version) --max-steps \(limit)")
    // Both would load the events of the same step (the last one finished).
    for index in timelines.indices { try timelines[index].loadCurrentEvents() }
    #expect(timelines[1].currentEvents == timelines[0].currentEvents)
    // A seek past the limit stops there too.
    var sought: [Timeline] = []
    for inStretches in [false, true] {
      var timeline = try Self.limitedTimeline(version: version, limit: limit, inStretches: inStretches)
      #expect(throws: InterpreterStop.stepLimit(limit)) { try timeline.seek(to: limit + 40) }
      sought.append(timeline)
    }
    Self.expectSame(sought[1], sought[0], "\(version) seek past --max-steps \(limit)")
  }

  /// An uncaught exception ends the run inside a stretch: exit status 1,
  /// the traceback written, the last step recorded as stepping records it.
  @Test(arguments: [PythonVersion.py38, .py313])
  func anUncaughtExceptionEndsAStretchAsItEndsAStep(version: PythonVersion) throws {
    var stepped = try Self.timeline("exceptions", version: version, interval: 32, inStretches: false)
    var stretched = try Self.timeline("exceptions", version: version, interval: 32, inStretches: true)
    try stepped.runToEnd()
    try stretched.runToEnd()
    Self.expectSame(stretched, stepped, "\(version)")
    #expect(stretched.interpreter.exitStatus == 1)
    #expect(String(decoding: stretched.interpreter.standardError, as: UTF8.self).contains("KeyError: 3"))
  }
}
