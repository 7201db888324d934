import HeapModel
import Testing

@testable import Scenario

@Suite struct TimelineTests {
  static let scenario = """
    class Node:
        def __init__(self, v):
            self.v = v
            self.next = None
    nodes = []
    for i in range(60):
        n = Node(i)
        nodes.append(n)
        if i % 7 == 0:
            nodes.pop(0)
    text = ""
    for i in range(40):
        text += str(i)
    print(len(nodes), len(text))
    del nodes
    """

  @Test(arguments: [PythonVersion.py38, .py311, .py313])
  func steppingBackGivesTheSameStateAsSteppingForward(version: PythonVersion) throws {
    var forward = Timeline(
      interpreter: try makeInterpreter(Self.scenario, version: version), interval: 16, modelBytesPerStep: 0)
    var digests: [Int] = []
    var digestAt: [Int: UInt64] = [:]
    while try forward.stepForward() {
      digestAt[forward.step] = forward.interpreter.stateDigest()
      digests.append(forward.step)
    }
    #expect(forward.totalSteps == forward.step)
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<25 {
      let target = digests.randomElement(using: &generator)!
      try forward.seek(to: target)
      #expect(forward.step == target)
      #expect(forward.interpreter.stateDigest() == digestAt[target], "at step \(target)")
      try forward.stepBack()
      let previous = digests.last { $0 < target } ?? 0
      #expect(forward.step == previous)
      if previous > 0 { #expect(forward.interpreter.stateDigest() == digestAt[previous]) }
    }
  }

  /// Checkpoints are taken on new ground only: going back and stepping
  /// over known ground again adds none (it used to add a duplicate at each
  /// interval crossed, out of order).
  @Test func steppingOverKnownGroundTakesNoCheckpoints() throws {
    var timeline = Timeline(
      interpreter: try makeInterpreter(Self.scenario), interval: 16, modelBytesPerStep: 0)
    try timeline.runToEnd()
    let taken = timeline.checkpoints.map(\.steps)
    #expect(taken.count > 3)
    #expect(taken == taken.sorted() && Set(taken).count == taken.count)
    #expect(taken.dropFirst().allSatisfy { $0 % timeline.interval == 0 })
    try timeline.seek(to: 5)
    while try timeline.stepForward() {}
    #expect(timeline.checkpoints.map(\.steps) == taken)
  }

  @Test func seekEqualsSteppingAndAttributionSumsToTheAllocator() throws {
    var stepped = Timeline(interpreter: try makeInterpreter(Self.scenario))
    for _ in 0..<150 { try stepped.stepForward() }
    var sought = Timeline(interpreter: try makeInterpreter(Self.scenario))
    // A class body runs under a builtin (no pause inside), so 150 steps
    // forward may have passed step 150.
    try sought.seek(to: stepped.step)
    #expect(sought.step == stepped.step)
    #expect(sought.interpreter.stateDigest() == stepped.interpreter.stateDigest())
    // Every byte allocated or freed since step 0 is attributed to a line.
    let lines = stepped.lineMemory()
    let net = lines.values.reduce(0) { $0 + $1.netBytes }
    #expect(net == stepped.records[stepped.step - 1].liveBytes)
    #expect(lines.keys.contains(7))
  }

  /// Stepping one line at a time must not change what the run writes: the
  /// `__del__` methods that run at shutdown run to their end (they used to
  /// stop at their first line under a timeline).
  @Test(arguments: [PythonVersion.py38, .py312])
  func steppedRunWritesWhatAPlainRunWrites(version: PythonVersion) throws {
    let scenario = """
      class A:
          def __del__(self):
              x = 1
              print("del", x)
              print("again")
      a = A()
      b = A()
      print("end")
      """
    var plain = try makeInterpreter(scenario, version: version)
    #expect(try plain.run() == 0)
    var timeline = Timeline(interpreter: try makeInterpreter(scenario, version: version))
    try timeline.runToEnd()
    let written = String(decoding: timeline.interpreter.standardOutput, as: UTF8.self)
    #expect(written == "end\ndel 1\nagain\ndel 1\nagain\n")
    #expect(written == String(decoding: plain.standardOutput, as: UTF8.self))
    #expect(timeline.totalSteps == plain.steps)
    #expect(timeline.records.count == plain.steps)
  }

  /// Cycles, a collection with its phases, raw blocks and a shutdown that
  /// frees everything: every kind of tally.
  static let busy = """
    import gc
    class Node:
        def __init__(self, v):
            self.v = v
            self.other = self
    nodes = [Node(i) for i in range(300)]
    big = "x" * 2000
    del nodes
    print(gc.collect())
    keep = [[i] for i in range(500)]
    text = ""
    for i in range(30):
        text += str(i)
    print(len(keep), len(text))
    """

  /// The tally sums every event of `events`, as the timeline's per-event
  /// walk did before the allocator counted.
  func walk(_ events: [AllocatorEvent]) -> AllocatorTally {
    events.reduce(AllocatorTally()) { $0.adding($1) }
  }

  /// A step's record comes from the allocator's tally; it must say what
  /// the step's events say.
  @Test(arguments: [PythonVersion.py38, .py312, .py313])
  func recordsSayWhatTheEventsSay(version: PythonVersion) throws {
    var timeline = Timeline(interpreter: try makeInterpreter(Self.busy, version: version))
    var checked = 0
    var kinds: AllocatorTally.Kinds = []
    while !timeline.isFinished {
      let before = timeline.step
      try timeline.stepForward()
      #expect(timeline.currentEventsAreLoaded)
      let record = timeline.records[before]
      let walked = walk(timeline.currentEvents)
      #expect(Int(record.allocatedBytes) == walked.allocatedBytes, "step \(before + 1)")
      #expect(Int(record.freedBytes) == walked.freedBytes, "step \(before + 1)")
      #expect(Int(record.allocatedBlocks) == walked.allocatedBlocks, "step \(before + 1)")
      #expect(Int(record.freedBlocks) == walked.freedBlocks, "step \(before + 1)")
      #expect(record.marks.subtracting(.continued) == StepMarks(walked.kinds), "step \(before + 1)")
      kinds.formUnion(walked.kinds)
      checked += 1
    }
    #expect(checked > 20)
    // (The first arena is mapped before step 1, while the module compiles.)
    #expect(kinds == [.blockAllocated, .blockFreed, .newPool, .gcPhase, .collection])
  }

  /// `runToEnd` tallies only: the same records and checkpoints as stepping
  /// with the log full, and the last step's events on demand.
  @Test(arguments: [PythonVersion.py38, .py312])
  func runningToTheEndRecordsWhatSteppingRecords(version: PythonVersion) throws {
    var stepped = Timeline(
      interpreter: try makeInterpreter(Self.busy, version: version), interval: 8, modelBytesPerStep: 0)
    var eventsAt: [Int: [AllocatorEvent]] = [:]
    while try stepped.stepForward() { eventsAt[stepped.step] = stepped.currentEvents }
    var run = Timeline(
      interpreter: try makeInterpreter(Self.busy, version: version), interval: 8, modelBytesPerStep: 0)
    try run.runToEnd()
    #expect(run.totalSteps == stepped.totalSteps)
    #expect(Array(run.records) == Array(stepped.records))
    #expect(run.checkpoints.map(\.steps) == stepped.checkpoints.map(\.steps))
    #expect(run.interpreter.stateDigest() == stepped.interpreter.stateDigest())
    #expect(!run.currentEventsAreLoaded && run.currentEvents.isEmpty)
    try run.loadCurrentEvents()
    #expect(run.currentEventsAreLoaded)
    #expect(run.currentEvents.count > 300)  // shutdown frees the lists
    #expect(run.currentEvents == stepped.currentEvents)
    #expect(run.interpreter.stateDigest() == stepped.interpreter.stateDigest())
    // A seek anywhere loads its step's events, the last one included.
    var sought = Timeline(
      interpreter: try makeInterpreter(Self.busy, version: version), interval: 8, modelBytesPerStep: 0)
    try sought.seek(to: Int.max)
    #expect(sought.isFinished && sought.currentEventsAreLoaded)
    #expect(sought.currentEvents == stepped.currentEvents)
    #expect(Array(sought.records) == Array(stepped.records))
    var compared = 0
    for target in eventsAt.keys.sorted().reversed() where target % 5 == 0 {
      try run.seek(to: target)
      #expect(run.currentEvents == eventsAt[target], "step \(target)")
      compared += run.currentEvents.isEmpty ? 0 : 1
    }
    #expect(compared > 3)
  }
}
