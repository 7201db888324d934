import Testing

@testable import HeapModel

/// The text of `sys._debugmallocstats()`: golden files, real CPython lines,
/// and the accounting identities for every version.
@Suite struct DebugMallocStatsTests {
  /// 40 blocks of 100 bytes and 3 of 500, as in the golden files.
  private static func goldenHeap(_ version: PythonVersion) -> Allocator {
    var heap = Allocator(version: version)
    for _ in 0..<40 { _ = heap.allocate(100) }
    for _ in 0..<3 { _ = heap.allocate(500) }
    return heap
  }

  @Test(arguments: [(PythonVersion.py38, "dms-3.8-golden.txt"), (.py312, "dms-3.12-golden.txt")])
  func matchesTheGoldenText(version: PythonVersion, file: String) throws {
    let heap = Self.goldenHeap(version)
    let text = heap.debugMallocStats(freeListLines: [
      (name: "PyFloatObjects", count: 4, size: 24), (name: "3-sized PyTupleObjects", count: 2, size: 48),
    ])
    #expect(text == (try FixtureFiles.text(file)))
    heap.checkInvariants()
  }

  @Test func linesMatchRealCPythonOutput() {
    #expect(
      Allocator.line("# arenas allocated total", 14)
        == "# arenas allocated total           =                   14\n")
    #expect(
      Allocator.line("4 arenas * 262144 bytes/arena", 1_048_576)
        == "4 arenas * 262144 bytes/arena      =            1,048,576\n")
    #expect(
      Allocator.line("# bytes lost to arena map root", 262_144)
        == "# bytes lost to arena map root     =              262,144\n")
    var heap = Allocator(version: .py38)
    _ = heap.allocate(1)
    let text = heap.debugMallocStats(freeListLines: [
      (name: "PyCFunctionObjects", count: 2, size: 56),
      (name: "19-sized PyTupleObjects", count: 3, size: 176),
    ])
    #expect(text.contains("\n       2 free PyCFunctionObjects * 56 bytes each =                  112\n"))
    #expect(text.contains("\n 3 free 19-sized PyTupleObjects * 176 bytes each =                  528\n"))
    #expect(text.contains("\n          0 free PyFrameObjects * 368 bytes each =                    0\n"))
    #expect(text.hasSuffix(" 3 free 19-sized PyTupleObjects * 176 bytes each =                  528\n"))
  }

  @Test(arguments: PythonVersion.allCases)
  func accountingAddsUpAndRowsMatchStatistics(version: PythonVersion) throws {
    var heap = Allocator(version: version)
    var live: [Address] = []
    var seed: UInt64 = 0x2545_F491_4F6C_DD1D
    for step in 0..<30_000 {
      seed ^= seed << 13
      seed ^= seed >> 7
      seed ^= seed << 17
      if live.isEmpty || seed % 5 < 3 {
        live.append(heap.allocate(Int(seed >> 20) % 512 + 1))
      } else {
        heap.free(live.remove(at: Int(seed >> 33) % live.count))
      }
      if step == 20_000 {
        for address in live.suffix(live.count / 2) { heap.free(address) }
        live.removeLast(live.count / 2)
      }
    }
    let stats = heap.statistics()
    let text = heap.debugMallocStats()
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let rows = lines.dropFirst(4).prefix { !$0.isEmpty }
    #expect(rows.allSatisfy { $0.count == 54 })
    let parsed = rows.map { $0.split(separator: " ").map { Int($0)! } }
    let expected = stats.sizeClasses.filter { $0.pools > 0 }.map {
      [$0.sizeClass.index, $0.sizeClass.blockSize, $0.pools, $0.blocksInUse, $0.availableBlocks]
    }
    #expect(parsed == expected)
    #expect(stats.blocksInUse == heap.blocksInUse)
    #expect(stats.accountedBytes == stats.arenasCurrent * heap.constants.arenaSize)
    func value(_ label: String) -> Int? {
      lines.last { $0.hasPrefix(label) }.flatMap { Int($0.split(separator: "=")[1].filter(\.isNumber)) }
    }
    #expect(value("# bytes in allocated blocks") == stats.allocatedBytes)
    let mapTotal = version == .py310 ? 18_432 : 655_360
    #expect(value("Total") == (version >= .py310 ? mapTotal : stats.arenasCurrent * heap.constants.arenaSize))
    let valueLines = lines.dropFirst().filter { $0.contains("=") }
    #expect(valueLines.allSatisfy { $0.count == 57 || $0.count == 71 })
    #expect(text.contains("arena map counts") == (version >= .py310))
    let freeLines = lines.filter { $0.contains(" free ") }
    #expect(freeLines.count == heap.constants.freeListRoster.count)
    #expect(freeLines.allSatisfy { $0.count == 71 })
    heap.checkInvariants()
  }
}
