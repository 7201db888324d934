// The set algebra of Objects/setobject.c that the operators and the methods
// share (`a - b` and `a.difference(b)` are both `set_difference`). Which
// operand is walked, which table is copied first and where discards leave
// dummies decide the result's slot order, and which side's key objects it
// holds, so each follows its C function:
//
// - `a | b` (`set_or`): a copy of a (`set_merge` into a new set), then b
//   merged in; `a |= b` merges b into a itself (`set_update_internal`).
// - `set_intersection`: with a set operand, walks the smaller one (b when
//   the sizes are equal) and adds the keys found in the other, so the
//   result holds the smaller side's key objects; with any other iterable,
//   walks it and keeps *its* objects, stopping (3.11+) once the result is
//   as large as a. `a &= b` computes it and swaps the tables
//   (`set_swap_bodies`), then drops the temporary.
// - `set_difference`: with an iterable that is neither a set nor a dict, or
//   when len(a) // 4 > len(b), a copy of a with b's keys discarded (dummies
//   left behind); otherwise a's keys not in b added to a new set.
// - `set_difference_update_internal`: discards b's keys from a (a set b more
//   than 8 times larger is first replaced by a & b), then rebuilds a when
//   more than a quarter of its slots are dummies — even when a is empty.
// - `set_symmetric_difference`: a new set filled from b, then each key of a
//   discarded if present, else added; `set_symmetric_difference_update`
//   does the second step on a, walking a dict in place and any other
//   non-set iterable through a temporary set.
// Results have the left operand's type (`make_new_set_basetype`).

import HeapModel

extension Interpreter {
  mutating func setOperation(_ op: BinaryOperator, _ left: ObjectID, _ right: ObjectID, inPlace: Bool) throws
    -> ObjectID
  {
    if inPlace {
      switch op {
      case .bitOr: try setMerge(left, right)
      case .bitAnd:
        let result = try setIntersection(left, right)
        heap.setSwapBodies(left, result)
        drop(result)
      case .subtract: try setDifferenceUpdate(left, right)
      default: try setSymmetricDifferenceUpdate(left, right)
      }
      return retain(left)
    }
    switch op {
    case .bitOr:
      let result = try setCopy(left, frozen: heap.kind(of: left) == .frozenset)
      if left != right { try setMerge(result, right) }
      return result
    case .bitAnd:
      return try setIntersection(left, right)
    case .subtract:
      return try setDifference(left, right)
    default:
      return try setSymmetricDifference(left, right)
    }
  }

  /// `set_intersection`: a new set (of `set`'s type) of the keys of `other`
  /// — a set or any iterable — that are in `set`.
  mutating func setIntersection(_ set: ObjectID, _ other: ObjectID) throws -> ObjectID {
    let frozen = heap.kind(of: set) == .frozenset
    if set == other { return try setCopy(set, frozen: frozen) }
    let result = newSet(frozen: frozen)
    do {
      switch heap.kind(of: other) {
      case .set, .frozenset:
        let (walked, probed) = heap.setCount(other) > heap.setCount(set) ? (set, other) : (other, set)
        for entry in heap.setEntries(walked) where try setFind(probed, entry.key, hash: entry.hash) != nil {
          try setAdd(result, entry.key, hash: entry.hash)
        }
      default:
        let stopsWhenFull = version >= .py311
        let iterator = try getIterator(other)
        defer { drop(iterator) }
        while let key = try nextItem(iterator) {
          defer { drop(key) }
          let hash = try hash(key)
          guard try setFind(set, key, hash: hash) != nil else { continue }
          try setAdd(result, key, hash: hash)
          if stopsWhenFull, heap.setCount(result) >= heap.setCount(set) { break }
        }
      }
    } catch {
      drop(result)
      throw error
    }
    return result
  }

