/// The inspector's panes, in focus (Tab) order.
public enum Pane: String, Sendable, CaseIterable, Hashable {
  case source
  case heap
  case graph
  case gc
  case events
  case stats

  /// The header text.
  var title: String {
    switch self {
    case .source: return "Source"
    case .heap: return "Heap"
    case .graph: return "Objects"
    case .gc: return "GC"
    case .events: return "Events"
    case .stats: return "Stats"
    }
  }

  /// The key context of the pane, if it has its own bindings.
  var keyContext: KeyContext? {
    switch self {
    case .heap: return .heap
    case .graph: return .graph
    default: return nil
    }
  }

  /// Parses a pane name as `heapscope render --pane` takes it (also "objects", "grid").
  public init?(name: String) {
    switch name.lowercased() {
    case "objects", "graph", "tree": self = .graph
    case "grid", "heap": self = .heap
    default:
      guard let pane = Pane(rawValue: name.lowercased()) else { return nil }
      self = pane
    }
  }
}
