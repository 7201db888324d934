// The interpreter's side of recording many steps in one run
// (StepRecorder.swift): at a line event where the run could have paused,
// the stretch since the previous one is staged as the timeline would have
// recorded it.
//
// Out of line, so that `lineEvent` stays small enough to be inlined into
// the evaluation loop, where a plain run pays one test of `pauseAtStep`
// per line; a step that allocated and freed nothing — most of them — does
// not even take the allocator's tally (an empty tally is all zeros).

import HeapModel

extension Interpreter {
  /// Stages the record of the stretch that ends at this line event, then
  /// the `.continued` records of the line events passed inside it.
  @inline(never)
  mutating func recordStretch() {
    if heap.allocator.tally.kinds.isEmpty {
      stepRecorder.stageQuiet()
    } else {
      stepRecorder.stage(heap.takeAllocatorTally())
    }
    stepRecorder.line = Int32(truncatingIfNeeded: currentLine)
    let count = steps &- stepRecorder.base
    if stepRecorder.staged.count < count { stepRecorder.stageContinued(through: count) }
  }
}
