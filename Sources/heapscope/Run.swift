import ArgumentParser
import Foundation
import HeapModel
import Scenario

/// `heapscope run FILE`: execute a scenario against the model and write what
/// CPython would write.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Execute a scenario headless and write what CPython would write.")

  @OptionGroup var options: CommonOptions

  @ArgumentParser.Argument(help: "The scenario file to run.")
  var file: String

  @Flag(help: "Record the full timeline while running (what the inspector does; for benchmarks).")
  var timeline = false

  func run() throws {
    let (_, module) = try loadScenario(file)
    let version = options.version
    let maxSteps = options.maxSteps
    let maxHeap = options.maxHeap
    // 3.9+ make the script path absolute (`__file__`, tracebacks).
    let recordTimeline = timeline
    let path =
      version >= .py39 && !file.hasPrefix("/")
      ? FileManager.default.currentDirectoryPath + "/" + file : file
    let outcome = onLargeStack { () -> RunOutcome in
      var interpreter = Interpreter(
        module: module, path: path, version: version, recordingEvents: recordTimeline)
      interpreter.maxSteps = maxSteps
      interpreter.maxHeap = maxHeap
      let status: Int32
      var message: String? = nil
      do {
        if recordTimeline {
          var replay = Timeline(interpreter: interpreter)
          try replay.runToEnd()
          interpreter = replay.interpreter
          status = interpreter.exitStatus ?? 0
        } else {
          status = try interpreter.run()
        }
      } catch {
        guard let stop = error as? InterpreterStop else { fatalError("unexpected stop \(error)") }
        status = 2
        message = stop.diagnostic(path: path)
      }
      return RunOutcome(
        stdout: interpreter.standardOutput, stderr: interpreter.standardError, status: status,
        message: message)
    }
    FileHandle.standardOutput.write(Data(outcome.stdout))
    FileHandle.standardError.write(Data(outcome.stderr))
    if let message = outcome.message { printToStandardError(message) }
    if outcome.status != 0 { throw ExitCode(outcome.status) }
  }
}

struct RunOutcome: Sendable {
  var stdout: [UInt8]
  var stderr: [UInt8]
  var status: Int32
  var message: String?
}
