// The phases of one collection, in the order `gc_collect_main` runs them
// (gc_collect_with_callback around it for the callbacks). Names follow the C
// functions so the TUI and a reader of gcmodule.c can hold the two side by
// side; `cFunction(in:)` names the function per version.

/// A phase of `GarbageCollection`.
public enum GCPhase: UInt8, CaseIterable, Sendable, CustomStringConvertible {
  /// `gc.callbacks` get ("start", info).
  case startCallbacks
  /// DEBUG_STATS: "gc: collecting generation N..." and the list sizes.
  case debugHeader
  /// Counters updated; younger generations merged into the collected one.
  case mergeGenerations
  /// gc_refs = refcount for every object of `young`; all marked collecting.
  case updateRefs
  /// gc_refs −1 for every reference from inside `young`.
  case subtractRefs
  /// Objects with gc_refs 0 moved to `unreachable`, reachable ones moved back.
  case moveUnreachable
  /// Survivor tuples holding only untracked/atomic items are untracked.
  case untrackTuples
  /// Survivors merged into the next generation (full collections:
  /// `untrack_dicts` and the long-lived counters instead).
  case promoteSurvivors
  /// Unreachable objects with `tp_del` and what they reach → `finalizers`.
  case moveLegacyFinalizers
  /// DEBUG_COLLECTABLE lines.
  case debugCollectable
  /// Weakrefs to unreachable objects cleared; reachable ones with callbacks
  /// queued.
  case handleWeakrefs
  /// The queued weakref callbacks called (second half of handle_weakrefs).
  case weakrefCallbacks
  /// PEP 442 `__del__`/tp_finalize, once per object, in list order.
  case finalizeGarbage
  /// Reachability recomputed (3.9+) or checked (3.8) after finalizers.
  case handleResurrectedObjects
  /// tp_clear of what is still unreachable (or `gc.garbage` under SAVEALL).
  case deleteGarbage
  /// Uncollectable count, DEBUG_UNCOLLECTABLE and DEBUG_STATS "done" lines,
  /// legacy-finalizer objects to `gc.garbage`.
  case handleLegacyFinalizers
  /// Full collections empty the free lists.
  case clearFreeLists
  /// `gc.callbacks` get ("stop", info); stats updated.
  case stopCallbacks
  /// Finished.
  case done

  /// The CPython C function doing this phase.
  public func cFunction(in version: PythonVersion) -> String {
    switch self {
    case .startCallbacks, .stopCallbacks: "invoke_gc_callback"
    case .debugHeader: "show_stats_each_generations"
    case .mergeGenerations: "gc_list_merge"
    case .updateRefs: "update_refs"
    case .subtractRefs: "subtract_refs"
    case .moveUnreachable: "move_unreachable"
    case .untrackTuples: "untrack_tuples"
    case .promoteSurvivors: "gc_list_merge"
    case .moveLegacyFinalizers: "move_legacy_finalizers"
    case .debugCollectable: "debug_cycle"
    case .handleWeakrefs, .weakrefCallbacks: "handle_weakrefs"
    case .finalizeGarbage: "finalize_garbage"
    case .handleResurrectedObjects: version == .py38 ? "check_garbage" : "handle_resurrected_objects"
    case .deleteGarbage: "delete_garbage"
    case .handleLegacyFinalizers: "handle_legacy_finalizers"
    case .clearFreeLists: version == .py38 ? "clear_freelists" : "_PyGC_ClearAllFreeLists"
    case .done: "gc_collect_main"
    }
  }

  public var description: String {
    switch self {
    case .startCallbacks: "start callbacks"
    case .debugHeader: "debug header"
    case .mergeGenerations: "merge generations"
    case .updateRefs: "update refs"
    case .subtractRefs: "subtract refs"
    case .moveUnreachable: "move unreachable"
    case .untrackTuples: "untrack tuples"
    case .promoteSurvivors: "promote survivors"
    case .moveLegacyFinalizers: "move legacy finalizers"
    case .debugCollectable: "debug collectable"
    case .handleWeakrefs: "handle weakrefs"
    case .weakrefCallbacks: "weakref callbacks"
    case .finalizeGarbage: "finalize garbage"
    case .handleResurrectedObjects: "handle resurrected objects"
    case .deleteGarbage: "delete garbage"
    case .handleLegacyFinalizers: "handle legacy finalizers"
    case .clearFreeLists: "clear free lists"
    case .stopCallbacks: "stop callbacks"
    case .done: "done"
    }
  }
}
