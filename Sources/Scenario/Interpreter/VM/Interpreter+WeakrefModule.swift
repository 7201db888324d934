// The pure-Python part of the `weakref` module: `WeakValueDictionary`,
// `WeakKeyDictionary`, `KeyedRef` and `finalize` (Lib/weakref.py).
//
// In CPython these are ordinary Python classes; their methods run as Python
// code. heapscope runs them natively but allocates the objects CPython's code
// allocates, in the same order, so that sizes, referents, refcounts and
// allocator totals come out as CPython's:
//
//   WeakValueDictionary()  instance + its attribute storage holding
//                          _remove (the callback), _pending_removals (list),
//                          _iterating (set), data (dict); the callback's
//                          weakref to the instance and its defaults tuple
//   d[k] = v               a KeyedRef(v, d._remove, k) — a weakref subclass
//                          with a `key` slot — stored in d.data[k]
//   v dies                 the KeyedRef's callback deletes data[k] if the
//                          entry still holds a dead weakref
//                          (`_remove_dead_weakref`)
//   WeakKeyDictionary()    data, _remove, _pending_removals, _iterating,
//                          _dirty_len (that order)
//   d[k] = v               data[ref(k, d._remove)] = v; weakrefs hash as
//                          their referent and compare equal while both live
//   finalize(o, f, *a, **kw)
//                          a `__slots__ = ()` instance (32 bytes), a
//                          `finalize._Info` with six slots (weakref = ref(o,
//                          self), func, args, kwargs or None, atexit, index)
//                          stored in the class-level `finalize._registry`
//   o dies / f()           the registry entry is popped, then func runs
//                          (unless the interpreter is shutting down)
//   interpreter exit       the atexit hook calls the live finalizers marked
//                          atexit, newest first, before the main module's
//                          globals are cleared; after it `_shutdown` is set
//                          and later deaths run no callback
//
// DECISIONS (where exactness would be disproportionate):
// - The classes are static (like the module objects): `import weakref`'s
//   own allocations are not modelled. They derive from `object`, not from
//   `MutableMapping`, and their methods are builtin functions in the class
//   namespace rather than Python functions.
// - The `_remove` callback is a builtin method object bound to the
//   function's defaults tuple `(ref(self), _remove_dead_weakref)` (or
//   `(ref(self),)`), sized as a function object, so the weakref-to-self and
//   the tuple exist as in CPython but the callback's repr differs.
// - keys()/values()/items() return an iterator over a snapshot of the
//   entries (taken when iteration starts), sized as CPython's generator
//   object, instead of a generator with an `_IterationGuard`; a value that
//   dies during the iteration is skipped as in CPython, but its entry is
//   removed at once instead of at the next mutation. 3.8–3.10 frame objects
//   of the Python methods (and their zombie frames) are not allocated.
// - The `atexit.register` of the first finalize and the itertools.count
//   index generator are not modelled (`_index_iter` is the next index).

import Foundation
import HeapModel

extension Interpreter {
  // MARK: Set-up

