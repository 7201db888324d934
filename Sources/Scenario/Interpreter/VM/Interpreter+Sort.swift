// `list.sort` and `sorted`: a stable merge sort driven by `<` on the keys.
//
// CPython's `list_sort_impl` first checks whether every key has the same
// exact type (and, for tuples, whether their first items do) and then
// compares with `unsafe_float_compare`, `unsafe_long_compare`,
// `unsafe_latin_compare` or `unsafe_tuple_compare` instead of the rich
// comparison: no `__lt__` lookup, no bool result, nothing allocated.
// The replay does the same: when every key is a float, every key an int
// that fits in 64 bits (bools included), every key a str, or every key a
// tuple whose items at each position are all floats, all such ints or all
// strs, the keys are compared as unboxed values without `richCompare`.
// Such a comparison runs no Python code and cannot fail, so nothing a
// scenario can see depends on how often or in which order it is made.
//
// Invariants of both paths, which the differential relies on:
// - the permutation is the one `mergeSorted` (the general path) gives:
//   the same splits and merges, so even a `<` that is no strict weak order
//   (NaN) sorts as before; the "halves already in order" shortcut is only
//   taken when the keys are totally ordered (no NaN anywhere), where every
//   stable sort gives one answer;
// - `reverse=True` reverses before and after sorting, which keeps equal
//   keys in their original order, as CPython does;
// - `key=` results are owned and dropped after the list is rewritten, in
//   the list's original order; without `key=` the general path retains each
//   item for the sort (a pure refcount pair), the fast path skips that pair.
//
// Not modelled (either path): the list appearing empty while keys are
// computed and compared, and the "list modified during sort" error.

import HeapModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Interpreter {
  mutating func sortList(_ list: ObjectID, key: ObjectID?, reverse: Bool) throws {
    let items = heap.items(list)
    if key == nil, let order = uniformKeyOrder(items, reverse: reverse) {
      heap.listReplaceAll(list, with: order.map { items[Int($0)] })
      return
    }
    var keys: [ObjectID] = []
    for item in items { keys.append(try key.map { try callObject($0, [item]) } ?? retain(item)) }
    defer { for k in keys { drop(k) } }
    if key != nil, let order = uniformKeyOrder(keys, reverse: reverse) {
      heap.listReplaceAll(list, with: order.map { items[Int($0)] })
      return
    }
    var order = Array(items.indices)
    // A stable merge sort driven by `<`, as CPython's timsort compares.
    var failure: Error?
    func less(_ a: Int, _ b: Int) -> Bool {
      if failure != nil { return false }
      do {
        let result = try richCompare(keys[a], keys[b], .less)
        defer { drop(result) }
        return try isTrue(result)
      } catch {
        failure = error
        return false
      }
    }
    if reverse { order.reverse() }
    order = Interpreter.mergeSorted(order, less: less)
    if reverse { order.reverse() }
    if let failure { throw failure }
    heap.listReplaceAll(list, with: order.map { items[$0] })
  }

  /// Static: a method would run on a copy of the interpreter while `less`
  /// mutates the original (and share its stack buffers).
  private static func mergeSorted(_ items: [Int], less: (Int, Int) -> Bool) -> [Int] {
    if items.count <= 1 { return items }
    let middle = items.count / 2
    let left = mergeSorted(Array(items[..<middle]), less: less)
    let right = mergeSorted(Array(items[middle...]), less: less)
    var result: [Int] = []
    result.reserveCapacity(items.count)
    var i = 0
    var j = 0
    while i < left.count && j < right.count {
      if less(right[j], left[i]) {
        result.append(right[j])
        j += 1
      } else {
        result.append(left[i])
        i += 1
      }
    }
    result.append(contentsOf: left[i...])
    result.append(contentsOf: right[j...])
    return result
  }

  // MARK: Keys of one type

  /// The sorted order (positions into `keys`) when every key is of one of
  /// the types compared without Python code; nil otherwise.
  func uniformKeyOrder(_ keys: [ObjectID], reverse: Bool) -> [Int32]? {
    guard keys.count > 1, keys.count < Int(Int32.max) else {
      return keys.count <= 1 ? keys.indices.map { Int32($0) } : nil
    }
    switch heap.kind(of: keys[0]) {
    case .float:
      var entries: [SortEntry<Double>] = []
      entries.reserveCapacity(keys.count)
      var total = true
      for (index, key) in keys.enumerated() {
        guard heap.kind(of: key) == .float else { return nil }
        let value = heap.floatValue(key)
        if value.isNaN { total = false }
        entries.append(SortEntry(key: value, index: Int32(index)))
      }
      return Interpreter.sortedOrder(&entries, reverse: reverse, total: total) { $0 < $1 }
    case .int, .bool:
      var entries: [SortEntry<Int>] = []
      entries.reserveCapacity(keys.count)
      for (index, key) in keys.enumerated() {
        let kind = heap.kind(of: key)
        guard kind == .int || kind == .bool, let value = heap.intValue(key) else { return nil }
        entries.append(SortEntry(key: value, index: Int32(index)))
      }
      return Interpreter.sortedOrder(&entries, reverse: reverse, total: true) { $0 < $1 }
    case .str:
      var texts: [String] = []
      texts.reserveCapacity(keys.count)
      for key in keys {
        guard heap.kind(of: key) == .str else { return nil }
        texts.append(heap.string(key))
      }
      var entries = keys.indices.map { SortEntry(key: Int32($0), index: Int32($0)) }
      return texts.withUnsafeBufferPointer { texts in
        Interpreter.sortedOrder(&entries, reverse: reverse, total: true) {
          Interpreter.codePointOrder(texts[Int($0)], texts[Int($1)]) < 0
        }
      }
    case .tuple:
      guard let columns = tupleKeyColumns(keys) else { return nil }
      var entries = keys.indices.map { SortEntry(key: Int32($0), index: Int32($0)) }
      return Interpreter.sortedOrder(&entries, reverse: reverse, total: columns.total) {
        columns.less(Int($0), Int($1))
      }
    default:
      return nil
    }
  }

  /// Tuple keys whose items at each position are all floats, all 64-bit
  /// ints (or bools) or all strs, read once into columns; nil otherwise.
  private func tupleKeyColumns(_ keys: [ObjectID]) -> TupleKeyColumns? {
    var columns = TupleKeyColumns()
    for key in keys {
      guard heap.kind(of: key) == .tuple else { return nil }
      let count = heap.itemCount(key)
      columns.starts.append(Int32(columns.items.count))
      columns.counts.append(Int32(count))
      for position in 0..<count {
        let item = heap.item(key, position)
        let kind: TupleKeyColumns.Kind
        switch heap.kind(of: item) {
        case .float:
          kind = .float
          let value = heap.floatValue(item)
          if value.isNaN { columns.total = false }
          columns.values.append(Int64(bitPattern: value.bitPattern))
        case .int, .bool:
          guard let value = heap.intValue(item) else { return nil }
          kind = .int
          columns.values.append(Int64(value))
        case .str:
          kind = .str
          columns.values.append(Int64(columns.texts.count))
          columns.texts.append(heap.string(item))
        default:
          return nil
        }
        if position == columns.kinds.count {
          columns.kinds.append(kind)
        } else if columns.kinds[position] != kind {
          return nil
        }
        columns.items.append(item)
      }
    }
    return columns
  }

  /// Sorts `entries` stably by key with the general path's merge sort and
  /// returns their original positions in sorted order.
  static func sortedOrder<Key: BitwiseCopyable>(
    _ entries: inout [SortEntry<Key>], reverse: Bool, total: Bool, less: (Key, Key) -> Bool
  ) -> [Int32] {
    if reverse { entries.reverse() }
    let count = entries.count
    entries.withUnsafeMutableBufferPointer { buffer in
      let scratch = UnsafeMutablePointer<SortEntry<Key>>.allocate(capacity: count / 2 + 1)
      defer { scratch.deallocate() }
      mergeSort(buffer.baseAddress!, count, scratch, total: total, less: less)
    }
    if reverse { entries.reverse() }
    return entries.map(\.index)
  }

  /// Top-down merge sort of `count` entries at `base`: split at count / 2,
  /// sort both halves, merge taking the right entry only when it is less,
  /// exactly as `mergeSorted`. With `total`, halves already in order are
  /// left as they are (the merge would leave them so too).
  private static func mergeSort<Key: BitwiseCopyable>(
    _ base: UnsafeMutablePointer<SortEntry<Key>>, _ count: Int,
    _ scratch: UnsafeMutablePointer<SortEntry<Key>>, total: Bool, less: (Key, Key) -> Bool
  ) {
    if count <= 1 { return }
    let middle = count / 2
    mergeSort(base, middle, scratch, total: total, less: less)
    mergeSort(base + middle, count - middle, scratch, total: total, less: less)
    if total && !less(base[middle].key, base[middle - 1].key) { return }
    scratch.update(from: base, count: middle)
    var i = 0
    var j = middle
    var k = 0
    while i < middle && j < count {
      if less(base[j].key, scratch[i].key) {
        base[k] = base[j]
        j += 1
      } else {
        base[k] = scratch[i]
        i += 1
      }
      k += 1
    }
    while i < middle {
      base[k] = scratch[i]
      i += 1
      k += 1
    }
  }

  /// −1, 0 or 1 as `a` sorts before, with or after `b` by code points,
  /// which is the order of their UTF-8 bytes.
  static func codePointOrder(_ a: String, _ b: String) -> Int {
    var a = a
    var b = b
    return a.withUTF8 { x in
      b.withUTF8 { y in
        let common = min(x.count, y.count)
        if common > 0 {
          let order = memcmp(x.baseAddress!, y.baseAddress!, common)
          if order != 0 { return order < 0 ? -1 : 1 }
        }
        return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
      }
    }
  }
}

