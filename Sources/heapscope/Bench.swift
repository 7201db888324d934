import ArgumentParser
import Foundation
import HeapModel
import HeapscopeTUI
import Scenario

#if canImport(Glibc)
  import Glibc
#endif

/// `heapscope bench`: the benchmark suite, measured side by side with
/// CPython 3.12 (and memray when it is importable) in the same run.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Run the benchmark suite against CPython and memray.",
    discussion: """
      Runs every Benchmarks/*.py workload under CPython 3.12, under
      `memray run --trace-python-allocators` when memray is importable, and
      under `heapscope run --timeline`, alternately, and prints median and
      min–max wall time and peak RSS with the ratio to CPython. Then the
      model-internal figures: a back step at the end of a long replay and one
      200×60 inspector frame. --short scales the workloads down 100× for CI.
      --plain also times `heapscope run` without the timeline (the run a
      script gets, which records nothing).
      """)

  @Option(help: "Only workloads whose name contains this.")
  var filter: String?

  @Option(help: "Runs per measurement (the median is reported).")
  var runs: Int = 3

  @Flag(help: "Small sizes and one run (what .ci/bench-short runs).")
  var short = false

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  @Flag(help: "Also time `heapscope run` without --timeline, with its ratio to CPython.")
  var plain = false

  @Option(help: "The Benchmarks directory.")
  var directory = "Benchmarks"

  @Option(
    help:
      "The CPython 3.12 to compare with (default: pyenv's 3.12; a virtual environment's python to include memray)."
  )
  var cpython: String?

  @Flag(
    help: ArgumentHelp(
      "Only the full-collection comparison, --runs times (for profiling the collector).", visibility: .hidden)
  )
  var gcOnly = false

  @Flag(
    help: ArgumentHelp(
      "Only the allocator throughput figures, --runs times (for profiling the allocator).",
      visibility: .hidden)
  )
  var allocatorOnly = false

  func run() throws {
    let runs = short ? 1 : max(1, runs)
    if allocatorOnly {
      ModelFigures.runAllocatorOnly(pairs: short ? 200_000 : 20_000_000, runs: runs)
      return
    }
    let python = try cpython ?? Peers.python312()
    if gcOnly {
      try runFullCollectionOnly(python: python, runs: runs)
      return
    }
    let memray = Peers.hasMemray(python: python)
    let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter {
      $0.hasSuffix(".py") && (filter.map($0.contains) ?? true)
    }.sorted()
    guard !files.isEmpty else {
      printToStandardError("heapscope bench: no workloads in \(directory)")
      throw ExitCode(2)
    }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-bench-\(getpid())")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let me = CommandLine.arguments[0]
    var rows: [[String: Any]] = []
    var paths: [String] = []
    for file in files {
      let workload = try Workload(path: directory + "/" + file, scale: short ? 0.01 : 1, scratch: scratch)
      var cpython: [Measurement] = []
      var heapscope: [Measurement] = []
      var memrayRuns: [Measurement] = []
      var plainRuns: [Measurement] = []
      for _ in 0..<runs {
        cpython.append(try Peers.measure([python, workload.path]))
        if memray {
          let output = scratch.appendingPathComponent("memray.bin").path
          try? FileManager.default.removeItem(atPath: output)
          memrayRuns.append(
            try Peers.measure([
              python, "-m", "memray", "run", "--trace-python-allocators", "-q", "-o", output, workload.path,
            ]))
        }
        heapscope.append(try Peers.measure([me, "run", "--timeline", workload.path]))
        if plain { plainRuns.append(try Peers.measure([me, "run", workload.path])) }
      }
      var row: [String: Any] = [
        "workload": file, "size": workload.size, "cpython": Measurement.summary(cpython),
        "heapscope": Measurement.summary(heapscope),
        "wall_ratio": Measurement.median(heapscope.map(\.seconds))
          / max(Measurement.median(cpython.map(\.seconds)), 1e-9),
        "rss_ratio": Double(Measurement.median(heapscope.map(\.peakKB)))
          / Double(max(Measurement.median(cpython.map(\.peakKB)), 1)),
      ]
      if memray { row["memray"] = Measurement.summary(memrayRuns) }
      if plain {
        row["heapscope_plain"] = Measurement.summary(plainRuns)
        row["plain_wall_ratio"] =
          Measurement.median(plainRuns.map(\.seconds)) / max(Measurement.median(cpython.map(\.seconds)), 1e-9)
      }
      rows.append(row)
      paths.append(workload.path)
    }
    // In process, after every timed child: a child's peak RSS counts its
    // parent's at the spawn (Linux keeps the larger across exec).
    for (index, path) in paths.enumerated() {
      for (key, value) in try ModelFigures.timeTravel(workload: path) { rows[index][key] = value }
    }
    var model = try ModelFigures.measure(short: short)
    let gcObjects = short ? 20_000 : 1_000_000
    let modelGC = ModelFigures.fullCollection(objects: gcObjects)
    let cpythonGC = try ModelFigures.cpythonFullCollection(
      python: python, objects: gcObjects, scratch: scratch)
    model["gc_full_collection_objects"] = gcObjects
    model["gc_full_collection_model_ms"] = modelGC * 1000
    model["gc_full_collection_cpython_ms"] = cpythonGC * 1000
    model["gc_full_collection_ratio"] = modelGC / max(cpythonGC, 1e-9)
    let machine: [String: Any] = [
      "cores": ProcessInfo.processInfo.activeProcessorCount, "load": Peers.loadAverage(), "runs": runs,
      "memray": memray ? "present" : "absent (see README: install it in a virtual environment)",
    ]
    if json {
      let object: [String: Any] = ["machine": machine, "workloads": rows, "model": model]
      let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
      print(String(decoding: data, as: UTF8.self))
      return
    }
    print(
      "machine: \(machine["cores"]!) cores, load \(machine["load"]!), \(runs) run(s) each; memray \(machine["memray"]!)"
    )
    print(
      "workload".padding(26) + "size".padding(9) + "cpython 3.12".padding(24)
        + "heapscope --timeline".padding(24)
        + "wall ×".padding(9) + "rss ×".padding(8)
        + (plain ? "heapscope run".padding(24) + "wall ×".padding(9) : "") + (memray ? "memray" : ""))
    for row in rows {
      let c = row["cpython"] as! [String: Any]
      let h = row["heapscope"] as! [String: Any]
      var line = (row["workload"] as! String).padding(26) + "\(row["size"]!)".padding(9)
      line += Measurement.cell(c).padding(24) + Measurement.cell(h).padding(24)
      line += String(format: "%.1f", row["wall_ratio"] as! Double).padding(9)
      line += String(format: "%.2f", row["rss_ratio"] as! Double).padding(8)
      if let p = row["heapscope_plain"] as? [String: Any] {
        line +=
          Measurement.cell(p).padding(24)
          + String(format: "%.1f", row["plain_wall_ratio"] as! Double).padding(9)
      }
      if let m = row["memray"] as? [String: Any] { line += Measurement.cell(m) }
      print(line)
    }
    for row in rows {
      print(
        String(
          format:
            "time travel %@: %d steps; back step at the end %.1f ms (slowest of 5: %.1f), seek to the middle and back %.0f ms",
          row["workload"] as! String, row["steps"] as! Int, row["back_step_at_end_ms"] as! Double,
          row["slowest_back_step_at_end_ms"] as! Double, row["seek_middle_and_back_ms"] as! Double))
    }
    for (name, value) in model.sorted(by: { $0.key < $1.key }) { print("model \(name): \(value)") }
  }
}