  /// Adds the static classes of Lib/weakref.py to the `weakref` module.
  mutating func setUpWeakrefModuleClasses() {
    guard let module = moduleObjects["weakref"] else { return }
    let object = heap.typeObject(.object)
    func entries(_ pairs: [(String, ObjectID)]) -> [(hash: Int, key: ObjectID, value: ObjectID)] {
      pairs.map { (PyHash.hash($0.0, version: version), heap.newStaticStr($0.0), $0.1) }
    }
    func methods(_ list: [Builtin]) -> [(String, ObjectID)] {
      list.map { ($0.name, builtinObjects[$0.rawValue]) }
    }
    let keyedRef = heap.newStaticClass(
      name: "KeyedRef", qualifiedName: "KeyedRef", base: heap.typeObject(.weakref),
      namespace: entries([("__module__", heap.newStaticStr("weakref"))]), slotNames: ["key"])
    let weakValues = heap.newStaticClass(
      name: "WeakValueDictionary", qualifiedName: "WeakValueDictionary", base: object,
      namespace: entries(
        [("__module__", heap.newStaticStr("weakref"))]
          + methods([
            .weakValuesInit, .weakValuesGetitem, .weakValuesSetitem, .weakValuesDelitem, .weakValuesLen,
            .weakValuesContains, .weakValuesRepr, .weakValuesGet, .weakValuesItems, .weakValuesKeys,
          ]) + [("__iter__", builtinObjects[Builtin.weakValuesKeys.rawValue])]
          + methods([
            .weakValuesValues, .weakValuesPop, .weakValuesSetdefault, .weakValuesUpdate, .weakValuesCopy,
            .weakValuesValuerefs,
          ])),
      slotNames: nil)
    let weakKeys = heap.newStaticClass(
      name: "WeakKeyDictionary", qualifiedName: "WeakKeyDictionary", base: object,
      namespace: entries(
        [("__module__", heap.newStaticStr("weakref"))]
          + methods([
            .weakKeysInit, .weakKeysDelitem, .weakKeysGetitem, .weakKeysLen, .weakKeysRepr, .weakKeysSetitem,
            .weakKeysCopy, .weakKeysGet, .weakKeysContains, .weakKeysItems, .weakKeysKeys,
          ]) + [("__iter__", builtinObjects[Builtin.weakKeysKeys.rawValue])]
          + methods([.weakKeysValues, .weakKeysKeyrefs, .weakKeysPop, .weakKeysSetdefault, .weakKeysUpdate])),
      slotNames: nil)
    let info = heap.newStaticClass(
      name: "_Info", qualifiedName: "finalize._Info", base: object,
      namespace: entries([("__module__", heap.newStaticStr("weakref"))]),
      slotNames: Interpreter.finalizerInfoSlots)
    let alive = heap.newStaticFieldsObject(
      kind: .property, type: .property, refs: [builtinObjects[Builtin.finalizerAlive.rawValue], .null])
    let atexit = heap.newStaticFieldsObject(
      kind: .property, type: .property,
      refs: [
        builtinObjects[Builtin.finalizerAtexit.rawValue], builtinObjects[Builtin.finalizerSetAtexit.rawValue],
      ])
    let finalize = heap.newStaticClass(
      name: "finalize", qualifiedName: "finalize", base: object,
      namespace: entries(
        [
          ("__module__", heap.newStaticStr("weakref")), ("__slots__", retain(heap.emptyTuple)),
          ("_registry", heap.newStaticDict()), ("_shutdown", retain(heap.falseObject)),
          ("_index_iter", heap.newInt(0)), ("_dirty", retain(heap.falseObject)),
          ("_registered_with_atexit", retain(heap.falseObject)), ("_Info", info),
        ]
          + methods([.finalizerInit, .finalizerCall, .finalizerDetach, .finalizerPeek])
          + [("alive", alive), ("atexit", atexit)] + methods([.finalizerRepr])),
      slotNames: [])
    let namespace = moduleNamespace(module)
    for (name, value) in [
      ("WeakValueDictionary", weakValues), ("KeyedRef", keyedRef), ("WeakKeyDictionary", weakKeys),
      ("finalize", finalize),
    ] {
      heap.dictInsertNew(
        namespace, hash: PyHash.hash(name, version: version), key: heap.newStaticStr(name), value: value)
    }
  }

  /// The module a class reports in its repr: `__main__` for the scenario's
  /// classes, the `__module__` of a static (stdlib module) class.
  func classModuleName(_ cls: ObjectID) -> String {
    guard heap.isStatic(cls), let module = try? lookupType(cls, "__module__"), heap.kind(of: module) == .str
    else { return "__main__" }
    return heap.string(module)
  }

  static let finalizerInfoSlots = ["weakref", "func", "args", "kwargs", "atexit", "index"]

  /// A class of the weakref module (borrowed).
  func weakrefModuleClass(_ name: String) -> ObjectID {
    guard let module = moduleObjects["weakref"] else { return .null }
    return heap.dictValue(moduleNamespace(module), name: name, hash: PyHash.hash(name, version: version))
      ?? .null
  }

  /// A class attribute of `finalize` (borrowed).
  func finalizerClassAttribute(_ name: String) -> ObjectID {
    (try? lookupType(weakrefModuleClass("finalize"), name)).flatMap { $0 } ?? .null
  }

  /// `finalize.<name> = value` for one of its existing class attributes
  /// (`value` borrowed).
  mutating func setFinalizerClassAttribute(_ name: String, _ value: ObjectID) {
    let old = heap.replaceClassAttribute(
      weakrefModuleClass("finalize"), hash: PyHash.hash(name, version: version), name: name,
      with: retain(value))
    if let old { drop(old) }
  }

  // MARK: Dispatch

