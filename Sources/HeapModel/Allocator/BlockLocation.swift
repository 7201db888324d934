/// Where a pymalloc block lives.
public struct BlockLocation: Sendable, Equatable {
  /// Its arena.
  public var arena: ArenaIndex
  /// Its pool.
  public var pool: PoolIndex
  /// Block number in the pool.
  public var block: Int
  /// Its size class.
  public var sizeClass: SizeClass
}
