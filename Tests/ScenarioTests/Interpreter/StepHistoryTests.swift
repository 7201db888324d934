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

  /// 16 bytes a step: the reason this type exists.
  @Test func aStepTakesSixteenBytes() {
    #expect(MemoryLayout<PackedStep>.stride == 16)
  }
}