  /// Runs a method of one of the weakref module's classes.
  mutating func callWeakrefClassMethod(
    _ builtin: Builtin, _ receiver: ObjectID, _ args: [ObjectID], keywords: [(String, ObjectID)]
  ) throws -> ObjectID {
    func argument(_ index: Int, _ count: ClosedRange<Int>) throws -> ObjectID {
      guard count.contains(args.count) else {
        let expected =
          count.lowerBound == count.upperBound
          ? "\(count.lowerBound + 1)" : "from \(count.lowerBound + 1) to \(count.upperBound + 1)"
        throw raise(
          .typeError,
          "\(builtin.name)() takes \(expected) positional arguments but \(args.count + 1) were given")
      }
      return args[index]
    }
    func optional(_ index: Int) -> ObjectID { index < args.count ? args[index] : heap.none }
    switch builtin {
    case .weakValuesRemove, .weakKeysRemove:
      return try weakMappingRemoveCallback(builtin, defaults: receiver, args.first ?? heap.none)
    case .weakValuesRemoveDeadWeakref:
      return retain(heap.none)
    case .finalizerInit, .finalizerCall, .finalizerDetach, .finalizerPeek, .finalizerRepr, .finalizerAlive,
      .finalizerAtexit, .finalizerSetAtexit:
      return try callFinalizerMethod(builtin, receiver, args, keywords: keywords)
    default:
      break
    }
    let data: ObjectID
    if builtin == .weakValuesInit || builtin == .weakKeysInit {
      data = .null
    } else {
      guard let found = try instanceAttribute(receiver, "data") else {
        throw raise(.attributeError, "'\(try typeName(of: receiver))' object has no attribute 'data'")
      }
      data = found
    }
    switch builtin {
    // WeakValueDictionary
    case .weakValuesInit:
      try initWeakMapping(receiver, weakValues: true)
      if !args.isEmpty || !keywords.isEmpty {
        try weakMappingUpdate(receiver, args.first ?? heap.none, keywords: keywords, weakValues: true)
      }
    case .weakValuesGetitem:
      let key = try argument(0, 1...1)
      guard let wr = try dictGet(data, key: key) else { throw raiseKeyError(key) }
      let value = liveReferent(wr)
      if value.isNull { throw raiseKeyError(args[0]) }
      return retain(value)
    case .weakValuesSetitem:
      _ = try argument(0, 2...2)
      try weakValuesStore(receiver, data: data, key: args[0], value: args[1])
    case .weakValuesDelitem, .weakKeysDelitem:
      let key = try argument(0, 1...1)
      if builtin == .weakValuesDelitem {
        if try !dictDelete(data, key: key) { throw raiseKeyError(key) }
      } else {
        try storeInstanceAttribute(receiver, "_dirty_len", heap.trueObject)
        let wr = try basicWeakref(to: key)
        defer { drop(wr) }
        if try !dictDelete(data, key: wr) { throw raiseKeyError(wr) }
      }
    case .weakValuesLen, .weakKeysLen:
      return heap.newInt(heap.dictCount(data))
    case .weakValuesContains:
      guard let wr = try dictGet(data, key: try argument(0, 1...1)) else { return heap.newBool(false) }
      return heap.newBool(!liveReferent(wr).isNull)
    case .weakValuesRepr, .weakKeysRepr:
      return heap.newStr("<\(try typeName(of: receiver)) at \(hexAddress(receiver))>")
    case .weakValuesGet:
      let key = try argument(0, 1...2)
      if let wr = try dictGet(data, key: key), !liveReferent(wr).isNull {
        return retain(liveReferent(wr))
      }
      return retain(optional(1))
    case .weakValuesKeys, .weakValuesValues, .weakValuesItems:
      let mode: WeakMappingIteration =
        builtin == .weakValuesKeys ? .valueKeys : (builtin == .weakValuesValues ? .valueValues : .valueItems)
      return newWeakMappingIterator(heap.dictEntries(data).map(\.value), mode: mode)
    case .weakValuesPop:
      let key = try argument(0, 1...2)
      var value = ObjectID.null
      if let position = try dictFind(data, key: key, hash: try hash(key)) {
        let removed = heap.dictRemove(data, at: position)
        value = liveReferent(removed.value)
        if !value.isNull { heap.incref(value) }
        drop(removed.key)
        drop(removed.value)
      }
      if !value.isNull { return value }
      if args.count > 1 { return retain(args[1]) }
      throw raiseKeyError(key)
    case .weakValuesSetdefault:
      let key = try argument(0, 1...2)
      if let wr = try dictGet(data, key: key), !liveReferent(wr).isNull {
        return retain(liveReferent(wr))
      }
      try weakValuesStore(receiver, data: data, key: key, value: optional(1))
      return retain(optional(1))
    case .weakValuesUpdate:
      try weakMappingUpdate(receiver, args.first ?? heap.none, keywords: keywords, weakValues: true)
    case .weakValuesCopy:
      let copy = heap.newInstance(of: weakrefModuleClass("WeakValueDictionary"))
      try initWeakMapping(copy, weakValues: true)
      let copyData = try instanceAttribute(copy, "data")!
      for wr in heap.dictEntries(data).map(\.value) where !liveReferent(wr).isNull {
        try weakValuesStore(copy, data: copyData, key: heap.keyedRefKey(wr), value: liveReferent(wr))
      }
      return copy
    case .weakValuesValuerefs:
      return heap.newList(heap.dictEntries(data).map { retain($0.value) })

    // WeakKeyDictionary
    case .weakKeysInit:
      try initWeakMapping(receiver, weakValues: false)
      let source = args.first ?? keywords.first { $0.0 == "dict" }?.1 ?? heap.none
      if source != heap.none { try weakMappingUpdate(receiver, source, keywords: [], weakValues: false) }
    case .weakKeysGetitem:
      let wr = try basicWeakref(to: try argument(0, 1...1))
      defer { drop(wr) }
      guard let value = try dictGet(data, key: wr) else { throw raiseKeyError(wr) }
      return retain(value)
    case .weakKeysSetitem:
      _ = try argument(0, 2...2)
      try weakKeysStore(receiver, data: data, key: args[0], value: args[1])
    case .weakKeysContains:
      let key = try argument(0, 1...1)
      guard acceptsWeakReferences(key) else { return heap.newBool(false) }
      let wr = try basicWeakref(to: key)
      defer { drop(wr) }
      return heap.newBool(try dictGet(data, key: wr) != nil)
    case .weakKeysGet:
      let wr = try basicWeakref(to: try argument(0, 1...2))
      defer { drop(wr) }
      return retain(try dictGet(data, key: wr) ?? optional(1))
    case .weakKeysKeys, .weakKeysValues, .weakKeysItems:
      let mode: WeakMappingIteration =
        builtin == .weakKeysKeys ? .keyKeys : (builtin == .weakKeysValues ? .keyValues : .keyItems)
      var flat: [ObjectID] = []
      for entry in heap.dictEntries(data) {
        flat.append(entry.key)
        flat.append(entry.value)
      }
      return newWeakMappingIterator(flat, mode: mode)
    case .weakKeysKeyrefs:
      var keys: [ObjectID] = []
      for entry in heap.dictEntries(data) { keys.append(retain(entry.key)) }
      return heap.newList(keys)
    case .weakKeysPop:
      let key = try argument(0, 1...2)
      try storeInstanceAttribute(receiver, "_dirty_len", heap.trueObject)
      let wr = try basicWeakref(to: key)
      defer { drop(wr) }
      if let value = try dictPop(data, key: wr, hash: try hash(wr)) { return value }
      if args.count > 1 { return retain(args[1]) }
      throw raiseKeyError(wr)
    case .weakKeysSetdefault:
      let key = try argument(0, 1...2)
      let wr = try newWeakref(to: key, callback: try weakMappingCallback(receiver))
      defer { drop(wr) }
      if let existing = try dictGet(data, key: wr) { return retain(existing) }
      try dictSet(data, key: wr, value: optional(1))
      return retain(optional(1))
    case .weakKeysUpdate:
      try weakMappingUpdate(receiver, args.first ?? heap.none, keywords: keywords, weakValues: false)
    case .weakKeysCopy:
      let copy = heap.newInstance(of: weakrefModuleClass("WeakKeyDictionary"))
      try initWeakMapping(copy, weakValues: false)
      let copyData = try instanceAttribute(copy, "data")!
      for entry in heap.dictEntries(data) where !liveReferent(entry.key).isNull {
        try weakKeysStore(copy, data: copyData, key: liveReferent(entry.key), value: entry.value)
      }
      return copy
    default:
      preconditionFailure("\(builtin) is not a method of the weakref module's classes")
    }
    return retain(heap.none)
  }

