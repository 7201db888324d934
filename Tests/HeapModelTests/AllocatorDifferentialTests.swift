import Foundation
import Testing

@testable import HeapModel

/// The allocator model against real CPython: `tools/allocator_patterns.py`
/// fills a list with N `bytes` objects of one size class, frees and refills
/// them in patterns and records `sys._debugmallocstats()` after each step
/// (fixtures under `Fixtures/allocator-patterns-3.X.json`). The model is
/// primed to the interpreter's start-up state (arenas, unused pools, the
/// class's pools and blocks), replays the same steps, and must agree within
/// SPEC §4: blocks within max(3, 2 %), pools and arenas within ±1.
@Suite struct AllocatorDifferentialTests {
  struct Snapshot: Codable {
    var pools: Int
    var inUse: Int
    var avail: Int
    var arenasTotal: Int
    var arenasCurrent: Int
    var unusedPools: Int
    var alignmentBytes: Int
  }

  struct Step: Codable {
    var op: String
    var after: Snapshot
  }

  struct Experiment: Codable {
    var name: String
    var request: Int
    var sizeClass: Int
    var count: Int
    var baseline: Snapshot
    var steps: [Step]
  }

  struct Measurement: Codable {
    var version: String
    var python: String
    var experiments: [Experiment]
  }

  @Test(arguments: PythonVersion.allCases)
  func modelAgreesWithRecordedCPython(version: PythonVersion) throws {
    let data = try FixtureFiles.data("allocator-patterns-\(version).json")
    let measurement = try JSONDecoder().decode(Measurement.self, from: data)
    #expect(measurement.version == version.description)
    #expect(measurement.experiments.count == 2)
    for experiment in measurement.experiments {
      Self.compare(experiment, version: version)
    }
  }

  @Test(
    .enabled(
      if: Self.interpreter(for: .py312) != nil, "no CPython interpreters under $(pyenv root)/versions"),
    arguments: PythonVersion.allCases)
  func modelAgreesWithLiveCPython(version: PythonVersion) throws {
    guard let python = Self.interpreter(for: version) else {
      Issue.record("CPython \(version) is not installed; only the recorded fixture was compared")
      return
    }
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("tools/allocator_patterns.py")
    let process = Process()
    process.executableURL = python
    process.arguments = [script.path]
    process.environment = ["PYTHONHASHSEED": "0", "PYTHONBREAKPOINT": "0"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
    let measurement = try JSONDecoder().decode(Measurement.self, from: data)
    for experiment in measurement.experiments {
      Self.compare(experiment, version: version)
    }
  }

  /// The pyenv interpreter of `version`, if installed.
  static func interpreter(for version: PythonVersion) -> URL? {
    let root =
      ProcessInfo.processInfo.environment["PYENV_ROOT"]
      ?? (NSHomeDirectory() as NSString).appendingPathComponent(".pyenv")
    let versions = URL(fileURLWithPath: root).appendingPathComponent("versions")
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: versions.path) else { return nil }
    let prefix = "\(version)."
    guard let name = names.filter({ $0.hasPrefix(prefix) }).sorted().last else { return nil }
    let python = versions.appendingPathComponent(name).appendingPathComponent("bin/python3")
    return FileManager.default.isExecutableFile(atPath: python.path) ? python : nil
  }

