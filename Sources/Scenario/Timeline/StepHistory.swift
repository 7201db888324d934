// The timeline's per-step records, 16 bytes a step.
//
// A recorded replay of a million-object scenario passes millions of steps
// and keeps one record for each. At 32 bytes (four counters, the marks and
// the live-byte total) the records were the largest part of a recorded
// replay's memory — 4M steps of `million_tracked.py` took 134 MB, and
// doubling the array to grow it copied all of it, so the peak was half as
// much again.
//
// Here a step is packed in 16 bytes: its line, the bytes it allocated and
// freed as 32-bit counts, the blocks as 8-bit counts, and its marks. Steps
// live in chunks of 64k that are allocated at their full size and never
// move; the last, partly filled one is kept apart (`tail`), so appending a
// step is one array append, not a nested one through the chunk list. The rare step that does not fit (255 blocks or more, or 4 GiB, in
// one line) is flagged and keeps its whole record in a side table. The
// live-byte total is kept once every 16 steps; a record's own total is that
// plus the net bytes of the steps before it in its stretch, so reading any
// record costs at most 15 additions.
//
// Invariants: `count` steps are stored; chunk k holds steps k·2¹⁶ …, the
// full chunks in `chunks` and the rest in `tail` (empty only when `count` is
// a multiple of 2¹⁶); `wide`
// has an entry exactly for the flagged steps; `liveBefore[b]` is the live
// total before step 16·b.

import HeapModel

/// One step packed: what `StepRecord` says, with small counts.
struct PackedStep {
  var line: Int32
  var allocatedBytes: UInt32
  var freedBytes: UInt32
  var allocatedBlocks: UInt8
  var freedBlocks: UInt8
  var marks: UInt8
  /// The step's whole record is in `StepHistory.wide`.
  var isWide: Bool
}

extension PackedStep {
  /// A step from the allocator's tally of it; nil when a count does not
  /// fit (the step must be kept wide).
  @inline(__always)
  init?(line: Int32, tally: AllocatorTally) {
    let limit = Int(Int32.max)
    guard tally.allocatedBytes <= limit, tally.freedBytes <= limit, tally.allocatedBlocks <= Int(UInt8.max),
      tally.freedBlocks <= Int(UInt8.max)
    else { return nil }
    self.init(
      line: line, allocatedBytes: UInt32(truncatingIfNeeded: tally.allocatedBytes),
      freedBytes: UInt32(truncatingIfNeeded: tally.freedBytes),
      allocatedBlocks: UInt8(truncatingIfNeeded: tally.allocatedBlocks),
      freedBlocks: UInt8(truncatingIfNeeded: tally.freedBlocks), marks: tally.kinds.rawValue, isWide: false)
  }

  /// The step's net bytes (not for a wide step).
  var netBytes: Int { Int(allocatedBytes) - Int(freedBytes) }
}

/// The records of every step reached, in step order.
public struct StepHistory: RandomAccessCollection, Sendable {
  static let chunkShift = 16
  static let stretchShift = 4

  private var chunks: [[PackedStep]] = []
  private var tail: [PackedStep] = []
  private var wide: [Int: StepRecord] = [:]
  private var liveBefore: [Int] = []
  /// The live total after the last step.
  private var live = 0
  public private(set) var count = 0

  public init() {}

  public var startIndex: Int { 0 }
  public var endIndex: Int { count }

  /// The record of step `index + 1` (what happened between step `index`
  /// and the next), its live-byte total included.
  public subscript(index: Int) -> StepRecord {
    precondition(index >= 0 && index < count, "step record \(index) out of 0..<\(count)")
    var record = unpacked(index)
    var total = liveBefore[index >> Self.stretchShift]
    for step in (index & ~((1 << Self.stretchShift) - 1))...index {
      total += netBytes(step)
    }
    record.liveBytes = total
    return record
  }

  /// The marks of a step, without computing its live total.
  public func marks(at index: Int) -> StepMarks {
    StepMarks(rawValue: UInt32(packed(index).marks))
  }

  /// Appends the next step. `record.liveBytes` is ignored: the history
  /// keeps the running total itself.
  mutating func append(_ record: StepRecord) {
    precondition(record.marks.rawValue <= UInt8.max, "step marks no longer fit in a byte")
    var packed = PackedStep(
      line: record.line, allocatedBytes: 0, freedBytes: 0, allocatedBlocks: 0, freedBlocks: 0,
      marks: UInt8(record.marks.rawValue), isWide: false)
    if let allocatedBytes = UInt32(exactly: record.allocatedBytes),
      let freedBytes = UInt32(exactly: record.freedBytes),
      let allocatedBlocks = UInt8(exactly: record.allocatedBlocks),
      let freedBlocks = UInt8(exactly: record.freedBlocks)
    {
      packed.allocatedBytes = allocatedBytes
      packed.freedBytes = freedBytes
      packed.allocatedBlocks = allocatedBlocks
      packed.freedBlocks = freedBlocks
    } else {
      packed.isWide = true
      wide[count] = record
    }
    push(packed, netBytes: Int(record.allocatedBytes) - Int(record.freedBytes))
  }

  /// Appends the next step from the allocator's tally of it (the common
  /// case packed directly; the rare wide one through `append(_:)`).
  mutating func append(line: Int32, tally: AllocatorTally) {
    guard let packed = PackedStep(line: line, tally: tally) else {
      append(
        StepRecord(
          line: line, allocatedBytes: Int32(clamping: tally.allocatedBytes),
          freedBytes: Int32(clamping: tally.freedBytes),
          allocatedBlocks: Int32(clamping: tally.allocatedBlocks),
          freedBlocks: Int32(clamping: tally.freedBlocks), marks: StepMarks(tally.kinds), liveBytes: 0))
      return
    }
    push(packed, netBytes: packed.netBytes)
  }

