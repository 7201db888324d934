/// One input from the terminal, independent of how ncurses encodes it.
public enum Key: Hashable, Sendable, CustomStringConvertible {
  /// A printable character (including space).
  case character(Character)
  case up
  case down
  case left
  case right
  case pageUp
  case pageDown
  case home
  case end
  case tab
  case backTab
  case enter
  case escape
  case backspace
  /// The terminal changed size.
  case resize
  /// A mouse click at column x, row y.
  case click(x: Int, y: Int)

  /// How the key is written in help and docs.
  public var description: String {
    switch self {
    case .character(" "): return "Space"
    case .character(let c): return String(c)
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .tab: return "Tab"
    case .backTab: return "Shift-Tab"
    case .enter: return "Enter"
    case .escape: return "Esc"
    case .backspace: return "Backspace"
    case .resize: return "resize"
    case .click: return "click"
    }
  }
}