  // MARK: WeakValueDictionary and WeakKeyDictionary

  /// The body of `__init__` up to `update`: the attributes in CPython's
  /// order, with the `remove` callback and its weakref to the instance.
  private mutating func initWeakMapping(_ instance: ObjectID, weakValues: Bool) throws {
    func store(_ name: String, _ value: ObjectID) throws {
      defer { drop(value) }
      try storeInstanceAttribute(instance, name, value)
    }
    if !weakValues { try store("data", heap.newDict()) }
    let selfRef = try basicWeakref(to: instance)
    let defaults =
      weakValues
      ? heap.newTuple([selfRef, retain(builtinObjects[Builtin.weakValuesRemoveDeadWeakref.rawValue])])
      : heap.newTuple([selfRef])
    let remove = heap.newFieldsObject(
      kind: .builtinMethod, type: .builtinFunction, refs: [defaults],
      index: (weakValues ? Builtin.weakValuesRemove : .weakKeysRemove).rawValue,
      size: heap.layouts.fixedBlockSize(.function)!)
    try store("_remove", remove)
    try store("_pending_removals", heap.newList([]))
    try store("_iterating", heap.newSetObject(frozen: false))
    if weakValues {
      try store("data", heap.newDict())
    } else {
      try storeInstanceAttribute(instance, "_dirty_len", heap.falseObject)
    }
  }

