/// A pymalloc size class (`szidx`): class `i` serves requests of
/// `16·i + 1 … 16·(i + 1)` bytes with blocks of `16·(i + 1)` bytes.
public struct SizeClass: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The class index, 0…31.
  public var index: Int

  /// Wraps a class index.
  public init(index: Int) { self.index = index }

  /// The class of a request of `nbytes` (1…512): `(nbytes - 1) >> 4`.
  public init(requestBytes nbytes: Int) { self.index = (nbytes - 1) >> 4 }

  /// Bytes per block (`INDEX2SIZE`).
  public var blockSize: Int { (index + 1) << 4 }

  public var description: String { "class \(index) (\(blockSize) B)" }

  public static func < (lhs: SizeClass, rhs: SizeClass) -> Bool { lhs.index < rhs.index }
}
