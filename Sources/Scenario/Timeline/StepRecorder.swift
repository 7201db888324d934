// Recording many steps in one run of the interpreter.
//
// The timeline records every step of new ground: the line, the allocator's
// tally of the step, and — for the line events passed where the run could
// not pause (Python code called from a builtin) — an empty `.continued`
// record each. Recording a step by running the interpreter to it cost a
// whole `advance` per step: the uniqueness checks of the heap and the four
// stacks, entering and leaving the pausable loop, the timeline's own
// bookkeeping, a call appending to the history — about 80 instructions a
// step, an eighth of a recorded run of a scenario that does little per
// line.
//
// Ground that is only tallied (`runToEnd`, and `seek` up to the step
// before its target) needs nothing of the timeline between two
// checkpoints, so the timeline runs the interpreter once up to the next
// checkpoint (or the target, or the end, or `capacity` steps on). At each
// line event where the run could have paused — exactly the points where
// step-by-step recording paused — the interpreter hands this recorder the
// tally taken since the previous one, and the recorder stages the records
// the timeline would have appended there: packed, in a buffer that grows
// without a uniqueness check per append (a `StackBuffer`, made unique once
// per run). The timeline then moves them into its history in one go
// (`StepHistory.append(staged:)`) and records the last stretch, from the
// last such point to where the run stopped, itself, as before.
//
// Invariants while recording: the staged records continue the history;
// `line` is the line announced at the step the current stretch started
// at; the allocator's tally holds the stretch's work so far. A record the
// packing cannot hold (255 blocks or more, or 4 GiB, in one step) is
// staged flagged, its tally kept in `wideTallies`.

import HeapModel

/// The records of the steps a run passes while the timeline records it in
/// one go (`Timeline.recordTallying`).
struct StepRecorder: Sendable {
  /// Steps staged before the timeline takes them; bounds a run's staging.
  static let capacity = 1 << 16

  /// Whether the interpreter records at each step where it could pause.
  var isRecording = false
  /// The staged records, in step order, after the history's last one.
  var staged = StackBuffer<PackedStep>(capacity: 1)
  /// The tallies of the staged records flagged wide, in order.
  var wideTallies: [AllocatorTally] = []
  /// The line announced at the step the current stretch started at.
  var line: Int32 = 0
  /// The number of steps recorded before the staged ones.
  var base = 0

  /// Starts staging after a history of `count` steps, at a step that
  /// announced `line`.
  mutating func begin(after count: Int, line: Int) {
    staged.makeUnique()  // a copy of the timeline may share the buffer
    staged.truncate(to: 0)
    wideTallies.removeAll(keepingCapacity: true)
    self.line = Int32(truncatingIfNeeded: line)
    base = count
    isRecording = true
  }

  /// Stages the record of a stretch that allocated and freed nothing.
  @inline(__always)
  mutating func stageQuiet() {
    staged.append(
      PackedStep(
        line: line, allocatedBytes: 0, freedBytes: 0, allocatedBlocks: 0, freedBlocks: 0, marks: 0,
        isWide: false))
  }

  /// Stages the record of a stretch from its tally.
  mutating func stage(_ tally: AllocatorTally) {
    let (step, isWide) = StepRecorder.pack(line: line, tally: tally)
    staged.append(step)
    if isWide { wideTallies.append(tally) }
  }

  /// The packed record of a step, and whether its tally is too big to pack
  /// and must be staged beside it (`StepHistory.append(staged:wideTallies:)`).
  static func pack(line: Int32, tally: AllocatorTally) -> (step: PackedStep, isWide: Bool) {
    if let packed = PackedStep(line: line, tally: tally) { return (packed, false) }
    let wide = PackedStep(
      line: line, allocatedBytes: 0, freedBytes: 0, allocatedBlocks: 0, freedBlocks: 0,
      marks: tally.kinds.rawValue, isWide: true)
    return (wide, true)
  }

  /// Stages an empty `.continued` record for each line event passed
  /// inside the stretch, up to `count` staged records.
  mutating func stageContinued(through count: Int) {
    while staged.count < count {
      staged.append(
        PackedStep(
          line: line, allocatedBytes: 0, freedBytes: 0, allocatedBlocks: 0, freedBlocks: 0,
          marks: UInt8(StepMarks.continued.rawValue), isWide: false))
    }
  }

  /// The index among the staged records of the last stretch's own record
  /// (the last one not `.continued`), nil when none is staged.
  var lastStretchStart: Int? {
    let continued = UInt8(StepMarks.continued.rawValue)
    var index = staged.count - 1
    while index >= 0, staged[index].marks & continued != 0 { index -= 1 }
    return index >= 0 ? index : nil
  }

  /// Stops recording and lets go of the staged records (after the
  /// timeline took them).
  mutating func end() {
    isRecording = false
    staged.truncate(to: 0)
    wideTallies.removeAll(keepingCapacity: true)
  }
}
