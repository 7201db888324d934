// `list.sort` and `sorted` (Objects/listobject.c `list_sort_impl`): the
// list is emptied, keys are computed, the items are sorted by CPython's
// algorithm (Timsort.swift) and put back.
//
//   detach the item array (the list reads as [] from here on)
//   key=: call it on each item in list order; a failure drops the keys
//         computed so far, last first, and puts the items back unchanged
//   reverse=True: reverse keys and items, sort, reverse the items again,
//         so equal keys keep their order
//   sort; a failing `<` stops it with the order it leaves
//   drop the keys in the array's final order (before that last reversal)
//   the list grew an array meanwhile, even one it gave up again: "list
//         modified during sort" (unless a comparison already failed); the
//         saved array goes back, and the stray one's items (if it still has
//         an array) are dropped last first, then it is freed
//
// The pre-sort check (`unsafe_*_compare`): when every key is a float, an
// int that fits in 64 bits (bools included), a str, or a tuple whose items
// at each position are all floats, all such ints or all strs, keys are
// compared as unboxed values, inside the same algorithm, so the comparison
// sequence — which decides the result when NaN is involved, a float `<`
// being a plain C `<` — is CPython's. CPython's own check is narrower
// (single-digit ints, latin-1 strs, only the first tuple item unboxed), but
// those comparisons run no Python code either, so the difference cannot be
// seen. Keys that are instances of one class get `unsafe_object_compare`:
// the class's `__lt__` is called directly and, when it returns
// NotImplemented, the full comparison follows (calling `__lt__` again, then
// the reflected `__gt__`), as CPython does.
//
// Memory: the keys array (on the C stack below 128 items, else 8·n bytes
// of PyMem_Malloc, above pymalloc's 512-byte limit) and the merge temp
// array (on the C stack up to 256 slots, 128 with keys; beyond that at
// least 129·16 bytes) never reach pymalloc, so the model allocates nothing
// for them. Without `key=` no reference is taken on the items (CPython
// compares them in the saved array), so `sys.getrefcount` inside `__lt__`
// sees what it sees in CPython.
//
// Not modelled: `unsafe_object_compare` for the first items of tuple keys
// (a first-item `__lt__` returning NotImplemented runs once, not twice).

import HeapModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Interpreter {
  mutating func sortList(_ list: ObjectID, key: ObjectID?, reverse: Bool) throws {
    let (items, storage) = heap.listDetachStorage(list)
    var keys: [ObjectID] = []
    if let key {
      keys.reserveCapacity(items.count)
      for item in items {
        do {
          keys.append(try callObject(key, [item]))
        } catch {
          for computed in keys.reversed() { drop(computed) }
          try putBackSortedItems(list, storage, items, failure: error)
        }
      }
    }
    var failure: Error?
    var sorted = items
    if items.count > 1 {
      var positions: [Int32]
      (positions, failure) = sortPositions(key == nil ? items : keys, reverse: reverse)
      if key != nil { for position in positions { drop(keys[Int(position)]) } }
      if reverse { positions.reverse() }
      for index in positions.indices { sorted[index] = items[Int(positions[index])] }
    } else {
      for computed in keys { drop(computed) }
    }
    if failure == nil && heap.listGrewWhileDetached(list) {
      failure = raise(.valueError, "list modified during sort")
    }
    try putBackSortedItems(list, storage, sorted, failure: failure)
  }

  /// The end of `list_sort_impl`: the saved array goes back with `items`,
  /// whatever array the list grew meanwhile is emptied last item first and
  /// freed, and `failure` (if any) is thrown.
  private mutating func putBackSortedItems(
    _ list: ObjectID, _ storage: Heap.DetachedListStorage, _ items: [ObjectID], failure: Error?
  ) throws {
    let stray = heap.listHasStorage(list) ? heap.listTakeStrayStorage(list) : nil
    heap.listReattachStorage(list, storage, items: items)
    if let stray {
      for item in stray.items.reversed() { drop(item) }
      heap.freeListItemsBlock(stray.address)
    }
    if let failure { throw failure }
  }

  /// Sorts positions into `keys` (at least two) as CPython's sort orders
  /// its arrays: reversed first for `reverse`, and returned before the
  /// final reversal, the order in which CPython drops the keys. A failing
  /// comparison ends the sort early with the partial order CPython leaves.
  private mutating func sortPositions(_ keys: [ObjectID], reverse: Bool) -> ([Int32], Error?) {
    let variant = TimsortVariant(version: version)
    if let positions = uniformKeyOrder(keys, reverse: reverse, variant: variant) { return (positions, nil) }
    var entries = keys.indices.map { SortEntry(key: keys[$0].index, index: Int32($0)) }
    if reverse { entries.reverse() }
    let homogeneousClass = sharedInstanceClass(keys)
    func less(_ a: Int32, _ b: Int32) throws -> Bool {
      try sortLess(ObjectID(a), ObjectID(b), homogeneousClass: homogeneousClass)
    }
    var failure: Error?
    withoutActuallyEscaping(less) { less in
      var order = ThrowingOrder(body: less)
      entries.withUnsafeMutableBufferPointer { buffer in
        Timsort.sort(buffer, order: &order, variant: variant)
      }
      failure = order.failure
    }
    return (entries.map(\.index), failure)
  }

  /// The class every key is a direct instance of, when there is one:
  /// CPython then compares with `unsafe_object_compare`.
  private func sharedInstanceClass(_ keys: [ObjectID]) -> ObjectID? {
    let cls = heap.type(of: keys[0])
    for key in keys {
      let kind = heap.kind(of: key)
      guard kind == .instance || kind == .slotsInstance, heap.type(of: key) == cls else { return nil }
    }
    return cls
  }

  /// `a < b` for the general path: `unsafe_object_compare` when all keys
  /// share `homogeneousClass`, else `PyObject_RichCompareBool`.
  private mutating func sortLess(_ a: ObjectID, _ b: ObjectID, homogeneousClass: ObjectID?) throws -> Bool {
    if let cls = homogeneousClass, let method = try lookupType(cls, "__lt__") {
      let result = try callObject(method, [a, b])
      if result != heap.notImplemented {
        defer { drop(result) }
        return try isTrue(result)
      }
      drop(result)
    }
    let result = try richCompare(a, b, .less)
    defer { drop(result) }
    return try isTrue(result)
  }

  // MARK: Keys of one type

  /// The sorted order (positions into `keys`, before the final reversal
  /// of `reverse`) when every key is of one of the types compared without
  /// Python code; nil otherwise.
  func uniformKeyOrder(_ keys: [ObjectID], reverse: Bool, variant: TimsortVariant) -> [Int32]? {
    guard keys.count > 1, keys.count < Int(Int32.max) else {
      return keys.count <= 1 ? keys.indices.map { Int32($0) } : nil
    }
    switch heap.kind(of: keys[0]) {
    case .float:
      var entries: [SortEntry<Double>] = []
      entries.reserveCapacity(keys.count)
      for (index, key) in keys.enumerated() {
        guard heap.kind(of: key) == .float else { return nil }
        entries.append(SortEntry(key: heap.floatValue(key), index: Int32(index)))
      }
      return Interpreter.sortedPositions(&entries, reverse: reverse, variant: variant, order: FloatKeyOrder())
    case .int, .bool:
      var entries: [SortEntry<Int>] = []
      entries.reserveCapacity(keys.count)
      for (index, key) in keys.enumerated() {
        let kind = heap.kind(of: key)
        guard kind == .int || kind == .bool, let value = heap.intValue(key) else { return nil }
        entries.append(SortEntry(key: value, index: Int32(index)))
      }
      return Interpreter.sortedPositions(&entries, reverse: reverse, variant: variant, order: IntKeyOrder())
    case .str:
      var texts: [String] = []
      texts.reserveCapacity(keys.count)
      for key in keys {
        guard heap.kind(of: key) == .str else { return nil }
        texts.append(heap.string(key))
      }
      var entries = keys.indices.map { SortEntry(key: Int32($0), index: Int32($0)) }
      return texts.withUnsafeBufferPointer { texts in
        Interpreter.sortedPositions(
          &entries, reverse: reverse, variant: variant, order: StrKeyOrder(texts: texts))
      }
    case .tuple:
      guard let columns = tupleKeyColumns(keys) else { return nil }
      var entries = keys.indices.map { SortEntry(key: Int32($0), index: Int32($0)) }
      return Interpreter.sortedPositions(
        &entries, reverse: reverse, variant: variant, order: TupleKeyOrder(columns: columns))
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
          columns.values.append(Int64(bitPattern: heap.floatValue(item).bitPattern))
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

  /// Sorts `entries` (reversed first for `reverse`) with CPython's
  /// algorithm and returns their positions in the resulting order, before
  /// the final reversal.
  static func sortedPositions<Order: TimsortOrder>(
    _ entries: inout [SortEntry<Order.Key>], reverse: Bool, variant: TimsortVariant, order: Order
  ) -> [Int32] {
    if reverse { entries.reverse() }
    var order = order
    entries.withUnsafeMutableBufferPointer { buffer in
      Timsort.sort(buffer, order: &order, variant: variant)
    }
    return entries.map(\.index)
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

/// `unsafe_float_compare`: a C `<`, false whenever NaN is involved.
struct FloatKeyOrder: TimsortOrder {
  var failed: Bool { false }
  @inline(__always) func less(_ a: Double, _ b: Double) -> Bool { a < b }
}

/// `unsafe_long_compare`, for every int that fits in 64 bits.
struct IntKeyOrder: TimsortOrder {
  var failed: Bool { false }
  @inline(__always) func less(_ a: Int, _ b: Int) -> Bool { a < b }
}

/// `unsafe_latin_compare`, for every str: code point order; keys are
/// positions into `texts`.
struct StrKeyOrder: TimsortOrder {
  var failed: Bool { false }
  let texts: UnsafeBufferPointer<String>
  @inline(__always) func less(_ a: Int32, _ b: Int32) -> Bool {
    Interpreter.codePointOrder(texts[Int(a)], texts[Int(b)]) < 0
  }
}

/// `unsafe_tuple_compare` over unboxed tuple items; keys are positions.
private struct TupleKeyOrder: TimsortOrder {
  var failed: Bool { false }
  let columns: TupleKeyColumns
  @inline(__always) func less(_ a: Int32, _ b: Int32) -> Bool { columns.less(Int(a), Int(b)) }
}

/// The general path's `<`, a closure that may run Python code and throw;
/// the first error ends the sort and is kept in `failure`.
struct ThrowingOrder<Key: BitwiseCopyable>: TimsortOrder {
  let body: (Key, Key) throws -> Bool
  var failure: Error?
  var failed: Bool { failure != nil }
  mutating func less(_ a: Key, _ b: Key) -> Bool {
    do {
      return try body(a, b)
    } catch {
      failure = error
      return false
    }
  }
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
