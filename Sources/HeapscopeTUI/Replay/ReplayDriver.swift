// The boundary between the inspector and the replay engine. The inspector
// reads the replay's current position through this protocol and drives it
// with the five movement operations; it never sees the interpreter. Every
// read returns plain values (the HeapModel `Allocator` is itself a value), so
// a view can never mutate the replay, and tests drive the whole inspector with
// a scripted fake.
//
// Reads are called once per frame for what is visible, so they should be
// cheap: O(1) or proportional to what is returned. Lists that can be huge (a
// list object's referents) are read by range.

import HeapModel

/// A replayable program as the inspector sees it: what is true at the current
/// position, and how to move.
public protocol ReplayDriver {
  /// The scenario's file name, for the title bar.
  var sourceName: String { get }
  /// The scenario's source, one element per line (line 1 first), without newlines.
  var sourceLines: [String] { get }
  /// Where the replay stands.
  var position: ReplayPosition { get }
  /// Lines (1-based) holding a breakpoint.
  var breakpoints: Set<Int> { get }
  /// Bytes allocated and freed by `line` so far, or nil if none.
  func memoryDelta(line: Int) -> LineMemoryDelta?
  /// The allocator model at the current position.
  var allocator: Allocator { get }
  /// The object whose memory holds the live block at `address` (its header
  /// block, or a block it owns such as a list's item array); nil if none is known.
  func owner(of address: Address) -> BlockOwner?
  /// Just the owner's id and type name (what a grid cell shows), cheaper
  /// than a whole `owner(of:)` snapshot.
  func ownerType(of address: Address) -> (id: ObjectRef, typeName: String)?
  /// The object `id` at the current position; nil if it is not alive.
  func object(_ id: ObjectRef) -> ObjectSnapshot?
  /// The roots of the object graph: module globals and frames' locals.
  var roots: [GraphEdge] { get }
  /// How many references `id` holds.
  func referentCount(of id: ObjectRef) -> Int
  /// The references `id` holds, for positions `range` (clamped to `referentCount`).
  func referents(of id: ObjectRef, in range: Range<Int>) -> [GraphEdge]
  /// A chain of references from a root to `id` (root edge first, the edge to
  /// `id` last); empty if `id` is unreachable from the roots.
  func whyAlive(_ id: ObjectRef) -> [GraphEdge]
  /// The cycle collector's state.
  var gc: GCSnapshot { get }
  /// The model events of the line being micro-stepped, or, at a line
  /// boundary, of the line just run; in order. `position.eventIndex` points
  /// at the last one done.
  var events: ReplayEvents { get }
  /// Total memory over the replay so far, resampled to at most `points` samples
  /// (oldest first).
  func memorySeries(points: Int) -> [MemorySample]
  /// A message for the status bar (an uncaught exception, "stopped at
  /// breakpoint"), or nil.
  var notice: String? { get }

  /// Runs to the end of the current line (one statement step).
  mutating func step()
  /// Performs one model event.
  mutating func microStep()
  /// Goes back one step (time travel).
  mutating func stepBack()
  /// Runs to the next breakpoint or the end.
  mutating func continueToBreakpoint()
  /// Goes to step `step` (clamped to what exists).
  mutating func seek(step: Int)
  /// Goes to the next (`forward`) or previous model event matching
  /// `search`, with `position.eventIndex` on it; stays put and sets
  /// `notice` when there is none.
  mutating func seekEvent(_ search: EventSearch, forward: Bool)
  /// Run mode through a collection: moves the micro-step cursor to the next
  /// collection phase of the current line, or runs to the end of the line
  /// (`step`) when none is left.
  mutating func microStepToNextPhase()
  /// Whether the current line's events hold a collection phase after
  /// `position.eventIndex` (run mode then walks the phases).
  var hasCollectorPhaseAhead: Bool { get }
}

extension ReplayDriver {
  /// No notice by default.
  public var notice: String? { nil }

  /// By default: from the whole snapshot.
  public func ownerType(of address: Address) -> (id: ObjectRef, typeName: String)? {
    owner(of: address).map { ($0.object.id, $0.object.typeName) }
  }

  /// No event search by default.
  public mutating func seekEvent(_ search: EventSearch, forward: Bool) {}

  /// By default: looks through `events`.
  public var hasCollectorPhaseAhead: Bool {
    let events = self.events
    let from = position.eventIndex.map { $0 + 1 } ?? 0
    return (from..<max(from, events.count)).contains { events.isCollectorPhase(at: $0) }
  }

  /// By default: micro-steps until the cursor is on a collection phase or
  /// the line is done.
  public mutating func microStepToNextPhase() {
    let start = position.step
    repeat {
      microStep()
    } while position.step == start && !(position.eventIndex.map { events.isCollectorPhase(at: $0) } ?? false)
      && !position.isFinished
  }
}

/// Where a replay stands.
public struct ReplayPosition: Sendable, Equatable {
  /// Steps done, from 0 before the first line.
  public var step: Int
  /// Steps known so far (the total once the replay has finished); nil if unknown.
  public var knownSteps: Int?
  /// The line about to run (1-based), or nil before start or after the end.
  public var line: Int?
  /// Index into `ReplayDriver.events` of the last micro-step done on this line, or nil.
  public var eventIndex: Int?
  /// Whether the program has finished (nothing more to step).
  public var isFinished: Bool

  public init(step: Int, knownSteps: Int?, line: Int?, eventIndex: Int?, isFinished: Bool) {
    self.step = step
    self.knownSteps = knownSteps
    self.line = line
    self.eventIndex = eventIndex
    self.isFinished = isFinished
  }
}

/// Memory attributed to one source line.
public struct LineMemoryDelta: Sendable, Equatable {
  /// Bytes allocated by the line so far.
  public var allocated: Int
  /// Bytes freed by the line so far.
  public var freed: Int

  public init(allocated: Int, freed: Int) {
    self.allocated = allocated
    self.freed = freed
  }
}
