import HeapModel
import Scenario
import Testing

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
    var forward = Timeline(interpreter: try makeInterpreter(Self.scenario, version: version), interval: 16)
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
      #expect(forward.interpreter.stateDigest() == digestAt[target - 1] ?? forward.interpreter.stateDigest())
    }
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

  /// `__del__` methods run at shutdown print and count their lines as steps
  /// passed inside the last one: the timeline must not lose that output.
  @Test(arguments: [PythonVersion.py38, .py312])
  func shutdownFinalizersRunUnderTheTimeline(version: PythonVersion) throws {
    let text = """
      class A:
          def __del__(self):
              x = 1
              print("del", x)
      a = A()
      b = A()
      print("end")
      """
    var plain = try makeInterpreter(text, version: version)
    #expect(try plain.run() == 0)
    var replay = Timeline(interpreter: try makeInterpreter(text, version: version), interval: 2)
    try replay.runToEnd()
    let output = String(decoding: replay.interpreter.standardOutput, as: UTF8.self)
    #expect(output == "end\ndel 1\ndel 1\n")
    #expect(output == String(decoding: plain.standardOutput, as: UTF8.self))
    #expect(replay.totalSteps == plain.steps)
    #expect(replay.records.count == plain.steps)
  }
}
