// A terminal as the app loop needs it: a size, a way to show a finished
// buffer, and a stream of inputs. `CursesTerminal` is the real one;
// `MemoryTerminal` is the one tests and `heapscope render` use.

/// What reading input produced.
public enum TerminalInput: Sendable, Equatable {
  case key(Key)
  /// The timeout passed with no input (the run timer).
  case timeout
  /// Input ended (end of a test script); the app quits.
  case closed
}

/// A screen and a keyboard.
public protocol Terminal: AnyObject {
  /// Current size in cells.
  var size: TerminalSize { get }
  /// Colours available (0, 8, 256…).
  var colorCount: Int { get }
  /// The glyph set the terminal can show.
  var glyphs: Glyphs { get }
  /// Shows `buffer` with `theme`.
  func draw(_ buffer: CellBuffer, theme: Theme)
  /// The next input, waiting at most `timeoutMilliseconds` (forever if nil).
  func nextInput(timeoutMilliseconds: Int?) -> TerminalInput
  /// Gives the terminal back as it was (idempotent).
  func restore()
}
