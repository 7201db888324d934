// Dicts, sets, hashing and equality as the VM needs them. Lookups compare
// keys with `equals`, which may run a scenario's `__eq__`; such a lookup
// walks the list of same-hash entries taken before the first comparison
// (`Heap.dictCandidates`), so Python code running meanwhile cannot
// invalidate it. Exact str and int keys are settled in place first
// (`Heap.probeExactKey`), for dicts and sets alike.

import BigInt
import Foundation
import HeapModel

extension Interpreter {
  // MARK: Hashing and equality

  /// A tuple's hash, the tuples nested in it hashed on an explicit stack,
  /// depth first and left to right as CPython's recursive `tuplehash`:
  /// CPython hashes ~100k levels of `((…),)` on its C stack, more than a
  /// debug build of heapscope recursing in Swift could (~40k).
  private mutating func tupleHash(_ tuple: ObjectID) throws -> Int {
    var pending: [(items: [ObjectID], next: Int, hashes: [Int])] = [(heap.items(tuple), 0, [])]
    while true {
      let top = pending.count - 1
      if pending[top].next < pending[top].items.count {
        let item = pending[top].items[pending[top].next]
        pending[top].next += 1
        if heap.kind(of: item) == .tuple {
          pending.append((heap.items(item), 0, []))
        } else {
          pending[top].hashes.append(try hash(item))
        }
        continue
      }
      let hash = PyHash.hashTuple(pending.removeLast().hashes)
      if pending.isEmpty { return hash }
      pending[pending.count - 1].hashes.append(hash)
    }
  }

  mutating func hash(_ object: ObjectID) throws -> Int {
    switch heap.kind(of: object) {
    case .str:
      return strHash(object)
    case .int, .bool:
      if let small = heap.intValue(object) {
        // hash(n) is n itself below the modulus 2**61 - 1 (and -1 is -2).
        if small.magnitude < (1 << 61) - 1 { return small == -1 ? -2 : small }
        return PyHash.hash(BigInt(small))
      }
      return PyHash.hash(heap.bigIntValue(object))
    case .float:
      return PyHash.hash(heap.floatValue(object), version: version, address: UInt(heap.address(of: object)))
    case .bytes:
      return PyHash.hash(bytes: heap.bytesValue(object), version: version)
    case .none:
      return PyHash.hashNone(version: version, address: UInt(heap.address(of: object)))
    case .tuple:
      return try tupleHash(object)
    case .list, .dict, .set, .bytearray:
      throw raise(.typeError, "unhashable type: '\(try typeName(of: object))'")
    case .dictView where isSetLikeView(object):  // keys and items; values hash by identity
      throw raise(.typeError, "unhashable type: '\(try typeName(of: object))'")
    case .weakproxy:  // no tp_hash; the message shows tp_name (3.10+: `weakref.ProxyType`)
      throw raise(.typeError, "unhashable type: '\(typeReprName(heap.type(of: object)))'")
    case .frozenset:
      return PyHash.hashFrozenset(heap.setEntries(object).map(\.hash))
    case .weakref:
      return try weakrefHash(object)
    case .instance, .slotsInstance:
      let cls = heap.type(of: object)
      if let method = try lookupType(cls, "__hash__") {
        if method == heap.none { throw raise(.typeError, "unhashable type: '\(try typeName(of: object))'") }
        let result = try callObject(method, [object])
        defer { drop(result) }
        let kind = heap.kind(of: result)
        guard kind == .int || kind == .bool else {
          throw raise(.typeError, "__hash__ method should return an integer")
        }
        // slot_tp_hash: a result that fits a Py_ssize_t is the hash as it
        // is (−1 becomes −2); only a bigger one is hashed as an int.
        if let small = heap.intValue(result) { return small == -1 ? -2 : small }
        return PyHash.hash(heap.bigIntValue(result))
      }
      if try lookupType(cls, "__eq__") != nil {
        throw raise(.typeError, "unhashable type: '\(try typeName(of: object))'")
      }
      return PyHash.hashPointer(UInt(heap.address(of: object)))
    default:
      return PyHash.hashPointer(UInt(heap.address(of: object)))
    }
  }

