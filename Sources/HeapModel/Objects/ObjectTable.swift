// The object table's row columns in one buffer, read and written through raw
// pointers.
//
// A CPython object's header is a few words at a fixed place: `Py_INCREF`
// is one add, creating an object a handful of stores. The model keeps the
// same facts per row in seven columns (struct of arrays, `Heap`'s essay):
//
//   buffer:  payloads | refcounts | block codes | types | sizes | kinds | flags
//            Int64      Int32       UInt32        Int32   UInt16  UInt8   UInt8
//
// Kept as seven Swift arrays inside the `Heap` value, every write paid a
// `swift_isUniquelyReferenced` call, a store of the buffer back into the
// struct and a bounds check: creating an object made seven of each, freeing
// it four. Here the columns are slices of one buffer owned by a class
// instance; a mutating entry point checks once that the heap holds the only
// reference (copying the storage if not, `ObjectTable.writable()`) and then
// writes through the pointers. Reads go through `RowColumn` views that are
// never retained.
//
// Copy-on-write by hand, as in `AllocatorStorage`: a copy of the heap (a
// timeline checkpoint) shares the storage until one side writes, and the
// writer first gets a copy of its own. Invariants:
//
// * Nothing writes through a storage that `ObjectTable.writable()` did not
//   return within the same operation, and nothing keeps its `RowPointers`
//   across a call that may add a row (growth moves the buffer).
// * Rows `0..<count` are initialised; a freed row keeps its block code and
//   size (readers look at a dead row's old block) and is on the free-row
//   stack, most recently freed on top.
// * `wideBlocks` / `wideSizes` hold exactly the rows whose code is
//   `BlockColumn.wideCode` / size is `SizeColumn.wideSize`.
//
// Memory (issue 3): 24 bytes a row of capacity, one malloc chunk; capacity
// doubles as Swift arrays did, so up to half of it may be unused.

/// Pointers to the columns of an `ObjectTableStorage`, valid until the next
/// row is added or the storage is released.
struct RowPointers {
  let payloads: UnsafeMutablePointer<Int64>
  let refcounts: UnsafeMutablePointer<Int32>
  let blockCodes: UnsafeMutablePointer<UInt32>
  let types: UnsafeMutablePointer<ObjectID>
  let sizes: UnsafeMutablePointer<UInt16>
  let kinds: UnsafeMutablePointer<ObjectKind>
  let flags: UnsafeMutablePointer<ObjectFlags>

  /// Bytes per row of capacity.
  static let rowBytes = 8 + 4 + 4 + 4 + 2 + 1 + 1

  /// The columns of a buffer with room for `capacity` rows (a multiple of 8,
  /// so every column stays aligned).
  init(buffer: UnsafeMutableRawPointer, capacity: Int) {
    var offset = 0
    func column<T>(_ type: T.Type) -> UnsafeMutablePointer<T> {
      let pointer = (buffer + offset).bindMemory(to: T.self, capacity: capacity)
      offset += capacity * MemoryLayout<T>.stride
      return pointer
    }
    payloads = column(Int64.self)
    refcounts = column(Int32.self)
    blockCodes = column(UInt32.self)
    types = column(ObjectID.self)
    sizes = column(UInt16.self)
    kinds = column(ObjectKind.self)
    flags = column(ObjectFlags.self)
  }

  /// Copies rows `0..<count` from `other`.
  func copyRows(from other: RowPointers, count: Int) {
    payloads.update(from: other.payloads, count: count)
    refcounts.update(from: other.refcounts, count: count)
    blockCodes.update(from: other.blockCodes, count: count)
    types.update(from: other.types, count: count)
    sizes.update(from: other.sizes, count: count)
    kinds.update(from: other.kinds, count: count)
    flags.update(from: other.flags, count: count)
  }
}

/// The buffer behind an `ObjectTable`, shared between copies until one of
/// them writes.
final class ObjectTableStorage: @unchecked Sendable {
  // Read on every access, so exempt from the runtime exclusivity check (a
  // `swift_beginAccess` call per read); written only on unique storage.
  @exclusivity(unchecked) private(set) var rows: RowPointers
  /// Rows in use (live and free).
  @exclusivity(unchecked) private(set) var count = 0
  @exclusivity(unchecked) private(set) var capacity: Int
  /// Freed rows, most recent last.
  @exclusivity(unchecked) private var freeRows: UnsafeMutablePointer<Int32>
  @exclusivity(unchecked) private(set) var freeCount = 0
  @exclusivity(unchecked) private(set) var freeCapacity: Int
  /// Block addresses with no 32-bit code, by row.
  @exclusivity(unchecked) var wideBlocks: [Int32: UInt64] = [:]
  /// Sizes of 0xffff bytes and more, by row.
  @exclusivity(unchecked) var wideSizes: [Int32: Int32] = [:]
  private var buffer: UnsafeMutableRawPointer

  init(capacity: Int = 0, freeCapacity: Int = 0) {
    let capacity = (capacity + 7) & ~7
    self.capacity = capacity
    buffer = .allocate(byteCount: max(1, capacity * RowPointers.rowBytes), alignment: 16)
    rows = RowPointers(buffer: buffer, capacity: capacity)
    self.freeCapacity = freeCapacity
    freeRows = .allocate(capacity: max(1, freeCapacity))
  }

  deinit {
    buffer.deallocate()
    freeRows.deallocate()
  }

  /// An independent copy with a little room to grow (the writer of a shared
  /// storage goes on adding rows).
  @inline(never)
  func copy() -> ObjectTableStorage {
    let other = ObjectTableStorage(capacity: count + count / 8 + 8, freeCapacity: freeCount + 8)
    other.rows.copyRows(from: rows, count: count)
    other.count = count
    other.freeRows.update(from: freeRows, count: freeCount)
    other.freeCount = freeCount
    other.wideBlocks = wideBlocks
    other.wideSizes = wideSizes
    return other
  }

