// What a collection did, one step at a time, for the Events pane, the TUI's
// micro-step and `heapscope trace` — the collector's counterpart of
// `AllocatorEvent`.
//
// A collection appends events only while `GarbageCollection.eventDetail` is
// above `.none`: `.phases` records phase boundaries and the outcome of each
// object in the later phases (cleared, finalized, resurrected, …); `.objects`
// adds one event per object of the linear passes (update_refs,
// subtract_refs, move_unreachable), which is a lot on a big heap. Each event
// names the C function of `Modules/gcmodule.c` (3.8–3.12) or `Python/gc.c`
// (3.13) doing that work.

/// One observable step of a collection.
public enum GCEvent: Sendable, Equatable {
  /// A phase began.
  case phaseStarted(GCPhase)
  /// `gc_refs` was set from the refcount (`update_refs`).
  case refsUpdated(ObjectID, gcRefs: Int)
  /// A reference from inside the generation was subtracted (`visit_decref`).
  case refSubtracted(ObjectID, gcRefs: Int)
  /// Tentatively unreachable: moved to `unreachable` (`move_unreachable`).
  case movedToUnreachable(ObjectID)
  /// Found reachable after all and moved back to the tail of `young`
  /// (`visit_reachable`).
  case movedBackToYoung(ObjectID)
  /// Proven reachable: its referents were visited (`move_unreachable`).
  case markedReachable(ObjectID)
  /// A survivor tuple of only atomic items was untracked (`_PyTuple_MaybeUntrack`).
  case tupleUntracked(ObjectID)
  /// A dict of only atomic keys and values was untracked (`_PyDict_MaybeUntrack`).
  case dictUntracked(ObjectID)
  /// Survivors moved to the next generation.
  case survivorsPromoted(from: Int, to: Int, count: Int)
  /// An unreachable object with a legacy finalizer, or reached from one.
  case movedToFinalizers(ObjectID)
  /// A weakref to an unreachable object (or inside the garbage) was cleared.
  case weakrefCleared(ObjectID)
  /// A reachable weakref's callback was queued.
  case weakrefCallbackQueued(ObjectID)
  /// A weakref's callback was called.
  case weakrefCallbackCalled(ObjectID)
  /// `__del__` was called (`finalize_garbage`).
  case finalizerCalled(ObjectID)
  /// Reachable again after finalizers; moved to the old generation.
  case resurrected(ObjectID)
  /// tp_clear was called (`delete_garbage`).
  case cleared(ObjectID)
  /// Appended to `gc.garbage` under DEBUG_SAVEALL (`delete_garbage`).
  case savedToGarbage(ObjectID)
  /// Still alive after its tp_clear; moved to the old generation.
  case survivedClear(ObjectID)
  /// The free lists were emptied.
  case freeListsCleared
  /// The collection ended.
  case collectionFinished(generation: Int, collected: Int, uncollectable: Int)

  /// The CPython C function doing this work in `version`.
  public func cFunction(in version: PythonVersion) -> String {
    switch self {
    case .phaseStarted(let phase): phase.cFunction(in: version)
    case .refsUpdated: "update_refs"
    case .refSubtracted: "visit_decref"
    case .movedToUnreachable, .markedReachable: "move_unreachable"
    case .movedBackToYoung: "visit_reachable"
    case .tupleUntracked: "_PyTuple_MaybeUntrack"
    case .dictUntracked: "_PyDict_MaybeUntrack"
    case .survivorsPromoted: "gc_list_merge"
    case .movedToFinalizers: "move_legacy_finalizers"
    case .weakrefCleared: "_PyWeakref_ClearRef"
    case .weakrefCallbackQueued, .weakrefCallbackCalled: "handle_weakrefs"
    case .finalizerCalled: "finalize_garbage"
    case .resurrected: version == .py38 ? "check_garbage" : "handle_resurrected_objects"
    case .cleared, .savedToGarbage, .survivedClear: "delete_garbage"
    case .freeListsCleared: version == .py38 ? "clear_freelists" : "_PyGC_ClearAllFreeLists"
    case .collectionFinished: "gc_collect_main"
    }
  }

  /// The C source file of `cFunction(in:)`.
  public func cFile(in version: PythonVersion) -> String {
    version >= .py313 ? "Python/gc.c" : "Modules/gcmodule.c"
  }
}
