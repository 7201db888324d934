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
  unowned(unsafe) let storage: ObjectTableStorage

  static let wideSize: UInt16 = .max

  @inline(__always) init(_ storage: ObjectTableStorage) { self.storage = storage }

  /// Number of rows.
  public var count: Int { storage.count }

  /// The request size of row `slot`'s main block.
  public internal(set) subscript(slot: Int) -> Int32 {
    @inline(__always) get {
      precondition(UInt(bitPattern: slot) < UInt(bitPattern: storage.count), "row out of range")
      return storage.size(slot)
    }
    // Mutating: see `BlockColumn`.
    set {
      precondition(UInt(bitPattern: slot) < UInt(bitPattern: storage.count), "row out of range")
      storage.setSize(slot, newValue)
    }
  }
}
