/// One pool, for the heap grid.
public struct PoolSummary: Sendable, Equatable {
  /// The states of a pool (see `PoolHeader`).
  public enum State: Sendable, Equatable {
    /// Some blocks in use, some free; in `usedpools`.
    case used
    /// Every block in use; in no list.
    case full
    /// No block in use; in its arena's `freepools`.
    case empty
    /// Not carved out of its arena yet.
    case neverCarved
  }

  /// The pool.
  public var index: PoolIndex
  /// Its arena.
  public var arena: ArenaIndex
  /// Address of its header.
  public var address: Address
  /// Its state.
  public var state: State
  /// The class it serves, or last served when empty; nil if never carved.
  public var sizeClass: SizeClass?
  /// Blocks in use (`ref.count`).
  public var blocksInUse: Int
  /// Blocks that fit (`NUMBLOCKS`); 0 when never carved.
  public var blockCapacity: Int
}
