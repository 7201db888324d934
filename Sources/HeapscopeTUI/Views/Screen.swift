// The whole frame: title bar, panes with their headers and separators,
// status bar, and the help overlay on top. Pure: the same state and replay
// always give the same cells.

/// Draws a complete frame.
enum Screen {
  static func render<D: ReplayDriver>(_ state: AppState, _ data: D, into buffer: inout CellBuffer) {
    if buffer.width != state.size.width || buffer.height != state.size.height {
      buffer.resize(width: state.size.width, height: state.size.height)
    } else {
      buffer.clear()
    }
    let layout = Layout.compute(size: state.size, state: state)
    if let need = layout.tooSmall {
      TooSmallView.render(size: state.size, need: need, into: &buffer)
      if state.glyphs == .ascii { buffer.transliterateToASCII() }
      return
    }
    TitleBar.render(state, data, in: layout.title, into: &buffer)
    for (pane, rect) in layout.panes {
      PaneChrome.drawHeader(
        pane, note: note(for: pane, state), focused: pane == state.focus, in: rect, into: &buffer)
      let content = rect.droppingTop(1)
      switch pane {
      case .source: SourceView.render(state, data, in: content, into: &buffer)
      case .heap: HeapView.render(state, data, in: content, into: &buffer)
      case .graph: GraphView.render(state, data, in: content, into: &buffer)
      case .gc: GCView.render(state, data, in: content, into: &buffer)
      case .events: EventsView.render(state, data, in: content, into: &buffer)
      case .stats: StatsView.render(state, data, in: content, into: &buffer)
      }
    }
    for separator in layout.separators {
      for y in separator.y..<(separator.y + separator.height) {
        buffer.put(state.glyphs.vertical, x: separator.x, y: y, style: .separator)
      }
    }
    StatusBar.render(state, data, in: layout.status, into: &buffer)
    if state.showsHelp {
      HelpOverlay.render(
        state, in: Rect(x: 0, y: 0, width: state.size.width, height: state.size.height), into: &buffer)
    }
    if state.glyphs == .ascii { buffer.transliterateToASCII() }
  }

  private static func note(for pane: Pane, _ state: AppState) -> String {
    switch pane {
    case .heap: return state.heap.zoom == .arenas ? "all arenas" : "\(state.heap.zoom)"
    default: return state.isMaximised ? "z: restore" : ""
    }
  }
}
