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
// step is one append, not a nested one through the chunk list. The rare
// step that does not fit (255 blocks or more, or 4 GiB, in one line) is
// flagged and keeps its whole record in a side table. The live-byte total
// is kept once every 16 steps; a record's own total is that plus the net
// bytes of the steps before it in its stretch, so reading any record costs
// at most 15 additions.
//
// Recording many steps in one run (StepRecorder.swift) writes them straight
// into the tail: the history lends its tail chunk to the recorder
// (`lendTail`), the run appends to it, and `take(from:)` takes it back and
// only settles what the packing left open — the flagged steps' side-table
// entries and the live totals. Those come from the few steps that
// allocated or freed anything, whose positions the recorder lists: the
// others add nothing to the total. The records were staged in a buffer of
// the recorder's and copied here, then walked one by one for the totals,
// ~36 instructions a step (2.5 % of recording `instance_graph_cycles`).
//
// A builtin that runs Python code — `sum()` over a generator pipeline,
// `sorted()` with a key function — passes its line events where the run
// cannot pause: each gets an empty `.continued` record, all alike (the
// line the builtin was called from). A long run of them fills whole chunks
// with one repeated record; such a chunk is kept as that one record
// (`Chunk.uniform`). `generators_vs_lists.py` passes 3M line events inside
// one `sum()`: 48 MB of records, a third of the replay's peak memory, whose
// page faults cost a tenth of its time.
//
// Invariants: `count` steps are stored; chunk k holds steps k·2¹⁶ …, the
// full chunks in `chunks` and the rest in `tail` (full when `count` is a
// positive multiple of 2¹⁶, a placeholder when it is 0; lent to a
// recorder between `lendTail` and `take(from:)`); a uniform chunk holds
// `.continued` steps only and is never the last one; `wide`
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

  /// A record packed: flagged wide, with zero counts, when a count does not
  /// fit (the record then goes to the side table).
  static func packing(_ record: StepRecord) -> PackedStep {
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
    }
    return packed
  }
}

extension StepRecord {
  /// The record of a step from a tally too big to pack, its counts clamped
  /// to 32 bits (what `StepHistory.append(line:tally:)` keeps).
  init(clamping tally: AllocatorTally, line: Int32) {
    self.init(
      line: line, allocatedBytes: Int32(clamping: tally.allocatedBytes),
      freedBytes: Int32(clamping: tally.freedBytes), allocatedBlocks: Int32(clamping: tally.allocatedBlocks),
      freedBlocks: Int32(clamping: tally.freedBlocks), marks: StepMarks(tally.kinds), liveBytes: 0)
  }
}

/// The records of every step reached, in step order.
public struct StepHistory: RandomAccessCollection, Sendable {
  static let chunkShift = 16
  static let stretchShift = 4

  static let chunkSize = 1 << chunkShift

  /// A full chunk: its records, or the one record all of them are.
  private enum Chunk {
    case stored(StackBuffer<PackedStep>)
    case uniform(PackedStep)

    subscript(offset: Int) -> PackedStep {
      switch self {
      case .stored(let steps): steps[offset]
      case .uniform(let step): step
      }
    }
  }

