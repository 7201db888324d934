// What an event search through the timeline looks for (issue 6: "seek to the
// next GC collection / new arena / free of this object").
//
// A query is a predicate over one model event, plus, for the death of an
// object, a predicate over the state after a step: an object whose block
// goes back to a free list (floats, lists, dicts, tuples of the version's
// free lists) dies without any allocator event, so the search also asks
// after every step whether the object is still there.

import HeapModel

/// A predicate over model events.
public enum EventQuery: Sendable, Equatable, CustomStringConvertible {
  /// The first phase of a cycle collection (where `gc.callbacks` get "start").
  case collection
  /// Any phase of a collection, or only that phase.
  case gcPhase(GCPhase?)
  /// A new arena mapped (`new_arena`).
  case arenaAllocated
  /// An arena unmapped (its last pool freed).
  case arenaReleased
  /// A pool taken for a size class (`allocate_from_new_pool`: a never-used
  /// pool or an empty one).
  case newPool
  /// A block of that size class index handed out.
  case allocation(sizeClass: Int)
  /// The block at `address` (pymalloc or raw) freed.
  case free(address: Address)
  /// The object dies: its block is freed, or (free lists) it is simply gone
  /// at the end of a step. `block` is its block's address when the search starts.
  case death(of: ObjectID, block: Address)

  /// Whether `event` matches (for `death`, the free of its block).
  public func matches(_ event: AllocatorEvent) -> Bool {
    switch (self, event) {
    case (.collection, .gcPhase(let record)): return record.startsCollection
    case (.gcPhase(let wanted), .gcPhase(let record)): return wanted.map { $0 == record.phase } ?? true
    case (.arenaAllocated, .arenaAllocated), (.arenaReleased, .arenaReleased): return true
    case (.newPool, .poolInitialized), (.newPool, .poolReused): return true
    case (.allocation(let index), .blockAllocated(_, let sizeClass, _, _)): return sizeClass.index == index
    case (.free(let address), .blockFreed(let freed, _, _, _)),
      (.free(let address), .rawFreed(let freed, _)),
      (.death(_, let address), .blockFreed(let freed, _, _, _)),
      (.death(_, let address), .rawFreed(let freed, _)):
      return freed == address
    default: return false
    }
  }

  /// Kinds of event a step must have produced to hold a match.
  public var marks: StepMarks {
    switch self {
    case .collection: .collection
    case .gcPhase: .gcPhase
    case .arenaAllocated: .arenaAllocated
    case .arenaReleased: .arenaReleased
    case .newPool: .newPool
    case .allocation: .blockAllocated
    case .free, .death: .blockFreed
    }
  }

  /// "GC collection", "arena release", "free of #12"… for notices.
  public var description: String {
    switch self {
    case .collection: "GC collection"
    case .gcPhase(let phase): phase.map { "GC phase \($0.traceName)" } ?? "GC phase"
    case .arenaAllocated: "new arena"
    case .arenaReleased: "arena release"
    case .newPool: "new pool"
    case .allocation(let index): "allocation of size class \(index)"
    case .free(let address): "free of block \(address)"
    case .death(let id, _): "free of \(id)"
    }
  }
}

/// Where a search found its event.
public struct EventMatch: Sendable, Equatable {
  /// The timeline step whose events hold the match.
  public var step: Int
  /// Its index in `Timeline.currentEvents` at that step; nil when the match
  /// is a state (an object gone to a free list) rather than one event.
  public var eventIndex: Int?

  public init(step: Int, eventIndex: Int?) {
    self.step = step
    self.eventIndex = eventIndex
  }
}
