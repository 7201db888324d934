import ArgumentParser
import Foundation
import HeapModel

/// The `heapscope` command: a full-screen inspector of CPython's memory
/// management, plus headless subcommands that share its code paths.
@main
struct Heapscope: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "heapscope",
    abstract: "A terminal heap inspector for CPython's memory management.",
    discussion: """
      heapscope replays a Python scenario file against a model of CPython's
      allocator (arenas, pools, blocks), reference counting and cycle GC.
      With no subcommand it opens the inspector on SCENARIO.py, or on the
      bundled tour when no file is given.
      """,
    subcommands: [Open.self, Run.self, Check.self, Trace.self, Render.self, Bench.self],
    defaultSubcommand: Open.self
  )

  /// As ArgumentParser's `main()`, except that a bad option exits with 2
  /// (SPEC §1: bad input), not EX_USAGE (64).
  static func main() {
    MallocTuning.apply()
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      if code == .validationFailure {
        printToStandardError(fullMessage(for: error))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}
