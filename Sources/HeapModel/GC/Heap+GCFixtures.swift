// Minimal classes and instances for exercising the collector before the
// interpreter's own class machinery exists in HeapModel. They are real rows
// (kinds `.type` and `.instance`, payloads in the class and instance stores,
// blocks from the modelled allocator) but skip everything a class statement
// does beyond what the collector looks at: the namespace, the base, the
// `__del__` flag, and per-instance attribute storage — a separate dict
// object in 3.8–3.10, inline values in 3.11+, as CPython keeps them.
// Block sizes are the measured sizes of a plain class's objects; the
// interpreter's own constructors supersede these for scenarios.

extension Heap {
  /// A heap class deriving from `object` (+1 reference), optionally defining
  /// `__del__`; tracked, like every class.
  public mutating func makeMinimalClass(name: String, hasFinalizer: Bool = false) -> ObjectID {
    var payload = ClassPayload(
      name: name, qualifiedName: name, base: typeObject(.object), builtinBase: .object, version: version)
    payload.hasFinalizer = hasFinalizer
    let slot = classes.insert(payload)
    classNamespacesChanged()
    let id = allocateObject(
      kind: .type, type: typeObject(.type), size: layouts.typeBlockSize(), payload: Int64(slot))
    countGCAllocation()
    track(id)
    return id
  }

  /// An instance of a class made by `makeMinimalClass` (+1 reference; the
  /// instance holds a reference to its class).
  public mutating func makeMinimalInstance(of cls: ObjectID) -> ObjectID {
    incref(cls)
    let slot = instances.insert(InstancePayload())
    let size = version >= .py313 ? 80 : 48
    let id = allocateObject(kind: .instance, type: cls, size: size, payload: Int64(slot))
    countGCAllocation()
    track(id)
    return id
  }

  /// `obj.name = value` on a minimal instance (the value's reference is
  /// stolen; an existing value is dropped without running Python code).
  /// 3.8–3.10 store it in a `__dict__` dict object created on first use;
  /// 3.11+ inline.
  public mutating func setMinimalAttribute(_ obj: ObjectID, _ name: String, _ value: ObjectID) {
    let key = intern(name)
    let hash = name.hashValue
    let slot = Int(payloads[obj.slot])
    if version >= .py311 {
      if let position = findInlineAttribute(obj, hash: hash, { $0 == key }) {
        let old = replaceInlineAttribute(obj, at: position, with: value)
        decref(key)
        decref(old)
      } else {
        appendInlineAttribute(obj, hash: hash, key: key, value: value)
      }
      return
    }
    if instances[slot].dict.isNull { instances[slot].dict = newDict() }
    let dict = instances[slot].dict
    if let position = dictTable(dict).find(hash: hash, { $0 == key }) {
      decref(key)
      decref(dictReplaceValue(dict, at: position, with: value))
    } else {
      dictInsertNew(dict, hash: hash, key: key, value: value)
    }
  }

  /// The value of a minimal instance's attribute (borrowed), or null.
  public func minimalAttribute(_ obj: ObjectID, _ name: String) -> ObjectID {
    guard let key = internedString(name) else { return .null }
    let dict = instances[Int(payloads[obj.slot])].dict
    if dict.isNull {
      guard let position = findInlineAttribute(obj, hash: name.hashValue, { $0 == key }) else { return .null }
      return inlineAttributeValue(obj, at: position)
    }
    let table = dictTable(dict)
    guard let position = table.find(hash: name.hashValue, { $0 == key }) else { return .null }
    return table.values[position]
  }
}
