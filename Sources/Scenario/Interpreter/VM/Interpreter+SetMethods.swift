// The methods of set and frozenset (Objects/setobject.c). Each is a thin
// driver over the algebra the operators use (Interpreter+SetAlgebra.swift),
// so a method and its operator build the same tables:
//
// - `copy()` is `set_copy` (a new set merged from the old one: presized, so
//   its table can be smaller than the original's); `frozenset.copy()` of a
//   frozenset is the frozenset itself.
// - `update(*others)` merges each argument into the set (`set_update_internal`:
//   a set table to table, a dict presized once, anything else item by
//   item); `union(*others)` does that on a copy, skipping arguments that are
//   the set itself. `union()` and `intersection()`/`difference()` without
//   arguments return a copy — a new object even for a frozenset.
// - `intersection(*others)` chains `set_intersection` pairwise, dropping
//   each intermediate result; `intersection_update` computes that and swaps
//   tables with it (`set_swap_bodies`), so even `s.intersection_update()`
//   gives s a freshly presized table.
// - `difference(*others)` is `set_difference` with the first argument, then
//   `set_difference_update_internal` on the result for the rest;
//   `difference_update(s)` of the set itself clears it, as does
//   `symmetric_difference_update(s)`.
// - `issubset` of a non-set builds a temporary `set` of the argument
//   (3.8–3.11) or a temporary intersection that stops early (3.12+) and
//   compares sizes; `issuperset` of a non-set builds a temporary set
//   (3.8–3.10) or walks the iterable, stopping at the first missing key
//   (3.11+); `isdisjoint` walks the smaller of two sets, or the iterable.
//
// union, intersection, difference, update, intersection_update and
// difference_update take *args (METH_VARARGS; Argument Clinic in 3.13):
// CPython packs their arguments into a new tuple per call (BuiltinArgumentTuples+Measured.swift). A keyword
// argument is a TypeError, worded "set.union() takes…" from 3.11 for those
// and from 3.9 for the others ("union() takes…" before). That is the message
// of a method call, `s.union(x=1)`; calling a bound method object kept in a
// variable (`m = s.union; m(x=1)`) goes through `cfunction_call`, which
// names a METH_VARARGS method without its type until 3.12 — not modelled.

import HeapModel

extension Interpreter {
  /// The set and frozenset methods beyond add/discard/remove/pop.
  mutating func callSetMethod(_ builtin: Builtin, _ receiver: ObjectID, _ args: [ObjectID]) throws -> ObjectID
  {
    switch builtin {
    case .setCopy:
      return try setCopy(receiver, frozen: false)
    case .frozensetCopy:
      return retain(receiver)
    case .setClear:
      for key in heap.setClear(receiver) { drop(key) }
    case .setUpdate:
      for other in args { try setUpdate(receiver, other) }
    case .setUnion, .frozensetUnion:
      return try setUnion(receiver, args)
    case .setIntersection, .frozensetIntersection:
      return try setIntersectionMulti(receiver, args)
    case .setIntersectionUpdate:
      let result = try setIntersectionMulti(receiver, args)
      heap.setSwapBodies(receiver, result)
      drop(result)
    case .setDifference, .frozensetDifference:
      return try setDifferenceMulti(receiver, args)
    case .setDifferenceUpdate:
      for other in args { try setDifferenceUpdate(receiver, other) }
    case .setSymmetricDifference, .frozensetSymmetricDifference:
      return try setSymmetricDifference(receiver, args[0])
    case .setSymmetricDifferenceUpdate:
      try setSymmetricDifferenceUpdate(receiver, args[0])
    case .setIssubset, .frozensetIssubset:
      return retain(try setIsSubset(receiver, args[0]) ? heap.trueObject : heap.falseObject)
    case .setIssuperset, .frozensetIssuperset:
      return retain(try setIsSuperset(receiver, args[0]) ? heap.trueObject : heap.falseObject)
    case .setIsdisjoint, .frozensetIsdisjoint:
      return retain(try setIsDisjoint(receiver, args[0]) ? heap.trueObject : heap.falseObject)
    default:
      preconditionFailure("\(builtin) is not a set method")
    }
    return retain(heap.none)
  }

  /// What CPython checks before the argument count: the receiver of an
  /// unbound call (`set.union(1)`) and keyword arguments.
  mutating func checkSetMethodCall(
    _ builtin: Builtin, owner: BuiltinType, _ receiver: ObjectID, keywords: [(String, ObjectID)]
  ) throws {
    guard heap.kind(of: receiver) == (owner == .set ? ObjectKind.set : .frozenset) else {
      throw raise(
        .typeError,
        "descriptor '\(builtin.name)' for '\(owner.name)' objects doesn't apply to a '\(try typeName(of: receiver))' object"
      )
    }
    if !keywords.isEmpty {
      let qualified = version >= (Self.setVarargsMethods.contains(builtin) ? .py311 : .py39)
      throw raise(
        .typeError, "\(qualified ? owner.name + "." : "")\(builtin.name)() takes no keyword arguments")
    }
  }

