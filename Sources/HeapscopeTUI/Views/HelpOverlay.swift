/// The `?` overlay: every binding of `KeyMap.default`, grouped, in a box in
/// the middle of the screen; two columns when one does not fit.
enum HelpOverlay {
  static func render(_ state: AppState, in screen: Rect, into buffer: inout CellBuffer) {
    let lines = KeyMap.default.helpLines()
    let keyWidth = min(22, lines.map { displayWidth($0.keys) }.max() ?? 0) + 1
    let innerHeight = max(1, screen.height - 4)
    let columns = lines.count + 1 > innerHeight ? 2 : 1
    let perColumn = (lines.count + columns - 1) / columns
    let columnWidth = min(90, (screen.width - 4 - (columns - 1) * 2) / columns)
    let width = columns * columnWidth + (columns - 1) * 2 + 4
    let height = min(screen.height - 2, perColumn + 3)
    let box = Rect(
      x: screen.x + (screen.width - width) / 2, y: screen.y + (screen.height - height) / 2, width: width,
      height: height)
    buffer.fill(box, style: .helpBox)
    buffer.put(" keys (? or Esc to close) ", x: box.x + 2, y: box.y, style: .helpGroup, clip: box)
    for (i, line) in lines.enumerated() {
      let column = i / perColumn
      let row = i % perColumn
      let x = box.x + 2 + column * (columnWidth + 2)
      let y = box.y + 2 + row
      guard y < box.y + box.height else { continue }
      if line.isHeading {
        buffer.put(line.text, x: x, y: y, style: .helpGroup, maxWidth: columnWidth, clip: box)
      } else {
        buffer.put(line.keys, x: x, y: y, style: .helpKey, maxWidth: keyWidth - 1, clip: box)
        buffer.put(
          line.text, x: x + keyWidth, y: y, style: .helpBox, maxWidth: columnWidth - keyWidth, clip: box)
      }
    }
  }
}
