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

  /// 3.11+ `func_clear` keeps the code and swaps name/qualname for `''`
  /// instead of clearing them.
  public var functionClearKeepsNames: Bool { version >= .py311 }

  /// C file holding the collector (for event captions).
  public var gcSourceFile: String { version >= .py313 ? "Python/gc.c" : "Modules/gcmodule.c" }
}