  /// `PyObject_RichCompareBool(a, b, Py_EQ)`: identity first.
  mutating func equals(_ a: ObjectID, _ b: ObjectID) throws -> Bool {
    if a == b { return true }
    if heap.kind(of: a) != .weakref, let result = try compareBuiltin(a, b, .equal) { return result }
    let result = try richCompare(a, b, .equal)
    defer { drop(result) }
    return try isTrue(result)
  }

  // MARK: Dicts

  mutating func newDict(presized count: Int = 0) -> ObjectID {
    heap.newDict()
  }

  /// Finds `key` in a dict; returns the entry position.
  mutating func dictFind(_ dict: ObjectID, key: ObjectID, hash: Int) throws -> Int? {
    switch heap.probeExactKey(dict, key: key, hash: hash) {
    case .found(let position): return position
    case .absent: return nil
    case .unknown: break
    }
    return try findCandidate(heap.dictCandidates(dict, hash: hash), key: key)
  }

  /// The first of a lookup's candidates (`Heap.dictCandidates`) equal to
  /// `key`: a str key meets other strs by text, anything else by `__eq__`.
  private mutating func findCandidate(_ candidates: [(position: Int, key: ObjectID)], key: ObjectID) throws
    -> Int?
  {
    if candidates.isEmpty { return nil }
    if heap.kind(of: key) == .str {
      for (position, candidate) in candidates {
        if candidate == key { return position }
        if heap.kind(of: candidate) == .str {
          if heap.strEquals(candidate, key) { return position }
          continue
        }
        if try equals(candidate, key) { return position }
      }
      return nil
    }
    for (position, candidate) in candidates where try equals(candidate, key) { return position }
    return nil
  }

  /// The value for `key` (borrowed), nil when absent.
  ///
  /// An exact str with its hash cached or a machine int (nearly every key)
  /// is hashed and found in one HeapModel call (`Heap.dictLookup`); other
  /// keys, and probes that meet a key needing `__eq__`, take the general
  /// path, which hashes and compares in Python's order.
  mutating func dictGet(_ dict: ObjectID, key: ObjectID) throws -> ObjectID? {
    let lookup = heap.dictLookup(dict, key: key)
    if lookup.position >= 0 { return heap.dictValue(dict, at: lookup.position) }
    if lookup.position == DictLookup.absent { return nil }
    return try dictGetSlowly(dict, key: key, lookup)
  }

  /// `dictGet` for a key `Heap.dictLookup` could not settle.
  @inline(never)
  private mutating func dictGetSlowly(_ dict: ObjectID, key: ObjectID, _ lookup: DictLookup) throws
    -> ObjectID?
  {
    let position: Int?
    if lookup.position == DictLookup.unknown {
      position = try findCandidate(heap.dictCandidates(dict, hash: lookup.hash), key: key)
    } else {
      position = try dictFind(dict, key: key, hash: try hash(key))
    }
    guard let position else { return nil }
    return heap.dictValue(dict, at: position)
  }

  /// `d[key] = value` with borrowed key and value (fast path as `dictGet`).
  mutating func dictSet(_ dict: ObjectID, key: ObjectID, value: ObjectID) throws {
    let lookup = heap.dictLookup(dict, key: key)
    if lookup.position >= 0 {
      heap.incref(value)
      drop(heap.dictReplaceValue(dict, at: lookup.position, with: value))
    } else if lookup.position == DictLookup.absent {
      heap.incref(key)
      heap.incref(value)
      heap.dictInsertNew(dict, hash: lookup.hash, key: key, value: value)
    } else {
      try dictSetSlowly(dict, key: key, value: value, lookup)
    }
  }