  /// Primes a model to the experiment's baseline, replays its steps and
  /// checks every step against the measurement.
  static func compare(_ experiment: Experiment, version: PythonVersion) {
    let constants = AllocatorConstants(version)
    #expect(SizeClass(requestBytes: experiment.request).index == experiment.sizeClass)
    // Alignment: as many aligned slots as CPython had after the fill.
    let filled = experiment.steps[0].after
    let unaligned = filled.alignmentBytes / constants.poolSize
    let aligned = Set(0..<(filled.arenasCurrent - unaligned))
    var heap = Allocator(profile: VersionProfile(version), arenaAlignment: .alignedSlots(aligned))
    prime(&heap, to: experiment.baseline, sizeClass: experiment.sizeClass, request: experiment.request)
    let start = model(heap, experiment.sizeClass)
    #expect(start.pools == experiment.baseline.pools, "\(experiment.name) priming")
    #expect(start.arenasCurrent == experiment.baseline.arenasCurrent, "\(experiment.name) priming")

    var keep = [Address?](repeating: nil, count: experiment.count)
    let half = experiment.count / 2
    for step in experiment.steps {
      switch step.op {
      case "alloc_all", "refill":
        for i in keep.indices where keep[i] == nil { keep[i] = heap.allocate(experiment.request) }
      case "free_even":
        for i in stride(from: 0, to: keep.count, by: 2) { release(&keep[i], in: &heap) }
      case "free_first_half":
        for i in 0..<half { release(&keep[i], in: &heap) }
      case "free_second_half":
        for i in half..<keep.count { release(&keep[i], in: &heap) }
      case "free_all":
        for i in keep.indices { release(&keep[i], in: &heap) }
      default:
        Issue.record("unknown step \(step.op) in \(experiment.name)")
      }
      let now = model(heap, experiment.sizeClass)
      let label = "\(version) \(experiment.name) after \(step.op)"
      let real = step.after
      let base = experiment.baseline
      let realBlocks = real.inUse - base.inUse
      let modelBlocks = now.inUse - start.inUse
      #expect(abs(modelBlocks - realBlocks) <= max(3, abs(realBlocks) / 50), "\(label): blocks")
      #expect(abs((now.pools - start.pools) - (real.pools - base.pools)) <= 1, "\(label): pools")
      #expect(
        abs((now.arenasCurrent - start.arenasCurrent) - (real.arenasCurrent - base.arenasCurrent)) <= 1,
        "\(label): arenas")
      // 3.8 maps and unmaps arenas whenever the interpreter's own few
      // allocations straddle an arena boundary (no tail arena is kept), so its
      // running total is noise; from 3.9 it must agree too.
      if constants.keepsEmptyTailArena {
        #expect(
          abs((now.arenasTotal - start.arenasTotal) - (real.arenasTotal - base.arenasTotal)) <= 1,
          "\(label): arenas allocated total")
      }
    }
    heap.checkInvariants()
  }

  private static func release(_ slot: inout Address?, in heap: inout Allocator) {
    if let address = slot {
      heap.free(address)
      slot = nil
    }
  }

  /// The model's figures in the fixture's terms.
  static func model(_ heap: Allocator, _ sizeClass: Int) -> Snapshot {
    let stats = heap.statistics()
    let row = stats.sizeClasses[sizeClass]
    return Snapshot(
      pools: row.pools, inUse: row.blocksInUse, avail: row.availableBlocks,
      arenasTotal: stats.arenasAllocatedTotal, arenasCurrent: stats.arenasCurrent,
      unusedPools: stats.unusedPools, alignmentBytes: stats.arenaAlignmentBytes)
  }

  /// Recreates the interpreter's start-up heap as far as the experiment can
  /// tell: the class's pools and blocks in use, then filler pools of another
  /// class until the arena count and the unused-pool count match.
  static func prime(_ heap: inout Allocator, to baseline: Snapshot, sizeClass: Int, request: Int) {
    let capacity = heap.constants.blocksPerPool(ofClass: sizeClass)
    let pools = heap.fillPools(baseline.pools, requestBytes: request)
    var surplus = baseline.pools * capacity - max(baseline.inUse, baseline.pools)
    round: for depth in 1..<capacity {
      for pool in pools {
        if surplus == 0 { break round }
        heap.free(pool[capacity - depth])
        surplus -= 1
      }
    }
    let filler = sizeClass == 31 ? 496 : 512
    while heap.arenaCount < baseline.arenasCurrent {
      _ = heap.fillPools(1, requestBytes: filler)
    }
    while heap.statistics().unusedPools > baseline.unusedPools {
      _ = heap.fillPools(1, requestBytes: filler)
    }
  }
}