  /// Appends `n` empty steps marked `.continued` announcing `line` (the
  /// line events a step passed under a builtin): a chunk at a time, the
  /// live total unchanged.
  mutating func appendContinued(line: Int32, count n: Int) {
    let chunkMask = (1 << Self.chunkShift) - 1
    let stretchMask = (1 << Self.stretchShift) - 1
    let step = PackedStep(
      line: line, allocatedBytes: 0, freedBytes: 0, allocatedBlocks: 0, freedBlocks: 0,
      marks: UInt8(StepMarks.continued.rawValue), isWide: false)
    var remaining = n
    while remaining > 0 {
      if count & chunkMask == 0 {
        if !tail.isEmpty { chunks.append(tail) }
        tail = []
        tail.reserveCapacity(1 << Self.chunkShift)
      }
      let run = Swift.min(remaining, (1 << Self.chunkShift) - (count & chunkMask))
      tail.append(contentsOf: repeatElement(step, count: run))
      // A live total at each multiple of 16 in count..<count+run.
      var next = (count + stretchMask) & ~stretchMask
      while next < count + run {
        liveBefore.append(live)
        next += 1 << Self.stretchShift
      }
      count += run
      remaining -= run
    }
  }

  /// Appends the steps a run staged (`StepRecorder`): runs of packed steps
  /// copied a chunk at a time, each step flagged wide through
  /// `append(line:tally:)` with the next of `wideTallies`.
  mutating func append(staged steps: UnsafeBufferPointer<PackedStep>, wideTallies: [AllocatorTally]) {
    var wideIndex = 0
    var index = 0
    while index < steps.count {
      if steps[index].isWide {
        append(line: steps[index].line, tally: wideTallies[wideIndex])
        wideIndex += 1
        index += 1
        continue
      }
      var end = index + 1
      while end < steps.count, !steps[end].isWide { end += 1 }
      appendPacked(UnsafeBufferPointer(rebasing: steps[index..<end]))
      index = end
    }
  }

  /// Appends packed steps none of which is wide.
  private mutating func appendPacked(_ steps: UnsafeBufferPointer<PackedStep>) {
    let chunkMask = (1 << Self.chunkShift) - 1
    let stretchMask = (1 << Self.stretchShift) - 1
    var index = 0
    while index < steps.count {
      if count & chunkMask == 0 {
        if !tail.isEmpty { chunks.append(tail) }
        tail = []
        tail.reserveCapacity(1 << Self.chunkShift)
      }
      let end = index + Swift.min(steps.count - index, (1 << Self.chunkShift) - (count & chunkMask))
      let run = UnsafeBufferPointer(rebasing: steps[index..<end])
      tail.append(contentsOf: run)
      var step = count
      for packed in run {
        if step & stretchMask == 0 { liveBefore.append(live) }
        live += packed.netBytes
        step += 1
      }
      count = step
      index = end
    }
  }

  /// Appends a step that allocated and freed nothing (most steps of a
  /// replay): no record to build, no range checks.
  mutating func appendQuiet(line: Int32) {
    push(
      PackedStep(
        line: line, allocatedBytes: 0, freedBytes: 0, allocatedBlocks: 0, freedBlocks: 0, marks: 0,
        isWide: false), netBytes: 0)
  }

  @inline(__always)
  private mutating func push(_ step: PackedStep, netBytes: Int) {
    if count & ((1 << Self.stretchShift) - 1) == 0 { liveBefore.append(live) }
    if count & ((1 << Self.chunkShift) - 1) == 0 {
      if !tail.isEmpty { chunks.append(tail) }
      tail = []
      tail.reserveCapacity(1 << Self.chunkShift)
    }
    tail.append(step)
    live += netBytes
    count += 1
  }

  /// Adds marks to the last step.
  mutating func insertMarks(_ marks: StepMarks) {
    precondition(count > 0, "no step to mark")
    let last = tail.count - 1
    tail[last].marks |= UInt8(marks.rawValue)
    // Only a flagged step has a side-table entry: most steps never hash.
    if tail[last].isWide { wide[count - 1]?.marks.formUnion(marks) }
  }

  /// Bytes the history takes: its chunks at their full size, the live
  /// totals and the side table.
  var bytes: Int {
    (chunks.count + (tail.isEmpty ? 0 : 1)) * (MemoryLayout<PackedStep>.stride << Self.chunkShift)
      + liveBefore.capacity * 8 + wide.count * (MemoryLayout<StepRecord>.stride + 16)
  }

  // MARK: Reading

  private func packed(_ index: Int) -> PackedStep {
    let chunk = index >> Self.chunkShift
    let offset = index & ((1 << Self.chunkShift) - 1)
    return chunk < chunks.count ? chunks[chunk][offset] : tail[offset]
  }

  private func unpacked(_ index: Int) -> StepRecord {
    let step = packed(index)
    if step.isWide, let record = wide[index] { return record }
    return StepRecord(
      line: step.line, allocatedBytes: Int32(bitPattern: step.allocatedBytes),
      freedBytes: Int32(bitPattern: step.freedBytes), allocatedBlocks: Int32(step.allocatedBlocks),
      freedBlocks: Int32(step.freedBlocks), marks: StepMarks(rawValue: UInt32(step.marks)), liveBytes: 0)
  }

  private func netBytes(_ index: Int) -> Int {
    let step = packed(index)
    if step.isWide, let record = wide[index] {
      return Int(record.allocatedBytes) - Int(record.freedBytes)
    }
    return Int(step.allocatedBytes) - Int(step.freedBytes)
  }
}