  /// `dictSet` for a key `Heap.dictLookup` could not settle.
  @inline(never)
  private mutating func dictSetSlowly(_ dict: ObjectID, key: ObjectID, value: ObjectID, _ lookup: DictLookup)
    throws
  {
    let hash: Int
    let found: Int?
    if lookup.position == DictLookup.unknown {
      hash = lookup.hash
      found = try findCandidate(heap.dictCandidates(dict, hash: hash), key: key)
    } else {
      hash = try self.hash(key)
      found = try dictFind(dict, key: key, hash: hash)
    }
    if let position = found {
      heap.incref(value)
      drop(heap.dictReplaceValue(dict, at: position, with: value))
    } else {
      heap.incref(key)
      heap.incref(value)
      heap.dictInsertNew(dict, hash: hash, key: key, value: value)
    }
  }

  /// BUILD_MAP (and the model's BUILD_CONST_KEY_MAP): a new dict from the
  /// `count` key-value pairs on top of the value stack, inserted in order,
  /// each pair's references dropped after its insert. The pairs move to a
  /// buffer on the machine stack first (a Python `__eq__` or `__hash__`
  /// called on the way may use the value stack), not to a new array.
  mutating func buildMap(_ count: Int) throws {
    let words = 2 * count
    try withUnsafeTemporaryAllocation(of: ObjectID.self, capacity: max(words, 1)) { flat in
      let first = values.count - words
      for offset in 0..<words { flat[offset] = values[first + offset] }
      values.removeLast(words)
      let dict = newDict(presized: count)
      push(dict)
      for index in 0..<count {
        try dictSet(dict, key: flat[2 * index], value: flat[2 * index + 1])
        drop(flat[2 * index])
        drop(flat[2 * index + 1])
      }
    }
  }

  /// Removes `key`; false when it was absent.
  mutating func dictDelete(_ dict: ObjectID, key: ObjectID) throws -> Bool {
    let hash = try hash(key)
    guard let position = try dictFind(dict, key: key, hash: hash) else { return false }
    let removed = heap.dictRemove(dict, at: position)
    drop(removed.key)
    drop(removed.value)
    return true
  }

  /// Removes `key` and returns its value (owned), nil when absent — what
  /// `dict.pop` and the weak mappings' `pop` share.
  mutating func dictPop(_ dict: ObjectID, key: ObjectID, hash: Int) throws -> ObjectID? {
    guard let position = try dictFind(dict, key: key, hash: hash) else { return nil }
    let removed = heap.dictRemove(dict, at: position)
    drop(removed.key)
    return removed.value
  }

  /// A name in a namespace dict (owned), nil when absent.
  mutating func namespaceLookup(
    _ dict: ObjectID, _ name: String, hash: Int? = nil, interned: ObjectID = .null
  ) throws -> ObjectID? {
    if dict.isNull { return nil }
    // The hash is computed before the heap is borrowed for the lookup: an
    // argument that reads `self` during that borrow makes Swift copy the heap.
    let hash = hash ?? PyHash.hash(name, version: version)
    guard let value = heap.dictValue(dict, name: name, hash: hash, interned: interned) else { return nil }
    return retain(value)
  }

  mutating func dictUpdate(_ dict: ObjectID, _ mapping: ObjectID) throws {
    if heap.kind(of: mapping) == .dict {
      for entry in heap.dictEntries(mapping) { try dictSet(dict, key: entry.key, value: entry.value) }
      return
    }
    // PyDict_MergeFromSeq2: the sequence is iterated lazily, one pair at a time.
    let iterator = try getIterator(mapping)
    defer { drop(iterator) }
    var index = 0
    while let pair = try nextItem(iterator) {
      let (key, value) = try updateSequencePair(pair, index: index)
      defer {
        drop(key)
        drop(value)
      }
      try dictSet(dict, key: key, value: value)
      index += 1
    }
  }

