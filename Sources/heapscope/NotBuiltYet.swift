import ArgumentParser
import Foundation

/// Ends a subcommand whose implementation has not landed yet: a clear message
/// on stderr and exit status 2, never fake output.
func notBuiltYet(_ command: String, issue: Int) throws -> Never {
  printToStandardError("heapscope: '\(command)' is not built yet (tracked in issue \(issue)).")
  throw ExitCode(2)
}

func printToStandardError(_ text: String) {
  var line = text
  if !line.hasSuffix("\n") { line += "\n" }
  FileHandle.standardError.write(Data(line.utf8))
}