extension Bench {
  /// `--gc-only`: the model's and CPython's full collection over the same
  /// heap, alternately, `runs` times, each pair on one line.
  func runFullCollectionOnly(python: String, runs: Int) throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-bench-\(getpid())")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let objects = short ? 20_000 : 1_000_000
    for _ in 0..<runs {
      let model = ModelFigures.fullCollection(objects: objects) * 1000
      let cpython =
        try ModelFigures.cpythonFullCollection(python: python, objects: objects, scratch: scratch) * 1000
      print(
        String(
          format: "gc_full_collection model %.1f ms  cpython %.1f ms  ratio %.3f", model, cpython,
          model / cpython))
    }
  }
}

/// One timed process run.
struct Measurement {
  var seconds: Double
  var peakKB: Int

  static func median<T: Comparable>(_ values: [T]) -> T { values.sorted()[values.count / 2] }

  static func summary(_ runs: [Measurement]) -> [String: Any] {
    [
      "median_s": median(runs.map(\.seconds)), "min_s": runs.map(\.seconds).min()!,
      "max_s": runs.map(\.seconds).max()!, "peak_rss_kb": median(runs.map(\.peakKB)),
    ]
  }

  static func cell(_ summary: [String: Any]) -> String {
    String(
      format: "%.2fs (%.2f–%.2f) %dMB", summary["median_s"] as! Double, summary["min_s"] as! Double,
      summary["max_s"] as! Double, (summary["peak_rss_kb"] as! Int) / 1024)
  }
}

