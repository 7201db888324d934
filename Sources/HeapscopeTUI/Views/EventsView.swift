// The micro-steps of the current line, each with the C function that does
// that work in the modelled CPython: done ones plain, the last one done
// highlighted, pending ones dim.

/// The Events pane.
enum EventsView {
  static func render<D: ReplayDriver>(
    _ state: AppState, _ data: D, in rect: Rect, into buffer: inout CellBuffer
  ) {
    guard !rect.isEmpty else { return }
    let events = data.events
    if events.isEmpty {
      buffer.put("no model events on this line", x: rect.x, y: rect.y, style: .dim, clip: rect)
      return
    }
    let current = data.position.eventIndex
    var scroll = state.scrolls[.events] ?? 0
    if let current, current >= scroll + rect.height { scroll = current - rect.height + 1 }
    scroll = min(scroll, max(0, events.count - 1))
    // Only the visible window is built (a line may have a million events).
    let visible = (scroll..<min(events.count, scroll + rect.height)).map { ($0, events[$0]) }
    let functionWidth = min(24, visible.map { $0.1.cFunction.count }.max() ?? 0)
    for (i, event) in visible {
      let y = rect.y + i - scroll
      let isCurrent = i == current
      let pending = current.map { i > $0 } ?? true
      if isCurrent { buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: .eventCurrent) }
      var x = rect.x
      x += buffer.put(
        isCurrent ? state.glyphs.current : " ", x: x, y: y, style: isCurrent ? .eventCurrent : .normal,
        clip: rect)
      x += buffer.put(" ", x: x, y: y, clip: rect)
      let functionStyle: Style = isCurrent ? .eventCurrent : (pending ? .dim : .cFunction)
      x += buffer.put(padRight(event.cFunction, functionWidth), x: x, y: y, style: functionStyle, clip: rect)
      let text = "  " + event.text
      let fileText = "  " + event.sourceFile
      let room = rect.x + rect.width - x
      let textStyle: Style = isCurrent ? .eventCurrent : (pending ? .dim : .normal)
      let used = buffer.put(text, x: x, y: y, style: textStyle, maxWidth: room, clip: rect)
      if used + displayWidth(fileText) <= room {
        buffer.put(fileText, x: x + used, y: y, style: isCurrent ? .eventCurrent : .dim, clip: rect)
      }
    }
  }
}
