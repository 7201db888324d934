import HeapModel
import Testing

@testable import Scenario

/// The evaluation loop's stacks (`StackBuffer`) keep value semantics by an
/// explicit `makeUnique()`, and an interpreter copied in the middle of a run
/// (a timeline checkpoint) must not see the original's later pushes and pops.
@Suite struct StackBufferTests {
  @Test func aCopyMadeUniqueKeepsItsElementsWhileTheOriginalChanges() {
    var original = StackBuffer<Int>(capacity: 2)
    for value in 0..<5 { original.append(value) }  // grows past the capacity twice
    var copy = original
    copy.makeUnique()
    copy.removeLast(2)
    copy.append(40)
    copy[0] = 10
    #expect(Array(copy) == [10, 1, 2, 40])
    #expect(Array(original) == [0, 1, 2, 3, 4])
    original.makeUnique()  // the only owner of its buffer now: no copy needed
    original.insert(9, at: 1)
    #expect(original.remove(at: 3) == 2)
    original.swapAt(0, 4)
    #expect(Array(original) == [4, 9, 1, 3, 0])
    #expect(original.array(1..<3) == [9, 1])
    let pointer = original.appendUninitialized(2)
    pointer.initialize(repeating: 7, count: 2)
    original.append(repeating: 5, count: 3)
    #expect(original.array(from: 4) == [0, 7, 7, 5, 5, 5])
    original.truncate(to: 1)
    #expect(Array(original) == [4])
    #expect(Array(copy) == [10, 1, 2, 40])
  }

  /// A generator suspended inside a `try`, a class call's `__init__` frame and
  /// a nested call are on the stacks when the interpreter is copied; the
  /// copy and the original then run to the end separately, and both write
  /// what an uncopied run writes.
  @Test(arguments: [PythonVersion.py38, .py312])
  func copiesOfARunningInterpreterRunIndependently(version: PythonVersion) throws {
    let scenario = """
      class Box:
          def __init__(self, value):
              self.value = value

      def produce(n):
          for i in range(n):
              try:
                  yield Box(i)
              finally:
                  pass

      def total(boxes, scale=1):
          result = 0
          for box in boxes:
              result += box.value * scale
          return result

      print(total(produce(20)), total(produce(5), scale=3))
      print(sorted([3, 1, 2], key=lambda v: -v))
      """
    let expected = try runScenario(scenario, version: version).stdout
    var original = try makeInterpreter(scenario, version: version)
    // Pause inside `total` (a generator with a parked `try` block below it).
    var step = 30
    while try !original.advance(toStep: step), original.frames.count < 2, step < 200 { step += 1 }
    #expect(original.frames.count == 2)
    let digest = original.stateDigest()
    var copy = original
    _ = try copy.run()
    #expect(original.stateDigest() == digest)
    _ = try original.run()
    #expect(String(decoding: copy.standardOutput, as: UTF8.self) == expected)
    #expect(String(decoding: original.standardOutput, as: UTF8.self) == expected)
    #expect(expected == "190 30\n[3, 2, 1]\n")
  }
}
