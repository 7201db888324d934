// A theme turns semantic styles into terminal colours. Three exist because
// terminals differ: xterm-256color gets a palette with a distinct hue per
// size class and type, 8-colour terminals get the nearest basic colours, and
// monochrome (no colour support, or NO_COLOR set — see no-color.org) keeps
// only attributes, so fullness and state stay visible through glyphs and
// reverse/bold alone.

/// How styles look on a terminal.
public struct Theme: Sendable, Equatable {
  /// The colour depth a theme targets.
  public enum Depth: String, Sendable, Equatable {
    case color256
    case color8
    case monochrome
  }

  /// What one style resolves to; colours are terminal colour numbers, -1 the default.
  public struct Entry: Sendable, Equatable {
    public var foreground: Int16
    public var background: Int16
    public var attributes: Attributes
  }

  /// Its depth.
  public let depth: Depth
  private let entries: [Entry]

  /// The entry for `style`.
  public func entry(_ style: Style) -> Entry { entries[Int(style.rawValue)] }

  /// The theme of `depth`.
  public init(depth: Depth) {
    self.depth = depth
    entries = Style.allCases.map { Theme.resolve($0, depth: depth) }
  }

  /// Picks the theme for a terminal with `colors` colours, honouring `NO_COLOR`.
  public static func choose(colors: Int, environment: [String: String]) -> Theme {
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return Theme(depth: .monochrome) }
    if colors >= 256 { return Theme(depth: .color256) }
    if colors >= 8 { return Theme(depth: .color8) }
    return Theme(depth: .monochrome)
  }

  private static func resolve(_ style: Style, depth: Depth) -> Entry {
    let mono = monochrome(style)
    switch depth {
    case .monochrome: return Entry(foreground: -1, background: -1, attributes: mono)
    case .color8:
      let (fg, bg, attrs) = colors8(style)
      return Entry(foreground: fg, background: bg, attributes: attrs)
    case .color256:
      let (fg, bg, attrs) = colors256(style)
      return Entry(foreground: fg, background: bg, attributes: attrs)
    }
  }

  private static func monochrome(_ style: Style) -> Attributes {
    switch style {
    case .title, .focusedHeader, .statusBar, .inputLine, .cursor, .tooSmall: return .reverse
    case .paneHeader, .helpGroup, .tableHeader, .currentLine, .eventCurrent, .gcPhase: return .bold
    case .helpKey, .statusKey, .breakpoint, .unreachable, .gaugeOver: return [.bold, .underline]
    case .selected: return [.reverse, .bold]
    case .dim, .lineNumber, .poolNeverCarved, .blockNeverUsed, .separator, .gaugeEmpty: return .dim
    default: return []
    }
  }

  // Basic colours: 0 black 1 red 2 green 3 yellow 4 blue 5 magenta 6 cyan 7 white.
  private static let basicHues: [Int16] = [4, 2, 3, 5, 6, 1, 7, 2]

  private static func colors8(_ style: Style) -> (Int16, Int16, Attributes) {
    switch style {
    case .title, .statusBar: return (0, 6, [])
    case .focusedHeader: return (0, 3, .bold)
    case .paneHeader: return (6, -1, .bold)
    case .statusKey: return (0, 6, .bold)
    case .inputLine: return (7, 4, .bold)
    case .message: return (3, -1, .bold)
    case .helpBox: return (7, 4, [])
    case .helpKey: return (3, 4, .bold)
    case .helpGroup: return (6, 4, .bold)
    case .tooSmall: return (7, 1, .bold)
    case .lineNumber, .dim, .separator, .poolNeverCarved, .blockNeverUsed, .gaugeEmpty:
      return (-1, -1, .dim)
    case .currentLine: return (0, 3, [])
    case .breakpoint: return (1, -1, .bold)
    case .bytesAllocated: return (2, -1, [])
    case .bytesFreed: return (1, -1, [])
    case .cursor: return (0, 7, [])
    case .selected: return (0, 3, .bold)
    case .poolEmpty, .blockFree: return (7, -1, [])
    case .hue0, .hue1, .hue2, .hue3, .hue4, .hue5, .hue6, .hue7:
      return (basicHues[Int(style.rawValue - Style.hue0.rawValue)], -1, [])
    case .gaugeFill: return (2, -1, [])
    case .gaugeOver: return (1, -1, .bold)
    case .unreachable: return (7, 1, .bold)
    case .reachable: return (2, -1, [])
    case .backEdge: return (5, -1, [])
    case .gcPhase: return (3, -1, .bold)
    case .eventCurrent: return (0, 3, [])
    case .cFunction: return (6, -1, [])
    case .chart: return (2, -1, [])
    case .tableHeader: return (-1, -1, [.bold, .underline])
    case .normal: return (-1, -1, [])
    }
  }

  // xterm-256 palette numbers; the hues are spaced for size classes and types.
  private static let richHues: [Int16] = [39, 114, 221, 177, 80, 209, 147, 150]

  private static func colors256(_ style: Style) -> (Int16, Int16, Attributes) {
    switch style {
    case .title, .statusBar: return (252, 236, [])
    case .focusedHeader: return (16, 214, .bold)
    case .paneHeader: return (153, 238, .bold)
    case .statusKey: return (214, 236, .bold)
    case .inputLine: return (231, 25, .bold)
    case .message: return (214, -1, .bold)
    case .helpBox: return (252, 235, [])
    case .helpKey: return (214, 235, .bold)
    case .helpGroup: return (117, 235, .bold)
    case .tooSmall: return (231, 124, .bold)
    case .lineNumber, .dim, .separator: return (243, -1, [])
    case .poolNeverCarved, .blockNeverUsed, .gaugeEmpty: return (238, -1, [])
    case .currentLine: return (16, 186, [])
    case .breakpoint: return (196, -1, .bold)
    case .bytesAllocated: return (114, -1, [])
    case .bytesFreed: return (210, -1, [])
    case .cursor: return (16, 255, [])
    case .selected: return (16, 214, .bold)
    case .poolEmpty, .blockFree: return (246, -1, [])
    case .hue0, .hue1, .hue2, .hue3, .hue4, .hue5, .hue6, .hue7:
      return (richHues[Int(style.rawValue - Style.hue0.rawValue)], -1, [])
    case .gaugeFill: return (71, -1, [])
    case .gaugeOver: return (203, -1, .bold)
    case .unreachable: return (231, 160, .bold)
    case .reachable: return (114, -1, [])
    case .backEdge: return (177, -1, [])
    case .gcPhase: return (221, -1, .bold)
    case .eventCurrent: return (16, 186, [])
    case .cFunction: return (80, -1, [])
    case .chart: return (71, -1, [])
    case .tableHeader: return (153, -1, .underline)
    case .normal: return (-1, -1, [])
    }
  }
}
