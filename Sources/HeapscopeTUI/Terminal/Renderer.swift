/// Builds frames into one reusable buffer and hands them to a terminal.
public struct Renderer {
  /// The theme frames are shown with.
  public var theme: Theme
  /// The frame being built (kept to reuse its storage).
  public private(set) var buffer = CellBuffer(width: 0, height: 0)

  public init(theme: Theme) { self.theme = theme }

  /// Draws the frame for `state` and `data` into the buffer.
  public mutating func build<D: ReplayDriver>(_ state: AppState, _ data: D) {
    Screen.render(state, data, into: &buffer)
  }

  /// Builds the frame and shows it on `terminal`.
  public mutating func draw<D: ReplayDriver>(_ state: AppState, _ data: D, to terminal: some Terminal) {
    build(state, data)
    terminal.draw(buffer, theme: theme)
  }
}
