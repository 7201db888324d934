// dict.popitem and dict.fromkeys (Objects/dictobject.c).
// - `popitem` allocates its 2-tuple *before* it looks at the dict (a
//   collection triggered by that allocation could empty it), so popping an
//   empty dict makes and frees a tuple before the KeyError. It removes the
//   last live entry (LIFO) and never shrinks the table.
// - `fromkeys` is a class method: `cls()` builds the dict (`dict()`, fresh
//   from the allocator, with its own 8-slot table in 3.8–3.9), then an exact
//   dict or set source presizes it in one resize (`Heap.dictResizeEmpty`)
//   and copies its keys with their stored hashes; any other iterable is
//   iterated and stored key by key, growing the table as `d[k] = v` does.
//   The presize estimate is `(3n + 1) / 2` rounded up to a power of two in
//   3.8–3.9; 3.10+ compute its log2 as `bit_length(((m | 8) - 1) | 7)`,
//   which gives 16 slots for 1–4 keys but 8 for 5 (measured: sizes 360 and
//   232 in 3.10).

import HeapModel

extension Interpreter {
  /// `dict.popitem()`.
  mutating func dictPopitem(_ dict: ObjectID) throws -> ObjectID {
    if heap.dictIsSplit(dict) {
      throw InterpreterStop.unsupported(feature: "dict.popitem of an instance __dict__", line: currentLine)
    }
    let result = heap.newTuple([retain(heap.none), retain(heap.none)])
    guard let removed = heap.dictPopLast(dict) else {
      drop(result)
      throw raise(.keyError, "popitem(): dictionary is empty")
    }
    drop(heap.listSetItem(result, 0, removed.key))
    drop(heap.listSetItem(result, 1, removed.value))
    return result
  }

  /// `dict.fromkeys(iterable, value=None)` called on `cls`.
  mutating func dictFromkeys(_ cls: ObjectID, _ args: [ObjectID]) throws -> ObjectID {
    guard cls == heap.typeObject(.dict) else {
      throw InterpreterStop.unsupported(feature: "fromkeys of a dict subclass", line: currentLine)
    }
    let iterable = args[0]
    let value = args.count > 1 ? args[1] : heap.none
    let dict = try construct(.dict, [], keywords: [])
    do {
      switch heap.kind(of: iterable) {
      case .dict:
        heap.dictResizeEmpty(
          dict, slots: fromkeysPresizeSlots(try length(of: iterable)),
          unicode: version < .py311 || heap.dictHasUnicodeKeys(iterable))
        for entry in heap.dictEntries(iterable) {
          heap.incref(entry.key)
          heap.incref(value)
          heap.dictInsertNew(dict, hash: entry.hash, key: entry.key, value: value)
        }
      case .set, .frozenset:
        heap.dictResizeEmpty(
          dict, slots: fromkeysPresizeSlots(try length(of: iterable)), unicode: version < .py311)
        for key in try collect(iterable) {
          let hash = try hash(key)
          heap.incref(value)
          heap.dictInsertNew(dict, hash: hash, key: key, value: value)
        }
      default:
        let iterator = try getIterator(iterable)
        defer { drop(iterator) }
        while let key = try nextItem(iterator) {
          defer { drop(key) }
          try dictSet(dict, key: key, value: value)
        }
      }
    } catch {
      drop(dict)
      throw error
    }
    return dict
  }

  /// Slots of the table `dict.fromkeys` presizes for `count` keys.
  func fromkeysPresizeSlots(_ count: Int) -> Int {
    let minimum = (count * 3 + 1) / 2
    if version <= .py39 {
      var slots = 8
      while slots < minimum { slots <<= 1 }
      return slots
    }
    let bits = (((minimum | 8) - 1) | 7)
    return 1 << (Int.bitWidth - bits.leadingZeroBitCount)
  }
}
