/// What a terminal below `Layout.minimumSize` shows instead of garbage.
enum TooSmallView {
  static func render(size: TerminalSize, need: TerminalSize, into buffer: inout CellBuffer) {
    let lines = ["terminal too small", "(need \(need), have \(size))", "enlarge it or press q"]
    let top = max(0, (size.height - lines.count) / 2)
    for (i, line) in lines.enumerated() {
      let x = max(0, (size.width - displayWidth(line)) / 2)
      buffer.put(line, x: x, y: top + i, style: i == 0 ? .tooSmall : .normal, maxWidth: size.width - x)
    }
  }
}
