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
// the timeline would have appended there: packed, straight into the
// history's last chunk, which the history lends for the run
// (`StepHistory.lendTail`) — a buffer that grows without a uniqueness check
// per append (a `StackBuffer`). A step that allocated or freed anything has
// its position listed (`loud`), so that the history, taking the chunk back
// (`StepHistory.take(from:)`), settles the live totals from those alone.
// The timeline then records the last stretch, from the last such point to
// where the run stopped, itself, as before.
//
// A quiet record is written through a cursor (`next`) into the room the
// chunk is known to have (`limit`), without the buffer's count or capacity
// check; the buffer's count catches up (`sync`) before anything else
// appends to it or reads it.
//
// Invariants while recording: the staged records, from position `first`
// of `staged` on up to `stagedCount`, continue the history; `staged.count`
// lags `stagedCount` by the records written through `next` since the last
// `sync`; `next <= limit`, and `staged`'s capacity reaches `limit`;
// `stagedCount == steps - base` once a stretch is staged; `loud` lists, in
// order, the positions of the records staged from a tally; `line` is the
// line announced at the step the current stretch started at; the
// allocator's tally holds the stretch's work so far. A record the packing
// cannot hold (255 blocks or more, or 4 GiB, in one step) is staged
// flagged, its tally kept in `wideTallies`.

import HeapModel

/// The records of the steps a run passes while the timeline records it in
/// one go (`Timeline.recordTallying`).
struct StepRecorder: @unchecked Sendable {
  /// Whether the interpreter records at each step where it could pause.
  var isRecording = false
  /// The history's last chunk while lent (`StepHistory.lendTail`): its
  /// records, then the staged ones from `first` on, in step order.
  private(set) var staged = StackBuffer<PackedStep>(capacity: 1)
  /// Where the next record goes (`staged.start + stagedCount`).
  private(set) var next: UnsafeMutablePointer<PackedStep>
  /// The end of the room `staged` is known to have.
  private var limit: UnsafeMutablePointer<PackedStep>
  /// Where in `staged` the records of this run start.
  private(set) var first = 0
  /// The positions in `staged` of the records staged from a tally (the
  /// steps that may have changed the live total), in order.
  private(set) var loud: [Int] = []
  /// The tallies of the staged records flagged wide, in order.
  private(set) var wideTallies: [AllocatorTally] = []
  /// The line announced at the step the current stretch started at.
  var line: Int32 = 0
  /// The step count minus the position in `staged` of its record: the
  /// number of steps recorded before `staged`'s first record.
  private(set) var base = 0

  init() {
    next = staged.start
    limit = staged.start
  }

  /// Records in `staged`, the ones written through `next` included.
  var stagedCount: Int { next - staged.start }

  /// Starts staging into `chunk`, the history's lent tail (whose capacity
  /// is at least `StepHistory.chunkSize` and its count), after a history
  /// of `count` steps, at a step that announced `line`.
  mutating func begin(into chunk: StackBuffer<PackedStep>, after count: Int, line: Int) {
    staged = chunk
    resetCursor()
    first = staged.count
    loud.removeAll(keepingCapacity: true)
    wideTallies.removeAll(keepingCapacity: true)
    self.line = Int32(truncatingIfNeeded: line)
    base = count - first
    isRecording = true
  }

  /// Points the cursor after `staged`'s records, its room up to the
  /// capacity `staged` is known to have.
  private mutating func resetCursor() {
    next = staged.start + staged.count
    limit = staged.start + Swift.max(StepHistory.chunkSize, staged.count)
  }

  /// Brings `staged.count` up to the records written through the cursor.
  mutating func sync() {
    let behind = stagedCount - staged.count
    if behind > 0 { _ = staged.appendUninitialized(behind) }  // within capacity: no copy
  }

  /// Stages the record of a quiet stretch if the chunk has room; false
  /// (nothing staged) if not.
  @inline(__always)
  mutating func stageQuietInRoom() -> Bool {
    guard next < limit else { return false }
    next.initialize(
      to: PackedStep(
        line: line, allocatedBytes: 0, freedBytes: 0, allocatedBlocks: 0, freedBlocks: 0, marks: 0,
        isWide: false))
    next += 1
    return true
  }

  /// Stages the record of a stretch that allocated and freed nothing.
  mutating func stageQuiet() {
    if stageQuietInRoom() { return }
    append(
      PackedStep(
        line: line, allocatedBytes: 0, freedBytes: 0, allocatedBlocks: 0, freedBlocks: 0, marks: 0,
        isWide: false))
  }

  /// Stages a record through the buffer (which grows if it must).
  private mutating func append(_ step: PackedStep) {
    sync()
    staged.append(step)
    resetCursor()
  }

  /// Stages the record of a stretch from its tally.
  mutating func stage(_ tally: AllocatorTally) {
    let (step, isWide) = StepRecorder.pack(line: line, tally: tally)
    loud.append(stagedCount)
    if next < limit {
      next.initialize(to: step)
      next += 1
    } else {
      append(step)
    }
    if isWide { wideTallies.append(tally) }
  }

  /// The packed record of a step, and whether its tally is too big to pack
  /// and must be staged beside it (`StepHistory.take(from:)` settles it).
  static func pack(line: Int32, tally: AllocatorTally) -> (step: PackedStep, isWide: Bool) {
    if let packed = PackedStep(line: line, tally: tally) { return (packed, false) }
    let wide = PackedStep(
      line: line, allocatedBytes: 0, freedBytes: 0, allocatedBlocks: 0, freedBlocks: 0,
      marks: tally.kinds.rawValue, isWide: true)
    return (wide, true)
  }

  /// Stages an empty `.continued` record for each line event passed
  /// inside the stretch, up to position `count` of `staged`.
  mutating func stageContinued(through count: Int) {
    sync()
    if staged.count < count {
      staged.append(
        repeating: PackedStep(
          line: line, allocatedBytes: 0, freedBytes: 0, allocatedBlocks: 0, freedBlocks: 0,
          marks: UInt8(StepMarks.continued.rawValue), isWide: false), count: count - staged.count)
    }
    resetCursor()
  }

  /// The index among this run's staged records of the last stretch's own
  /// record (the last one not `.continued`), nil when none is staged.
  var lastStretchStart: Int? {
    let continued = UInt8(StepMarks.continued.rawValue)
    var index = stagedCount - 1
    while index >= first, staged.start[index].marks & continued != 0 { index -= 1 }
    return index >= first ? index - first : nil
  }

  /// Hands back the chunk with the staged records (`StepHistory.take`).
  mutating func takeChunk() -> StackBuffer<PackedStep> {
    sync()
    var chunk = StackBuffer<PackedStep>(capacity: 1)
    swap(&chunk, &staged)
    resetCursor()
    return chunk
  }

  /// Stops recording and forgets the positions and tallies (after the
  /// history took its chunk back).
  mutating func end() {
    isRecording = false
    if staged.count > 0 { staged = StackBuffer(capacity: 1) }
    resetCursor()
    limit = next
    first = 0
    loud.removeAll(keepingCapacity: true)
    wideTallies.removeAll(keepingCapacity: true)
  }
}
