// The scenario's source with the current line, breakpoints and the bytes each
// line has allocated and freed so far:
//
//   ▶  7 │ xs = [i for i in range(100)]          +3.5 KB −0 B
//   ●  8 │ del xs

/// The Source pane.
enum SourceView {
  static func render<D: ReplayDriver>(
    _ state: AppState, _ data: D, in rect: Rect, into buffer: inout CellBuffer
  ) {
    let lines = data.sourceLines
    let current = data.position.line
    let breakpoints = data.breakpoints
    let numberWidth = max(2, String(lines.count).count)
    let gutter = 2 + numberWidth + 1
    let deltaWidth = rect.width >= 44 ? 18 : 0
    let g = state.glyphs
    for row in 0..<rect.height {
      let index = state.sourceScroll + row
      guard index < lines.count else { break }
      let number = index + 1
      let y = rect.y + row
      let isCurrent = number == current
      if isCurrent { buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: .currentLine) }
      let base: Style = isCurrent ? .currentLine : .normal
      if isCurrent {
        buffer.put(g.current, x: rect.x, y: y, style: base, clip: rect)
      } else if breakpoints.contains(number) {
        buffer.put(g.breakpoint, x: rect.x, y: y, style: .breakpoint, clip: rect)
      }
      buffer.put(
        padLeft(number, numberWidth), x: rect.x + 2, y: y, style: isCurrent ? base : .lineNumber, clip: rect)
      let textWidth = rect.width - gutter - deltaWidth
      buffer.put(
        expandTabs(lines[index]), x: rect.x + gutter, y: y, style: base, maxWidth: textWidth, clip: rect)
      if deltaWidth > 0, let delta = data.memoryDelta(line: number), delta.allocated > 0 || delta.freed > 0 {
        let plus = "+" + formatBytes(delta.allocated)
        let minus = "−" + formatBytes(delta.freed)
        let x = rect.x + rect.width - deltaWidth
        buffer.put(padLeft(plus, 9), x: x, y: y, style: isCurrent ? base : .bytesAllocated, clip: rect)
        buffer.put(padLeft(minus, 9), x: x + 9, y: y, style: isCurrent ? base : .bytesFreed, clip: rect)
      }
    }
  }

  private static func expandTabs(_ line: String) -> String {
    line.contains("\t") ? line.replacing("\t", with: "    ") : line
  }
}
