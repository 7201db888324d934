import ArgumentParser

struct Render: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Print the inspector screen at a step as plain text.")

  func run() throws {
    try notBuiltYet("render", issue: 7)
  }
}
