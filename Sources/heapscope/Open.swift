import ArgumentParser

struct Open: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "open",
    abstract: "Open the inspector on SCENARIO.py (or the bundled tour).")

  func run() throws {
    try notBuiltYet("open", issue: 7)
  }
}
