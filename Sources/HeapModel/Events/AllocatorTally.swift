// What a stretch of allocator work added up to, counted as it happens.
//
// A timeline keeps, for every step, the bytes and blocks the allocator
// handed out and took back and which kinds of event happened — not the
// events themselves, which it shows for one step only. Building the events
// and walking them afterwards to sum them was a tenth of a recorded replay
// (a 32-byte value appended per malloc and free, the log emptied every
// step), and a step that builds a million objects held its three million
// events at once: the peak memory of the recording. So the allocator keeps
// a tally beside the log, and the log itself has three settings
// (`EventLogMode`): off, tally only (what a replay covering ground it will
// not show pays: a few additions per operation), and full (the tally plus
// every event, for the step on screen and for `heapscope trace`).
//
// Invariant: after any run in `.full` mode, the tally equals what
// `AllocatorTally.adding(_:)` sums over the events logged in that run (the
// timeline's tests check it against the event walk it replaced).

/// How much of the allocator's work is logged.
public enum EventLogMode: UInt8, Sendable {
  /// Nothing: one branch per operation.
  case off
  /// Only the tally: bytes, blocks and kinds of event.
  case tally
  /// The tally and every `AllocatorEvent`.
  case full
}

/// Bytes, blocks and kinds of the allocator events since the tally was
/// last taken.
public struct AllocatorTally: Sendable, Equatable {
  /// Kinds of event, one bit each.
  public struct Kinds: OptionSet, Sendable, Hashable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// A pymalloc or raw block was handed out.
    public static let blockAllocated = Kinds(rawValue: 1 << 0)
    /// A pymalloc or raw block was freed.
    public static let blockFreed = Kinds(rawValue: 1 << 1)
    /// A pool was taken for a size class (`allocate_from_new_pool`).
    public static let newPool = Kinds(rawValue: 1 << 2)
    public static let arenaAllocated = Kinds(rawValue: 1 << 3)
    public static let arenaReleased = Kinds(rawValue: 1 << 4)
    /// A phase of a cycle collection.
    public static let gcPhase = Kinds(rawValue: 1 << 5)
    /// A cycle collection began (its `startCallbacks` phase).
    public static let collection = Kinds(rawValue: 1 << 6)
  }

  /// Bytes of the blocks handed out (a pymalloc block counts its size
  /// class's block size, a raw block the size asked for, at least 1).
  public var allocatedBytes = 0
  public var freedBytes = 0
  public var allocatedBlocks = 0
  public var freedBlocks = 0
  public var kinds = Kinds(rawValue: 0)  // not `[]`: an array literal left a release per `init()`

  public init() {}

  /// Whether no event was counted.
  public var isEmpty: Bool { kinds.isEmpty }

  /// The tally with `event` counted: what the allocator adds as it logs it.
  public func adding(_ event: AllocatorEvent) -> AllocatorTally {
    var tally = self
    switch event {
    case .blockAllocated(_, let sizeClass, _, _):
      tally.countAllocation(bytes: sizeClass.blockSize)
    case .blockFreed(_, let sizeClass, _, _):
      tally.countFree(bytes: sizeClass.blockSize)
    case .rawAllocated(_, let size):
      tally.countAllocation(bytes: size)
    case .rawFreed(_, let size):
      tally.countFree(bytes: size)
    case .poolInitialized, .poolReused: tally.kinds.insert(.newPool)
    case .arenaAllocated: tally.kinds.insert(.arenaAllocated)
    case .arenaReleased: tally.kinds.insert(.arenaReleased)
    case .gcPhase(let record): tally.countPhase(startsCollection: record.startsCollection)
    default: break
    }
    return tally
  }

  @inline(__always)
  mutating func countAllocation(bytes: Int) {
    allocatedBytes &+= bytes
    allocatedBlocks &+= 1
    kinds.insert(.blockAllocated)
  }

  @inline(__always)
  mutating func countFree(bytes: Int) {
    freedBytes &+= bytes
    freedBlocks &+= 1
    kinds.insert(.blockFreed)
  }

  mutating func countPhase(startsCollection: Bool) {
    kinds.insert(startsCollection ? [.gcPhase, .collection] : .gcPhase)
  }
}
