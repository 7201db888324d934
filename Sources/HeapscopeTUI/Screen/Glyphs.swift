// The characters the views draw with. UTF-8 terminals get block elements and
// box drawing; anything else gets plain ASCII with the same meaning, so a
// serial console or a `LANG=C` session still shows a usable heap grid.

/// The glyph set used by the views.
public struct Glyphs: Sendable, Equatable {
  /// Pool fullness, from empty to full: empty, < 50 %, ≥ 50 %, full.
  public var fullness: [Unicode.Scalar]
  /// A pool never carved from its arena.
  public var neverCarved: Unicode.Scalar
  /// A block in use.
  public var blockUsed: Unicode.Scalar
  /// A block on the free list.
  public var blockFree: Unicode.Scalar
  /// A block beyond the never-used mark.
  public var blockNeverUsed: Unicode.Scalar
  /// Eight chart levels, lowest first.
  public var bars: [Unicode.Scalar]
  /// Gauge fill and track.
  public var gaugeFill: Unicode.Scalar
  public var gaugeEmpty: Unicode.Scalar
  /// Vertical separator between panes and horizontal rule.
  public var vertical: Unicode.Scalar
  public var horizontal: Unicode.Scalar
  /// Tree drawing: "├─", "└─", "│ ".
  public var treeBranch: String
  public var treeLast: String
  public var treeLine: String
  /// Expanded / collapsed / leaf markers.
  public var expanded: Unicode.Scalar
  public var collapsed: Unicode.Scalar
  /// Current line / current event marker.
  public var current: Unicode.Scalar
  /// Breakpoint marker.
  public var breakpoint: Unicode.Scalar
  /// A cycle's back-edge.
  public var backEdge: Unicode.Scalar
  /// Arrow used in chains.
  public var arrow: String

  /// Block elements and box drawing.
  public static let unicode = Glyphs(
    fullness: ["░", "▒", "▓", "█"], neverCarved: "·", blockUsed: "█", blockFree: "○",
    blockNeverUsed: "·", bars: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], gaugeFill: "█",
    gaugeEmpty: "░", vertical: "│", horizontal: "─", treeBranch: "├─", treeLast: "└─",
    treeLine: "│ ", expanded: "▾", collapsed: "▸", current: "▶", breakpoint: "●", backEdge: "↺",
    arrow: " → ")

  /// Plain ASCII for terminals whose locale is not UTF-8.
  public static let ascii = Glyphs(
    fullness: ["-", ":", "+", "#"], neverCarved: ".", blockUsed: "#", blockFree: "o",
    blockNeverUsed: ".", bars: ["_", "_", ".", ".", "-", "-", "=", "#"], gaugeFill: "#",
    gaugeEmpty: "-", vertical: "|", horizontal: "-", treeBranch: "|-", treeLast: "`-",
    treeLine: "| ", expanded: "v", collapsed: ">", current: ">", breakpoint: "*", backEdge: "^",
    arrow: " -> ")

  /// The set for a process environment: UTF-8 unless the effective locale
  /// (`LC_ALL`, then `LC_CTYPE`, then `LANG`) names another encoding or "C"/"POSIX".
  public static func forEnvironment(_ environment: [String: String]) -> Glyphs {
    for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
      guard let value = environment[name], !value.isEmpty else { continue }
      let lower = value.lowercased()
      return lower.contains("utf-8") || lower.contains("utf8") ? .unicode : .ascii
    }
    return .ascii
  }
}
