// Cycle-collector facts that differ between versions (facts sheet §5, and
// experiments on the six interpreters recorded in GC/README-style essays of
// `Heap+Collect.swift`).

extension VersionProfile {
  /// 3.12+: an allocation only schedules a collection; it runs at the next
  /// eval-breaker check (loop back-edge, function entry, return from a C
  /// call). 3.8–3.11 collect inside the allocation that crosses threshold 0.
  public var gcRunsAtEvalBreaker: Bool { version >= .py312 }

  /// 3.8: if any finalizer resurrected anything, the whole unreachable set
  /// survives this collection (`check_garbage`); 3.9+ recompute reachability
  /// and free what is still unreachable (`handle_resurrected_objects`).
  public var gcAbortsCollectionOnResurrection: Bool { version == .py38 }

  /// Objects in the permanent generation at start-up (3.12.1 freezes 375 of
  /// its own; `gc.get_freeze_count()` shows them).
  public var gcStartupFrozenObjects: Int { version == .py312 ? 375 : 0 }

  /// The generation the main module's globals dict is on when the script
  /// starts: tracked at start-up (it holds `__builtins__`) and promoted by
  /// start-up collections — generation 1 in 3.8–3.10, 3.12 and 3.13,
  /// generation 2 in 3.11 (measured with `gc.get_objects(g)`). A full
  /// collection appends generation 0 before generation 1, so in the former
  /// the globals are scanned after the script's objects: an object only
  /// another global's attribute reaches is revived behind them
  /// (gc_globals_generation.py).
  public var gcStartupGlobalsGeneration: Int { version == .py311 ? 2 : 1 }

  /// 3.11+ `func_clear` keeps the code and swaps name/qualname for `''`
  /// instead of clearing them.
  public var functionClearKeepsNames: Bool { version >= .py311 }

  /// C file holding the collector (for event captions).
  public var gcSourceFile: String { version >= .py313 ? "Python/gc.c" : "Modules/gcmodule.c" }
}
