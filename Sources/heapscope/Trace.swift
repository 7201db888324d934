import ArgumentParser

struct Trace: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trace",
    abstract: "Write the replay as a JSON Lines event stream.")

  func run() throws {
    try notBuiltYet("trace", issue: 6)
  }
}
