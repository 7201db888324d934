// Static objects that stand for what a pure-Python stdlib module created
// when the scenario imported it.
//
// `weakref.WeakValueDictionary`, `WeakKeyDictionary`, `finalize` and
// `KeyedRef` are classes of Lib/weakref.py. CPython builds them (and the
// class-level `finalize._registry` dict) while executing `import weakref`,
// which heapscope does not model: the module objects are static, outside the
// pymalloc heap. These helpers create such module-level objects the same way
// — a row without a pymalloc block, never tracked and never counted by the
// collector — so that everything a scenario creates *afterwards* (instances,
// their dicts, the registry's keys table) is allocated exactly where CPython
// allocates it.
//
// Invariant: a static row is never deallocated (`decrementReachesZero`
// refuses static rows), so its payload slot stays valid for the run.

extension Heap {
  /// A static str (not interned, no block): a key of a static namespace.
  public mutating func newStaticStr(_ text: String) -> ObjectID {
    let slot = strs.insert(text)
    return addStatic(kind: .str, type: typeObject(.str), payload: Int64(slot))
  }

  /// A static, initially empty dict. Its keys table is allocated from
  /// pymalloc on the first insertion, as CPython's empty dict's is.
  public mutating func newStaticDict() -> ObjectID {
    let slot = dicts.insert(DictPayload())
    return addStatic(kind: .dict, type: typeObject(.dict), payload: Int64(slot))
  }

  /// A static fields object (a `property` of a static class, …); `refs` are
  /// stolen.
  public mutating func newStaticFieldsObject(kind: ObjectKind, type: BuiltinType, refs: [ObjectID])
    -> ObjectID
  {
    let slot = fields.insert(FieldsPayload(refs: refs))
    return addStatic(kind: kind, type: typeObject(type), payload: Int64(slot))
  }

  /// A static class deriving from `base` (a builtin type object), with the
  /// namespace entries given (references stolen). `slotNames` as for
  /// `newClass`: non-nil means `__slots__`, hence no `__dict__` and no
  /// `__weakref__` unless named. No companion blocks are allocated; a
  /// growing shared-keys table allocates (and keeps) its new block.
  public mutating func newStaticClass(
    name: String, qualifiedName: String, base: ObjectID,
    namespace: [(hash: Int, key: ObjectID, value: ObjectID)], slotNames: [String]?
  ) -> ObjectID {
    let builtinBase = builtinType(of: base) ?? .object
    var payload = ClassPayload(
      name: name, qualifiedName: qualifiedName, base: base, builtinBase: builtinBase, version: version)
    for entry in namespace { payload.namespace.append(hash: entry.hash, key: entry.key, value: entry.value) }
    if let slotNames {
      payload.slotNames = slotNames.filter { $0 != "__dict__" && $0 != "__weakref__" }
      payload.hasInstanceDict = slotNames.contains("__dict__")
      payload.hasWeakrefSlot = slotNames.contains("__weakref__")
    }
    let slot = classes.insert(payload)
    classNamespacesChanged()
    return addStatic(kind: .type, type: typeObject(.type), payload: Int64(slot))
  }

  /// Replaces the value of an existing namespace entry of a class (the old
  /// value's reference is returned to the caller; `value`'s is stolen).
  /// Nil when the class has no such entry.
  public mutating func replaceClassAttribute(_ cls: ObjectID, hash: Int, name: String, with value: ObjectID)
    -> ObjectID?
  {
    let slot = Int(payloads[cls.slot])
    let table = classes[slot].namespace
    let found = table.find(hash: hash) { kinds[$0.slot] == .str && CodePoints.equal(string($0), name) }
    guard let position = found else { return nil }
    classNamespacesChanged()
    return classes[slot].namespace.setValue(value, at: position)
  }
}