  /// Makes room for `capacity` rows (doubling at least); moves the buffer.
  @inline(never)
  func reserve(_ minimum: Int) {
    guard minimum > capacity else { return }
    let grown = (max(minimum, capacity * 2, 64) + 7) & ~7
    let newBuffer = UnsafeMutableRawPointer.allocate(byteCount: grown * RowPointers.rowBytes, alignment: 16)
    let newRows = RowPointers(buffer: newBuffer, capacity: grown)
    newRows.copyRows(from: rows, count: count)
    buffer.deallocate()
    buffer = newBuffer
    rows = newRows
    capacity = grown
  }

  /// Makes room for `minimum` free rows.
  func reserveFreeRows(_ minimum: Int) {
    guard minimum > freeCapacity else { return }
    let grown = max(minimum, freeCapacity * 2, 64)
    let newRows = UnsafeMutablePointer<Int32>.allocate(capacity: grown)
    newRows.moveInitialize(from: freeRows, count: freeCount)
    freeRows.deallocate()
    freeRows = newRows
    freeCapacity = grown
  }

  /// A row for a new object: the most recently freed one, else a new one at
  /// the end (uninitialised: the caller writes every column).
  @inline(__always) func takeRow() -> Int {
    if freeCount > 0 {
      freeCount &-= 1
      return Int(freeRows[freeCount])
    }
    if count == capacity { reserve(count + 1) }
    let row = count
    count &+= 1
    return row
  }

  /// Puts a freed row on the free-row stack.
  @inline(__always) func pushFreeRow(_ row: Int32) {
    if freeCount == freeCapacity { reserveFreeRows(freeCount + 1) }
    freeRows[freeCount] = row
    freeCount &+= 1
  }

  /// The block address of `row`.
  @inline(__always) func block(_ row: Int) -> UInt64 {
    let code = rows.blockCodes[row]
    if code < BlockColumn.lowTag { return BlockColumn.arenaBase &+ UInt64(code) &<< 4 }
    if code != BlockColumn.wideCode { return BlockColumn.lowBase &+ UInt64(code & ~BlockColumn.lowTag) &<< 4 }
    return wideBlocks[Int32(row)]!
  }

  /// Sets the block address of `row`; `wasSet` is false for a row whose
  /// code is uninitialised.
  @inline(__always) func setBlock(_ row: Int, _ address: UInt64, wasSet: Bool = true) {
    if wasSet, rows.blockCodes[row] == BlockColumn.wideCode { wideBlocks[Int32(row)] = nil }
    let code = BlockColumn.code(address)
    rows.blockCodes[row] = code
    if code == BlockColumn.wideCode { wideBlocks[Int32(row)] = address }
  }

  /// The request size of `row`.
  @inline(__always) func size(_ row: Int) -> Int32 {
    let size = rows.sizes[row]
    return size != SizeColumn.wideSize ? Int32(size) : wideSizes[Int32(row)]!
  }

  /// Sets the request size of `row` (see `setBlock` for `wasSet`).
  @inline(__always) func setSize(_ row: Int, _ size: Int32, wasSet: Bool = true) {
    if wasSet, rows.sizes[row] == SizeColumn.wideSize { wideSizes[Int32(row)] = nil }
    if size >= 0, size < Int32(SizeColumn.wideSize) {
      rows.sizes[row] = UInt16(truncatingIfNeeded: size)
    } else {
      rows.sizes[row] = SizeColumn.wideSize
      wideSizes[Int32(row)] = size
    }
  }

  /// Bytes the storage occupies (`ModelFootprint`): the row buffer, the
  /// free-row stack and the side tables.
  var memoryFootprint: Int {
    ModelFootprint.mallocChunk(capacity * RowPointers.rowBytes) + ModelFootprint.mallocChunk(freeCapacity * 4)
      + ModelFootprint.dictionary(wideBlocks) + ModelFootprint.dictionary(wideSizes)
  }
}

/// The object table: the row columns of every object (see the essay above).
struct ObjectTable: Sendable {
  private(set) var storage = ObjectTableStorage()

  /// The storage, made unique first: the one check a mutating operation
  /// makes before writing through the pointers.
  @inline(__always) mutating func writable() -> ObjectTableStorage {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    return storage
  }
}

/// One column of the object table, read (and, inside HeapModel, written)
/// in place. A view borrowed from the heap for one expression: it does not
/// keep the table alive, and a copy of it must not outlive the access.
public struct RowColumn<Element>: @unchecked Sendable {
  let base: UnsafeMutablePointer<Element>
  /// Number of rows.
  public let count: Int

  @inline(__always) init(_ base: UnsafeMutablePointer<Element>, count: Int) {
    self.base = base
    self.count = count
  }

  /// The value of row `slot`.
  public internal(set) subscript(slot: Int) -> Element {
    @inline(__always) get {
      precondition(UInt(bitPattern: slot) < UInt(bitPattern: count), "row out of range")
      return base[slot]
    }
    // Mutating, so that a write reaches it through the heap's `_modify`
    // accessor, which makes the storage unique first.
    @inline(__always) set {
      precondition(UInt(bitPattern: slot) < UInt(bitPattern: count), "row out of range")
      base[slot] = newValue
    }
  }

  /// Runs `body` on the column's rows.
  @inline(__always) public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R)
    rethrows
    -> R
  {
    try body(UnsafeBufferPointer(start: base, count: count))
  }
}
