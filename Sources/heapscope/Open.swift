import ArgumentParser
import Foundation
import HeapModel
import HeapscopeTUI
import Scenario

/// `heapscope [SCENARIO.py]`: the full-screen inspector.
struct Open: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "open",
    abstract: "Open the inspector on SCENARIO.py (or the bundled tour).")

  @OptionGroup var options: CommonOptions

  @ArgumentParser.Argument(help: "The scenario file to inspect (default: the bundled tour).")
  var file: String?

  func run() throws {
    let driver = try makeDriver(file: file, options: options)
    let status = onLargeStack { () -> Result<Int32, TerminalError> in
      do {
        return .success(try runInspector(driver: driver))
      } catch let error as TerminalError {
        return .failure(error)
      } catch {
        return .failure(.cannotInitialise(term: "\(error)"))
      }
    }
    switch status {
    case .success(let code):
      if code != 0 { throw ExitCode(code) }
    case .failure(let error):
      printToStandardError("heapscope: cannot open the inspector: \(error)")
      throw ExitCode(2)
    }
  }
}

/// Builds the replay of `file` (or the bundled tour) for the inspector.
func makeDriver(file: String?, options: CommonOptions) throws -> TimelineDriver {
  let module: Module
  let path: String
  if let file {
    module = try loadScenario(file).1
    path = file
  } else {
    let source = SourceFile(name: BundledScenarios.tourName, text: BundledScenarios.tour)
    guard let checked = compileCheck(source).module else {
      printToStandardError("heapscope: the bundled tour does not compile")
      throw ExitCode(2)
    }
    module = checked
    path = BundledScenarios.tourName
  }
  var interpreter = Interpreter(module: module, path: path, version: options.version, recordingEvents: true)
  interpreter.maxSteps = options.maxSteps
  return TimelineDriver(timeline: Timeline(interpreter: interpreter), sourceName: path)
}
