// The lists an object can be on while the cycle collector knows it.
//
// CPython threads every tracked object onto exactly one doubly-linked list
// through its `PyGC_Head` (`_gc_prev`/`_gc_next`): one of the three
// generation lists, the permanent generation of `gc.freeze()`, or — while a
// collection runs — one of the lists local to `gc_collect_main`
// (`unreachable`, `finalizers`, `finalize_garbage`'s `seen`, the weakref
// callback list `wrcb_to_call`, 3.9+'s `final_unreachable`). heapscope keeps
// the same lists over object rows (see `GCState`) and records, per row, which
// list the row is on, so the TUI can colour an object by the set it is in
// without walking a list.
//
// CPython also keeps two mark bits in the header: PREV_MASK_COLLECTING
// ("in the generation being collected, not yet proven reachable") and
// NEXT_MASK_UNREACHABLE ("tentatively unreachable"). The second is the same
// as being on `.unreachable` here; the first is the `collecting` bit of the
// membership byte.

/// A list the cycle collector threads objects onto.
public enum GCList: UInt8, CaseIterable, Sendable, CustomStringConvertible {
  /// Not tracked (`_gc_next == 0`).
  case untracked = 0
  /// `generations[0]`: the young generation, where tracking appends.
  case generation0
  /// `generations[1]`.
  case generation1
  /// `generations[2]`: the oldest generation.
  case generation2
  /// `permanent_generation`, filled by `gc.freeze()`.
  case permanent
  /// `unreachable` of `gc_collect_main`: tentatively (then finally) garbage.
  case unreachable
  /// `finalizers`: unreachable objects with a legacy `tp_del`, and what they
  /// reach; uncollectable.
  case finalizers
  /// `seen` of `finalize_garbage`: unreachable objects whose finalizer step
  /// has run.
  case seen
  /// `wrcb_to_call` of `handle_weakrefs`: reachable weakrefs whose callback
  /// will run.
  case weakrefCallbacks
  /// `final_unreachable` (3.9+): what is still unreachable after finalizers.
  case stillUnreachable

  /// The generation list for `generation` (0…2).
  public static func generation(_ generation: Int) -> GCList {
    switch generation {
    case 0: .generation0
    case 1: .generation1
    default: .generation2
    }
  }

  /// The generation number of a generation list, nil for the others.
  public var generationNumber: Int? {
    switch self {
    case .generation0: 0
    case .generation1: 1
    case .generation2: 2
    default: nil
    }
  }

  public var description: String {
    switch self {
    case .untracked: "untracked"
    case .generation0: "generation 0"
    case .generation1: "generation 1"
    case .generation2: "generation 2"
    case .permanent: "permanent generation"
    case .unreachable: "unreachable"
    case .finalizers: "finalizers"
    case .seen: "seen"
    case .weakrefCallbacks: "wrcb_to_call"
    case .stillUnreachable: "final_unreachable"
    }
  }
}

/// Head and tail of one intrusive list, and its length.
struct GCListHead: Sendable {
  var first: Int32 = -1
  var last: Int32 = -1
  var count = 0
}
