// The items of every list and tuple, in one array of 32-bit words. CPython
// keeps a tuple's items inside the tuple and a list's in a separately
// malloc'd `ob_item` array of `allocated` slots; the model keeps both here,
// each object owning one contiguous range, so a list or tuple costs its
// items at 4 bytes each instead of a Swift array of its own (32-byte header,
// malloc rounding, a retain and release at every access).
//
//   words:  [0 0 ·] [t0 t1] [cap blk │ i0 i1 i2 · ] [free→next ·] …
//            null    tuple    list: header, then `cap` item slots
//
// A tuple's range is its items. A list's range is a 2-word header —
// capacity (CPython's `allocated`), then the address of its item block as a
// 4-byte block code (`BlockColumn.shortCode`, 0 for none) — followed by
// `capacity` item slots, of which the first `count` are in use. The
// object's payload column holds where its items start (low 32 bits) and its
// count (high 32 bits), so item `i` is `words[start + i]` for both kinds.
// Words 0–1 are a permanent header of a list with no storage (capacity 0,
// address 0) and word 2 is never used: an empty tuple or a list with
// nothing allocated starts at 2 with count 0.
//
// Ranges are recycled by exact length. A freed range's first word links to
// the next free range of the same length (-1 ends a list); lengths up to
// `smallLengths` have their list heads in an array, longer ones in a
// dictionary. A range at the end of the array grows and shrinks in place,
// as realloc would, and freeing it shortens the array. The caller compacts
// (`Heap.compactItems`) when free words reach a third of the live ones,
// which bounds the slack to that plus an eighth of the row count.
//
// Invariants: every live list or tuple row owns a range disjoint from all
// others and from every free range; `freeWords` is the total length of the
// free ranges; words 0–2 (`reservedWords`) are zero and belong to no range.

/// One array holding the items of every list and tuple (see the essay above).
@usableFromInline struct ItemSlab: Sendable {
  /// Header words and items.
  @usableFromInline private(set) var words = [Int32](repeating: 0, count: ItemSlab.reservedWords)
  /// Heads of the free lists of short ranges, by length (-1: empty).
  private var freeHeads = [Int32](repeating: -1, count: ItemSlab.smallLengths)
  /// Heads of the free lists of longer ranges, by length.
  private var freeLongHeads: [Int: Int32] = [:]
  /// Words in free ranges.
  private(set) var freeWords = 0

  /// The start a list or tuple without storage has (word 2 is never part
  /// of a range, so no tuple with items can start there).
  static let emptyStart = 2
  /// Words in a list's header (capacity, item block code).
  static let listHeader = 2
  /// Words at the start that belong to no range.
  static let reservedWords = 3
  static let smallLengths = 64

  /// A range of `length` words (uninitialised contents), reusing a freed
  /// range of that length when there is one.
  /// - Complexity: amortised O(length) when it grows the array, else O(1).
  mutating func allocate(_ length: Int) -> Int {
    precondition(length > 0, "empty slab range")
    let head = length < ItemSlab.smallLengths ? freeHeads[length] : (freeLongHeads[length] ?? -1)
    if head >= 0 {
      let start = Int(head)
      if length < ItemSlab.smallLengths {
        freeHeads[length] = words[start]
      } else if words[start] >= 0 {
        freeLongHeads[length] = words[start]
      } else {
        freeLongHeads[length] = nil
      }
      freeWords -= length
      return start
    }
    let start = words.count
    precondition(start + length < Int(Int32.max), "item slab overflow")
    grow(by: length)
    return start
  }

  /// Returns a range to the free lists (or shortens the array when it is the last).
  mutating func free(_ start: Int, length: Int) {
    if start + length == words.count {
      words.removeLast(length)
      return
    }
    if length < ItemSlab.smallLengths {
      words[start] = freeHeads[length]
      freeHeads[length] = Int32(start)
    } else {
      words[start] = freeLongHeads[length] ?? -1
      freeLongHeads[length] = Int32(start)
    }
    freeWords += length
  }

  /// Moves a range to one of `newLength` words keeping its first `keeping`
  /// words; a range at the end of the array changes length in place.
  mutating func resize(_ start: Int, length: Int, to newLength: Int, keeping: Int) -> Int {
    if start + length == words.count {
      if newLength > length {
        grow(by: newLength - length)
      } else {
        words.removeLast(length - newLength)
      }
      return start
    }
    let newStart = allocate(newLength)
    words.withUnsafeMutableBufferPointer { buffer in
      for offset in 0..<min(keeping, newLength) { buffer[newStart + offset] = buffer[start + offset] }
    }
    free(start, length: length)
    return newStart
  }

  /// Appends `count` zero words, growing the buffer by half when full (not
  /// Swift's doubling: the slab is compacted into a buffer of just its live
  /// words, and doubling from there left up to half of it unused).
  @inline(__always) private mutating func grow(by count: Int) {
    let needed = words.count + count
    if needed > words.capacity { reserve(needed) }
    // A tuple's or a short list's few words: single appends, which stay
    // inline, where `append(contentsOf: repeatElement(0, …))` went through
    // the generic sequence path (3 % of floats_and_tuples).
    if count <= 8 {
      for _ in 0..<count { words.append(0) }
    } else {
      // Longer ranges (a dict's entries) copy from a block of zeros: a
      // contiguous source is one copy, where `repeatElement` was the
      // generic sequence path (~170 instructions for 20 words).
      var left = count
      while left > 0 {
        let part = min(left, ItemSlab.zeros.count)
        words.append(contentsOf: ItemSlab.zeros[0..<part])
        left -= part
      }
    }
  }