  /// The referent of a weakref stored by a weak mapping, null when it is
  /// dead — or when the scenario stored something else there.
  func liveReferent(_ object: ObjectID) -> ObjectID {
    let kind = heap.kind(of: object)
    return kind == .weakref || kind == .weakproxy ? heap.weakrefReferent(object) : .null
  }

  /// The six slots of a `finalize._Info` (nil for anything else).
  func finalizerInfoSlots(_ info: ObjectID) -> [ObjectID]? {
    guard heap.kind(of: info) == .slotsInstance, heap.type(of: info) == finalizerClassAttribute("_Info")
    else {
      return nil
    }
    return heap.instanceSlots(info)
  }

  /// `self._remove` (owned).
  private mutating func weakMappingCallback(_ instance: ObjectID) throws -> ObjectID {
    guard let remove = try instanceAttribute(instance, "_remove") else {
      throw raise(.attributeError, "'\(try typeName(of: instance))' object has no attribute '_remove'")
    }
    return retain(remove)
  }

  /// `self.data[key] = KeyedRef(value, self._remove, key)`.
  private mutating func weakValuesStore(_ instance: ObjectID, data: ObjectID, key: ObjectID, value: ObjectID)
    throws
  {
    guard acceptsWeakReferences(value) else {
      throw raise(.typeError, "cannot create weak reference to '\(try typeName(of: value))' object")
    }
    let callback = try weakMappingCallback(instance)
    let keyed = heap.newKeyedRef(
      to: value, callback: callback, key: retain(key), keyedRefClass: weakrefModuleClass("KeyedRef"))
    defer { drop(keyed) }
    try dictSet(data, key: key, value: keyed)
  }

  /// `self.data[ref(key, self._remove)] = value`.
  private mutating func weakKeysStore(_ instance: ObjectID, data: ObjectID, key: ObjectID, value: ObjectID)
    throws
  {
    let wr = try newWeakref(to: key, callback: try weakMappingCallback(instance))
    defer { drop(wr) }
    try dictSet(data, key: wr, value: value)
  }

  /// The (key, value) pairs of `update`'s argument and keywords (owned).
  private mutating func updatePairs(_ other: ObjectID, keywords: [(String, ObjectID)]) throws -> [(
    ObjectID, ObjectID
  )] {
    var pairs: [(ObjectID, ObjectID)] = []
    if other != heap.none {
      var source = other
      if heap.kind(of: other) == .dict {
        for entry in heap.dictEntries(other) { pairs.append((retain(entry.key), retain(entry.value))) }
        source = .null
      } else if heap.kind(of: other).isInstance, try lookupType(heap.type(of: other), "items") != nil {
        let method = try getAttribute(other, "items")
        defer { drop(method) }
        source = try callObject(method, [])
      } else {
        source = retain(other)
      }
      if !source.isNull {
        defer { drop(source) }
        let sequence = try collect(source)
        for (index, pair) in sequence.enumerated() {
          do {
            pairs.append(try updateSequencePair(pair, index: index))
          } catch {
            for rest in sequence[(index + 1)...] { drop(rest) }
            for (key, value) in pairs {
              drop(key)
              drop(value)
            }
            throw error
          }
        }
      }
    }
    for (name, value) in keywords { pairs.append((heap.newStr(name), retain(value))) }
    return pairs
  }

  /// `update(other, **kwargs)` of either mapping: every pair stored as
  /// `__setitem__` stores it (weak values or weak keys).
  private mutating func weakMappingUpdate(
    _ instance: ObjectID, _ other: ObjectID, keywords: [(String, ObjectID)], weakValues: Bool
  ) throws {
    let pairs = try updatePairs(other, keywords: keywords)
    defer {
      for (key, value) in pairs {
        drop(key)
        drop(value)
      }
    }
    guard let data = try instanceAttribute(instance, "data") else { return }
    for (key, value) in pairs {
      if weakValues {
        try weakValuesStore(instance, data: data, key: key, value: value)
      } else {
        try weakKeysStore(instance, data: data, key: key, value: value)
      }
    }
  }

  /// The `remove` closure of either mapping, called with the dead weakref:
  /// `defaults[0]` is the weakref to the mapping.
  private mutating func weakMappingRemoveCallback(_ builtin: Builtin, defaults: ObjectID, _ wr: ObjectID)
    throws
    -> ObjectID
  {
    let mapping = heap.kind(of: defaults) == .tuple ? liveReferent(heap.item(defaults, 0)) : .null
    guard !mapping.isNull, let data = try instanceAttribute(mapping, "data") else { return retain(heap.none) }
    if builtin == .weakValuesRemove {
      // `_remove_dead_weakref(self.data, wr.key)`: only a dead entry goes.
      let key = heap.keyedRefKey(wr)
      guard !key.isNull, let position = try dictFind(data, key: key, hash: try hash(key)) else {
        return retain(heap.none)
      }
      let value = heap.dictValue(data, at: position)
      if heap.kind(of: value) == .weakref, liveReferent(value).isNull {
        let removed = heap.dictRemove(data, at: position)
        drop(removed.key)
        drop(removed.value)
      }
    } else {
      _ = try dictDelete(data, key: wr)
    }
    return retain(heap.none)
  }

