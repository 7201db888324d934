/// A pool, numbered across all arena slots: `arena * maxPoolsPerArena + i`,
/// where `i` counts pools from the arena's first pool-aligned address.
public struct PoolIndex: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The global pool number.
  public var rawValue: Int

  /// Wraps a global pool number.
  public init(_ rawValue: Int) { self.rawValue = rawValue }

  public var description: String { "pool \(rawValue)" }

  public static func < (lhs: PoolIndex, rhs: PoolIndex) -> Bool { lhs.rawValue < rhs.rawValue }
}
