// The request-size column of the object table, two bytes a row.
//
// A row's size is what its main block was requested with: at most 512 bytes
// for everything pymalloc serves, more only for the raw blocks of big
// objects (long strings, big tuples, big ints), which are few. A row stores
// its size in 16 bits; `wideSize` (0xffff) means the size is in `wide`,
// keyed by row. Readers see an `Int32` through the subscript, as when the
// column was `[Int32]` (issue 3: 2 bytes a row instead of 4).
//
// Invariant: `wide` holds exactly the rows whose stored value is `wideSize`;
// sizes are never negative.

/// Request sizes of the object table's rows.
public struct SizeColumn: Sendable {
  private(set) var narrow: [UInt16] = []
  /// Sizes of 0xffff bytes and more, by row.
  private(set) var wide: [Int32: Int32] = [:]

  static let wideSize: UInt16 = .max

  init() {}

  /// Number of rows.
  public var count: Int { narrow.count }

  /// The request size of row `slot`'s main block.
  public subscript(slot: Int) -> Int32 {
    @inline(__always) get {
      let size = narrow[slot]
      return size != Self.wideSize ? Int32(size) : wide[Int32(slot)]!
    }
    set {
      if narrow[slot] == Self.wideSize { wide[Int32(slot)] = nil }
      if newValue >= 0, newValue < Int32(Self.wideSize) {
        narrow[slot] = UInt16(newValue)
      } else {
        narrow[slot] = Self.wideSize
        wide[Int32(slot)] = newValue
      }
    }
  }

  /// Adds a row.
  mutating func append(_ size: Int32) {
    if size >= 0, size < Int32(Self.wideSize) {
      narrow.append(UInt16(size))
    } else {
      wide[Int32(narrow.count)] = size
      narrow.append(Self.wideSize)
    }
  }

  /// Bytes the column occupies (`ModelFootprint`).
  var memoryFootprint: Int { ModelFootprint.array(narrow) + ModelFootprint.dictionary(wide) }
}
