/// The cycle collector as the GC pane shows it.
public struct GCSnapshot: Sendable, Equatable {
  /// Objects counted per generation (`gc.get_count()`), youngest first.
  public var counts: [Int]
  /// Thresholds per generation (`gc.get_threshold()`).
  public var thresholds: [Int]
  /// Past collections, oldest first.
  public var log: [GCLogEntry]
  /// The collection in progress, if the replay stands inside one.
  public var collection: GCCollection?

  public init(counts: [Int], thresholds: [Int], log: [GCLogEntry], collection: GCCollection?) {
    self.counts = counts
    self.thresholds = thresholds
    self.log = log
    self.collection = collection
  }
}

/// One finished collection.
public struct GCLogEntry: Sendable, Equatable {
  /// Step at which it ran.
  public var step: Int
  /// Generation collected.
  public var generation: Int
  /// Objects found unreachable and freed.
  public var collected: Int
  /// Unreachable objects that could not be freed.
  public var uncollectable: Int

  public init(step: Int, generation: Int, collected: Int, uncollectable: Int) {
    self.step = step
    self.generation = generation
    self.collected = collected
    self.uncollectable = uncollectable
  }
}

/// A collection in progress.
public struct GCCollection: Sendable, Equatable {
  /// Generation being collected.
  public var generation: Int
  /// The phase, named after its gcmodule.c function (`update_refs`, `subtract_refs`, `move_unreachable`…).
  public var phase: String
  /// One sentence on what the phase does.
  public var phaseDescription: String
  /// The objects of the generation being examined.
  public var objects: [GCObjectState]

  public init(generation: Int, phase: String, phaseDescription: String, objects: [GCObjectState]) {
    self.generation = generation
    self.phase = phase
    self.phaseDescription = phaseDescription
    self.objects = objects
  }
}

/// One object during a collection.
public struct GCObjectState: Sendable, Equatable {
  public var id: ObjectRef
  /// Its `gc_refs` now.
  public var gcRefs: Int
  /// Whether it is in the unreachable set now.
  public var isUnreachable: Bool

  public init(id: ObjectRef, gcRefs: Int, isUnreachable: Bool) {
    self.id = id
    self.gcRefs = gcRefs
    self.isUnreachable = isUnreachable
  }
}