  /// The key and value (owned) of item `pair` (owned, released) at
  /// `index` of a dict update sequence, with CPython's errors for an item
  /// that is not a sequence or not a pair.
  mutating func updateSequencePair(_ pair: ObjectID, index: Int) throws -> (ObjectID, ObjectID) {
    defer { drop(pair) }
    let items = try collect(pair) { _ in
      "cannot convert dictionary update sequence element #\(index) to a sequence"
    }
    guard items.count == 2 else {
      for item in items { drop(item) }
      throw raise(
        .valueError, "dictionary update sequence element #\(index) has length \(items.count); 2 is required")
    }
    return (items[0], items[1])
  }

  // MARK: Sets

  mutating func newSet(frozen: Bool) -> ObjectID { heap.newSetObject(frozen: frozen) }

  mutating func setFind(_ set: ObjectID, _ key: ObjectID, hash: Int) throws -> Int? {
    switch heap.probeExactKey(set, key: key, hash: hash) {
    case .found(let position): return position
    case .absent: return nil
    case .unknown: return try findCandidate(heap.dictCandidates(set, hash: hash), key: key)
    }
  }

  /// Adds a borrowed key.
  mutating func setAdd(_ set: ObjectID, _ key: ObjectID) throws {
    let hash = try hash(key)
    if try setFind(set, key, hash: hash) != nil { return }
    heap.setInsertNew(set, hash: hash, key: retain(key))
  }

  /// Adds a borrowed key whose hash is known (`set_add_entry`).
  mutating func setAdd(_ set: ObjectID, _ key: ObjectID, hash: Int) throws {
    if try setFind(set, key, hash: hash) != nil { return }
    heap.setInsertNew(set, hash: hash, key: retain(key))
  }

  /// `set_update_internal`: another set merges table to table
  /// (`set_merge`), a dict presizes once and adds its keys in order, any
  /// other iterable adds item by item as its iterator yields them (a
  /// generator's items are added, and duplicates freed, one at a time).
  mutating func setUpdate(_ set: ObjectID, _ iterable: ObjectID) throws {
    switch heap.kind(of: iterable) {
    case .set, .frozenset:
      try setMerge(set, iterable)
    case .dict:
      heap.setPresize(set, adding: heap.dictCount(iterable))
      for entry in heap.dictEntries(iterable) { try setAdd(set, entry.key, hash: entry.hash) }
    default:
      let iterator = try getIterator(iterable)
      defer { drop(iterator) }
      while let item = try nextItem(iterator) {
        defer { drop(item) }
        try setAdd(set, item)
      }
    }
  }

  /// `set_merge`: one presize, then a table copy into an empty set or the
  /// source's keys added in its slot order.
  mutating func setMerge(_ set: ObjectID, _ source: ObjectID) throws {
    if set == source || heap.setCount(source) == 0 { return }
    heap.setPresize(set, adding: heap.setCount(source))
    if heap.setCopyKeys(into: set, from: source) { return }
    for entry in heap.setEntries(source) { try setAdd(set, entry.key, hash: entry.hash) }
  }

  /// A new set (or frozenset) holding `source`'s keys (`set_copy`,
  /// `make_new_set_basetype`).
  mutating func setCopy(_ source: ObjectID, frozen: Bool) throws -> ObjectID {
    let result = newSet(frozen: frozen)
    try setMerge(result, source)
    return result
  }

  mutating func setDiscard(_ set: ObjectID, _ key: ObjectID) throws -> Bool {
    try setDiscard(set, key, hash: try hash(key))
  }

  /// Discards a key whose hash is known, leaving a dummy; whether it was there.
  mutating func setDiscard(_ set: ObjectID, _ key: ObjectID, hash: Int) throws -> Bool {
    guard let position = try setFind(set, key, hash: hash) else { return false }
    drop(heap.setRemove(set, at: position))
    return true
  }

  // MARK: Sequences

  /// Every item of an iterable, owned.
  /// `collect`, with a TypeError it raises (not iterable, or raised while
  /// iterating) replaced by TypeError(`message`), as C code that reports
  /// a failed conversion in its own words does.
  mutating func collect(
    _ iterable: ObjectID, replacingTypeError message: (inout Interpreter) throws -> String
  )
    throws -> [ObjectID]
  {
    do {
      return try collect(iterable)
    } catch is PythonRaise where heap.type(of: pendingException) == heap.typeObject(.typeError) {
      clearPending()
      throw raise(.typeError, try message(&self))
    }
  }