  /// `set_difference`: a new set (of `set`'s type) of `set`'s keys not in
  /// `other`.
  mutating func setDifference(_ set: ObjectID, _ other: ObjectID) throws -> ObjectID {
    let otherKind = heap.kind(of: other)
    let otherCount: Int
    switch otherKind {
    case .set, .frozenset: otherCount = heap.setCount(other)
    case .dict: otherCount = heap.dictCount(other)
    default: otherCount = -1
    }
    let frozen = heap.kind(of: set) == .frozenset
    if otherCount < 0 || heap.setCount(set) >> 2 > otherCount {
      // `set_copy_and_difference`
      let result = try setCopy(set, frozen: frozen)
      do {
        try setDifferenceUpdate(result, other)
      } catch {
        drop(result)
        throw error
      }
      return result
    }
    let result = newSet(frozen: frozen)
    do {
      for entry in heap.setEntries(set) {
        let found =
          otherKind == .dict
          ? try dictFind(other, key: entry.key, hash: entry.hash) != nil
          : try setFind(other, entry.key, hash: entry.hash) != nil
        if !found { try setAdd(result, entry.key, hash: entry.hash) }
      }
    } catch {
      drop(result)
      throw error
    }
    return result
  }

  /// `set_difference_update_internal`: discards the keys of `other` (a set
  /// or any iterable) from `set`, then drops the dummies if many.
  mutating func setDifferenceUpdate(_ set: ObjectID, _ other: ObjectID) throws {
    if set == other {
      for key in heap.setClear(set) { drop(key) }
      return
    }
    switch heap.kind(of: other) {
    case .set, .frozenset:
      var walked = other
      if heap.setCount(other) >> 3 > heap.setCount(set) {
        walked = try setIntersection(set, other)
      } else {
        heap.incref(other)
      }
      defer { drop(walked) }
      for entry in heap.setEntries(walked) { _ = try setDiscard(set, entry.key, hash: entry.hash) }
    default:
      let iterator = try getIterator(other)
      defer { drop(iterator) }
      while let key = try nextItem(iterator) {
        defer { drop(key) }
        _ = try setDiscard(set, key, hash: try hash(key))
      }
    }
    heap.setDropDummiesIfMany(set)
  }

  /// `set_symmetric_difference_update`: each key of `other` discarded from
  /// `set` if there, else added. A dict is walked in place, a set or
  /// frozenset in slot order, any other iterable through a temporary set of
  /// `set`'s type.
  mutating func setSymmetricDifferenceUpdate(_ set: ObjectID, _ other: ObjectID) throws {
    if set == other {
      for key in heap.setClear(set) { drop(key) }
      return
    }
    let source: ObjectID
    switch heap.kind(of: other) {
    case .dict:
      for entry in heap.dictEntries(other) where try !setDiscard(set, entry.key, hash: entry.hash) {
        try setAdd(set, entry.key, hash: entry.hash)
      }
      return
    case .set, .frozenset:
      source = retain(other)
    default:
      source = try newSet(frozen: heap.kind(of: set) == .frozenset, from: other)
    }
    defer { drop(source) }
    for entry in heap.setEntries(source) where try !setDiscard(set, entry.key, hash: entry.hash) {
      try setAdd(set, entry.key, hash: entry.hash)
    }
  }

  /// `set_symmetric_difference`: a new set (of `set`'s type) filled from
  /// `other`, then updated with `set`.
  mutating func setSymmetricDifference(_ set: ObjectID, _ other: ObjectID) throws -> ObjectID {
    let result = try newSet(frozen: heap.kind(of: set) == .frozenset, from: other)
    do {
      try setSymmetricDifferenceUpdate(result, set)
    } catch {
      drop(result)
      throw error
    }
    return result
  }

  /// `make_new_set(type, iterable)`: a new set or frozenset filled by
  /// `set_update_internal` (never the `frozenset(f) is f` shortcut).
  mutating func newSet(frozen: Bool, from iterable: ObjectID) throws -> ObjectID {
    let result = newSet(frozen: frozen)
    do {
      try setUpdate(result, iterable)
    } catch {
      drop(result)
      throw error
    }
    return result
  }
}
