// The request-size column of the object table, two bytes a row.
//
// A row's size is what its main block was requested with: at most 512 bytes
// for everything pymalloc serves, more only for the raw blocks of big
// objects (long strings, big tuples, big ints), which are few. A row stores
// its size in 16 bits; `wideSize` (0xffff) means the size is in a side
// table keyed by row. Readers see an `Int32` through the subscript, as when the
// column was `[Int32]` (issue 3: 2 bytes a row instead of 4).
//
// Invariant: `ObjectTableStorage.wideSizes` holds exactly the rows whose
// stored value is `wideSize`;
// sizes are never negative.

/// Request sizes of the object table's rows, in the table's buffer
/// (Objects/ObjectTable.swift). A view borrowed from the heap for one
/// expression, like `RowColumn`.
public struct SizeColumn: @unchecked Sendable {
  let narrow: UnsafeMutablePointer<UInt16>
  /// Number of rows.
  public let count: Int
  /// For the side table and writes (see `BlockColumn`).
  unowned(unsafe) let storage: ObjectTableStorage

  static let wideSize: UInt16 = .max

  @inline(__always) init(_ storage: ObjectTableStorage) {
    narrow = storage.rows.sizes
    count = storage.count
    self.storage = storage
  }

  /// The request size of row `slot`'s main block.
  public internal(set) subscript(slot: Int) -> Int32 {
    @inline(__always) get {
      precondition(UInt(bitPattern: slot) < UInt(bitPattern: count), "row out of range")
      let size = narrow[slot]
      return size != Self.wideSize ? Int32(size) : storage.wideSizes[Int32(slot)]!
    }
    // Mutating: see `BlockColumn`.
    set {
      precondition(UInt(bitPattern: slot) < UInt(bitPattern: count), "row out of range")
      storage.setSize(slot, newValue)
    }
  }
}