  mutating func collect(_ iterable: ObjectID) throws -> [ObjectID] {
    switch heap.kind(of: iterable) {
    case .list, .tuple:
      let items = heap.items(iterable)
      for item in items { heap.incref(item) }
      return items
    default:
      let iterator = try getIterator(iterable)
      defer { drop(iterator) }
      var items: [ObjectID] = []
      do {
        while let item = try nextItem(iterator) { items.append(item) }
      } catch {
        for item in items { drop(item) }
        throw error
      }
      return items
    }
  }

  /// `list.extend(iterable)`, `+=`, `[*x]`, and (from 3.13) `list(x)`.
  mutating func listExtend(_ list: ObjectID, _ iterable: ObjectID) throws {
    let kind = heap.kind(of: iterable)
    let hint: Int? = kind == .list || kind == .tuple ? nil : try lengthHint(of: iterable) ?? 8
    let items = try collect(iterable)
    heap.listExtend(list, items, lengthHint: hint, resizeOnly: extendsByResize(kind))
  }

  /// 3.13's `list_extend_set` / `list_extend_dict`: a set or frozenset, a
  /// dict or a dict view is taken in one `list_resize`.
  func extendsByResize(_ kind: ObjectKind) -> Bool {
    version >= .py313 && (kind == .set || kind == .frozenset || kind == .dict || kind == .dictView)
  }

  /// `_PyObject_HasLen` for the builtin kinds (`list(x)` before 3.13
  /// preallocates exactly for these).
  func hasBuiltinLen(_ kind: ObjectKind) -> Bool {
    switch kind {
    case .list, .tuple, .dict, .dictView, .set, .frozenset, .str, .range, .bytes, .bytearray: return true
    default: return false
    }
  }

  /// `PyObject_LengthHint(x, 8)` for the builtin kinds: `len(x)` for a sized
  /// container, the items left for an iterator with `__length_hint__`
  /// (list, tuple, str, bytes, range, dict and set iterators, `reversed` of
  /// a list or tuple; 0 once exhausted, or once its dict or set changed
  /// size); nil where CPython falls back to the default (generators,
  /// enumerate, zip, map, filter). An instance's is its `__len__()`, called
  /// here, nil without one.
  mutating func lengthHint(of object: ObjectID) throws -> Int? {
    let kind = heap.kind(of: object)
    switch kind {
    case .list, .tuple, .dict, .dictView, .set, .frozenset, .str, .range, .bytes, .bytearray:
      return try length(of: object)
    case .instance, .slotsInstance:
      guard try lookupType(heap.type(of: object), "__len__") != nil else { return nil }
      return try length(of: object)
    case .listIterator, .tupleIterator, .listReverseIterator, .strIterator, .bytesIterator:
      let fields = heap.fieldsPayload(object)
      guard let sequence = fields.refs.first, !sequence.isNull else { return 0 }
      if kind != .strIterator && kind != .bytesIterator && fields.extra != 0 { return nil }
      let count: Int
      switch kind {
      case .strIterator: count = heap.str(sequence).length
      case .bytesIterator: count = heap.bytesValue(sequence).count
      default: count = heap.itemCount(sequence)
      }
      return max(0, count - fields.index)
    case .rangeIterator:
      return max(0, heap.fieldsPayload(object).extra)
    case .dictIterator, .setIterator:
      let fields = heap.fieldsPayload(object)
      guard let container = fields.refs.first, !container.isNull else { return 0 }
      if kind == .setIterator && fields.extra != heap.setCount(container) { return 0 }
      var left = 0
      var position = fields.index
      while let entry = heap.dictNextEntry(container, from: position) {
        left += 1
        position = entry.position + 1
      }
      return left
    default:
      return nil
    }
  }
}