  /// The METH_VARARGS methods (*args; Argument Clinic's from 3.13).
  static let setVarargsMethods: Set<Builtin> = [
    .setUnion, .setIntersection, .setDifference, .setUpdate, .setIntersectionUpdate, .setDifferenceUpdate,
    .frozensetUnion, .frozensetIntersection, .frozensetDifference,
  ]

  /// `set_union`: a copy of `set` updated with each of `others` in turn.
  mutating func setUnion(_ set: ObjectID, _ others: [ObjectID]) throws -> ObjectID {
    let result = try setCopy(set, frozen: heap.kind(of: set) == .frozenset)
    do {
      for other in others where other != set { try setUpdate(result, other) }
    } catch {
      drop(result)
      throw error
    }
    return result
  }

  /// `set_intersection_multi`: `set_intersection` with each argument in
  /// turn, starting from `set` itself; a copy without arguments.
  mutating func setIntersectionMulti(_ set: ObjectID, _ others: [ObjectID]) throws -> ObjectID {
    if others.isEmpty { return try setCopy(set, frozen: heap.kind(of: set) == .frozenset) }
    var result = retain(set)
    for other in others {
      let next: ObjectID
      do {
        next = try setIntersection(result, other)
      } catch {
        drop(result)
        throw error
      }
      drop(result)
      result = next
    }
    return result
  }

  /// `set_difference_multi`: `set_difference` with the first argument,
  /// then the others discarded from that result; a copy without arguments.
  mutating func setDifferenceMulti(_ set: ObjectID, _ others: [ObjectID]) throws -> ObjectID {
    guard let first = others.first else { return try setCopy(set, frozen: heap.kind(of: set) == .frozenset) }
    let result = try setDifference(set, first)
    do {
      for other in others.dropFirst() { try setDifferenceUpdate(result, other) }
    } catch {
      drop(result)
      throw error
    }
    return result
  }

  /// `set_issubset`: with a set, false when it is smaller, else every key
  /// of `set` (in slot order) looked up in it.
  mutating func setIsSubset(_ set: ObjectID, _ other: ObjectID) throws -> Bool {
    switch heap.kind(of: other) {
    case .set, .frozenset:
      if heap.setCount(set) > heap.setCount(other) { return false }
      for entry in heap.setEntries(set) where try setFind(other, entry.key, hash: entry.hash) == nil {
        return false
      }
      return true
    default:
      if version >= .py312 {
        let common = try setIntersection(set, other)
        defer { drop(common) }
        return heap.setCount(common) == heap.setCount(set)
      }
      let temporary = try newSet(frozen: false, from: other)
      defer { drop(temporary) }
      return try setIsSubset(set, temporary)
    }
  }

  /// `set_issuperset`: `other.issubset(set)` for a set; for another
  /// iterable, through a temporary set (3.8–3.10) or by looking up its
  /// items until one is missing (3.11+).
  mutating func setIsSuperset(_ set: ObjectID, _ other: ObjectID) throws -> Bool {
    switch heap.kind(of: other) {
    case .set, .frozenset:
      return try setIsSubset(other, set)
    default:
      if version <= .py310 {
        let temporary = try newSet(frozen: false, from: other)
        defer { drop(temporary) }
        return try setIsSubset(temporary, set)
      }
      let iterator = try getIterator(other)
      defer { drop(iterator) }
      while let key = try nextItem(iterator) {
        defer { drop(key) }
        if try setFind(set, key, hash: try hash(key)) == nil { return false }
      }
      return true
    }
  }

  /// `set_isdisjoint`: walks the smaller of two sets (the argument when
  /// the sizes are equal), or the iterable, until a common key.
  mutating func setIsDisjoint(_ set: ObjectID, _ other: ObjectID) throws -> Bool {
    if set == other { return heap.setCount(set) == 0 }
    switch heap.kind(of: other) {
    case .set, .frozenset:
      let (walked, probed) = heap.setCount(other) > heap.setCount(set) ? (set, other) : (other, set)
      for entry in heap.setEntries(walked) where try setFind(probed, entry.key, hash: entry.hash) != nil {
        return false
      }
      return true
    default:
      let iterator = try getIterator(other)
      defer { drop(iterator) }
      while let key = try nextItem(iterator) {
        defer { drop(key) }
        if try setFind(set, key, hash: try hash(key)) != nil { return false }
      }
      return true
    }
  }
}
