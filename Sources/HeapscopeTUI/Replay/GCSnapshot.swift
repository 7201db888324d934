import HeapModel

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

/// A collection in progress, as one of its phases left it (or found it).
public struct GCCollection: Sendable, Equatable {
  /// Generation being collected.
  public var generation: Int
  /// The phase, named after its C function (`update_refs`, `subtract_refs`, `move_unreachable`…).
  public var phase: String
  /// One sentence on what the phase does.
  public var phaseDescription: String
  /// The objects of the generation being examined (the first few hundred).
  public var objects: [GCObjectState]
  /// The C source file of the phase (`Modules/gcmodule.c`, `Python/gc.c`).
  public var sourceFile: String?
  /// Objects examined that `objects` leaves out.
  public var omitted: Int
  /// Whether the objects show the phase's result (true) or what it starts from.
  public var isResult: Bool

  public init(
    generation: Int, phase: String, phaseDescription: String, objects: [GCObjectState],
    sourceFile: String? = nil, omitted: Int = 0, isResult: Bool = true
  ) {
    self.generation = generation
    self.phase = phase
    self.phaseDescription = phaseDescription
    self.objects = objects
    self.sourceFile = sourceFile
    self.omitted = omitted
    self.isResult = isResult
  }
}

/// One object during a collection.
public struct GCObjectState: Sendable, Equatable {
  public var id: ObjectRef
  /// Its `gc_refs` now.
  public var gcRefs: Int
  /// Whether it is in the unreachable set now.
  public var isUnreachable: Bool
  /// The set it is in ("reachable", "tentatively unreachable", "freed"…), if known.
  public var set: String?
  /// Type and short repr taken during the collection (the object may be gone since).
  public var label: String?
  /// `id()` taken during the collection.
  public var address: Address?

  public init(
    id: ObjectRef, gcRefs: Int, isUnreachable: Bool, set: String? = nil, label: String? = nil,
    address: Address? = nil
  ) {
    self.id = id
    self.gcRefs = gcRefs
    self.isUnreachable = isUnreachable
    self.set = set
    self.label = label
    self.address = address
  }
}
