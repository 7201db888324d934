import HeapModel
import Testing

@testable import Scenario

/// A long re-execution on the way back keeps a navigation checkpoint
/// `navigationMargin` steps short of where it ended, so that the next steps
/// back start from there; the states reached must be the ones stepping
/// forward reached.
@Suite struct NavigationCheckpointTests {
  static let scenario = """
    items = []
    for i in range(15000):
        items.append([i])
        if i % 3 == 0:
            items.pop()
    print(len(items))
    """

  /// One checkpoint only (step 0): every way back re-executes the run.
  func sparseTimeline() throws -> Timeline {
    Timeline(interpreter: try makeInterpreter(Self.scenario), interval: 1 << 30, modelBytesPerStep: 0)
  }

  @Test func stepsBackFromTheEndStartNearTheTarget() throws {
    var timeline = try sparseTimeline()
    try timeline.runToEnd()
    let end = timeline.step
    #expect(end > 4 * Timeline.navigationMargin)
    // The states stepping forward reaches where the test looks (a digest
    // walks the whole heap: not at every step).
    let margin = Timeline.navigationMargin
    let looked = [(end - margin - 16)...(end - margin), (end - 30)...end, (end / 2)...(end / 2 + 8)]
    var reference = try sparseTimeline()
    var digests: [Int: UInt64] = [:]
    while try reference.stepForward() {
      if looked.contains(where: { $0.contains(reference.step) }) {
        digests[reference.step] = reference.interpreter.stateDigest()
      }
    }
    #expect(timeline.checkpoints.map(\.steps) == [0])
    // Loading the last step's events re-executes the run: the navigation
    // checkpoint is taken on the way.
    try timeline.loadCurrentEvents()
    let navigation = try #require(timeline.navigationCheckpoint)
    #expect(navigation.steps <= end - margin && navigation.steps > end - margin - 8)
    #expect(navigation.stateDigest() == digests[navigation.steps])
    #expect(digests.count > 40)
    for _ in 0..<20 {
      try timeline.stepBack()
      #expect(timeline.interpreter.stateDigest() == digests[timeline.step], "at step \(timeline.step)")
      #expect(timeline.navigationCheckpoint?.steps == navigation.steps)
    }
    // Past it, back to the middle: a new one near the middle.
    try timeline.seek(to: end / 2)
    #expect(timeline.interpreter.stateDigest() == digests[timeline.step])
    let middle = try #require(timeline.navigationCheckpoint)
    #expect(middle.steps < end / 2 && middle.steps >= end / 2 - margin - 8)
    // Forward again over known ground and back to the end.
    try timeline.seek(to: end)
    #expect(timeline.interpreter.stateDigest() == digests[end])
  }

  /// A short way back takes none.
  @Test func aShortWayBackTakesNone() throws {
    var timeline = Timeline(
      interpreter: try makeInterpreter(Self.scenario), interval: 256, modelBytesPerStep: 0)
    try timeline.runToEnd()
    try timeline.loadCurrentEvents()
    try timeline.stepBack()
    #expect(timeline.navigationCheckpoint == nil)
  }
}
