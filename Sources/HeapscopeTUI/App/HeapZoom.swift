import HeapModel

/// How far the heap grid is zoomed in.
public enum HeapZoom: Hashable, Sendable, CustomStringConvertible {
  /// Every mapped arena, a row each, a cell per pool.
  case arenas
  /// One arena's pools.
  case arena(ArenaIndex)
  /// One pool's blocks.
  case pool(PoolIndex)

  /// Parses "arenas", "arena:N" or "pool:N" (as `heapscope render --zoom` takes it).
  public init?(parsing text: String) {
    let parts = text.lowercased().split(separator: ":")
    if parts == ["arenas"] {
      self = .arenas
    } else if parts.count == 2, let n = Int(parts[1]), n >= 0 {
      switch parts[0] {
      case "arena": self = .arena(ArenaIndex(n))
      case "pool": self = .pool(PoolIndex(n))
      default: return nil
      }
    } else {
      return nil
    }
  }

  public var description: String {
    switch self {
    case .arenas: return "arenas"
    case .arena(let a): return "arena:\(a.rawValue)"
    case .pool(let p): return "pool:\(p.rawValue)"
    }
  }
}
