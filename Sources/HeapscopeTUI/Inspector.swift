// The inspector's public entry points, for the `heapscope` executable.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Opens the full-screen inspector on the process's terminal and runs it
/// until the user quits; the terminal is restored on every exit path.
///
/// - Returns: the exit status (0 after `q`).
/// - Throws: `TerminalError` when there is no usable terminal.
public func runInspector<D: ReplayDriver>(driver: D) throws -> Int32 {
  let terminal = try CursesTerminal()
  defer { terminal.restore() }
  return InspectorApp.run(driver: driver, terminal: terminal)
}

/// The inspector screen for `driver`'s current position as plain text:
/// exactly `size.height` lines, each at most `size.width` display columns,
/// trailing spaces trimmed (`heapscope render`).
///
/// - Parameters:
///   - pane: focus this pane and maximise it; nil for the normal layout.
///   - zoom: the heap grid's zoom.
///   - ascii: use the ASCII glyph set instead of UTF-8 block characters.
public func renderScreen<D: ReplayDriver>(
  driver: D, size: TerminalSize, pane: Pane? = nil, zoom: HeapZoom = .arenas, ascii: Bool = false
) -> String {
  var buffer = CellBuffer(width: size.width, height: size.height)
  Screen.render(
    screenState(driver: driver, size: size, pane: pane, zoom: zoom, ascii: ascii), driver, into: &buffer)
  return buffer.text
}

/// The state `renderScreen` draws.
func screenState<D: ReplayDriver>(driver: D, size: TerminalSize, pane: Pane?, zoom: HeapZoom, ascii: Bool)
  -> AppState
{
  var state = AppState(size: size)
  state.glyphs = ascii ? .ascii : .unicode
  if let pane {
    state.focus = pane
    state.isMaximised = true
  }
  state.heap.zoom = zoom
  state.sync(with: driver)
  return state
}

/// Times building one frame (sync, layout and every view into the cell
/// buffer) for `driver` at `size` and `zoom`, `iterations` times.
///
/// - Returns: the mean time per frame in nanoseconds. The terminal flush is
///   left out: ncurses diffs it, and it does not depend on the heap.
public func benchmarkFrame<D: ReplayDriver>(
  driver: D, size: TerminalSize = TerminalSize(width: 200, height: 60), zoom: HeapZoom = .arenas,
  iterations: Int = 100
) -> Double {
  let base = screenState(driver: driver, size: size, pane: nil, zoom: zoom, ascii: false)
  var buffer = CellBuffer(width: size.width, height: size.height)
  let clock = ContinuousClock()
  let elapsed = clock.measure {
    for _ in 0..<iterations {
      var state = base
      state.sync(with: driver)
      Screen.render(state, driver, into: &buffer)
    }
  }
  let (seconds, attoseconds) = elapsed.components
  return (Double(seconds) * 1e9 + Double(attoseconds) / 1e9) / Double(max(1, iterations))
}
