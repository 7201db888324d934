// The GC columns in raw buffers, shared between copies of the heap until
// one of them writes.
//
//   previous | next  | membership     + heads (one GCListHead per GCList)
//   Int32      Int32   UInt8
//
// Kept as three Swift arrays inside `GCState`, every write paid a
// uniqueness check and a bounds check, and `track`/`untrack` — once per
// container created and freed — four of each: a third of their cost. The
// passes of a collection got pointers only by swapping the arrays out of
// the heap and back around each pass. Here, as for the object table
// (Objects/ObjectTable.swift), one class instance owns `malloc`'d columns;
// a mutating entry point (`GCState.writableColumns`) checks once that the
// heap holds the only reference, copying the storage if not (a timeline
// checkpoint shares it), and then writes through the pointers.
//
// Invariants:
// * Nothing writes through a storage that `GCState.writableColumns` did not
//   make unique within the same operation, and nothing keeps a `GCColumns`
//   across a call that may grow the columns (`grow` moves them) or copy
//   the heap.
// * Rows `0..<count` are initialised (an untracked row: -1, -1, 0);
//   `count ≤ capacity`. Rows are added lazily: `track` grows the columns to
//   the row it tracks, a collection to every row of the object table, so a
//   pass may read the membership byte of any referent without a bounds
//   check.
//
// Memory (issue 3): 9 bytes a row of capacity, doubling like the object
// table, plus the list heads.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The GC columns behind a `GCState`.
final class GCColumnStorage: @unchecked Sendable {
  // Read on every access, so exempt from the runtime exclusivity check;
  // written only on unique storage.
  @exclusivity(unchecked) private(set) var previous: UnsafeMutablePointer<Int32>
  @exclusivity(unchecked) private(set) var next: UnsafeMutablePointer<Int32>
  @exclusivity(unchecked) private(set) var membership: UnsafeMutablePointer<UInt8>
  /// One head per `GCList`, by raw value.
  let heads: UnsafeMutablePointer<GCListHead>
  /// Rows initialised.
  @exclusivity(unchecked) private(set) var count = 0
  /// Rows allocated.
  @exclusivity(unchecked) private(set) var capacity: Int

  init(capacity: Int = 0) {
    self.capacity = capacity
    previous = Self.column(capacity)
    next = Self.column(capacity)
    membership = Self.column(capacity)
    heads = .allocate(capacity: GCList.allCases.count)
    heads.initialize(repeating: GCListHead(), count: GCList.allCases.count)
  }

  deinit {
    free(previous)
    free(next)
    free(membership)
    heads.deallocate()
  }

  private static func column<T>(_ capacity: Int) -> UnsafeMutablePointer<T> {
    let raw = malloc(max(1, capacity) * MemoryLayout<T>.stride)!
    return raw.bindMemory(to: T.self, capacity: max(1, capacity))
  }

  /// An independent copy of the initialised rows (sized to them, as a
  /// Swift array's copy is: with the capacity too, a timeline's checkpoint
  /// copies held up to twice the rows in memory).
  @inline(never)
  func copy() -> GCColumnStorage {
    let other = GCColumnStorage(capacity: count)
    other.previous.update(from: previous, count: count)
    other.next.update(from: next, count: count)
    other.membership.update(from: membership, count: count)
    other.heads.update(from: heads, count: GCList.allCases.count)
    other.count = count
    return other
  }

  /// Initialises rows up to `rows` at least (untracked); grows into spare
  /// capacity by up to 1024 rows more, since a new row is tracked at once.
  @inline(never)
  func cover(_ rows: Int) {
    guard rows > count else { return }
    if rows > capacity {
      let grown = max(rows, capacity * 2, 1024)
      func grow<T>(_ column: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
        let raw = realloc(column, grown * MemoryLayout<T>.stride)!
        return raw.bindMemory(to: T.self, capacity: grown)
      }
      previous = grow(previous)
      next = grow(next)
      membership = grow(membership)
      capacity = grown
    }
    let target = min(capacity, max(rows, count + 1024))
    let added = target - count
    // All-ones bytes are -1 in every Int32.
    memset(previous + count, 0xff, added * MemoryLayout<Int32>.stride)
    memset(next + count, 0xff, added * MemoryLayout<Int32>.stride)
    memset(membership + count, 0, added)
    count = target
  }

  /// Bytes the storage occupies (`ModelFootprint`).
  var memoryFootprint: Int {
    capacity == 0
      ? 0
      : ModelFootprint.mallocChunk(capacity * 4) * 2 + ModelFootprint.mallocChunk(capacity)
  }
}
