import ArgumentParser

struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Run the benchmark suite against CPython and memray.")

  func run() throws {
    try notBuiltYet("bench", issue: 8)
  }
}
