import ArgumentParser

struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Parse and validate a scenario; report every unsupported construct.")

  func run() throws {
    try notBuiltYet("check", issue: 2)
  }
}