  /// `ref(object)`: the object's callback-less weakref, reused if it exists.
  mutating func basicWeakref(to object: ObjectID) throws -> ObjectID {
    guard acceptsWeakReferences(object) else {
      throw raise(.typeError, "cannot create weak reference to '\(try typeName(of: object))' object")
    }
    let plain = heap.typeObject(.weakref)
    if let existing = heap.weakrefLists[object]?.first(where: {
      heap.kind(of: $0) == .weakref && heap.type(of: $0) == plain && heap.weakrefCallback($0).isNull
    }) {
      return retain(existing)
    }
    return heap.newWeakref(to: object)
  }

  /// `ref(object, callback)` (the callback's reference is stolen).
  private mutating func newWeakref(to object: ObjectID, callback: ObjectID) throws -> ObjectID {
    guard acceptsWeakReferences(object) else {
      drop(callback)
      throw raise(.typeError, "cannot create weak reference to '\(try typeName(of: object))' object")
    }
    return heap.newWeakref(to: object, callback: callback)
  }

  // MARK: Iteration

  /// What a keys()/values()/items() iterator of a weak mapping yields; the
  /// raw value is the iterator's `extra` (0 and 1 are other iterators').
  enum WeakMappingIteration: Int {
    case valueKeys = 2
    case valueValues, valueItems, keyKeys, keyValues, keyItems

    var ofWeakValues: Bool { rawValue <= 4 }
  }

  /// An iterator over a snapshot of a weak mapping's entries: KeyedRefs
  /// (WeakValueDictionary) or key weakref, value pairs (WeakKeyDictionary).
  /// Sized as the generator CPython returns.
  private mutating func newWeakMappingIterator(_ entries: [ObjectID], mode: WeakMappingIteration) -> ObjectID
  {
    let live = entries.filter { !$0.isNull }
    let snapshot = heap.newList(live.map { retain($0) })
    let stackSize: Int
    switch version {
    case .py38: stackSize = 9
    case .py39, .py310: stackSize = 8
    default: stackSize = 6
    }
    let isItems = mode == .valueItems || mode == .keyItems
    let size = heap.layouts.generatorBlockSize(
      CodeShape(locals: isItems ? 4 : 3, cells: 0, frees: 0, stackSize: stackSize))
    return heap.newFieldsObject(
      kind: .listIterator, type: .generator, refs: [snapshot], extra: mode.rawValue, size: size)
  }

  /// The next item of a weak mapping iterator (owned), nil when exhausted.
  mutating func nextWeakMappingItem(_ iterator: ObjectID) -> ObjectID? {
    let fields = heap.fieldsPayload(iterator)
    guard let mode = WeakMappingIteration(rawValue: fields.extra), let snapshot = fields.refs.first,
      !snapshot.isNull
    else { return nil }
    let items = heap.items(snapshot)
    let stride = mode.ofWeakValues ? 1 : 2
    var position = fields.index
    while position + stride <= items.count {
      let wr = items[position]
      position += stride
      let referent = liveReferent(wr)
      if referent.isNull { continue }
      heap.withFields(iterator) { $0.index = position }
      switch mode {
      case .valueKeys: return retain(heap.keyedRefKey(wr))
      case .valueValues: return retain(referent)
      case .valueItems: return heap.newTuple([retain(heap.keyedRefKey(wr)), retain(referent)])
      case .keyKeys: return retain(referent)
      case .keyValues: return retain(items[position - 1])
      case .keyItems: return heap.newTuple([retain(referent), retain(items[position - 1])])
      }
    }
    heap.withFields(iterator) { $0.refs = [.null] }
    drop(snapshot)
    return nil
  }

  // MARK: Weakref hashing and comparison

  /// `hash(wr)` (`weakref_hash`): the referent's hash, cached.
  mutating func weakrefHash(_ weakref: ObjectID) throws -> Int {
    if let cached = heap.weakrefCachedHash(weakref) { return cached }
    let referent = liveReferent(weakref)
    if referent.isNull { throw raise(.typeError, "weak object has gone away") }
    let value = try hash(referent)
    heap.cacheWeakrefHash(weakref, value)
    return value
  }

