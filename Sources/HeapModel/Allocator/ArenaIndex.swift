/// An arena slot (`arenas[i]` in obmalloc.c). Slots are reused after an arena
/// is released, and a slot always maps the same base address.
public struct ArenaIndex: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The slot number, from 0.
  public var rawValue: Int

  /// Wraps a slot number.
  public init(_ rawValue: Int) { self.rawValue = rawValue }

  public var description: String { "arena \(rawValue)" }

  public static func < (lhs: ArenaIndex, rhs: ArenaIndex) -> Bool { lhs.rawValue < rhs.rawValue }
}