  /// Zero words to append from (`grow`).
  private static let zeros = [Int32](repeating: 0, count: 256)

  @inline(never) private mutating func reserve(_ needed: Int) {
    words.reserveCapacity(max(needed, words.capacity + words.capacity / 2))
  }

  subscript(index: Int) -> Int32 {
    @inline(__always) get { words[index] }
    @inline(__always) set { words[index] = newValue }
  }

  /// Runs `body` on the words, writable (callers keep to their own ranges).
  @inline(__always)
  mutating func withMutableWords<R>(_ body: (UnsafeMutableBufferPointer<Int32>) throws -> R) rethrows -> R {
    try words.withUnsafeMutableBufferPointer { try body($0) }
  }

  /// Copies `items` to `start…`.
  mutating func write(_ items: [ObjectID], at start: Int) {
    items.withUnsafeBufferPointer { write($0, at: start) }
  }

  /// Copies `items` to `start…`.
  mutating func write(_ items: UnsafeBufferPointer<ObjectID>, at start: Int) {
    guard let source = items.baseAddress, !items.isEmpty else { return }
    precondition(MemoryLayout<ObjectID>.stride == 4, "ObjectID is not its Int32 index")
    precondition(start >= 0 && start + items.count <= words.count, "slab range out of bounds")
    words.withUnsafeMutableBufferPointer { buffer in
      // ObjectID is its Int32 index: a plain copy.
      UnsafeMutableRawPointer(buffer.baseAddress! + start).copyMemory(
        from: UnsafeRawPointer(source), byteCount: items.count * 4)
    }
  }

  /// Moves words `from..<from + count` to `to…` (overlapping ranges allowed).
  mutating func move(from: Int, to: Int, count: Int) {
    guard count > 0, from != to else { return }
    words.withUnsafeMutableBufferPointer { buffer in
      if to < from {
        for offset in 0..<count { buffer[to + offset] = buffer[from + offset] }
      } else {
        for offset in (0..<count).reversed() { buffer[to + offset] = buffer[from + offset] }
      }
    }
  }

  /// The items `start..<start + count` as an array.
  func items(start: Int, count: Int) -> [ObjectID] {
    words.withUnsafeBufferPointer { buffer in
      [ObjectID](unsafeUninitializedCapacity: count) { result, initialised in
        for offset in 0..<count { result[offset] = ObjectID(buffer[start + offset]) }
        initialised = count
      }
    }
  }

  /// Appends the items `start..<start + count` to `buffer`, last first.
  @inline(__always) func appendReversed(start: Int, count: Int, to buffer: inout [ObjectID]) {
    words.withUnsafeBufferPointer { words in
      var index = start + count - 1
      while index >= start {
        buffer.append(ObjectID(words[index]))
        index -= 1
      }
    }
  }

  /// Whether compaction would pay: free words are a quarter of the slab
  /// (a third of the live ones) and many compared to the `rows` a compaction
  /// visits, so its O(rows + live words) is paid for by the words freed
  /// since the last one. (Session 9 tried half the slab and a quarter of
  /// the rows: half the compactions, −2 to −4 % instructions on the
  /// list-heavy workloads, but 30 % more slab for a growing list of lists,
  /// past what ModelFootprintTests allows.)
  func wantsCompaction(rows: Int) -> Bool {
    freeWords > 4096 && freeWords * 4 > words.count && freeWords * 8 > rows
  }

  /// A compacted copy of this slab: `visit` is called once and hands each
  /// live range `(start, length)` to the function it is given, in the order
  /// the copy lays them out; that function copies the range and returns its
  /// start in the copy. The copy has no free ranges and room for exactly
  /// the live words (`words.count - freeWords`).
  /// - Complexity: O(live words) plus what `visit` does.
  func compacted(visit: (_ copy: (_ start: Int, _ length: Int) -> Int) -> Void) -> ItemSlab {
    let capacity = words.count - freeWords
    var slab = ItemSlab()
    slab.words = words.withUnsafeBufferPointer { old in
      [Int32](unsafeUninitializedCapacity: capacity) { buffer, initialised in
        let base = buffer.baseAddress!
        base.initialize(repeating: 0, count: ItemSlab.reservedWords)
        var end = ItemSlab.reservedWords
        visit { start, length in
          precondition(
            start >= ItemSlab.reservedWords && start + length <= old.count && end + length <= capacity,
            "compaction range out of bounds")
          if length <= 8 {
            // A tuple's or short list's few words: a call to memcpy each
            // cost more than the copy.
            for offset in 0..<length { (base + end + offset).initialize(to: old[start + offset]) }
          } else {
            (base + end).initialize(from: old.baseAddress! + start, count: length)
          }
          let newStart = end
          end += length
          return newStart
        }
        initialised = end
      }
    }
    return slab
  }

  /// Every free range as (start, length), for invariant checks.
  func freeRanges() -> [(start: Int, length: Int)] {
    var ranges: [(start: Int, length: Int)] = []
    var heads: [(Int, Int32)] = freeHeads.enumerated().map { ($0.offset, $0.element) }
    heads += freeLongHeads.map { ($0.key, $0.value) }
    for (length, head) in heads {
      var start = head
      while start >= 0 {
        ranges.append((Int(start), length))
        start = words[Int(start)]
      }
    }
    return ranges
  }

  /// Bytes the slab occupies (`ModelFootprint`).
  var memoryFootprint: Int {
    ModelFootprint.array(words) + ModelFootprint.array(freeHeads) + ModelFootprint.dictionary(freeLongHeads)
  }
}
