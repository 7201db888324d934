// Set operations of dict views (`dictviews_and`, `dictviews_or`,
// `dictviews_sub`, `dictviews_xor` and `dictview_richcompare` in
// Objects/dictobject.c). `d.keys()` and `d.items()` are set-like,
// `d.values()` is not (`isdisjoint` is not modelled). Every result is a new
// `set`, whichever side the view is on:
//
//   view - x, x - view   set(left), then difference_update(right)
//   view | x, x | view   set(left), then update(right)
//   view ^ x, x ^ view   set(left), then symmetric_difference_update(right)
//   view & x, x & view   with the view as `self`: an exact set at least as
//                        large answers set.intersection(view); else a new
//                        set of the items of the other side (the smaller
//                        view, when both are views) found in `self`
//
// Comparisons with a set, frozenset or set-like view compare as sets
// (sizes first, then containment); with anything else `==` is identity.

import HeapModel

extension Interpreter {
  /// Whether `object` is a keys or items view.
  func isSetLikeView(_ object: ObjectID) -> Bool {
    heap.kind(of: object) == .dictView && heap.fieldsPayload(object).extra != 1
  }

  /// `view op other` or `other op view` for & | - ^, nil when neither
  /// operand is a set-like view.
  mutating func dictViewOperation(_ op: BinaryOperator, _ left: ObjectID, _ right: ObjectID) throws
    -> ObjectID?
  {
    guard [.bitAnd, .bitOr, .subtract, .bitXor].contains(op), isSetLikeView(left) || isSetLikeView(right)
    else { return nil }
    if op == .bitAnd { return try dictViewIntersection(left, right) }
    let result = try newSet(frozen: false, from: left)
    do {
      switch op {
      case .bitOr: try setUpdate(result, right)
      case .subtract: try setDifferenceUpdate(result, right)
      default: try setSymmetricDifferenceUpdate(result, right)
      }
    } catch {
      drop(result)
      throw error
    }
    return result
  }

  private mutating func dictViewIntersection(_ left: ObjectID, _ right: ObjectID) throws -> ObjectID {
    var (view, other) = isSetLikeView(left) ? (left, right) : (right, left)
    let viewCount = try length(of: view)
    if heap.kind(of: other) == .set, viewCount <= heap.setCount(other) {
      return try setIntersection(other, view)
    }
    if isSetLikeView(other), try length(of: other) > viewCount { swap(&view, &other) }
    let result = newSet(frozen: false)
    do {
      let iterator = try getIterator(other)
      defer { drop(iterator) }
      while let item = try nextItem(iterator) {
        defer { drop(item) }
        if try dictViewContains(view, item) { try setAdd(result, item) }
      }
    } catch {
      drop(result)
      throw error
    }
    return result
  }

  /// `dictkeys_contains` / `dictitems_contains`.
  mutating func dictViewContains(_ view: ObjectID, _ item: ObjectID) throws -> Bool {
    let dict = heap.fieldsPayload(view).refs[0]
    if heap.fieldsPayload(view).extra == 0 { return try dictGet(dict, key: item) != nil }
    guard heap.kind(of: item) == .tuple, heap.itemCount(item) == 2,
      let value = try dictGet(dict, key: heap.item(item, 0))
    else { return false }
    return try equals(value, heap.item(item, 1))
  }

  /// `dictview_richcompare` when one side is a set-like view and the other
  /// a set, frozenset or set-like view; nil otherwise.
  mutating func dictViewCompare(_ left: ObjectID, _ right: ObjectID, _ op: ComparisonOperator) throws -> Bool?
  {
    func setLike(_ object: ObjectID) -> Bool {
      isSetLikeView(object) || heap.kind(of: object) == .set || heap.kind(of: object) == .frozenset
    }
    guard isSetLikeView(left) || isSetLikeView(right), setLike(left), setLike(right) else { return nil }
    let (a, b) = (try length(of: left), try length(of: right))
    func allContained(_ small: ObjectID, in large: ObjectID) throws -> Bool {
      let iterator = try getIterator(small)
      defer { drop(iterator) }
      while let item = try nextItem(iterator) {
        defer { drop(item) }
        if try !(isSetLikeView(large) ? dictViewContains(large, item) : contains(large, item)) {
          return false
        }
      }
      return true
    }
    switch op {
    case .equal: return try a == b && allContained(left, in: right)
    case .notEqual: return try !(a == b && allContained(left, in: right))
    case .less: return try a < b && allContained(left, in: right)
    case .lessEqual: return try a <= b && allContained(left, in: right)
    case .greater: return try a > b && allContained(right, in: left)
    case .greaterEqual: return try a >= b && allContained(right, in: left)
    default: return nil
    }
  }
}
