extension CellBuffer {
  /// The buffer as plain text: exactly `height` lines joined by "\n", each at
  /// most `width` display columns, trailing spaces trimmed. Used by
  /// `heapscope render` and the snapshot tests.
  public var text: String {
    var lines: [String] = []
    lines.reserveCapacity(height)
    for y in 0..<height {
      var scalars = String.UnicodeScalarView()
      var lastNonSpace = 0
      var count = 0
      for x in 0..<width {
        let cell = cells[y * width + x]
        if cell.isContinuation { continue }
        scalars.append(cell.scalar)
        count += 1
        if cell.scalar != " " { lastNonSpace = count }
      }
      lines.append(String(String.UnicodeScalarView(scalars.prefix(lastNonSpace))))
    }
    return lines.joined(separator: "\n")
  }
}
