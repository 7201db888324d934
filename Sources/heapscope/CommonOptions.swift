import ArgumentParser
import HeapModel

/// Options every scenario-executing subcommand accepts (SPEC §1).
struct CommonOptions: ParsableArguments {
  @Option(
    name: .customLong("python"),
    help: "The CPython version modelled: 3.8, 3.9, 3.10, 3.11, 3.12 or 3.13.",
    transform: { text in
      guard let version = PythonVersion(string: text) else {
        throw ValidationError("unknown Python version '\(text)' (expected 3.8 … 3.13)")
      }
      return version
    })
  var version: PythonVersion = .default

  @Option(help: "Stop with an error after this many executed lines.")
  var maxSteps: Int?

  @Option(help: "Raise MemoryError inside the scenario beyond this many bytes of modelled heap.")
  var maxHeap: Int?
}

extension PythonVersion: ExpressibleByArgument {
  public init?(argument: String) { self.init(string: argument) }
}