  /// `wr1 == wr2` / `!=` (`weakref_richcompare`): referents compared while
  /// both live, identity otherwise; nil when it does not apply.
  mutating func weakrefRichCompare(_ left: ObjectID, _ right: ObjectID, _ op: ComparisonOperator) throws
    -> ObjectID?
  {
    guard op == .equal || op == .notEqual, heap.kind(of: left) == .weakref, heap.kind(of: right) == .weakref
    else { return nil }
    let (a, b) = (liveReferent(left), liveReferent(right))
    if a.isNull || b.isNull {
      return heap.newBool((left == right) == (op == .equal))
    }
    return try richCompare(a, b, op)
  }

  /// `sys.getsizeof` of the objects this file sizes itself (KeyedRef, the
  /// mappings' iterators and callbacks); nil for everything else.
  func weakrefModuleSizeOf(_ object: ObjectID) -> Int? {
    switch heap.kind(of: object) {
    case .weakref:
      return heap.type(of: object) == heap.typeObject(.weakref) ? nil : Int(heap.sizes[object.slot])
    case .listIterator:
      return heap.fieldsPayload(object).extra >= 2 ? Int(heap.sizes[object.slot]) : nil
    case .builtinMethod:
      let builtin = Builtin(rawValue: heap.fieldsPayload(object).index)
      return builtin == .weakValuesRemove || builtin == .weakKeysRemove ? Int(heap.sizes[object.slot]) : nil
    default:
      return nil
    }
  }

  // MARK: finalize

  private mutating func callFinalizerMethod(
    _ builtin: Builtin, _ receiver: ObjectID, _ args: [ObjectID], keywords: [(String, ObjectID)]
  ) throws -> ObjectID {
    let registry = finalizerClassAttribute("_registry")
    switch builtin {
    case .finalizerInit:
      guard args.count >= 2 else {
        throw raise(.typeError, "__init__() missing \(2 - args.count) required positional argument")
      }
      try registerFinalizer(
        receiver, object: args[0], function: args[1], Array(args[2...]), keywords: keywords)
    case .finalizerCall:
      let info = try popFinalizerInfo(receiver, registry: registry)
      guard !info.isNull else { return retain(heap.none) }
      defer { drop(info) }
      if finalizerClassAttribute("_shutdown") == heap.trueObject { return retain(heap.none) }
      guard let slots = finalizerInfoSlots(info) else { return retain(heap.none) }
      let kwargs =
        slots[3] == heap.none ? [] : heap.dictEntries(slots[3]).map { (heap.string($0.key), $0.value) }
      return try callObject(slots[1], heap.items(slots[2]), keywords: kwargs)
    case .finalizerDetach, .finalizerPeek:
      guard let info = try dictGet(registry, key: receiver), let slots = finalizerInfoSlots(info) else {
        return retain(heap.none)
      }
      let object = liveReferent(slots[0])
      guard !object.isNull else { return retain(heap.none) }
      if builtin == .finalizerDetach {
        let popped = try popFinalizerInfo(receiver, registry: registry)
        guard !popped.isNull else { return retain(heap.none) }
        defer { drop(popped) }
        return heap.newTuple([
          retain(object), retain(slots[1]), retain(slots[2]),
          slots[3] == heap.none ? heap.newDict() : retain(slots[3]),
        ])
      }
      return heap.newTuple([
        retain(object), retain(slots[1]), retain(slots[2]),
        slots[3] == heap.none ? heap.newDict() : retain(slots[3]),
      ])
    case .finalizerAlive:
      return heap.newBool(try dictGet(registry, key: receiver) != nil)
    case .finalizerAtexit:
      guard let info = try dictGet(registry, key: receiver), let slots = finalizerInfoSlots(info) else {
        return heap.newBool(false)
      }
      return retain(slots[4])
    case .finalizerSetAtexit:
      if let info = try dictGet(registry, key: receiver), let value = args.first {
        let flag = heap.newBool(try isTrue(value))
        defer { drop(flag) }
        try storeInstanceAttribute(info, "atexit", flag)
      }
    case .finalizerRepr:
      let info = try dictGet(registry, key: receiver)
      let object = info.flatMap { finalizerInfoSlots($0) }.map { liveReferent($0[0]) } ?? .null
      let name = try typeName(of: receiver)
      if object.isNull { return heap.newStr("<\(name) object at \(hexAddress(receiver)); dead>") }
      return heap.newStr(
        "<\(name) object at \(hexAddress(receiver)); for '\(try typeName(of: object))' at \(hexAddress(object))>"
      )
    default:
      preconditionFailure("\(builtin) is not a finalize method")
    }
    return retain(heap.none)
  }

