import HeapModel
import Testing

@testable import Scenario

/// A builtin that runs Python code (`sum()` over a generator) passes line
/// events where the run cannot pause. A step back from the step after it
/// must land before the builtin's call; it used to seek to the last passed
/// step, land after the call again and stay put.
@Suite struct StepBackOverBuiltinTests {
  static let scenario = """
    def g(n):
        i = 0
        while i < n:
            yield i
            i += 1
    a = 1
    total = sum(g(50))
    b = 2
    print(total)
    """

  @Test(arguments: [PythonVersion.py38, .py312])
  func steppingBackRetracesTheForwardSteps(version: PythonVersion) throws {
    var timeline = Timeline(
      interpreter: try makeInterpreter(Self.scenario, version: version), interval: 16, modelBytesPerStep: 0)
    var forward: [(step: Int, digest: UInt64)] = [(0, timeline.interpreter.stateDigest())]
    while try timeline.stepForward() { forward.append((timeline.step, timeline.interpreter.stateDigest())) }
    // The sum's 150-odd line events are one forward step.
    #expect(forward.count < 10)
    #expect(forward.contains { $0.step > 100 })
    for expected in forward.dropLast().reversed() {
      try timeline.stepBack()
      #expect(timeline.step == expected.step)
      #expect(timeline.interpreter.stateDigest() == expected.digest, "at step \(expected.step)")
    }
  }

  /// After `runToEnd` (how `run --timeline` and the bench record) too.
  @Test func steppingBackAfterRunningToTheEnd() throws {
    var stepped = Timeline(
      interpreter: try makeInterpreter(Self.scenario), interval: 16, modelBytesPerStep: 0)
    var forward = [0]
    while try stepped.stepForward() { forward.append(stepped.step) }
    var timeline = Timeline(interpreter: try makeInterpreter(Self.scenario))
    try timeline.runToEnd()
    var back = [timeline.step]
    while timeline.step > 0 {
      try timeline.stepBack()
      back.append(timeline.step)
    }
    #expect(back == forward.reversed())
  }
}
