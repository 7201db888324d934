import Foundation

/// Writes a line to stderr.
func printToStandardError(_ text: String) {
  var line = text
  if !line.hasSuffix("\n") { line += "\n" }
  FileHandle.standardError.write(Data(line.utf8))
}