  /// `finalize.__init__`: the `_Info` record, its weakref whose callback
  /// is the finalizer itself, and the registry entry.
  private mutating func registerFinalizer(
    _ finalizer: ObjectID, object: ObjectID, function: ObjectID, _ extra: [ObjectID],
    keywords: [(String, ObjectID)]
  ) throws {
    // The call's *args tuple and **kwargs dict come first.
    let args = heap.newTuple(extra.map { retain($0) })
    let kwargs = heap.newDict()
    for (name, value) in keywords {
      let key = heap.newStr(name)
      defer { drop(key) }
      try dictSet(kwargs, key: key, value: value)
    }
    if finalizerClassAttribute("_registered_with_atexit") != heap.trueObject {
      setFinalizerClassAttribute("_registered_with_atexit", heap.trueObject)
    }
    let info = heap.newInstance(of: finalizerClassAttribute("_Info"))
    defer { drop(info) }
    let weakref: ObjectID
    do {
      weakref = try newWeakref(to: object, callback: retain(finalizer))
    } catch {
      drop(args)
      drop(kwargs)
      throw error
    }
    let indexObject = finalizerClassAttribute("_index_iter")
    let index = heap.intValue(indexObject) ?? 0
    let kwargsValue = heap.dictCount(kwargs) > 0 ? kwargs : retain(heap.none)
    if kwargsValue != kwargs { drop(kwargs) }
    let values = [weakref, retain(function), args, kwargsValue, retain(heap.trueObject), retain(indexObject)]
    for (slot, value) in values.enumerated() {
      let old = heap.replaceInstanceSlot(info, slot, with: value)
      precondition(old.isNull, "a fresh finalize._Info has no slot values")
    }
    let next = heap.newInt(index + 1)
    setFinalizerClassAttribute("_index_iter", next)
    drop(next)
    try dictSet(finalizerClassAttribute("_registry"), key: finalizer, value: info)
    setFinalizerClassAttribute("_dirty", heap.trueObject)
  }

  /// `self._registry.pop(self, None)` (owned; null when absent).
  private mutating func popFinalizerInfo(_ finalizer: ObjectID, registry: ObjectID) throws -> ObjectID {
    guard let position = try dictFind(registry, key: finalizer, hash: try hash(finalizer)) else {
      return .null
    }
    let removed = heap.dictRemove(registry, at: position)
    drop(removed.key)
    return removed.value
  }

  /// `finalize._exitfunc`, run by CPython's atexit hook before the main
  /// module is torn down: every live finalizer marked `atexit`, newest
  /// first (re-selecting when a callback created a new one), with the
  /// collector disabled meanwhile; then `_shutdown` is set.
  mutating func runFinalizersAtExit() {
    guard !weakrefModuleClass("finalize").isNull,
      finalizerClassAttribute("_registered_with_atexit") == heap.trueObject
    else { return }
    let registry = finalizerClassAttribute("_registry")
    let reenable = heap.dictCount(registry) > 0 && heap.gc.isEnabled
    if reenable { heap.setGCEnabled(false) }
    var pending: [ObjectID]? = nil
    while heap.dictCount(registry) > 0 {
      if pending == nil || finalizerClassAttribute("_dirty") == heap.trueObject {
        for finalizer in pending ?? [] { drop(finalizer) }
        pending = finalizersForExit(registry)
        setFinalizerClassAttribute("_dirty", heap.falseObject)
      }
      guard let finalizer = pending?.popLast() else { break }
      let saved = pendingException
      pendingException = .null
      do {
        drop(try callObject(finalizer, []))
      } catch is PythonRaise {
        writeError(tracebackText(pendingException))
        clearPending()
      } catch {
        clearPending()
      }
      pendingException = saved
      drop(finalizer)
    }
    for finalizer in pending ?? [] { drop(finalizer) }
    setFinalizerClassAttribute("_shutdown", heap.trueObject)
    if reenable { heap.setGCEnabled(true) }
  }

  /// The `weakref` module goes with `sys.modules` at shutdown, and the
  /// finalizers still registered (atexit off) with it: their callbacks never
  /// run, and what their arguments held is released.
  mutating func dropFinalizerRegistry() {
    guard !weakrefModuleClass("finalize").isNull else { return }
    let registry = finalizerClassAttribute("_registry")
    for reference in heap.dictClear(registry) { drop(reference) }
  }

  /// `_select_for_exit`: live finalizers marked atexit, oldest first (owned).
  private mutating func finalizersForExit(_ registry: ObjectID) -> [ObjectID] {
    var selected: [(index: Int, finalizer: ObjectID)] = []
    for entry in heap.dictEntries(registry) {
      guard let slots = finalizerInfoSlots(entry.value), slots[4] == heap.trueObject else { continue }
      selected.append((heap.intValue(slots[5]) ?? 0, entry.key))
    }
    return selected.sorted { $0.index < $1.index }.map { retain($0.finalizer) }
  }
}