/// A benchmark file, rescaled through its `SIZE = N  # bench: scale` line.
struct Workload {
  var path: String
  var size: Int

  init(path: String, scale: Double, scratch: URL) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let first = lines.first, first.hasPrefix("SIZE = "), first.contains("# bench: scale"),
      let size = Int(first.dropFirst(7).prefix { $0.isNumber })
    else {
      throw ValidationError("\(path): the first line must be 'SIZE = N  # bench: scale'")
    }
    self.size = max(100, Int(Double(size) * scale))
    if self.size == size {
      self.path = path
      return
    }
    lines[0] = "SIZE = \(self.size)  # bench: scale"
    let copy = scratch.appendingPathComponent((path as NSString).lastPathComponent)
    try lines.joined(separator: "\n").write(to: copy, atomically: true, encoding: .utf8)
    self.path = copy.path
  }
}

/// The processes heapscope is compared with.
enum Peers {
  static func python312() throws -> String {
    let root = ProcessInfo.processInfo.environment["PYENV_ROOT"] ?? (NSHomeDirectory() + "/.pyenv")
    let versions = (try? FileManager.default.contentsOfDirectory(atPath: root + "/versions")) ?? []
    if let version = versions.sorted().last(where: { $0.hasPrefix("3.12") }) {
      return root + "/versions/" + version + "/bin/python3"
    }
    for candidate in ["/usr/bin/python3.12", "/usr/local/bin/python3.12"]
    where FileManager.default.isExecutableFile(atPath: candidate) {
      return candidate
    }
    printToStandardError("heapscope bench: CPython 3.12 not found (looked in \(root)/versions and /usr/bin)")
    throw ExitCode(2)
  }

  static func hasMemray(python: String) -> Bool {
    (try? measure([python, "-c", "import memray"], quiet: true)) != nil
  }

  static func loadAverage() -> String {
    var loads = [Double](repeating: 0, count: 3)
    guard getloadavg(&loads, 3) == 3 else { return "?" }
    return String(format: "%.2f", loads[0])
  }

