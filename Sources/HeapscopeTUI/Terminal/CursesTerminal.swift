// The real terminal, through ncursesw. The only file that imports CNCurses.
//
// Drawing hands ncurses every cell of the finished buffer and calls
// `wrefresh`; ncurses compares against what is on screen and sends only the
// difference, so the views can redraw everything every frame.
//
// Restoring the terminal is the one thing that must never be skipped. It
// happens on `q` and when input ends (the caller's `defer`), on a thrown
// error (the same `defer`), on SIGINT/SIGTERM/SIGHUP (a handler that ends
// curses mode, then re-raises the signal with the default action so the exit
// status still says what killed us), and on a crash — SIGSEGV, SIGBUS,
// SIGFPE, SIGABRT, and SIGILL/SIGTRAP, which is how a Swift runtime trap
// such as a failed precondition arrives on Linux — the same way.

import CNCurses

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why the terminal could not be opened.
public enum TerminalError: Error, CustomStringConvertible {
  case notATerminal
  case cannotInitialise(term: String)

  public var description: String {
    switch self {
    case .notATerminal: return "the inspector needs a terminal (stdin and stdout must be a tty)"
    case .cannotInitialise(let term): return "cannot open the terminal (TERM=\(term))"
    }
  }
}

/// Whether curses mode is on, for the signal handlers (which cannot capture state).
nonisolated(unsafe) private var cursesActive: sig_atomic_t = 0

private let fatalSignals: [Int32] = [
  SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL, SIGTRAP,
]

private func restoreAndReraise(_ signal: Int32) {
  if cursesActive != 0 {
    cursesActive = 0
    endwin()
  }
  Glibc.signal(signal, SIG_DFL)
  raise(signal)
}

/// A terminal driven by ncursesw.
public final class CursesTerminal: Terminal {
  public let colorCount: Int
  public let glyphs: Glyphs
  private var screen: OpaquePointer?
  private var isOpen = true
  private var pairsReady = false
  private var theme: Theme?
  private var cell = cchar_t()

  /// Enters curses mode on the process's terminal.
  public init() throws {
    guard isatty(0) == 1, isatty(1) == 1 else { throw TerminalError.notATerminal }
    setlocale(LC_ALL, "")
    let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
    glyphs = codeset.uppercased().replacing("-", with: "") == "UTF8" ? .unicode : .ascii
    guard let screen = newterm(nil, fdopen(1, "w"), fdopen(0, "r")) else {
      throw TerminalError.cannotInitialise(term: getenv("TERM").map { String(cString: $0) } ?? "")
    }
    self.screen = screen
    cursesActive = 1
    for signal in fatalSignals {
      Glibc.signal(signal) { restoreAndReraise($0) }
    }
    cbreak()
    noecho()
    nonl()
    keypad(CNCurses_stdscr(), true)
    curs_set(0)
    set_escdelay(25)
    if has_colors() {
      start_color()
      use_default_colors()
      colorCount = Int(CNCurses_COLORS())
    } else {
      colorCount = 0
    }
    mousemask(CNCurses_BUTTON1_PRESS_MASK(), nil)
  }

  deinit { restore() }

  public var size: TerminalSize {
    TerminalSize(width: Int(CNCurses_COLS()), height: Int(CNCurses_LINES()))
  }

  public func restore() {
    guard isOpen else { return }
    isOpen = false
    cursesActive = 0
    endwin()
    if let screen { delscreen(screen) }
    screen = nil
    for signal in fatalSignals { Glibc.signal(signal, SIG_DFL) }
  }

  private func preparePairs(_ theme: Theme) {
    guard self.theme != theme else { return }
    self.theme = theme
    guard theme.depth != .monochrome, colorCount >= 8 else { return }
    for style in Style.allCases {
      let entry = theme.entry(style)
      init_pair(Int16(style.rawValue) + 1, entry.foreground, entry.background)
    }
    pairsReady = true
  }

  public func draw(_ buffer: CellBuffer, theme: Theme) {
    guard isOpen else { return }
    preparePairs(theme)
    let window = CNCurses_stdscr()
    let useColor = pairsReady && theme.depth != .monochrome
    var characters: [wchar_t] = [0, 0]
    for y in 0..<buffer.height {
      for x in 0..<buffer.width {
        let c = buffer[x, y]
        if c.isContinuation { continue }
        let entry = theme.entry(c.style)
        let attributes = cursesAttributes(entry.attributes.union(c.attributes))
        characters[0] = wchar_t(bitPattern: c.scalar.value)
        let pair: Int16 = useColor ? Int16(c.style.rawValue) + 1 : 0
        setcchar(&cell, characters, attributes, pair, nil)
        mvwadd_wch(window, Int32(y), Int32(x), &cell)
      }
    }
    wrefresh(window)
  }

  private func cursesAttributes(_ a: Attributes) -> attr_t {
    var result = CNCurses_A_NORMAL()
    if a.contains(.bold) { result |= CNCurses_A_BOLD() }
    if a.contains(.reverse) { result |= CNCurses_A_REVERSE() }
    if a.contains(.underline) { result |= CNCurses_A_UNDERLINE() }
    if a.contains(.dim) { result |= CNCurses_A_DIM() }
    return result
  }

  public func nextInput(timeoutMilliseconds: Int?) -> TerminalInput {
    guard isOpen else { return .closed }
    let window = CNCurses_stdscr()
    wtimeout(window, Int32(timeoutMilliseconds ?? -1))
    while true {
      var code: wint_t = 0
      let result = wget_wch(window, &code)
      if result == CNCurses_ERR() {
        if timeoutMilliseconds != nil { return .timeout }
        continue
      }
      if result == CNCurses_KEY_CODE_YES() {
        if let key = functionKey(Int32(code)) { return .key(key) }
        continue
      }
      switch code {
      case 9: return .key(.tab)
      case 10, 13: return .key(.enter)
      case 27: return .key(.escape)
      case 8, 127: return .key(.backspace)
      case 4: return .closed
      default:
        guard code >= 32, let scalar = Unicode.Scalar(UInt32(code)) else { continue }
        return .key(.character(Character(scalar)))
      }
    }
  }

  private func functionKey(_ code: Int32) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_BTAB: return .backTab
    case KEY_ENTER: return .enter
    case KEY_BACKSPACE: return .backspace
    case CNCurses_KEY_RESIZE(): return .resize
    case CNCurses_KEY_MOUSE():
      var event = MEVENT()
      guard getmouse(&event) == CNCurses_OK() else { return nil }
      return .click(x: Int(event.x), y: Int(event.y))
    default: return nil
    }
  }
}
