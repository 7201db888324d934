// The object table's row columns in raw buffers, read and written through
// pointers.
//
// A CPython object's header is a few words at a fixed place: `Py_INCREF`
// is one add, creating an object a handful of stores. The model keeps the
// same facts per row in seven columns (struct of arrays, `Heap`'s essay):
//
//   columns: payloads | refcounts | block codes | types | sizes | kinds | flags
//            Int64      Int32       UInt32        Int32   UInt16  UInt8   UInt8
//
// Kept as seven Swift arrays inside the `Heap` value, every write paid a
// `swift_isUniquelyReferenced` call, a store of the buffer back into the
// struct and a bounds check: creating an object made seven of each, freeing
// it four. Here the columns are raw buffers owned by one class instance,
// written through pointers; reads go through `RowColumn` views that are
// never retained.
//
// Copy-on-write by hand, as in `AllocatorStorage`, but with the check
// hoisted out of the per-object path: a copy of the heap (a timeline
// checkpoint) shares the storage, and whoever is about to mutate a heap
// that may have been copied calls `Heap.makeUnique()` once — the
// interpreter does at the start of every `advance`, as it does for its
// stacks (`StackBuffer`). Between two such calls nothing copies the heap
// and mutates both copies; every write path asserts it in debug builds
// (`ObjectTable.assertUnique()`). Checking on every write instead cost a
// `swift_isUniquelyReferenced` call per incref, decref, create and free
// (5 % of a run) and kept the refcount operations from being inlined
// into the interpreter. Invariants:
//
// * Nothing writes through a storage that is shared with another heap
//   value, and nothing keeps its `RowPointers` across a call that may add
//   a row (growth moves the columns).
// * Rows `0..<count` are initialised; a freed row keeps its block code and
//   size (readers look at a dead row's old block) and is on the free-row
//   stack, most recently freed on top.
// * `wideBlocks` / `wideSizes` hold exactly the rows whose code is
//   `BlockColumn.wideCode` / size is `SizeColumn.wideSize`.
//
// Memory (issue 3): 24 bytes a row of capacity; capacity doubles as Swift
// arrays did, so up to half of it may be unused. Each column is its own
// malloc'd buffer grown with `realloc` (see `RowPointers.reallocate`).

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Pointers to the columns of an `ObjectTableStorage`, valid until the next
/// row is added or the storage is released.
@usableFromInline struct RowPointers {
  @usableFromInline var payloads: UnsafeMutablePointer<Int64>
  @usableFromInline var refcounts: UnsafeMutablePointer<Int32>
  @usableFromInline var blockCodes: UnsafeMutablePointer<UInt32>
  @usableFromInline var types: UnsafeMutablePointer<ObjectID>
  @usableFromInline var sizes: UnsafeMutablePointer<UInt16>
  @usableFromInline var kinds: UnsafeMutablePointer<ObjectKind>
  @usableFromInline var flags: UnsafeMutablePointer<ObjectFlags>

  /// Bytes per row of capacity.
  static let rowBytes = 8 + 4 + 4 + 4 + 2 + 1 + 1

  /// Columns with room for `capacity` rows (uninitialised).
  init(capacity: Int) {
    payloads = Self.column(capacity)
    refcounts = Self.column(capacity)
    blockCodes = Self.column(capacity)
    types = Self.column(capacity)
    sizes = Self.column(capacity)
    kinds = Self.column(capacity)
    flags = Self.column(capacity)
  }

  private static func column<T>(_ capacity: Int) -> UnsafeMutablePointer<T> {
    let raw = malloc(max(1, capacity) * MemoryLayout<T>.stride)!
    return raw.bindMemory(to: T.self, capacity: capacity)
  }

  /// Grows every column to `capacity` rows with `realloc`, which moves a
  /// big column's pages (`mremap`) rather than copying them: peak memory
  /// stays near the table's size, where allocate-copy-free held the old
  /// and the new buffer at once.
  mutating func reallocate(capacity: Int) {
    func grow<T>(_ column: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
      let raw = realloc(column, capacity * MemoryLayout<T>.stride)!
      return raw.bindMemory(to: T.self, capacity: capacity)
    }
    payloads = grow(payloads)
    refcounts = grow(refcounts)
    blockCodes = grow(blockCodes)
    types = grow(types)
    sizes = grow(sizes)
    kinds = grow(kinds)
    flags = grow(flags)
  }

