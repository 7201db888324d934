// What `]` and `[` seek to: the next or previous model event of a kind
// (issue 6). Typed at a prompt like `g`'s, as a word or its first letter;
// `free` means the selected object.

/// A kind of model event to seek to.
public enum EventSearch: Hashable, Sendable, CustomStringConvertible {
  /// The start of a cycle collection.
  case collection
  /// Any phase of a collection.
  case gcPhase
  /// A new arena (`new_arena`).
  case arenaAllocated
  /// An arena released.
  case arenaReleased
  /// A pool taken for a size class (`allocate_from_new_pool`).
  case newPool
  /// A block of that size class index handed out.
  case allocation(sizeClass: Int)
  /// The object freed (its refcount reached 0, or a collection cleared it).
  case freeOf(ObjectRef)

  /// The words the prompt accepts, for its label and the help.
  public static let promptWords = "gc, phase, arena, release, pool, free, class N"

  /// Parses the prompt text; `free` needs `selection`. Returns an error
  /// message for the status bar when the text is not a search.
  public static func parse(_ text: String, selection: ObjectRef?) -> Result<EventSearch, SearchError> {
    let words = text.lowercased().split(separator: " ").map(String.init)
    guard let first = words.first else { return .failure(SearchError(message: "type one of \(promptWords)")) }
    switch first {
    case "g", "gc", "collection", "collect": return .success(.collection)
    case "p", "phase": return .success(.gcPhase)
    case "a", "arena", "new_arena": return .success(.arenaAllocated)
    case "r", "release", "released": return .success(.arenaReleased)
    case "o", "pool", "new_pool": return .success(.newPool)
    case "f", "free":
      guard let selection else {
        return .failure(SearchError(message: "select an object first (Objects pane or a block in a pool)"))
      }
      return .success(.freeOf(selection))
    case "c", "class", "size":
      guard words.count == 2, let index = Int(words[1]), (0..<64).contains(index) else {
        return .failure(SearchError(message: "class needs a size class index, e.g. class 3"))
      }
      return .success(.allocation(sizeClass: index))
    default:
      return .failure(SearchError(message: "not a search: \(text) (one of \(promptWords))"))
    }
  }

  public var description: String {
    switch self {
    case .collection: "GC collection"
    case .gcPhase: "GC phase"
    case .arenaAllocated: "new arena"
    case .arenaReleased: "arena release"
    case .newPool: "new pool"
    case .allocation(let index): "allocation of size class \(index)"
    case .freeOf(let id): "free of \(id)"
    }
  }
}

/// Why prompt text is not an `EventSearch`.
public struct SearchError: Error, Equatable, Sendable {
  public var message: String
}
