// A snapshot of one phase of a cycle collection, taken while the event log
// is on, for the TUI's micro-step and `heapscope trace`.
//
// `gc_collect_main` (3.8–3.9: `collect`) walks the collected generation
// through a fixed series of phases: the younger generations are merged into
// it, `update_refs` copies each refcount into `gc_refs`, `subtract_refs`
// takes away the references from inside the generation, `move_unreachable`
// splits it into what is reachable from outside and the tentatively
// unreachable rest, then legacy finalizers, weakrefs, PEP 442 finalizers,
// the resurrection check and `delete_garbage` deal with that rest. Each
// phase is logged once, in the allocator's event stream, so that a line's
// micro-steps read in the order the work happened: allocations, then the
// collection's phases, then the frees its clearing causes.
//
// Where a phase's record stands: a phase that only computes (the passes
// over gc_refs, the list moves) is recorded when it ends and shows its
// result — nothing else happens in between, so that is also where it
// began. A phase that runs Python code or frees memory (gc.callbacks,
// weakref callbacks, finalize_garbage, delete_garbage, clearing the free
// lists) is recorded when it begins and shows the sets it starts from; its
// allocator events follow it.
//
// Bounded: at most `GCPhaseRecord.objectLimit` objects are listed, chosen
// when the generations are merged and widened to take in the unreachable
// ones after move_unreachable; `examined` counts them all. The listing (ids,
// addresses, what is needed to name each object) is taken once per
// collection and shared by its records; a record adds one byte (the set) and
// four (gc_refs) per listed object. Nothing is captured while the event log
// is off.

/// The set an object is in at one phase of a collection.
public enum GCObjectSet: UInt8, CaseIterable, Sendable, CustomStringConvertible {
  /// In the generation being collected, not yet classified (before
  /// move_unreachable).
  case collecting
  /// Reachable from outside the collected generation: survives.
  case reachable
  /// On `unreachable`: garbage unless a finalizer resurrects it.
  case tentativelyUnreachable
  /// Still unreachable after the finalizers: cleared by delete_garbage.
  case unreachable
  /// Reached from an object with a legacy `tp_del`: uncollectable.
  case finalizerReachable
  /// Was unreachable, reachable again after a finalizer ran.
  case resurrected
  /// Untracked by the collection (a tuple or dict of atomic values).
  case untracked
  /// Deallocated.
  case freed

  /// Whether the TUI highlights it as garbage.
  public var isUnreachable: Bool { self == .tentativelyUnreachable || self == .unreachable }

  /// The name in `heapscope trace` and the GC pane.
  public var description: String {
    switch self {
    case .collecting: "collecting"
    case .reachable: "reachable"
    case .tentativelyUnreachable: "tentatively_unreachable"
    case .unreachable: "unreachable"
    case .finalizerReachable: "finalizer_reachable"
    case .resurrected: "resurrected"
    case .untracked: "untracked"
    case .freed: "freed"
    }
  }
}

/// One listed object as a phase left it (or found it).
public struct GCObjectRecord: Sendable, Equatable {
  /// The object (its row may be reused once it is freed).
  public var id: ObjectID
  /// `id()` of the object when it was first listed.
  public var address: UInt64
  /// Its `gc_refs` now.
  public var gcRefs: Int
  /// The set it is in now.
  public var set: GCObjectSet

  public init(id: ObjectID, address: UInt64, gcRefs: Int, set: GCObjectSet) {
    self.id = id
    self.address = address
    self.gcRefs = gcRefs
    self.set = set
  }
}

/// The objects the records of one collection list, taken once per
/// collection and shared by its records (copy-on-write).
public struct GCListing: Sendable, Equatable {
  /// The objects, in list order.
  public internal(set) var ids: [ObjectID] = []
  /// `id()` of each when first listed.
  public internal(set) var addresses: [UInt64] = []
  /// Block start of each when first listed (a reused row has another).
  var blocks: [UInt64] = []
  /// Kind, type object and item count of each when first listed: enough to
  /// name it later without building a string per object per collection.
  var kinds: [ObjectKind] = []
  var types: [ObjectID] = []
  var counts: [Int32] = []

  public init() {}

  /// How many objects are listed.
  public var count: Int { ids.count }

  /// "Node <Node object>", "list [<3 items>]", "dict {<2 items>}"…, named
  /// with `heap` (the type's name is looked up there; the counts are the
  /// ones taken when the object was listed).
  public func label(at i: Int, in heap: Heap) -> String {
    let type = types[i]
    let typeName: String
    if heap.isAlive(type) {
      typeName =
        heap.kind(of: type) == .type
        ? heap.classPayload(type).name : (heap.builtinType(of: type)?.name ?? "?")
    } else {
      typeName = "?"
    }
    let id = ids[i]
    let same = heap.isAlive(id) && heap.blocks[id.slot] == blocks[i]
    let text: String
    switch kinds[i] {
    case .list: text = "[<\(counts[i]) items>]"
    case .tuple: text = "(<\(counts[i]) items>)"
    case .dict, .classDict: text = "{<\(counts[i]) items>}"
    case .type where same: text = "<class '\(heap.classPayload(id).name)'>"
    case .function where same: text = "<function \(heap.string(heap.function(id).qualifiedName))>"
    default: text = "<\(typeName) object>"
    }
    return "\(typeName) \(text)"
  }

