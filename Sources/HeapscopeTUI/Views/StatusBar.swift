/// The bottom row: the input line when one is open, otherwise a message or
/// the run state, then key hints generated from `KeyMap.default`.
enum StatusBar {
  static func render<D: ReplayDriver>(
    _ state: AppState, _ data: D, in rect: Rect, into buffer: inout CellBuffer
  ) {
    guard !rect.isEmpty else { return }
    if let input = state.input {
      buffer.fill(rect, style: .inputLine)
      let prompt: String
      switch input.purpose {
      case .goTo: prompt = "go to step or 0x address: "
      case .search: prompt = "search type or repr: "
      case .seekEvent(let forward):
        prompt = "seek \(forward ? "next" : "previous") (\(EventSearch.promptWords)): "
      }
      let x = rect.x + buffer.put(prompt + input.text, x: rect.x, y: rect.y, style: .inputLine, clip: rect)
      buffer.put("_", x: x, y: rect.y, style: .inputLine, attributes: .bold, clip: rect)
      return
    }
    buffer.fill(rect, style: .statusBar)
    var x = rect.x
    let lead: String
    let leadStyle: Style
    if let message = state.message ?? data.notice {
      lead = " " + message + " "
      leadStyle = .message
    } else if state.isRunning {
      lead = " running \(AppState.speeds[state.speedLevel])/s "
      leadStyle = .statusKey
    } else {
      lead = state.isFinished ? " finished " : " paused "
      leadStyle = .statusBar
    }
    x += buffer.put(lead, x: x, y: rect.y, style: leadStyle, clip: rect)
    for hint in KeyMap.default.hints(for: state) {
      let width = displayWidth(hint.key) + displayWidth(hint.label) + 3
      guard x + width <= rect.x + rect.width else { break }
      x += buffer.put(" " + hint.key, x: x, y: rect.y, style: .statusKey, clip: rect)
      x += buffer.put(" " + hint.label + " ", x: x, y: rect.y, style: .statusBar, clip: rect)
    }
  }
}
