import ArgumentParser

struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Execute a scenario headless and write what CPython would write.")

  func run() throws {
    try notBuiltYet("run", issue: 4)
  }
}