  /// Runs a command to completion; wall time and peak RSS (`wait4`).
  static func measure(_ arguments: [String], quiet: Bool = false) throws -> Measurement {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    let argv = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    let environment =
      ProcessInfo.processInfo.environment.merging(
        ["PYTHONHASHSEED": "0", "PYTHONBREAKPOINT": "0"], uniquingKeysWith: { $1 }
      ).map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in environment { free(pointer) } }
    let start = DispatchTime.now()
    guard posix_spawn(&pid, arguments[0], &actions, nil, argv, environment) == 0 else {
      throw ValidationError("cannot run \(arguments[0])")
    }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    if status != 0 {
      if !quiet {
        printToStandardError("heapscope bench: \(arguments.joined(separator: " ")) failed (\(status))")
      }
      throw ExitCode(1)
    }
    return Measurement(seconds: seconds, peakKB: Int(usage.ru_maxrss))
  }
}

/// Figures measured inside the model.
enum ModelFigures {
  static func measure(short: Bool) throws -> [String: Any] {
    var figures = try timelineFigures(milestones: short ? [1_000, 4_000] : [10_000, 100_000, 1_000_000])
    for (key, value) in try frameFigures(objects: short ? 10_000 : 1_000_000, iterations: short ? 3 : 30) {
      figures[key] = value
    }
    for (key, value) in allocatorThroughput(pairs: short ? 200_000 : 20_000_000) { figures[key] = value }
    return figures
  }

  /// Time travel on an allocation-heavy loop (a list of lists, one appended
  /// and one popped per iteration): at each milestone step, the median of
  /// five back steps, a seek to the middle of the run and back, and the
  /// history kept so far.
  static func timelineFigures(milestones: [Int]) throws -> [String: Any] {
    let iterations = milestones.max()! / 4 + 1_000
    let text = """
      items = []
      for i in range(\(iterations)):
          items.append([i])
          if len(items) > 1000:
              items.pop(0)
      """
    var timeline = try makeTimeline(text)
    var figures: [String: Any] = [:]
    let replayStart = DispatchTime.now()
    for milestone in milestones {
      try timeline.seek(to: milestone)
      let replaySeconds = elapsed(since: replayStart)
      var backSteps: [Double] = []
      for _ in 1...5 {
        let start = DispatchTime.now()
        try timeline.stepBack()
        backSteps.append(elapsed(since: start) * 1000)
      }
      let here = timeline.step
      let seekStart = DispatchTime.now()
      try timeline.seek(to: here / 2)
      try timeline.seek(to: here)
      let seekMilliseconds = elapsed(since: seekStart) * 1000
      let label = milestone >= 1_000_000 ? "\(milestone / 1_000_000)M" : "\(milestone / 1_000)k"
      figures["steps_\(label)_replay_seconds"] = replaySeconds
      figures["steps_\(label)_back_step_ms_median"] = backSteps.sorted()[2]
      figures["steps_\(label)_seek_middle_and_back_ms"] = seekMilliseconds
      figures["steps_\(label)_history_mb"] = Double(timeline.historyBytes) / 1e6
      figures["steps_\(label)_history_bytes_per_step"] = Double(timeline.historyBytes) / Double(here)
    }
    return figures
  }

  /// Time travel on a bench workload, in process: recorded to the end as
  /// `run --timeline` records it, then five back steps from the end (their
  /// median and the slowest) and one seek to the middle and back — where a
  /// big model's sparse checkpoints (Timeline.swift) cost the most
  /// re-execution, as does landing after a long builtin call (`sum()` over
  /// a generator), whose passed steps hold no checkpoint.
  static func timeTravel(workload path: String) throws -> [String: Any] {
    var timeline = try makeTimeline(try String(contentsOfFile: path, encoding: .utf8))
    try timeline.runToEnd()
    try timeline.loadCurrentEvents()
    let end = timeline.step
    var backSteps: [Double] = []
    for _ in 1...5 {
      let start = DispatchTime.now()
      try timeline.stepBack()
      backSteps.append(elapsed(since: start) * 1000)
    }
    let seekStart = DispatchTime.now()
    try timeline.seek(to: end / 2)
    try timeline.seek(to: end)
    return [
      "steps": end, "back_step_at_end_ms": Measurement.median(backSteps),
      "slowest_back_step_at_end_ms": backSteps.max()!,
      "seek_middle_and_back_ms": elapsed(since: seekStart) * 1000,
    ]
  }

