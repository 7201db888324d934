/// One mapped arena, for the heap grid.
public struct ArenaSummary: Sendable, Equatable {
  /// The arena's slot.
  public var index: ArenaIndex
  /// Where the arena's memory starts.
  public var base: Address
  /// Where its first pool starts (the base rounded up to a pool boundary).
  public var firstPool: Address
  /// Usable pools: 64 when aligned, 63 when not (`ntotalpools`).
  public var totalPools: Int
  /// Empty plus never-carved pools (`nfreepools`).
  public var freePools: Int
  /// Pools carved at least once.
  public var carvedPools: Int
  /// Whether the base is pool-aligned.
  public var isAligned: Bool
}