/// A key and the position of its item in the list being sorted.
struct SortEntry<Key: BitwiseCopyable>: BitwiseCopyable {
  var key: Key
  var index: Int32
}

/// The items of tuple sort keys, flattened: tuple `r`'s items are
/// `items[starts[r] ..< starts[r] + counts[r]]`, with their unboxed values
/// alongside (a float's bits, an int, or an index into `texts`).
private struct TupleKeyColumns {
  enum Kind: Equatable {
    case float, int, str
  }
  var starts: [Int32] = []
  var counts: [Int32] = []
  var items: [ObjectID] = []
  var values: [Int64] = []
  var texts: [String] = []
  /// The kind of every tuple's item at each position.
  var kinds: [Kind] = []
  /// False when some float item is NaN.
  var total = true

  /// The general path's tuple `<`: the first position whose items are not
  /// the same object nor equal decides by `<`; else the shorter is less.
  func less(_ a: Int, _ b: Int) -> Bool {
    let startA = Int(starts[a])
    let startB = Int(starts[b])
    let countA = Int(counts[a])
    let countB = Int(counts[b])
    for position in 0..<min(countA, countB) {
      if items[startA + position] == items[startB + position] { continue }
      let x = values[startA + position]
      let y = values[startB + position]
      switch kinds[position] {
      case .float:
        let u = Double(bitPattern: UInt64(bitPattern: x))
        let v = Double(bitPattern: UInt64(bitPattern: y))
        if u == v { continue }
        return u < v
      case .int:
        if x == y { continue }
        return x < y
      case .str:
        let order = Interpreter.codePointOrder(texts[Int(x)], texts[Int(y)])
        if order == 0 { continue }
        return order < 0
      }
    }
    return countA < countB
  }
}
