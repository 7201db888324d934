import ArgumentParser
import Foundation
import HeapModel
import Scenario

/// `heapscope trace FILE`: the replay as a JSON Lines event stream
/// (schema in docs/trace.md), streamed as it is produced.
struct Trace: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trace",
    abstract: "Write the replay as a JSON Lines event stream (see docs/trace.md).")

  @OptionGroup var options: CommonOptions

  @ArgumentParser.Argument(help: "The scenario file to trace.")
  var file: String

  @Option(
    help: "Comma-separated event kinds: \(TraceKind.allCases.map(\.rawValue).joined(separator: ",")).",
    transform: { text in
      var kinds: Set<TraceKind> = []
      for name in text.split(separator: ",") {
        guard let kind = TraceKind(rawValue: String(name)) else {
          throw ValidationError("unknown event kind '\(name)'")
        }
        kinds.insert(kind)
      }
      return kinds
    })
  var events: Set<TraceKind> = Set(TraceKind.allCases)

  func run() throws {
    let (_, module) = try loadScenario(file)
    let version = options.version
    let maxSteps = options.maxSteps
    let path = file
    let kinds = events
    let outcome = onLargeStack { () -> RunOutcome in
      var interpreter = Interpreter(module: module, path: path, version: version, recordingEvents: true)
      interpreter.maxSteps = maxSteps
      let encoder = TraceEncoder(version: version, kinds: kinds)
      let output = FileHandle.standardOutput
      do {
        try TraceWriter.write(&interpreter, file: path, encoder: encoder) { output.write(Data($0.utf8)) }
      } catch {
        guard let stop = error as? InterpreterStop else { fatalError("unexpected stop \(error)") }
        return RunOutcome(
          stdout: [], stderr: interpreter.standardError, status: 2,
          message: stop.diagnostic(path: path))
      }
      return RunOutcome(stdout: [], stderr: interpreter.standardError, status: 0, message: nil)
    }
    FileHandle.standardError.write(Data(outcome.stderr))
    if let message = outcome.message { printToStandardError(message) }
    if outcome.status != 0 { throw ExitCode(outcome.status) }
  }
}

extension TraceKind: ExpressibleByArgument {}
