/// Renders diagnostics as `FILE:LINE:COL: error: WHAT`, the source line, and a
/// caret (with `~` under the rest of the range when it stays on one line).
public enum DiagnosticFormatter {
  /// The full text for one diagnostic, ending in a newline.
  public static func format(_ diagnostic: Diagnostic, in source: SourceFile) -> String {
    var out = header(
      severity: diagnostic.severity.rawValue, message: diagnostic.message,
      range: diagnostic.range, source: source)
    for note in diagnostic.notes {
      if let range = note.range {
        out += header(severity: "note", message: note.message, range: range, source: source)
      } else {
        out += "\(source.name): note: \(note.message)\n"
      }
    }
    return out
  }

  /// All diagnostics, in source order.
  public static func format(_ diagnostics: [Diagnostic], in source: SourceFile) -> String {
    diagnostics.sorted { $0.range.start < $1.range.start }
      .map { format($0, in: source) }.joined()
  }

  private static func header(severity: String, message: String, range: SourceRange, source: SourceFile)
    -> String
  {
    let start = source.location(of: range.start)
    var out = "\(source.name):\(start.line):\(start.column): \(severity): \(message)\n"
    guard start.line <= source.lineStarts.count else { return out }
    let lineText = source.lineText(start.line).replacingTabs()
    out += "    \(lineText)\n"
    let lineEnd = source.lineRange(start.line).upperBound
    let endOffset = Swift.min(Swift.max(range.end, range.start), lineEnd)
    let end = source.location(of: endOffset)
    let width = Swift.max(1, end.column - start.column)
    out +=
      "    " + String(repeating: " ", count: start.column - 1) + "^"
      + String(repeating: "~", count: width - 1) + "\n"
    return out
  }
}

extension String {
  fileprivate func replacingTabs() -> String {
    String(map { $0 == "\t" ? " " : $0 })
  }
}
