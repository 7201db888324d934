import ArgumentParser
import Foundation
import Scenario

/// `heapscope check FILE`: parse and validate a scenario without running it.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Parse and validate a scenario; report every unsupported construct.")

  @OptionGroup var options: CommonOptions

  @ArgumentParser.Argument(help: "The scenario file to check.")
  var file: String

  func run() throws {
    let (source, module) = try loadScenario(file)
    print("\(file): ok (\(source.lineCount) lines, \(module.statementCount) statements)")
  }

  /// A short reason ("No such file or directory") instead of Foundation's
  /// long localized description.
  static func reason(for error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
    switch nsError.code {
    case NSFileReadNoSuchFileError: return "No such file or directory"
    case NSFileReadNoPermissionError: return "Permission denied"
    default: return nsError.localizedDescription
    }
  }
}
