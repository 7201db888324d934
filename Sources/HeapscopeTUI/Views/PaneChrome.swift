/// The header row of a pane: its title, highlighted when focused, and an
/// optional right-aligned note.
enum PaneChrome {
  static func drawHeader(
    _ pane: Pane, note: String, focused: Bool, in rect: Rect, into buffer: inout CellBuffer
  ) {
    let style: Style = focused ? .focusedHeader : .paneHeader
    buffer.fill(rect.top(1), style: style)
    let title = " \(pane.title) "
    let used = buffer.put(title, x: rect.x, y: rect.y, style: style, attributes: .bold, clip: rect)
    let noteWidth = displayWidth(note)
    if !note.isEmpty, used + noteWidth + 2 <= rect.width {
      buffer.put(note, x: rect.x + rect.width - noteWidth - 1, y: rect.y, style: style, clip: rect)
    }
  }
}
