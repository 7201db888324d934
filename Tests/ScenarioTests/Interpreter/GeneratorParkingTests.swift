import HeapModel
import Testing

@testable import Scenario

/// A `yield` refills its generator's refs through the address its resume
/// took (`RunningGeneratorRefs`), without a copy-on-write check: the resume's
/// checked access must have given the running generator refs of its own,
/// so that a timeline checkpoint taken while the generator was suspended
/// keeps the values it parked then.
@Suite struct GeneratorParkingTests {
  static let scenario = """
    def gen(n):
        x = [0]
        for i in range(n):
            x = [i] * (i + 1)
            yield len(x)
    def pair(src):
        for v in src:
            y = (v, v)
            yield y
    g = gen(4)
    a = next(g)
    b = next(g)
    total = 0
    for p in pair(gen(5)):
        total += p[0]
    c = next(g)
    print(a, b, total, c)

    """

  /// Every generator row's refs (parked values, then the function).
  private static func generatorRefs(_ interpreter: Interpreter) -> [[ObjectID]] {
    let heap = interpreter.heap
    return (0..<heap.kinds.count).filter { heap.kinds[$0] == .generator }.map {
      heap.fieldsPayload(ObjectID($0)).refs
    }
  }

  @Test(arguments: [PythonVersion.py38, .py311, .py312, .py313])
  func checkpointsKeepTheValuesTheirGeneratorsParked(version: PythonVersion) throws {
    var interpreter = try makeInterpreter(Self.scenario, version: version)
    var checkpoints: [(interpreter: Interpreter, refs: [[ObjectID]])] = []
    var step = 1
    while try !interpreter.advance(toStep: step) {
      checkpoints.append((interpreter, Self.generatorRefs(interpreter)))
      step = interpreter.steps + 1
    }
    #expect(String(decoding: interpreter.standardOutput, as: UTF8.self) == "1 2 15 3\n")
    #expect(checkpoints.contains { !$0.refs.isEmpty }, "no pause saw a generator")
    for (checkpoint, refs) in checkpoints {
      #expect(Self.generatorRefs(checkpoint) == refs, "checkpoint at step \(checkpoint.steps) changed")
      var replay = checkpoint
      while try !replay.advance(toStep: nil) {}
      #expect(replay.standardOutput == interpreter.standardOutput)
    }
  }
}
