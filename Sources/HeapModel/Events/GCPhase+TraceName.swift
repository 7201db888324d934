// A stable snake_case name per phase for `heapscope trace` and the TUI's
// event search. The C function names are not enough: two phases can share
// one function (`handle_weakrefs` clears, then calls callbacks;
// `invoke_gc_callback` runs for "start" and "stop").

extension GCPhase {
  /// "update_refs", "move_unreachable", "finalize_garbage", …
  public var traceName: String {
    String(description.map { $0 == " " ? "_" : $0 })
  }

  /// The phase with that `traceName`.
  public init?(traceName: String) {
    guard let phase = GCPhase.allCases.first(where: { $0.traceName == traceName }) else { return nil }
    self = phase
  }
}
