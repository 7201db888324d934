// What the model of a heap costs in the process that runs it, counted the way
// the memory is really spent: every Swift array is one malloc'd buffer of a
// 32-byte header (object header, count, capacity) plus `capacity × stride`
// bytes, and glibc hands out chunks of the request plus an 8-byte size word
// rounded up to 16 bytes (at least 32); requests past the mmap threshold get
// whole pages. An empty array is a shared static singleton and costs nothing.
// A Swift dictionary is one buffer of a 64-byte header, an occupancy bitmap
// and key and value arrays for a power-of-two number of buckets kept at most
// three-quarters full. A Swift string of up to 15 UTF-8 bytes lives inline.
//
// The counts are of capacity, not count: slack left by geometric growth is
// memory the process holds. They do not include the allocator model's own
// tables (`Allocator`), which the bench measures with `mallinfo2` deltas.

/// The model's memory for one heap, part by part, in bytes.
public struct ModelFootprint: Sendable, Equatable {
  /// The object table: one row per object (kind, flags, refcount, block,
  /// size, type, payload) and the free-row stack.
  public var rows = 0
  /// The cycle collector's per-row columns (`GCState`).
  public var collector = 0
  /// Lists and tuples: their per-sequence records and item storage.
  public var sequences = 0
  /// Dicts and sets.
  public var dicts = 0
  /// Instances, classes, functions and shared keys tables.
  public var instances = 0
  /// The fixed-reference payloads (iterators, bound methods, cells, …).
  public var fields = 0
  /// Str, bytes and big-int payloads.
  public var scalars = 0
  /// Everything else the heap keeps: free lists, weakref lists, the interned
  /// table, the dealloc stacks, well-known object tables.
  public var other = 0

  public init() {}

  /// The sum of the parts.
  public var total: Int { rows + collector + sequences + dicts + instances + fields + scalars + other }

  /// Bytes glibc's malloc spends on a request of `bytes` (chunk size).
  public static func mallocChunk(_ bytes: Int) -> Int {
    if bytes <= 0 { return 0 }
    if bytes >= 128 << 10 { return (bytes + 16 + 4095) & ~4095 }
    return max(32, (bytes + 8 + 15) & ~15)
  }

  /// Bytes a Swift array of `capacity` elements of `stride` bytes occupies.
  public static func array(capacity: Int, stride: Int) -> Int {
    capacity == 0 ? 0 : mallocChunk(32 + capacity * stride)
  }

  /// Bytes a Swift array occupies (its buffer, not the 8-byte reference).
  public static func array<T>(_ array: [T]) -> Int {
    Self.array(capacity: array.capacity, stride: MemoryLayout<T>.stride)
  }

  /// Bytes a Swift dictionary's storage occupies.
  public static func dictionary<K, V>(_ dictionary: [K: V]) -> Int {
    if dictionary.capacity == 0 { return 0 }
    var buckets = 1
    while buckets * 3 / 4 < dictionary.capacity { buckets <<= 1 }
    let entry = MemoryLayout<K>.stride + MemoryLayout<V>.stride
    return mallocChunk(64 + max(8, buckets / 8) + buckets * entry)
  }

  /// Heap bytes of a Swift string beyond its 16-byte inline value.
  public static func string(_ string: String) -> Int {
    let count = string.utf8.count
    return count <= 15 ? 0 : mallocChunk(32 + count + 1)
  }
}