  /// One 200×60 inspector frame (build and draw, no flush) over a heap of
  /// `objects` live objects (half lists, half ints), at each zoom level.
  static func frameFigures(objects: Int, iterations: Int) throws -> [String: Any] {
    let text = "items = [[i + 1000] for i in range(\(objects / 2))]\nprint(len(items))"
    var timeline = try makeTimeline(text)
    try timeline.seek(to: 2)  // at the print: the list is built, the module not yet torn down
    let heap = timeline.interpreter.heap
    // The model's memory is measured on the heap a plain run builds: under a
    // timeline, the spare capacity of the columns depends on when the last
    // checkpoint made them copy themselves (the history's cost, counted
    // apart in `steps_*_history_mb`).
    var plain = try makeTimeline(text).interpreter
    _ = try plain.advance(toStep: 2)
    let measured = plain.heap
    let fullestPool =
      heap.allocator.arenaSummaries().first.map { arena in
        heap.allocator.poolSummaries(in: arena.index).max { $0.blocksInUse < $1.blocksInUse }?.index
      } ?? nil
    let live = Double(max(measured.liveObjectCount, 1))
    let footprint = measured.memoryFootprint()
    var figures: [String: Any] = [
      "frame_heap_live_objects": heap.liveObjectCount,
      "model_bytes_per_live_object": Double(footprint.total) / live,
      "model_bytes_per_live_object_estimate": Double(measured.approximateModelBytes) / live,
    ]
    let parts: [(String, Int)] = [
      ("rows", footprint.rows), ("collector", footprint.collector), ("sequences", footprint.sequences),
      ("dicts", footprint.dicts), ("instances", footprint.instances), ("fields", footprint.fields),
      ("scalars", footprint.scalars), ("other", footprint.other),
    ]
    for (part, bytes) in parts { figures["model_bytes_per_live_object_part_\(part)"] = Double(bytes) / live }
    for (key, value) in try mallocFigures(objects: objects) { figures[key] = value }
    var zooms: [(String, HeapZoom)] = [("arenas", .arenas), ("arena", .arena(ArenaIndex(0)))]
    if let fullestPool { zooms.append(("pool", .pool(fullestPool))) }
    for (name, zoom) in zooms {
      // The first frame at a position builds what the driver caches for
      // it (the pool's block owners); later frames reuse it.
      let fresh = TimelineDriver(timeline: timeline, sourceName: "bench.py")
      figures["frame_200x60_\(name)_first_ms"] =
        benchmarkFrame(driver: fresh, zoom: zoom, iterations: 1) / 1e6
      figures["frame_200x60_\(name)_ms"] =
        benchmarkFrame(driver: fresh, zoom: zoom, iterations: iterations) / 1e6
    }
    return figures
  }

  /// The same heap built by a plain interpreter (no recording), with the
  /// process's malloc heap measured before and after (`mallinfo2`): every
  /// byte the model spent on the objects, allocator tables and the slack of
  /// its growing arrays included.
  static func mallocFigures(objects: Int) throws -> [String: Any] {
    let source = SourceFile(
      name: "bench.py", text: "items = [[i + 1000] for i in range(\(objects / 2))]\nprint(len(items))")
    guard let module = compileCheck(source).module else { throw ExitCode(2) }
    var interpreter = Interpreter(module: module, path: "bench.py", version: .py312)
    let liveBefore = interpreter.heap.liveObjectCount
    let before = mallocBytesInUse()
    _ = try interpreter.advance(toStep: 2)
    let after = mallocBytesInUse()
    let created = max(interpreter.heap.liveObjectCount - liveBefore, 1)
    return [
      "model_bytes_per_live_object_malloc": Double(after - before) / Double(created),
      "model_malloc_objects_created": created,
    ]
  }

