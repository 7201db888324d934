// Advancing the iterators of ranges, lists and tuples, the ones every `for`
// loop and comprehension over a sequence steps once per item.
//
// `rangeiter_next` returns the current value as `PyLong_FromLong` makes it
// (a cached small int, else a new int of the machine-int size) and moves the
// position by the step; `listiter_next` and `tupleiter_next` return the item
// at the index, `listreviter_next` the item that many places from the end,
// each with a new reference. An iterator's position lives in its fields
// payload (`index`, `extra` = items left for a range, `step`; the sequence is
// `refs[0]`, null once exhausted).
//
// These calls read and advance the payload in place, in one call from the
// interpreter: returning a copy of the payload (its refs array retained and
// released) and writing it back through a closure cost more than the rest of
// the step. A sequence iterator with nothing plain to give (exhausted,
// released, `__getitem__` iteration, a weak mapping's) is left untouched for
// the interpreter's general path (`Interpreter.nextItem`).

extension Heap {
  /// The next item (+1 reference) of a range, list, tuple or reversed-list
  /// iterator with a plain one to give, the iterator advanced; nil, having
  /// changed nothing, for any other iterator or state. A `for` loop's first
  /// try (CPython 3.12's `FOR_ITER_RANGE`, `FOR_ITER_LIST`,
  /// `FOR_ITER_TUPLE`): one call, where the interpreter's `nextItem` was a
  /// second one around these.
  public mutating func nextPlainItem(_ iterator: ObjectID) -> ObjectID? {
    switch kinds[iterator.slot] {
    case .rangeIterator: return nextRangeItem(iterator)
    case .listIterator, .tupleIterator: return nextSequenceItem(iterator, reversed: false)
    case .listReverseIterator: return nextSequenceItem(iterator, reversed: true)
    default: return nil
    }
  }

  /// `rangeiter_next`: the next int of a range iterator (+1 reference), nil
  /// when it is exhausted (nothing changes then).
  @inline(__always)
  public mutating func nextRangeItem(_ iterator: ObjectID) -> ObjectID? {
    let slot = Int(payloads[iterator.slot])
    guard let value = Heap.advanceRange(&fields[slot]) else { return nil }
    return newMachineInt(value)
  }

  /// The next item (+1 reference) of a list, tuple or reversed-list
  /// iterator (`reversed`) that iterates its sequence's items directly and
  /// has one left, the iterator advanced; nil, having changed nothing, for
  /// any other state.
  @inline(__always)
  public mutating func nextSequenceItem(_ iterator: ObjectID, reversed: Bool) -> ObjectID? {
    let slot = Int(payloads[iterator.slot])
    let (sequence, index, extra) = Heap.sequencePosition(fields[slot])
    guard extra == 0, !sequence.isNull else { return nil }
    let count = itemCount(sequence)
    let position = reversed ? count - 1 - index : index
    guard position >= 0, position < count else { return nil }
    fields[slot].index += 1
    let item = self.item(sequence, position)
    incref(item)
    return item
  }

  @inline(__always)
  private static func advanceRange(_ payload: inout FieldsPayload) -> Int? {
    if payload.extra <= 0 { return nil }
    let value = payload.index
    payload.index += payload.step
    payload.extra -= 1
    return value
  }

  @inline(__always)
  private static func sequencePosition(_ payload: borrowing FieldsPayload) -> (ObjectID, Int, Int) {
    (payload.refs.first ?? .null, payload.index, payload.extra)
  }
}