  mutating func reserveCapacity(_ count: Int) {
    ids.reserveCapacity(count)
    addresses.reserveCapacity(count)
    blocks.reserveCapacity(count)
    kinds.reserveCapacity(count)
    types.reserveCapacity(count)
    counts.reserveCapacity(count)
  }

  mutating func append(_ id: ObjectID, heap: Heap) {
    ids.append(id)
    addresses.append(heap.address(of: id))
    blocks.append(heap.blocks[id.slot])
    let kind = heap.kind(of: id)
    kinds.append(kind)
    types.append(heap.type(of: id))
    switch kind {
    case .list, .tuple: counts.append(Int32(clamping: heap.itemCount(id)))
    case .dict: counts.append(Int32(clamping: heap.dictCount(id)))
    case .classDict: counts.append(Int32(clamping: heap.classDictCount(id)))
    default: counts.append(0)
    }
  }
}

/// One phase of a collection, with the objects it examined.
public struct GCPhaseRecord: Sendable, Equatable {
  /// Objects listed per record at most.
  public static let objectLimit = 256

  /// The version modelled (names the C function and file).
  public var version: PythonVersion
  /// The generation being collected.
  public var generation: Int
  /// The phase.
  public var phase: GCPhase
  /// Whether the record shows the state the phase left (a computing phase)
  /// rather than the state it starts from.
  public var isResult: Bool
  /// The objects listed (at most `objectLimit`), shared by the collection's records.
  public var listing: GCListing
  /// The set of each listed object now.
  public var sets: [GCObjectSet]
  /// The `gc_refs` of each listed object now.
  public var gcRefs: [Int32]
  /// Objects in the collected generation when it was merged.
  public var examined: Int
  /// Objects on the collection's unreachable lists now.
  public var unreachableCount: Int
  /// `m` so far: unreachable objects collected.
  public var collected: Int
  /// `n` so far: uncollectable objects.
  public var uncollectable: Int

  public init(
    version: PythonVersion, generation: Int, phase: GCPhase, isResult: Bool, listing: GCListing,
    sets: [GCObjectSet], gcRefs: [Int32], examined: Int, unreachableCount: Int, collected: Int,
    uncollectable: Int
  ) {
    self.version = version
    self.generation = generation
    self.phase = phase
    self.isResult = isResult
    self.listing = listing
    self.sets = sets
    self.gcRefs = gcRefs
    self.examined = examined
    self.unreachableCount = unreachableCount
    self.collected = collected
    self.uncollectable = uncollectable
  }

  /// The listed objects with their gc_refs and sets, in list order.
  public var objects: [GCObjectRecord] {
    listing.ids.indices.map {
      GCObjectRecord(
        id: listing.ids[$0], address: listing.addresses[$0], gcRefs: Int(gcRefs[$0]), set: sets[$0])
    }
  }

  /// Examined objects not listed.
  public var omitted: Int { max(0, examined - listing.count) }

  /// The C function of the phase in the modelled version.
  public var cFunction: String { phase.cFunction(in: version) }

  /// `Modules/gcmodule.c` (3.8–3.12) or `Python/gc.c` (3.13).
  public var cFile: String { version >= .py313 ? "Python/gc.c" : "Modules/gcmodule.c" }

  /// Whether this record opens a collection (its first phase).
  public var startsCollection: Bool { phase == .startCallbacks }

  /// One sentence on what the phase does.
  public var summary: String {
    switch phase {
    case .startCallbacks: "gc.callbacks get (\"start\", info); collecting generation \(generation)"
    case .debugHeader: "DEBUG_STATS header"
    case .mergeGenerations: "younger generations merged into generation \(generation): \(examined) objects"
    case .updateRefs: "gc_refs = refcount for every object of the generation"
    case .subtractRefs: "gc_refs −1 per reference from inside: what is left comes from outside"
    case .moveUnreachable:
      "gc_refs 0 and not reached from outside: \(unreachableCount) tentatively unreachable"
    case .untrackTuples: "survivor tuples of atomic items untracked"
    case .promoteSurvivors:
      generation < 2 ? "survivors moved to generation \(generation + 1)" : "dicts of atomic items untracked"
    case .moveLegacyFinalizers: "objects with a legacy tp_del (and what they reach) set aside"
    case .debugCollectable: "DEBUG_COLLECTABLE lines"
    case .handleWeakrefs: "weakrefs to unreachable objects cleared, callbacks queued"
    case .weakrefCallbacks: "queued weakref callbacks called"
    case .finalizeGarbage: "__del__ (tp_finalize) of unreachable objects, once each"
    case .handleResurrectedObjects:
      version == .py38
        ? "was anything resurrected by a finalizer? \(unreachableCount) unreachable"
        : "reachability recomputed after finalizers: \(unreachableCount) still unreachable"
    case .deleteGarbage: "tp_clear on each unreachable object: \(unreachableCount) to clear"
    case .handleLegacyFinalizers: "uncollectable objects to gc.garbage"
    case .clearFreeLists: "free lists emptied (full collections)"
    case .stopCallbacks: "gc.callbacks get (\"stop\", info): collected \(collected)"
    case .done: "collection finished: collected \(collected)"
    }
  }
}
