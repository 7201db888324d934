// The set operators as Objects/setobject.c computes them. Which operand is
// walked, which table is copied first and where discards leave dummies
// decide the result's slot order, so each follows its C function:
//
// - `a | b` (`set_or`): a copy of a (`set_merge` into a new set), then b
//   merged in; `a |= b` merges b into a itself.
// - `a & b` (`set_intersection`): walks the smaller operand (b when the
//   sizes are equal) and adds the keys found in the other, so the result
//   holds the smaller operand's key objects; `a &= b` computes that and
//   swaps the tables (`set_swap_bodies`), then drops the temporary.
// - `a - b` (`set_difference`): when len(a) // 4 > len(b), a copy of a with
//   b's keys discarded (dummies left behind); otherwise a's keys not in b
//   added to a new set. `a -= b` discards b's keys from a (b replaced by
//   a & b when more than 8 times larger) and rebuilds a when more than a
//   quarter of its slots are then dummies.
// - `a ^ b` (`set_symmetric_difference`): a copy of b, then each key of a
//   discarded if present, else added; `a ^= b` does the second step on a.
// The result has the left operand's type (`make_new_set_basetype`).

import HeapModel

extension Interpreter {
  mutating func setOperation(_ op: BinaryOperator, _ left: ObjectID, _ right: ObjectID, inPlace: Bool) throws
    -> ObjectID
  {
    let frozen = heap.kind(of: left) == .frozenset
    if inPlace {
      switch op {
      case .bitOr: try setMerge(left, right)
      case .bitAnd:
        let result = try setIntersection(left, right, frozen: false)
        heap.setSwapBodies(left, result)
        drop(result)
      case .subtract: try setDifferenceUpdate(left, right)
      default: try setSymmetricDifferenceUpdate(left, right)
      }
      return retain(left)
    }
    switch op {
    case .bitOr:
      let result = try setCopy(left, frozen: frozen)
      if left != right { try setMerge(result, right) }
      return result
    case .bitAnd:
      return try setIntersection(left, right, frozen: frozen)
    case .subtract:
      if heap.setCount(left) >> 2 > heap.setCount(right) {
        let result = try setCopy(left, frozen: frozen)
        try setDifferenceUpdate(result, right)
        return result
      }
      let result = newSet(frozen: frozen)
      for entry in heap.setEntries(left) where try setFind(right, entry.key, hash: entry.hash) == nil {
        try setAdd(result, entry.key, hash: entry.hash)
      }
      return result
    default:
      let result = try setCopy(right, frozen: frozen)
      try setSymmetricDifferenceUpdate(result, left)
      return result
    }
  }

  /// `set_intersection`: the smaller operand's keys found in the other.
  mutating func setIntersection(_ left: ObjectID, _ right: ObjectID, frozen: Bool) throws -> ObjectID {
    if left == right { return try setCopy(left, frozen: frozen) }
    let result = newSet(frozen: frozen)
    let (walked, probed) = heap.setCount(right) > heap.setCount(left) ? (left, right) : (right, left)
    for entry in heap.setEntries(walked) where try setFind(probed, entry.key, hash: entry.hash) != nil {
      try setAdd(result, entry.key, hash: entry.hash)
    }
    return result
  }

  /// `set_difference_update_internal` with a set or frozenset operand.
  mutating func setDifferenceUpdate(_ set: ObjectID, _ other: ObjectID) throws {
    if heap.setCount(set) == 0 { return }
    if set == other {
      for key in heap.setClear(set) { drop(key) }
      return
    }
    var walked = other
    if heap.setCount(other) >> 3 > heap.setCount(set) {
      walked = try setIntersection(set, other, frozen: false)
    } else {
      heap.incref(other)
    }
    for entry in heap.setEntries(walked) { _ = try setDiscard(set, entry.key, hash: entry.hash) }
    drop(walked)
    heap.setDropDummiesIfMany(set)
  }

  /// `set_symmetric_difference_update` with a set or frozenset operand.
  mutating func setSymmetricDifferenceUpdate(_ set: ObjectID, _ other: ObjectID) throws {
    if set == other {
      for key in heap.setClear(set) { drop(key) }
      return
    }
    heap.incref(other)
    defer { drop(other) }
    for entry in heap.setEntries(other) where try !setDiscard(set, entry.key, hash: entry.hash) {
      try setAdd(set, entry.key, hash: entry.hash)
    }
  }
}