  /// Frees every column.
  func deallocate() {
    free(payloads)
    free(refcounts)
    free(blockCodes)
    free(types)
    free(sizes)
    free(kinds)
    free(flags)
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

/// The columns behind an `ObjectTable`, shared between copies until one of
/// them writes.
@usableFromInline final class ObjectTableStorage: @unchecked Sendable {
  // Read on every access, so exempt from the runtime exclusivity check (a
  // `swift_beginAccess` call per read); written only on unique storage.
  // Internal rather than `private(set)`: cross-module optimisation can only
  // serialise (and so inline into the interpreter) code whose every
  // reference is at least internal; the two the refcount operations read
  // are `@usableFromInline` for the same reason.
  @exclusivity(unchecked) @usableFromInline var rows: RowPointers
  /// Rows in use (live and free).
  @exclusivity(unchecked) @usableFromInline var count = 0
  @exclusivity(unchecked) var capacity: Int
  /// Freed rows, most recent last.
  @exclusivity(unchecked) var freeRows: UnsafeMutablePointer<Int32>
  @exclusivity(unchecked) var freeCount = 0
  @exclusivity(unchecked) var freeCapacity: Int
  /// Block addresses with no 32-bit code, by row.
  @exclusivity(unchecked) var wideBlocks: [Int32: UInt64] = [:]
  /// Sizes of 0xffff bytes and more, by row.
  @exclusivity(unchecked) var wideSizes: [Int32: Int32] = [:]

  init(capacity: Int = 0, freeCapacity: Int = 0) {
    self.capacity = capacity
    rows = RowPointers(capacity: capacity)
    self.freeCapacity = freeCapacity
    freeRows = .allocate(capacity: max(1, freeCapacity))
  }

  deinit {
    rows.deallocate()
    freeRows.deallocate()
  }

  /// An independent copy with the same capacity, so that a copy does not
  /// change when the columns grow next (a copy at the used size doubled
  /// from there: 40 B of rows per object instead of 25 on million_tracked,
  /// where the interpreter copies itself once). Pages past `count` are
  /// never touched, so they cost address space, not memory.
  @inline(never)
  func copy() -> ObjectTableStorage {
    let other = ObjectTableStorage(capacity: capacity, freeCapacity: max(freeCapacity, 1))
    other.rows.copyRows(from: rows, count: count)
    other.count = count
    other.freeRows.update(from: freeRows, count: freeCount)
    other.freeCount = freeCount
    other.wideBlocks = wideBlocks
    other.wideSizes = wideSizes
    return other
  }

  /// Makes room for `minimum` rows (doubling at least); moves the columns.
  @inline(never)
  func reserve(_ minimum: Int) {
    guard minimum > capacity else { return }
    let grown = max(minimum, capacity * 2, 64)
    rows.reallocate(capacity: grown)
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
  /// the end (uninitialised: the caller writes every column, and clears a
  /// reused row's side-table entries).
  @inline(__always) func takeRow() -> Int {
    if freeCount > 0 {
      freeCount &-= 1
      return Int(freeRows[freeCount])
    }
    return appendRow()
  }

  /// A new row at the end (uninitialised: the caller writes every column).
  @inline(__always) func appendRow() -> Int {
    if count == capacity { reserve(count + 1) }
    let row = count
    count &+= 1
    return row
  }

  /// Removes a reused row's side-table entries (its old block had no code
  /// or its old size was wide).
  @inline(never) func dropWideEntries(_ row: Int) {
    if rows.blockCodes[row] == BlockColumn.wideCode { wideBlocks[Int32(row)] = nil }
    if rows.sizes[row] == SizeColumn.wideSize { wideSizes[Int32(row)] = nil }
  }

  /// Records a new row's block and size in the side tables where its
  /// columns hold `wideCode` / `wideSize`.
  @inline(never) func addWideEntries(_ row: Int, block: UInt64, size: Int) {
    if rows.blockCodes[row] == BlockColumn.wideCode { wideBlocks[Int32(row)] = block }
    if rows.sizes[row] == SizeColumn.wideSize { wideSizes[Int32(row)] = Int32(size) }
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

  /// Bytes the storage occupies (`ModelFootprint`): the seven columns, the
  /// free-row stack and the side tables.
  var memoryFootprint: Int {
    var bytes = ModelFootprint.mallocChunk(freeCapacity * 4)
    for width in [8, 4, 4, 4, 2, 1, 1] { bytes += ModelFootprint.mallocChunk(capacity * width) }
    return bytes + ModelFootprint.dictionary(wideBlocks) + ModelFootprint.dictionary(wideSizes)
  }
}

/// The object table: the row columns of every object (see the essay above).
@usableFromInline struct ObjectTable: Sendable {
  @usableFromInline var storage = ObjectTableStorage()

  /// Makes the storage unique (copying it if another heap value shares
  /// it): what `Heap.makeUnique()` does for the rows.
  @inline(__always) mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
  }

  /// Debug builds: traps if the storage is shared, i.e. a write would be
  /// seen by another copy of the heap (`Heap.makeUnique()` was not called
  /// after the copy). Compiled out of release builds.
  @usableFromInline @inline(__always) mutating func assertUnique() {
    assert(
      isKnownUniquelyReferenced(&storage),
      "heap rows written while another copy shares them: call Heap.makeUnique() after copying a heap")
  }

  /// The columns, writable, after checking that `row` exists (valid until a
  /// row is added).
  @usableFromInline @inline(__always) mutating func writableRows(checking row: Int) -> RowPointers {
    assertUnique()
    precondition(UInt(bitPattern: row) < UInt(bitPattern: storage.count), "row out of range")
    return storage.rows
  }

  /// A row for a new object: the most recently freed one (its wide side
  /// entries dropped), else a new one at the end.
  @inline(__always)
  private func takeRow(_ storage: ObjectTableStorage) -> Int {
    let freeCount = storage.freeCount
    guard freeCount > 0 else { return storage.appendRow() }
    storage.freeCount = freeCount &- 1
    let row = Int(storage.freeRows[freeCount &- 1])
    let rows = storage.rows
    if rows.blockCodes[row] == BlockColumn.wideCode || rows.sizes[row] == SizeColumn.wideSize {
      storage.dropWideEntries(row)
    }
    return row
  }

  /// Adds a row with refcount 1 (reusing the most recently freed one).
  ///
  /// The side tables are touched only when the reused row or the new
  /// object needs them (a block with no code, a size of 64 KiB or more),
  /// out of line: the common case is seven stores and two tests.
  @inline(__always)
  mutating func addRow(
    kind: ObjectKind, flags: ObjectFlags, type: ObjectID, payload: Int64, block: UInt64, size: Int
  ) -> Int {
    assertUnique()
    let storage = self.storage
    let row = takeRow(storage)
    let rows = storage.rows
    rows.kinds[row] = kind
    rows.flags[row] = flags
    rows.refcounts[row] = 1
    rows.types[row] = type
    rows.payloads[row] = payload
    // A pymalloc block (the common case) has its arena-region code at once.
    let offset = block &- BlockColumn.arenaBase
    let code =
      offset < UInt64(BlockColumn.lowTag) &<< 4 && offset & 15 == 0
      ? UInt32(truncatingIfNeeded: offset &>> 4) : BlockColumn.code(block)
    rows.blockCodes[row] = code
    let narrow = UInt(bitPattern: size) < UInt(SizeColumn.wideSize)
    rows.sizes[row] = narrow ? UInt16(truncatingIfNeeded: size) : SizeColumn.wideSize
    if code == BlockColumn.wideCode || !narrow {
      storage.addWideEntries(row, block: block, size: size)
    }
    return row
  }

  /// `addRow` when it needs no call, for a block pymalloc handed out (a
  /// request of 1…512 bytes): its code is its offset in the arena region,
  /// its size is narrow, and the row is the most recently freed one with
  /// no side-table entry to drop or a new one within capacity. Nil, with
  /// nothing changed, otherwise (an arena past the 32 GiB the code covers,
  /// a reused row with side entries, a table to grow): the caller then
  /// calls `addRow` out of line (`Heap.addPymallocRow`).
  @inline(__always)
  mutating func addPymallocRowWithoutCall(
    kind: ObjectKind, type: ObjectID, payload: Int64, block: UInt64, size: Int
  ) -> Int? {
    assertUnique()
    assert(size > 0 && size <= 512, "not a pymalloc request size")
    let offset = block &- BlockColumn.arenaBase
    guard offset < UInt64(BlockColumn.lowTag) &<< 4 else { return nil }
    let storage = self.storage
    let rows = storage.rows
    let row: Int
    let freeCount = storage.freeCount
    if freeCount > 0 {
      row = Int(storage.freeRows[freeCount &- 1])
      guard rows.blockCodes[row] != BlockColumn.wideCode, rows.sizes[row] != SizeColumn.wideSize else {
        return nil
      }
      storage.freeCount = freeCount &- 1
    } else {
      row = storage.count
      guard row < storage.capacity else { return nil }
      storage.count = row &+ 1
    }
    rows.kinds[row] = kind
    rows.flags[row] = []
    rows.refcounts[row] = 1
    rows.types[row] = type
    rows.payloads[row] = payload
    rows.blockCodes[row] = UInt32(truncatingIfNeeded: offset &>> 4)
    rows.sizes[row] = UInt16(truncatingIfNeeded: size)
    return row
  }

  /// Marks `row` dead and puts it on the free-row stack; its block code and
  /// size stay (readers look at a dead row's old block).
  @inline(__always) mutating func freeRow(_ row: Int) {
    // The columns first: as an argument, the write access would overlap
    // the read of `self` for the call (a debug build copies it first).
    let rows = writableRows(checking: row)
    freeRow(row, rows)
  }

  /// `freeRow(_:)` through the columns the caller holds (`writableRows`).
  @inline(__always) func freeRow(_ row: Int, _ rows: RowPointers) {
    rows.kinds[row] = .none
    rows.flags[row] = .dead
    rows.refcounts[row] = 0
    rows.types[row] = .null
    storage.pushFreeRow(Int32(truncatingIfNeeded: row))
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
