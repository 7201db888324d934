import Testing

@testable import Scenario

@Suite struct StepHistoryTests {
  /// Records of every shape: small, wide (many blocks, huge or negative
  /// counts), across the 64k-step chunk boundary; each reads back exactly,
  /// with the running live total.
  @Test func everyRecordReadsBackWithItsLiveTotal() {
    var history = StepHistory()
    var expected: [StepRecord] = []
    var live = 0
    var state: UInt32 = 12345
    for step in 0..<70_000 {
      state = state &* 1_103_515_245 &+ 12345
      let wide = step % 997 == 0
      let record = StepRecord(
        line: Int32(step % 300),
        allocatedBytes: wide ? Int32.max - Int32(step) : Int32(state % 4096),
        freedBytes: Int32((state >> 12) % 2048),
        allocatedBlocks: wide ? 70_000 : Int32(state % 7),
        freedBlocks: step % 1501 == 0 ? 300 : Int32(state % 3),
        marks: StepMarks(rawValue: (state >> 5) & 0x7f), liveBytes: -1)
      history.append(record)
      live += Int(record.allocatedBytes) - Int(record.freedBytes)
      var withLive = record
      withLive.liveBytes = live
      expected.append(withLive)
    }
    #expect(history.count == expected.count)
    for index in stride(from: 0, to: expected.count, by: 7) {
      #expect(history[index] == expected[index], "step record \(index)")
      #expect(history.marks(at: index) == expected[index].marks)
    }
    #expect(history[69_999] == expected[69_999])
    #expect(history[65_536] == expected[65_536])
    #expect(Array(history.suffix(3)) == Array(expected.suffix(3)))
  }

  @Test func marksAreAddedToTheLastStep() {
    var history = StepHistory()
    history.append(
      StepRecord(
        line: 1, allocatedBytes: 32, freedBytes: 0, allocatedBlocks: 1, freedBlocks: 0,
        marks: .blockAllocated, liveBytes: 0))
    history.append(
      StepRecord(
        line: 2, allocatedBytes: 0, freedBytes: 0, allocatedBlocks: 900, freedBlocks: 0, marks: [],
        liveBytes: 0))
    history.insertMarks(.continued)
    #expect(history.marks(at: 0) == .blockAllocated)
    #expect(history[1].marks == .continued)
    #expect(history.marks(at: 1) == .continued)
    #expect(history[1].allocatedBlocks == 900)
    #expect(history[1].liveBytes == 32)
  }

  /// A quiet step (nothing allocated or freed) reads back as zero counts
  /// carrying the live total of the steps before it.
  @Test func quietStepsCarryTheLiveTotal() {
    var history = StepHistory()
    history.append(
      StepRecord(
        line: 3, allocatedBytes: 48, freedBytes: 16, allocatedBlocks: 2, freedBlocks: 1,
        marks: [.blockAllocated, .blockFreed], liveBytes: 0))
    for line in 4..<40 { history.appendQuiet(line: Int32(line)) }
    history.insertMarks(.continued)
    #expect(history.count == 37)
    #expect(
      history[20]
        == StepRecord(
          line: 23, allocatedBytes: 0, freedBytes: 0, allocatedBlocks: 0, freedBlocks: 0, marks: [],
          liveBytes: 32))
    #expect(history[36].marks == .continued)
    #expect(history[36].liveBytes == 32)
    #expect(history[0].liveBytes == 32)
  }

  /// A long run of `.continued` steps (a builtin running Python code)
  /// keeps one record per whole chunk it fills, and reads back step by step
  /// as if each were stored, the steps around it included.
  @Test func aLongContinuedRunIsKeptAsOneRecordPerChunk() {
    var history = StepHistory()
    var expected: [StepRecord] = []
    func appendAllocating(_ bytes: Int32, line: Int32) {
      let record = StepRecord(
        line: line, allocatedBytes: bytes, freedBytes: 0, allocatedBlocks: 1, freedBlocks: 0,
        marks: .blockAllocated, liveBytes: 0)
      history.append(record)
      expected.append(record)
    }
    for line in 0..<1000 { appendAllocating(16, line: Int32(line)) }
    let run = 3 * StepHistory.chunkSize + 123
    history.appendContinued(line: 42, count: run)
    let continued = StepRecord(
      line: 42, allocatedBytes: 0, freedBytes: 0, allocatedBlocks: 0, freedBlocks: 0, marks: .continued,
      liveBytes: 0)
    expected.append(contentsOf: repeatElement(continued, count: run))
    appendAllocating(32, line: 43)
    history.appendQuiet(line: 44)
    expected.append(
      StepRecord(
        line: 44, allocatedBytes: 0, freedBytes: 0, allocatedBlocks: 0, freedBlocks: 0, marks: [],
        liveBytes: 0))
    history.insertMarks(.gcPhase)
    expected[expected.count - 1].marks.insert(.gcPhase)

    #expect(history.count == expected.count)
    var live = 0
    for index in expected.indices {
      live += Int(expected[index].allocatedBytes)
      if index % 61 == 0 || index >= expected.count - 3 || index % StepHistory.chunkSize < 2 {
        var want = expected[index]
        want.liveBytes = live
        #expect(history[index] == want, "step record \(index)")
        #expect(history.marks(at: index) == want.marks)
      }
    }
    // The chunks the run filled whole, but for the last, take no room.
    let chunkBytes = MemoryLayout<PackedStep>.stride << StepHistory.chunkShift
    let stored = (expected.count + StepHistory.chunkSize - 1) / StepHistory.chunkSize - 2
    #expect(history.bytes < (stored + 1) * chunkBytes)
    #expect(history.bytes >= stored * chunkBytes)
  }

  /// A continued run that ends on a chunk boundary leaves that chunk
  /// stored as the tail: the next step starts a new chunk after it.
  @Test func aContinuedRunEndingOnAChunkBoundaryKeepsItsLastChunk() {
    var history = StepHistory()
    history.appendContinued(line: 5, count: 2 * StepHistory.chunkSize)
    history.appendQuiet(line: 6)
    #expect(history.count == 2 * StepHistory.chunkSize + 1)
    #expect(history[2 * StepHistory.chunkSize - 1].marks == .continued)
    #expect(history[2 * StepHistory.chunkSize - 1].line == 5)
    #expect(history[2 * StepHistory.chunkSize].line == 6)
    #expect(history[2 * StepHistory.chunkSize].marks == [])
  }

  /// 16 bytes a step: the reason this type exists.
  @Test func aStepTakesSixteenBytes() {
    #expect(MemoryLayout<PackedStep>.stride == 16)
  }
}
