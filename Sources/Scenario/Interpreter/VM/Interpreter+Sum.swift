// sum(iterable, start=0) as bltinmodule.c's `builtin_sum_impl` runs it.
//
// CPython keeps the running total in a C variable while the items allow
// it, so summing a million ints allocates one result object, not a million
// partial sums. Three stages, each entered only from the one before:
//
// 1. An exact int start that fits a C long: items that are exact ints (and
//    bools, from 3.9; 3.8 takes bools to the general stage) are added in C
//    as long as the total does not overflow. The first other item, or an
//    overflow, turns the total back into an int object (`PyLong_FromLong`)
//    which is added to the item with `+`, and the next stage looks at the
//    result.
// 2. An exact float total: float items are added in C, and so are ints
//    (any int from 3.9, exact ints in 3.8) that fit a C long, converted to
//    double. From 3.12 float items are added with Neumaier's compensated
//    summation, the compensation folded in when the total leaves C (so
//    sum([0.1] * 10) is 1.0 there and 0.9999999999999999 before). Another
//    item makes a float object of the total and adds it with `+`.
// 3. Everything else: `total = total + item`, a new object each time (never
//    `+=`, so sum(lists, []) does not change the start list).
//
// Each item is released as soon as it is added; the iterator stays alive
// until the end. The iterator is made before the start is checked, so
// sum(5, "a") complains about the 5; a str, bytes or bytearray start is
// refused ("sum() can't sum strings [use ''.join(seq) instead]").

import HeapModel

extension Interpreter {
  /// `sum(iterable[, start])` with borrowed arguments (owned result).
  mutating func sum(_ iterable: ObjectID, start: ObjectID?) throws -> ObjectID {
    let iterator = try getIterator(iterable)
    defer { drop(iterator) }
    if let start {
      switch heap.kind(of: start) {
      case .str: throw raise(.typeError, "sum() can't sum strings [use ''.join(seq) instead]")
      case .bytes: throw raise(.typeError, "sum() can't sum bytes [use b''.join(seq) instead]")
      case .bytearray: throw raise(.typeError, "sum() can't sum bytearray [use b''.join(seq) instead]")
      default: break
      }
    }
    var total = start.map { retain($0) } ?? heap.newInt(0)
    if heap.kind(of: total) == .int, let value = heap.intValue(total) {
      drop(total)
      var sum = value
      while true {
        guard let item = try nextItem(iterator) else { return heap.newMachineInt(sum) }
        if let addend = heap.smallIntPayload(item) ?? boolAddend(item) {
          let (added, overflow) = sum.addingReportingOverflow(addend)
          if !overflow {
            sum = added
            drop(item)
            continue
          }
        }
        total = try addLeavingC(heap.newMachineInt(sum), item)
        break
      }
    }
    if heap.kind(of: total) == .float {
      var sum = heap.floatValue(total)
      var compensation = 0.0
      let compensated = version >= .py312
      drop(total)
      // The total as a float object, the compensation folded in.
      func leaveC() -> Double {
        compensation != 0 && compensation.isFinite ? sum + compensation : sum
      }
      while true {
        guard let item = try nextItem(iterator) else { return heap.newFloat(leaveC()) }
        let kind = heap.kind(of: item)
        if kind == .float {
          let addend = heap.floatValue(item)
          let added = sum + addend
          if compensated {
            compensation += abs(sum) >= abs(addend) ? (sum - added) + addend : (addend - added) + sum
          }
          sum = added
          drop(item)
          continue
        }
        if kind == .int || (kind == .bool && version >= .py39), let addend = heap.intValue(item) {
          sum += Double(addend)
          drop(item)
          continue
        }
        total = try addLeavingC(heap.newFloat(leaveC()), item)
        break
      }
    }
    while let item = try nextItem(iterator) {
      total = try addLeavingC(total, item)
    }
    return total
  }

  /// The value of a bool item that the int stage adds in C (3.9+; 3.8
  /// takes bools to the general stage), nil for any other object.
  private func boolAddend(_ item: ObjectID) -> Int? {
    heap.kind(of: item) == .bool && version >= .py39 ? heap.intValue(item) : nil
  }

  /// `total + item` with both owned and released (owned result).
  private mutating func addLeavingC(_ total: ObjectID, _ item: ObjectID) throws -> ObjectID {
    defer {
      drop(total)
      drop(item)
    }
    return try binaryOperation(.add, total, item, inPlace: false)
  }
}
