// The interpreter's side of recording many steps in one run
// (StepRecorder.swift): at a line event where the run could have paused,
// the stretch since the previous one is staged as the timeline would have
// recorded it.
//
// Out of line, so that `lineEvent` stays small enough to be inlined into
// the evaluation loop, where a plain run pays one test of `pauseAtStep`
// per line; a step that allocated and freed nothing — most of them — does
// not even take the allocator's tally (an empty tally is all zeros). That
// common case, a quiet stretch of one step with room in the chunk, is a
// few loads and stores and calls nothing; everything else (a tally to
// pack, `.continued` steps to add, a full chunk) is reached by a tail call,
// so that the common case does not save the registers the rest needs (the
// whole function cost ~50 instructions a step).

import HeapModel

extension Interpreter {
  /// Stages the record of the stretch that ends at this line event, then
  /// the `.continued` records of the line events passed inside it.
  @inline(never)
  mutating func recordStretch() {
    guard heap.allocator.tally.kinds.isEmpty, stepRecorder.stageQuietInRoom() else {
      return recordOtherStretch()
    }
    stepRecorder.line = Int32(truncatingIfNeeded: currentLine)
    if stepRecorder.stagedCount &+ stepRecorder.base < steps { recordContinuedSteps() }
  }

  /// `recordStretch` for a stretch that allocated or freed something, or
  /// with the chunk full.
  @inline(never)
  private mutating func recordOtherStretch() {
    if heap.allocator.tally.kinds.isEmpty {
      stepRecorder.stageQuiet()
    } else {
      stepRecorder.stage(heap.takeAllocatorTally())
    }
    stepRecorder.line = Int32(truncatingIfNeeded: currentLine)
    if stepRecorder.stagedCount &+ stepRecorder.base < steps { recordContinuedSteps() }
  }

  /// The `.continued` records of the line events the stretch passed.
  @inline(never)
  private mutating func recordContinuedSteps() {
    stepRecorder.stageContinued(through: steps &- stepRecorder.base)
  }
}
