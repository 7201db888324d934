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
    let data: Data
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
      printToStandardError("heapscope: cannot read '\(file)': Is a directory")
      throw ExitCode(2)
    }
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: file))
    } catch {
      printToStandardError("heapscope: cannot read '\(file)': \(Check.reason(for: error))")
      throw ExitCode(2)
    }
    let source = SourceFile(name: file, bytes: [UInt8](data))
    let result = compileCheck(source)
    guard let module = result.module else {
      printToStandardError(DiagnosticFormatter.format(result.diagnostics, in: source))
      throw ExitCode(2)
    }
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