  /// Bytes handed out by glibc's malloc: in-use chunks of every arena plus
  /// mmapped chunks (what `mallinfo2()` reports as uordblks + hblkhd, read
  /// from `malloc_info`'s totals because Swift's Glibc module does not
  /// declare `mallinfo2`). 0 where glibc's `malloc_info` is missing.
  static func mallocBytesInUse() -> Int {
    #if canImport(Glibc)
      typealias MallocInfo = @convention(c) (Int32, UnsafeMutablePointer<FILE>?) -> Int32
      guard let symbol = dlsym(nil, "malloc_info") else { return 0 }
      let mallocInfo = unsafeBitCast(symbol, to: MallocInfo.self)
      var buffer: UnsafeMutablePointer<CChar>? = nil
      var length = 0
      guard let stream = open_memstream(&buffer, &length) else { return 0 }
      _ = mallocInfo(0, stream)
      fclose(stream)
      guard let buffer else { return 0 }
      defer { free(buffer) }
      // The totals over all arenas are the last <total>/<system> lines.
      var totals: [String: Int] = [:]
      for line in String(cString: buffer).split(separator: "\n") {
        let fields = line.split(separator: "\"")
        guard fields.count >= 4, line.hasPrefix("<total type=") || line.hasPrefix("<system type=") else {
          continue
        }
        let name = (line.hasPrefix("<total") ? "total-" : "system-") + fields[1]
        totals[name] = Int(fields.last { Int($0) != nil } ?? "0")
      }
      let arenas = (totals["system-current"] ?? 0) - (totals["total-fast"] ?? 0) - (totals["total-rest"] ?? 0)
      return arenas + (totals["total-mmap"] ?? 0)
    #else
      return 0
    #endif
  }

  static func makeTimeline(_ text: String) throws -> Timeline {
    let source = SourceFile(name: "bench.py", text: text)
    guard let module = compileCheck(source).module else { throw ExitCode(2) }
    return Timeline(interpreter: Interpreter(module: module, path: "bench.py", version: .py312))
  }

  /// Seconds for one full collection of `objects` tracked lists in
  /// two-element cycles, half of them garbage, in the model.
  static func fullCollection(objects: Int) -> Double {
    var heap = Heap(version: .py312)
    let root = heap.newList([])
    for index in 0..<(objects / 2) {
      let a = heap.newList([])
      heap.incref(a)
      let b = heap.newList([a])
      heap.listAppend(a, b)
      if index % 2 == 0 { heap.listAppend(root, a) } else { heap.decref(a) }
    }
    let start = DispatchTime.now()
    _ = heap.collectWithoutPython(generation: 2)
    return elapsed(since: start)
  }

  /// The same heap built by CPython 3.12, and its `gc.collect()` timed there.
  static func cpythonFullCollection(python: String, objects: Int, scratch: URL) throws -> Double {
    let script = scratch.appendingPathComponent("gc_bench.py")
    let source = [
      "import gc, time", "gc.disable()", "root = []", "for i in range(\(objects / 2)):", "    a = []",
      "    b = [a]", "    a.append(b)", "    if i % 2 == 0:", "        root.append(a)", "del a, b",
      "start = time.perf_counter()", "gc.collect()", "print(time.perf_counter() - start)",
    ].joined(separator: "\n")
    try source.write(to: script, atomically: true, encoding: .utf8)
    let output = scratch.appendingPathComponent("gc_bench.out")
    guard FileManager.default.createFile(atPath: output.path, contents: nil) else {
      throw ValidationError("cannot create \(output.path) for CPython's gc timing")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [script.path]
    process.standardOutput = try FileHandle(forWritingTo: output)
    try process.run()
    process.waitUntilExit()
    let text = try String(contentsOf: output, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    guard let seconds = Double(text) else {
      throw ValidationError("cannot read CPython's gc timing: \(text)")
    }
    return seconds
  }

  static func elapsed(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
