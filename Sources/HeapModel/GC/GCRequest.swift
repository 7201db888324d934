// What a running collection needs the interpreter to do before it can go on.
// Like the dealloc cascade's `DeallocRequest`, a collection never runs Python
// code itself: it stops, returns one of these, and continues from the same
// point when `Heap.advanceCollection(_:)` is called again.

/// "start" or "stop", the first argument of a `gc.callbacks` entry.
public enum GCCallbackPhase: String, Sendable, Equatable {
  case start, stop
}

/// The info dict passed to `gc.callbacks` entries.
public struct GCCallbackInfo: Sendable, Equatable {
  /// `info["generation"]`.
  public var generation: Int
  /// `info["collected"]` (0 at start).
  public var collected: Int
  /// `info["uncollectable"]` (0 at start).
  public var uncollectable: Int
}

/// One DEBUG_* line for stderr; `Heap.gcDebugText(_:elapsedSeconds:)`
/// renders it in the version's format.
public enum GCDebugMessage: Sendable, Equatable {
  /// "gc: collecting generation N...", the generation sizes and the
  /// permanent generation's size (DEBUG_STATS).
  case collecting(generation: Int, generationSizes: [Int], permanent: Int)
  /// "gc: collectable <T 0x…>" (DEBUG_COLLECTABLE).
  case collectable(ObjectID)
  /// "gc: uncollectable <T 0x…>" (DEBUG_UNCOLLECTABLE).
  case uncollectable(ObjectID)
  /// "gc: done, N unreachable, M uncollectable, T s elapsed" (DEBUG_STATS).
  case done(unreachable: Int, uncollectable: Int)
}

/// What the interpreter must do before resuming a collection.
public enum GCRequest: Sendable, Equatable {
  /// Call every `gc.callbacks` entry with (phase, info), then resume. Issued
  /// for every collection; an empty `gc.callbacks` makes it a no-op.
  case invokeCallbacks(GCCallbackPhase, GCCallbackInfo)
  /// Write a line to stderr (rendered with `gcDebugText`), then resume.
  case writeStderr(GCDebugMessage)
  /// Call `callback(weakref)` and discard the result (errors are
  /// unraisable), then resume; the collection drops its own reference to
  /// the weakref afterwards.
  case callWeakrefCallback(weakref: ObjectID, callback: ObjectID)
  /// Run the object's `__del__` (tp_finalize; for a generator, close it),
  /// then resume. The collection holds a reference around the call and
  /// has already set the finalized flag.
  case callFinalizer(ObjectID)
  /// The deallocation cascade started by clearing needs the interpreter:
  /// handle it exactly as for `stepDealloc` (for `.finalize`, run `__del__`
  /// and call `finishFinalizer`), then resume.
  case dealloc(DeallocRequest)
  /// Only when `GarbageCollection.stepping` asks for it: a phase (or one
  /// object of a pass) finished; resume when ready.
  case stepped(GCPhase)
}
