/// The top row: program, scenario, modelled version, position.
enum TitleBar {
  static func render<D: ReplayDriver>(
    _ state: AppState, _ data: D, in rect: Rect, into buffer: inout CellBuffer
  ) {
    guard !rect.isEmpty else { return }
    buffer.fill(rect, style: .title)
    let p = data.position
    let total = p.knownSteps.map { "/\($0)" } ?? ""
    let line = p.line.map { " · line \($0)" } ?? (p.isFinished ? " · finished" : "")
    let left = " heapscope · \(data.sourceName) · Python \(data.allocator.version)"
    let right = "step \(p.step)\(total)\(line) "
    let used = buffer.put(left, x: rect.x, y: rect.y, style: .title, attributes: .bold, clip: rect)
    let width = displayWidth(right)
    if used + width + 1 <= rect.width {
      buffer.put(right, x: rect.x + rect.width - width, y: rect.y, style: .title, clip: rect)
    }
  }
}