  private var chunks: [Chunk] = []
  /// How many of `chunks` are uniform (for `bytes`).
  private var uniformChunks = 0
  /// The last chunk: partly or wholly filled, or, before the first step,
  /// a placeholder.
  private var tail = StackBuffer<PackedStep>(capacity: 1)
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
    let packed = PackedStep.packing(record)
    if packed.isWide { wide[count] = record }
    push(packed, netBytes: Int(record.allocatedBytes) - Int(record.freedBytes))
  }

  /// Appends the next step from the allocator's tally of it (the common
  /// case packed directly; the rare wide one through `append(_:)`).
  mutating func append(line: Int32, tally: AllocatorTally) {
    guard let packed = PackedStep(line: line, tally: tally) else {
      append(StepRecord(clamping: tally, line: line))
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
      let run: Int
      if count & chunkMask == 0, remaining > Self.chunkSize {
        // A whole chunk with more steps after it: one record stands for it.
        if tail.count > 0 { chunks.append(.stored(tail)) }
        tail = StackBuffer(capacity: 1)
        chunks.append(.uniform(step))
        uniformChunks += 1
        run = Self.chunkSize
      } else {
        startChunkIfFull()
        run = Swift.min(remaining, Self.chunkSize - (count & chunkMask))
        tail.append(repeating: step, count: run)
      }
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

  // MARK: Recording in one run

  /// Steps that fit in the tail's chunk from the next one on: how far a
  /// run recording into the lent tail may go before the chunk is full.
  var roomInChunk: Int { Self.chunkSize - (count & (Self.chunkSize - 1)) }

  /// Hands the chunk the next steps go to (started if the tail is full)
  /// to a recorder, which appends to it (`StepRecorder.begin`); the
  /// history must get it back through `take(from:)` before anything else
  /// touches it. Its capacity is at least `chunkSize` (a tail's never
  /// shrinks) and its count.
  mutating func lendTail() -> StackBuffer<PackedStep> {
    startChunkIfFull()
    tail.makeUnique()  // a copy of the history may share it
    var lent = StackBuffer<PackedStep>(capacity: 1)
    swap(&lent, &tail)
    return lent
  }

  /// Takes back the tail a recorder filled (`lendTail`) with the steps
  /// after the last one: settles its flagged steps (packed after all when
  /// the clamped record fits, else kept whole in the side table, as
  /// `append(line:tally:)` does) and the live totals, from the steps that
  /// allocated or freed anything (`recorder.loud`); splits off what went
  /// past the chunk's end. Leaves the recorder stopped and empty.
  mutating func take(from recorder: inout StepRecorder) {
    precondition(recorder.isRecording, "no tail lent to a recorder")
    tail = recorder.takeChunk()
    let first = recorder.first
    let stretchMask = (1 << Self.stretchShift) - 1
    var live = self.live
    var next = count  // the first step whose live total may be due
    var wideIndex = 0
    for position in recorder.loud {
      let step = count + position - first
      var due = (next + stretchMask) & ~stretchMask
      while due <= step {
        liveBefore.append(live)
        due += 1 << Self.stretchShift
      }
      next = step + 1
      let packed = tail[position]
      if packed.isWide {
        let tally = recorder.wideTallies[wideIndex]
        wideIndex += 1
        let record = StepRecord(clamping: tally, line: packed.line)
        let repacked = PackedStep.packing(record)
        if repacked.isWide { wide[step] = record } else { tail[position] = repacked }
        live += Int(record.allocatedBytes) - Int(record.freedBytes)
      } else {
        live += packed.netBytes
      }
    }
    let end = count + tail.count - first
    var due = (next + stretchMask) & ~stretchMask
    while due < end {
      liveBefore.append(live)
      due += 1 << Self.stretchShift
    }
    self.live = live
    count = end
    while tail.count > Self.chunkSize {
      // Continued steps ran past the chunk's end: they move to the next.
      var rest = StackBuffer<PackedStep>(capacity: Self.chunkSize)
      rest.append(contentsOf: tail.buffer(Self.chunkSize..<tail.count))
      tail.truncate(to: Self.chunkSize)
      chunks.append(.stored(tail))
      tail = rest
    }
    recorder.end()
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
    startChunkIfFull()
    tail.makeUnique()
    tail.append(step)
    live += netBytes
    count += 1
  }

  /// Starts a new tail chunk when the steps fill whole chunks (the full
  /// tail joins `chunks`; before the first step, and after a uniform
  /// chunk, there is none).
  private mutating func startChunkIfFull() {
    guard count & (Self.chunkSize - 1) == 0 else { return }
    if tail.count > 0 { chunks.append(.stored(tail)) }
    tail = StackBuffer(capacity: Self.chunkSize)
  }

  /// Adds marks to the last step.
  mutating func insertMarks(_ marks: StepMarks) {
    precondition(count > 0, "no step to mark")
    tail.makeUnique()
    let last = tail.count - 1
    tail[last].marks |= UInt8(marks.rawValue)
    // Only a flagged step has a side-table entry: most steps never hash.
    if tail[last].isWide { wide[count - 1]?.marks.formUnion(marks) }
  }

  /// Bytes the history takes: its stored chunks at their full size, the
  /// live totals and the side table.
  var bytes: Int {
    (chunks.count - uniformChunks + (tail.isEmpty ? 0 : 1))
      * (MemoryLayout<PackedStep>.stride << Self.chunkShift)
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
