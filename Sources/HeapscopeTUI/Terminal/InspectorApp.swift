// The main loop: draw, wait for input (with a timeout while running, so the
// replay advances at the chosen speed), turn the input into an action through
// the key map, update, perform the effects on the replay, re-sync, repeat.

/// The inspector's event loop.
public enum InspectorApp {
  /// Runs the inspector on `terminal` until the user quits or input ends; returns the exit status.
  public static func run<D: ReplayDriver>(driver: D, terminal: some Terminal) -> Int32 {
    var data = driver
    var state = AppState(size: terminal.size)
    state.glyphs = terminal.glyphs
    state.sync(with: data)
    var renderer = Renderer(
      theme: Theme.choose(colors: terminal.colorCount, environment: environment()))
    while true {
      renderer.draw(state, data, to: terminal)
      let action: Action?
      switch terminal.nextInput(timeoutMilliseconds: state.isRunning ? state.tickMilliseconds : nil) {
      case .closed: return 0
      case .timeout: action = .tick
      case .key(.resize): action = .resize(terminal.size)
      case .key(let key): action = KeyMap.default.action(for: key, in: state)
      }
      guard let action else { continue }
      for effect in update(&state, action) where !state.perform(effect, on: &data) {
        return 0
      }
      state.sync(with: data)
    }
  }
}
