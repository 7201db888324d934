/// One block of a pool, for the heap grid.
public struct BlockSummary: Sendable, Equatable {
  /// The states of a block.
  public enum State: Sendable, Equatable {
    /// Handed out and not freed.
    case inUse
    /// On the pool's free list; `freeListPosition` 0 is handed out next.
    case free(freeListPosition: Int)
    /// Beyond the pool's never-used mark (`nextoffset`).
    case neverUsed
  }

  /// Block number in its pool, from 0 at pool + 48.
  public var index: Int
  /// Its address.
  public var address: Address
  /// Its state.
  public var state: State
}
