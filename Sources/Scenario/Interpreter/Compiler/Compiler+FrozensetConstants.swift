// Set displays of constants in 3.9+. `{1, 2, 3}` with three or more items,
// all constants, compiles to BUILD_SET 0, LOAD_CONST frozenset({1, 2, 3}),
// SET_UPDATE 1 (`starunpack_helper`); 3.8 builds the set item by item.
// The frozenset is made when the file is compiled, adding the items one by
// one in source order (`PyFrozenSet_New` over the folded tuple; an item
// equal to an earlier one is skipped, so `{1, 1.0, True}` keeps the int).
// At run time SET_UPDATE merges it into the empty set (`set_merge`): with
// five or more items the set is presized to the power of two above twice
// the count, so `{1, 2, 3, 4, 5}` has 16 slots in 3.9+ and 32 in 3.8.
//
// The compiler then merges the new constant (`merge_consts_recursive`),
// which rebuilds a frozenset from a tuple of its items in slot order: the
// constant the code holds is that second frozenset, whose slot order can
// differ from the first's when keys collide (measured: {2**64, -2**64,
// 2**61 - 1, 2**61, -1, -2} iterates with -2 before -1 in 3.9–3.13). The
// first frozenset is freed; the temporary tuples are not modelled.
//
// The compiler's constant cache keys a frozenset by its members, in any
// order, across the whole file: `{33, 17, 1}` after `{1, 17, 33}` loads the
// first display's frozenset (and iterates like it; measured 3.9–3.13).
// Members are the items kept (one equal to an earlier item is dropped),
// compared as constants of their own type: `{1.0, 17, 33}` is not merged
// with `{1, 17, 33}`.
//
// Hashes are the ones `hash()` gives at run time (str hashes are cached on
// the constant, as CPython caches them).

import BigInt
import HeapModel

extension Compiler {
  /// The constant key of a folded set display: the key of the first display
  /// with the same members, else its own.
  mutating func frozensetKey(_ items: [ConstantKey]) -> ConstantKey {
    var members: [ConstantKey] = []
    for item in items where !members.contains(where: { Compiler.constantsEqual($0, item) }) {
      members.append(item)
    }
    let key = ConstantKey.frozenset(items)
    if let first = frozensetKeys[Set(members)] { return first }
    frozensetKeys[Set(members)] = key
    return key
  }

  /// A frozenset constant holding `items` (duplicates by value dropped).
  mutating func makeFrozensetConstant(_ items: [ConstantKey]) -> ObjectID {
    let folded = heap.newSetObject(frozen: true)
    var added: [(hash: Int, key: ConstantKey)] = []
    for item in items {
      let object = constantCache[item] ?? makeConstant(item)
      if constantCache[item] == nil {
        constantCache[item] = object
        constantOrder.append(object)
      }
      let hash = constantHash(object)
      if added.contains(where: { $0.hash == hash && Compiler.constantsEqual($0.key, item) }) { continue }
      added.append((hash, item))
      heap.incref(object)
      heap.setInsertNew(folded, hash: hash, key: object)
    }
    // `merge_consts_recursive`: the same keys again, in slot order.
    let merged = heap.newSetObject(frozen: true)
    for entry in heap.setEntries(folded) {
      heap.incref(entry.key)
      heap.setInsertNew(merged, hash: entry.hash, key: entry.key)
    }
    heap.decref(folded)
    return merged
  }

  /// What `hash()` of a constant object gives.
  private mutating func constantHash(_ object: ObjectID) -> Int {
    switch heap.kind(of: object) {
    case .int, .bool:
      if let small = heap.intValue(object), small.magnitude < (1 << 61) - 1 {
        return small == -1 ? -2 : small
      }
      return PyHash.hash(heap.bigIntValue(object))
    case .str:
      if let cached = heap.str(object).hash { return cached }
      let value = PyHash.hash(heap.string(object), version: version)
      heap.setStrHash(object, value)
      return value
    case .float:
      return PyHash.hash(heap.floatValue(object), version: version, address: UInt(heap.address(of: object)))
    case .bytes:
      return PyHash.hash(bytes: heap.bytesValue(object), version: version)
    case .none:
      return PyHash.hashNone(version: version, address: UInt(heap.address(of: object)))
    case .tuple:
      return PyHash.hashTuple(heap.items(object).map { constantHash($0) })
    default:
      return PyHash.hashPointer(UInt(heap.address(of: object)))
    }
  }

  /// Whether two constants are equal as Python's `==` says (numbers across
  /// int, float and bool by value).
  static func constantsEqual(_ a: ConstantKey, _ b: ConstantKey) -> Bool {
    if let x = numericValue(a), let y = numericValue(b) { return x == y }
    switch (a, b) {
    case (.tuple(let x), .tuple(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { constantsEqual($0, $1) }
    default:
      return a == b
    }
  }

  /// A number constant as an exact value: an integer, or a float that is
  /// not one (compared by its bits).
  private enum ExactNumber: Equatable {
    case integer(BigInt)
    case float(Double)
  }

  private static func numericValue(_ key: ConstantKey) -> ExactNumber? {
    switch key {
    case .int(let value): return .integer(value)
    case .true: return .integer(1)
    case .false: return .integer(0)
    case .float(let bits):
      let value = Double(bitPattern: bits)
      if value.isFinite, value == value.rounded(), let exact = BigInt(exactly: value) {
        return .integer(exact)
      }
      return .float(value)
    default: return nil
    }
  }
}
