// Attribute access: CPython's generic getattr for instances (data
// descriptors on the class, then the instance's own attributes, then the
// class attribute, binding functions into new method objects), type
// attributes, module attributes and the methods of builtin types (each
// `obj.method` access allocates a builtin-method object, as CPython does;
// `obj.method(...)` through `loadMethod` allocates nothing).

import Foundation
import HeapModel

extension Interpreter {
  /// The attribute `name` of `object` (owned); `getAttribute` adds the
  /// AttributeError's context (Interpreter+Suggestions.swift). `interned`
  /// is the compiler's interned str for `name` when the caller has it (a
  /// LOAD_ATTR): class namespaces and instance attributes are keyed by that
  /// very object, so the lookups compare ids instead of text.
  /// `site` is the instruction's attribute site (`attributeSites`; −1:
  /// none), used with `interned` and `hash`.
  mutating func lookUpAttribute(
    _ object: ObjectID, _ name: String, hash: Int? = nil, interned: ObjectID = .null, site: Int = -1
  ) throws -> ObjectID {
    let kind = heap.kind(of: object)
    if site >= 0, let hash, !interned.isNull, kind == .instance || kind == .slotsInstance,
      let value = instanceValueAtSite(object, name, hash: hash, interned: interned, site: site),
      !value.isNull
    {
      return retain(value)
    }
    return try lookUpAttributeGenerally(object, name, hash: hash, interned: interned, kind: kind)
  }

  /// `lookUpAttribute` without an attribute site (apart, so that the
  /// site's path does not pay for this one's frame).
  @inline(never)
  private mutating func lookUpAttributeGenerally(
    _ object: ObjectID, _ name: String, hash: Int?, interned: ObjectID, kind: ObjectKind
  ) throws -> ObjectID {
    switch kind {
    case .instance, .slotsInstance, .exception, .stopIteration, .attributeError:
      let cls = heap.type(of: object)
      let hash = hash ?? PyHash.hash(name, version: version)
      let classAttribute = try lookupType(cls, name, hash: hash, interned: interned)
      if let classAttribute, heap.kind(of: classAttribute) == .property {
        let getter = propertyField(classAttribute, 0)
        if getter.isNull { throw missingPropertyFunction(classAttribute, of: object, "getter") }
        return try callObject(getter, [object])
      }
      if name.utf8.first == UInt8(ascii: "_") {  // spares two string comparisons
        if name == "__class__" { return retain(cls) }
        if name == "__dict__", kind == .instance { return retain(heap.instanceDictObject(object)) }
      }
      if let value = try instanceAttribute(object, name, hash: hash, interned: interned) {
        return retain(value)
      }
      if kind == .exception || kind == .stopIteration || kind == .attributeError,
        let value = exceptionAttribute(object, name)
      {
        return retain(value)
      }
      if let classAttribute { return try bindClassAttribute(classAttribute, instance: object, owner: cls) }
      if let method = builtinMethod(for: object, name) { return bindBuiltinMethod(method, object) }
      throw try missingAttribute(object, name)
    case .type, .builtinType:
      if let value = try typeAttribute(object, name) { return value }
      throw try missingTypeAttribute(object, name)
    case .module:
      if let value = try namespaceLookup(moduleNamespace(object), name) { return value }
      throw raise(.attributeError, "module '\(moduleName(object))' has no attribute '\(name)'")
    case .function:
      let payload = heap.function(object)
      switch name {
      case "__name__": return retain(payload.name)
      case "__qualname__": return retain(payload.qualifiedName)
      case "__defaults__": return retain(payload.defaults.isNull ? heap.none : payload.defaults)
      case "__closure__": return retain(payload.closure.isNull ? heap.none : payload.closure)
      case "__globals__": return retain(payload.globals)
      default: break
      }
    case .boundMethod:
      let refs = heap.fieldsPayload(object).refs
      switch name {
      case "__self__": return retain(refs[1])
      case "__func__": return retain(refs[0])
      case "__name__", "__qualname__": return try getAttribute(refs[0], name)
      default: break
      }
    case .superObject:
      let refs = heap.fieldsPayload(object).refs
      let (cls, target) = (refs[0], refs[1])
      var current = baseClass(of: cls)
      let hash = PyHash.hash(name, version: version)
      while let candidate = current, heap.kind(of: candidate) == .type {
        let namespace = heap.classPayload(candidate).namespace
        if let position = namespace.find(
          hash: hash, { heap.kind(of: $0) == .str && CodePoints.equal(heap.string($0), name) })
        {
          let owner = heap.kind(of: target) == .type ? target : heap.type(of: target)
          if heap.kind(of: target) == .type, heap.kind(of: namespace.values[position]) == .function {
            return retain(namespace.values[position])
          }
          return try bindClassAttribute(namespace.values[position], instance: target, owner: owner)
        }
        current = baseClass(of: candidate)
      }
      if let builtin = current.flatMap(builtinClassOf) {
        var type: BuiltinType? = builtin
        while let search = type {
          if let method = Builtin.method(of: search, named: name) {
            return newBuiltinMethod(method, self: target)
          }
          type = search.base
        }
      }
      throw raise(.attributeError, "'super' object has no attribute '\(name)'")
    case .weakref:
      if name == "key", !heap.keyedRefKey(object).isNull { return retain(heap.keyedRefKey(object)) }
      if name == "__callback__" {
        let callback = heap.weakrefCallback(object)
        return retain(callback.isNull ? heap.none : callback)
      }
    case .builtinMethod where name == "__self__":
      return retain(heap.fieldsPayload(object).refs[0])
    case .weakproxy:
      let referent = heap.weakrefReferent(object)
      if referent.isNull { throw raise(.referenceError, "weakly-referenced object no longer exists") }
      return try getAttribute(referent, name)
    case .property:
      if let index = ["fget", "fset", "fdel", "__doc__"].firstIndex(of: name) {
        let field = propertyField(object, index)
        return retain(field.isNull ? heap.none : field)
      }
    case .cell:
      if name == "cell_contents" {
        let content = heap.fieldsPayload(object).refs[0]
        if content.isNull { throw raise(.valueError, "Cell is empty") }
        return retain(content)
      }
    case .traceback:
      let fields = heap.fieldsPayload(object)
      switch name {
      case "tb_next": return retain(fields.refs[0].isNull ? heap.none : fields.refs[0])
      case "tb_frame": return retain(fields.refs[1].isNull ? heap.none : fields.refs[1])
      case "tb_lineno": return heap.newInt(fields.index)
      default: break
      }
    default:
      break
    }
    if name == "__class__" { return retain(heap.type(of: object)) }
    if let value = try numberAttribute(object, name) { return value }
    if let method = builtinMethod(for: object, name) { return bindBuiltinMethod(method, object) }
    throw try missingAttribute(object, name)
  }

  /// CPython's AttributeError for `cls.name`, or the unsupported stop when
  /// CPython's type (or a builtin base of it, or the metatype `type`) has
  /// that attribute in this version: `dict.fromkeys` exists in CPython
  /// even when the model lacks a method.
  mutating func missingTypeAttribute(_ cls: ObjectID, _ name: String) throws -> Error {
    let bit = UInt8(1) << (version.minor - 8)
    var owners = ["type"]
    var builtin = builtinClassOf(cls)
    while let type = builtin {
      owners.append(type.name)
      builtin = type.base
    }
    for owner in owners {
      if let versions = CPythonTypeAttributes.masks[owner]?[name], versions & bit != 0 {
        let shown = owner == "type" ? typeDisplayName(cls) : owner
        return InterpreterStop.unsupported(feature: "\(shown).\(name)", line: currentLine)
      }
    }
    if attributeProbeDepth == frames.count { return AttributeProbeMiss() }
    return raise(.attributeError, "type object '\(typeDisplayName(cls))' has no attribute '\(name)'")
  }

  /// CPython's AttributeError for `object.name`, or, when CPython's type has
  /// that attribute in this version (`CPythonTypeAttributes`), the stop that
  /// says the model lacks it: an AttributeError there would be output CPython
  /// never writes.
  mutating func missingAttribute(_ object: ObjectID, _ name: String) throws -> Error {
    let typeName = try typeName(of: object)
    let kind = heap.kind(of: object)
    let owner: String
    if kind == .instance || kind == .slotsInstance {
      owner = "object"
    } else if kind == .exception || kind == .stopIteration || kind == .attributeError {
      owner = "BaseException"
    } else {
      owner = typeName
    }
    if let versions = CPythonTypeAttributes.masks[owner]?[name], versions & (1 << (version.minor - 8)) != 0 {
      return InterpreterStop.unsupported(feature: "\(owner).\(name)", line: currentLine)
    }
    if kind == .instance, let owner = unmodelledWeakMappingMethod(object, name) {
      return InterpreterStop.unsupported(feature: "\(owner).\(name)", line: currentLine)
    }
    if attributeProbeDepth == frames.count { return AttributeProbeMiss() }
    if version <= .py39, kind == .instance || kind == .slotsInstance,
      heap.slotIndex(ofClass: heap.type(of: object), name: name) != nil
    {
      // An empty slot: its member descriptor's AttributeError is the bare
      // name before 3.10 (`member_get`).
      return raise(.attributeError, name)
    }
    return raise(.attributeError, "'\(typeName)' object has no attribute '\(name)'")
  }

  /// `obj.name` for a call: the unbound function and true when the call can
  /// pass `obj` as the first argument without a bound method.
  /// `site` is the instruction's slot in `methodSiteCache` (-1: none).
  /// `interned` as for `lookUpAttribute`.
  mutating func loadMethod(
    _ object: ObjectID, _ name: String, hash: Int? = nil, interned: ObjectID = .null, site: Int = -1
  ) throws -> (ObjectID, Bool) {
    let kind = heap.kind(of: object)
    let hash = hash ?? PyHash.hash(name, version: version)
    if kind == .instance || kind == .slotsInstance {
      let cls = heap.type(of: object)
      if site >= 0, !interned.isNull {
        let entry = attributeSite(site, cls: cls, name: name, hash: hash, interned: interned)
        let attribute = entry.classAttribute
        if !attribute.isNull, heap.kind(of: attribute) == .function || isBindableBuiltin(attribute) {
          let own =
            try instanceValueAtSite(object, name, hash: hash, interned: interned, site: site, entry: entry)
            ?? instanceAttribute(object, name, hash: hash, interned: interned) ?? .null
          if own.isNull { return (retain(attribute), true) }
        }
      } else if let attribute = try lookupType(cls, name, hash: hash, interned: interned),
        heap.kind(of: attribute) == .function || isBindableBuiltin(attribute),
        try instanceAttribute(object, name, hash: hash, interned: interned) == nil
      {
        return (retain(attribute), true)
      }
    } else if kind != .type && kind != .builtinType && kind != .module && kind != .superObject
      && kind != .weakproxy
    {
      if let method = builtinMethod(for: object, name, site: site) {
        if Builtin.classMethods.contains(method) { return (bindBuiltinMethod(method, object), false) }
        return (retain(builtinObjects[method.rawValue]), true)
      }
    }
    return (try getAttribute(object, name, hash: hash, interned: interned, site: site), false)
  }

  /// A class attribute seen through an instance: functions bind, static and
  /// class methods unwrap.
  mutating func bindClassAttribute(_ attribute: ObjectID, instance: ObjectID, owner: ObjectID) throws
    -> ObjectID
  {
    switch heap.kind(of: attribute) {
    case .function:
      return heap.newBoundMethod(retain(attribute), retain(instance))
    case .staticMethod:
      return retain(heap.fieldsPayload(attribute).refs[0])
    case .classMethod:
      return heap.newBoundMethod(retain(heap.fieldsPayload(attribute).refs[0]), retain(owner))
    case .builtinFunction where isBindableBuiltin(attribute):
      return newBuiltinMethod(Builtin(rawValue: Int(heap.payloads[attribute.slot]))!, self: instance)
    default:
      return retain(attribute)
    }
  }

  /// A method descriptor in a class namespace (it binds like a function).
  func isBindableBuiltin(_ attribute: ObjectID) -> Bool {
    heap.kind(of: attribute) == .builtinFunction
      && Builtin(rawValue: Int(heap.payloads[attribute.slot]))?.isMethod == true
  }

  /// An attribute stored on the instance itself (borrowed).
  func instanceAttribute(_ object: ObjectID, _ name: String, hash: Int? = nil, interned: ObjectID = .null)
    throws
    -> ObjectID?
  {
    if let index = heap.slotIndex(ofClass: heap.type(of: object), name: name) {
      return heap.instanceSlot(object, index)
    }
    let hash = hash ?? PyHash.hash(name, version: version)
    let dict = heap.instanceDict(object)
    if !dict.isNull { return heap.dictValue(dict, name: name, hash: hash, interned: interned) }
    return heap.inlineAttribute(object, name: name, hash: hash, interned: interned)
  }

  /// Looks `name` up along a class's bases (borrowed), user classes only.
  func lookupType(_ cls: ObjectID, _ name: String, hash: Int? = nil, interned: ObjectID = .null) throws
    -> ObjectID?
  {
    let hash = hash ?? PyHash.hash(name, version: version)  // before borrowing the heap
    return heap.lookupClassChain(cls, name: name, hash: hash, interned: interned)
  }

  /// An attribute of a class object (owned), nil when absent.
  mutating func typeAttribute(_ cls: ObjectID, _ name: String) throws -> ObjectID? {
    switch name {
    case "__name__":
      return heap.newStr(typeDisplayName(cls))
    case "__qualname__":
      return heap.newStr(
        heap.kind(of: cls) == .type ? heap.classPayload(cls).qualifiedName : typeDisplayName(cls))
    case "__class__":
      return retain(heap.typeObject(.type))
    case "__mro__" where heap.kind(of: cls) == .type && !heap.classPayload(cls).mro.isNull:
      return retain(heap.classPayload(cls).mro)
    case "__bases__" where heap.kind(of: cls) == .type && !heap.classPayload(cls).bases.isNull:
      return retain(heap.classPayload(cls).bases)
    case "__mro__":
      var chain: [ObjectID] = []
      var current: ObjectID? = cls
      while let candidate = current {
        chain.append(retain(candidate))
        current = baseClass(of: candidate)
      }
      return heap.newTuple(chain)
    case "__base__", "__bases__":
      let base = baseClass(of: cls)
      if name == "__base__" { return retain(base ?? heap.none) }
      return base.map { heap.newTuple([retain($0)]) } ?? retain(heap.emptyTuple)
    default:
      break
    }
    if let attribute = try lookupType(cls, name) {
      switch heap.kind(of: attribute) {
      case .staticMethod: return retain(heap.fieldsPayload(attribute).refs[0])
      case .classMethod:
        return heap.newBoundMethod(retain(heap.fieldsPayload(attribute).refs[0]), retain(cls))
      default: return retain(attribute)
      }
    }
    if let builtin = builtinClassOf(cls), let method = builtinMethod(of: builtin, name) {
      // `classmethod_descriptor.__get__` binds the class in a new object.
      if Builtin.classMethods.contains(method) { return newBuiltinMethod(method, self: cls) }
      return retain(builtinObjects[method.rawValue])
    }
    return nil
  }

  func baseClass(of cls: ObjectID) -> ObjectID? {
    if heap.kind(of: cls) == .type { return heap.classPayload(cls).base }
    guard let builtin = heap.builtinType(of: cls), let base = builtin.base else { return nil }
    return heap.typeObject(base)
  }

  /// The builtin type a class object is or derives from.
  func builtinClassOf(_ cls: ObjectID) -> BuiltinType? {
    if heap.kind(of: cls) == .type { return heap.classPayload(cls).builtinBase }
    return heap.builtinType(of: cls)
  }

  func typeDisplayName(_ cls: ObjectID) -> String {
    if heap.kind(of: cls) == .type { return heap.classPayload(cls).name }
    guard let builtin = heap.builtinType(of: cls) else { return "?" }
    if version >= .py310, let name = Interpreter.weakrefTypeNames[builtin] { return name }
    return builtin.name
  }

  /// 3.10+ names the weak reference types after their `weakref` module
  /// aliases (tp_name "weakref.ReferenceType"); 3.8/3.9 call them weakref,
  /// weakproxy and weakcallableproxy, builtins without a module.
  static let weakrefTypeNames: [BuiltinType: String] = [
    .weakref: "ReferenceType", .weakProxy: "ProxyType", .weakCallableProxy: "CallableProxyType",
  ]

  /// `type.__repr__`'s name: module-qualified for the 3.10+ weakref types.
  func typeReprName(_ cls: ObjectID) -> String {
    let name = typeDisplayName(cls)
    if version >= .py310, let builtin = heap.builtinType(of: cls),
      Interpreter.weakrefTypeNames[builtin] != nil
    {
      return "weakref." + name
    }
    return name
  }

  /// The builtin method `name` of `object`'s builtin type, if any.
  /// With a `site` (a method-loading instruction), the answer for the
  /// builtin type seen there last is remembered: builtin types cannot
  /// change, so the cache is never stale (a monomorphic inline cache that
  /// spares two string-keyed table lookups per `list.append` call).
  /// LOAD_METHOD's common case in one pass: a value of a builtin type
  /// (its type object is the builtin type itself) whose method this site
  /// found before (`methodSiteCache`). Returns the method descriptor,
  /// borrowed, that `loadMethod` would return bound for it; nil, with
  /// nothing changed, for anything else (`loadMethod` then decides).
  @inline(__always)
  func cachedBuiltinMethod(_ object: ObjectID, site: Int) -> ObjectID? {
    switch heap.kinds[object.slot] {
    case .instance, .slotsInstance, .type, .builtinType, .module, .superObject, .weakproxy: return nil
    default: break
    }
    let cls = heap.types[object.slot]
    guard heap.kinds[cls.slot] == .builtinType else { return nil }
    let cached = methodSiteCache[site]
    guard cached >> 16 == UInt32(truncatingIfNeeded: heap.payloads[cls.slot] &+ 1), cached & 0xffff != 0xffff
    else { return nil }
    let method = Int(cached & 0xffff)
    guard !builtinTraits[method].isClassMethod else { return nil }
    return builtinObjects[method]
  }

  mutating func builtinMethod(for object: ObjectID, _ name: String, site: Int) -> Builtin? {
    var cls = heap.type(of: object)
    while heap.kind(of: cls) == .type { cls = heap.classPayload(cls).base }
    guard let builtin = heap.builtinType(of: cls) else { return nil }
    guard site >= 0 else { return builtinMethod(of: builtin, name) }
    let tag = UInt32(builtin.rawValue + 1) << 16
    let cached = methodSiteCache[site]
    if cached & 0xffff_0000 == tag {
      return cached & 0xffff == 0xffff ? nil : Builtin(rawValue: Int(cached & 0xffff))
    }
    let method = builtinMethod(of: builtin, name)
    methodSiteCache[site] = tag | UInt32(method?.rawValue ?? 0xffff)
    return method
  }

  func builtinMethod(for object: ObjectID, _ name: String) -> Builtin? {
    var cls = heap.type(of: object)
    while heap.kind(of: cls) == .type { cls = heap.classPayload(cls).base }
    guard let builtin = heap.builtinType(of: cls) else { return nil }
    return builtinMethod(of: builtin, name)
  }

  /// The method `name` of a builtin type or its builtin bases.
  func builtinMethod(of type: BuiltinType, _ name: String) -> Builtin? {
    var builtin = type
    while true {
      if let method = Builtin.method(of: builtin, named: name) {
        return method.isAvailable(in: version) ? method : nil
      }
      guard let base = builtin.base else { return nil }
      builtin = base
    }
  }

  /// `object.method` for a builtin method: bound to the object, or to its
  /// type for a class method.
  mutating func bindBuiltinMethod(_ method: Builtin, _ object: ObjectID) -> ObjectID {
    newBuiltinMethod(method, self: Builtin.classMethods.contains(method) ? heap.type(of: object) : object)
  }

  mutating func newBuiltinMethod(_ method: Builtin, self object: ObjectID) -> ObjectID {
    heap.newFieldsObject(
      kind: .builtinMethod, type: .builtinFunction, refs: [retain(object)], index: method.rawValue,
      size: heap.layouts.fixedBlockSize(.builtinMethod)!)
  }

  // MARK: Setting and deleting

  /// `object.name = value` (borrowed value); `interned` as for `lookUpAttribute`.
  /// `site` as for `lookUpAttribute`.
  mutating func setAttribute(
    _ object: ObjectID, _ name: String, _ value: ObjectID, hash: Int? = nil, interned: ObjectID = .null,
    site: Int = -1
  ) throws {
    // CPython's STORE_ATTR_INSTANCE_VALUE: a plain instance whose class the
    // site knows (same class, same class epoch, no property, no slot), and
    // a store `Heap.storeInlineAttribute` settles (a known key replaced, or
    // the next shared key appended). One read of the site, one heap call.
    if site >= 0, let hash, !interned.isNull, heap.kind(of: object) == .instance {
      let entry = attributeSites[site]
      if entry.cls == heap.type(of: object), entry.epoch == heap.classEpoch, entry.storesToInstance,
        entry.slot < 0
      {
        var position = entry.position
        if let old = heap.storeInlineAttribute(
          object, key: interned, name: name, hash: hash, value: value, hint: &position)
        {
          if position != entry.position { attributeSites[site].position = position }
          drop(old)
          return
        }
      }
    }
    try setAttributeAtSite(object, name, value, hash: hash, interned: interned, site: site)
  }

  /// `setAttribute` past its inline-values path: the site's other answers
  /// (a slot, a dict entry, a store that needs a decision), then the
  /// general one.
  @inline(never)
  private mutating func setAttributeAtSite(
    _ object: ObjectID, _ name: String, _ value: ObjectID, hash: Int?, interned: ObjectID, site: Int
  ) throws {
    let hash = hash ?? PyHash.hash(name, version: version)
    let kind = heap.kind(of: object)
    if site >= 0, !interned.isNull, kind == .instance || kind == .slotsInstance {
      let entry = attributeSite(site, cls: heap.type(of: object), name: name, hash: hash, interned: interned)
      if entry.storesToInstance {
        try storeAttributeAtSite(
          object, name, value, hash: hash, interned: interned, site: site, entry: entry)
        return
      }
    }
    try setAttributeGenerally(object, name, value, hash: hash, interned: interned, kind: kind)
  }

  /// `setAttribute` without an attribute site (apart, so that the site's
  /// path does not pay for this one's frame).
  @inline(never)
  private mutating func setAttributeGenerally(
    _ object: ObjectID, _ name: String, _ value: ObjectID, hash: Int, interned: ObjectID, kind: ObjectKind
  ) throws {
    switch kind {
    case .instance, .slotsInstance, .exception, .stopIteration, .attributeError:
      let cls = heap.type(of: object)
      if let attribute = try lookupType(cls, name, hash: hash, interned: interned),
        heap.kind(of: attribute) == .property
      {
        let setter = propertyField(attribute, 1)
        if setter.isNull { throw missingPropertyFunction(attribute, of: object, "setter") }
        drop(try callObject(setter, [object, value]))
        return
      }
      if heap.kind(of: object) != .instance, heap.kind(of: object) != .slotsInstance,
        try setExceptionAttribute(object, name, value)
      {
        return
      }
      try storeInstanceAttribute(object, name, value, hash: hash, interned: interned)
    case .type:
      let key = internedName(name, interned)
      heap.incref(value)
      var old = ObjectID.null
      heap.withClass(object) { payload in
        if let position = payload.namespace.find(hash: hash, { $0 == key }) {
          old = payload.namespace.setValue(value, at: position)
        } else {
          payload.namespace.append(hash: hash, key: key, value: value)
          old = .null
        }
      }
      heap.noteClassAttributeStored(object, value: value)
      if !old.isNull { drop(key) }
      drop(old)
    case .weakproxy:
      // `proxy_setattr`: the store goes to the referent.
      let referent = try liveProxyReferent(object)
      defer { drop(referent) }
      try setAttribute(referent, name, value)
    default:
      throw raise(
        .attributeError, "'\(try typeName(of: object))' object has no attribute '\(name)'\(noDictDetail)")
    }
  }

  /// A weak proxy's referent (owned for the operation), or the
  /// ReferenceError of a dead proxy.
  mutating func liveProxyReferent(_ proxy: ObjectID) throws -> ObjectID {
    let referent = heap.weakrefReferent(proxy)
    if referent.isNull { throw raise(.referenceError, "weakly-referenced object no longer exists") }
    return retain(referent)
  }

  /// The class name when `name` is a method CPython's weak mapping has
  /// (its own or a `MutableMapping` mixin) that the model's static class
  /// lacks: such a lookup is refused as unmodelled, not answered with an
  /// AttributeError CPython would never raise.
  func unmodelledWeakMappingMethod(_ object: ObjectID, _ name: String) -> String? {
    let cls = heap.type(of: object)
    let mixins: Set<String> = ["clear", "popitem", "__copy__", "__deepcopy__", "__eq__", "__ne__"]
    let operators: Set<String> = version >= .py39 ? ["__or__", "__ror__", "__ior__"] : []
    for owner in ["WeakValueDictionary", "WeakKeyDictionary"] where cls == weakrefModuleClass(owner) {
      let own: Set<String> = owner == "WeakValueDictionary" ? ["itervaluerefs"] : []
      return mixins.union(operators).union(own).contains(name) ? owner : nil
    }
    return nil
  }

  /// What 3.13 adds to the AttributeError of setting or deleting an
  /// attribute an object without a `__dict__` does not have.
  var noDictDetail: String { version >= .py313 ? " and no __dict__ for setting new attributes" : "" }

  /// `noSlot`: the caller knows `name` is no `__slots__` slot of the class.
  mutating func storeInstanceAttribute(
    _ object: ObjectID, _ name: String, _ value: ObjectID, hash: Int? = nil, interned: ObjectID = .null,
    noSlot: Bool = false
  ) throws {
    if !noSlot, let index = heap.slotIndex(ofClass: heap.type(of: object), name: name) {
      heap.incref(value)
      drop(heap.replaceInstanceSlot(object, index, with: value))
      return
    }
    if heap.kind(of: object) == .slotsInstance {
      throw raise(
        .attributeError, "'\(try typeName(of: object))' object has no attribute '\(name)'\(noDictDetail)")
    }
    let hash = hash ?? PyHash.hash(name, version: version)
    // Read what is needed as temporaries: a payload copy held across the
    // mutations below would make copy-on-write copy the attribute table.
    let existingDict = heap.instanceDict(object)
    if !existingDict.isNull {
      let key = internedName(name, interned)
      // `dictGet`, then `dictSet` — one probe when it needs no `__eq__`.
      let keyHash = try self.hash(key)
      let found: Int?
      switch heap.probeExactKey(existingDict, key: key, hash: keyHash) {
      case .found(let position): found = position
      case .absent: found = nil
      case .unknown: found = try dictGet(existingDict, key: key) == nil ? nil : -1
      }
      if let found, found >= 0 {
        heap.incref(value)
        drop(heap.dictReplaceValue(existingDict, at: found, with: value))
        drop(key)
        return
      }
      // A new name: the shared keys (or the dict's own table) grow first.
      if found == nil { _ = heap.prepareNewAttribute(object, name: name, hash: hash) }
      try dictSet(existingDict, key: key, value: value)
      drop(key)
      return
    }
    if let position = heap.inlineAttributePosition(object, name: name, hash: hash, interned: interned) {
      heap.incref(value)
      drop(heap.replaceInlineAttribute(object, at: position, with: value))
      return
    }
    let dict = heap.prepareNewAttribute(object, name: name, hash: hash)
    let key = internedName(name, interned)
    if !dict.isNull {
      try dictSet(dict, key: key, value: value)
      drop(key)
      return
    }
    heap.incref(value)
    heap.appendInlineAttribute(object, hash: hash, key: key, value: value)
  }

  /// The interned str for `name` (+1): the compiler's `interned` when
  /// given — the object `heap.intern(name)` would find, since the code
  /// object keeps it alive — without hashing the text.
  @inline(__always) mutating func internedName(_ name: String, _ interned: ObjectID) -> ObjectID {
    interned.isNull ? heap.intern(name) : retain(interned)
  }

  mutating func deleteAttribute(_ object: ObjectID, _ name: String) throws {
    let kind = heap.kind(of: object)
    if kind == .weakproxy {
      let referent = try liveProxyReferent(object)
      defer { drop(referent) }
      return try deleteAttribute(referent, name)
    }
    if kind == .instance || kind == .slotsInstance || kind == .exception,
      let attribute = try lookupType(heap.type(of: object), name), heap.kind(of: attribute) == .property
    {
      let deleter = propertyField(attribute, 2)
      if deleter.isNull { throw missingPropertyFunction(attribute, of: object, "deleter") }
      drop(try callObject(deleter, [object]))
      return
    }
    guard kind == .instance || kind == .slotsInstance || kind == .exception else {
      throw raise(
        .attributeError, "'\(try typeName(of: object))' object has no attribute '\(name)'\(noDictDetail)")
    }
    if let index = heap.slotIndex(ofClass: heap.type(of: object), name: name) {
      let old = heap.replaceInstanceSlot(object, index, with: .null)
      if old.isNull { throw raise(.attributeError, name) }
      drop(old)
      return
    }
    if kind == .slotsInstance {
      throw raise(
        .attributeError, "'\(try typeName(of: object))' object has no attribute '\(name)'\(noDictDetail)")
    }
    if version <= .py310, kind == .instance {
      // `_PyObjectDict_SetItem` creates the dict even to delete from it.
      heap.instanceDictObject(object)
    }
    let dict = heap.instanceDict(object)
    let hash = PyHash.hash(name, version: version)
    if !dict.isNull {
      let key = heap.newStr(name)
      defer { drop(key) }
      heap.prepareAttributeDeletion(object, keyPresent: try dictGet(dict, key: key) != nil)
      if try !dictDelete(dict, key: key) {
        // 3.8–3.10 turn the dict's KeyError into AttributeError(name).
        let message =
          version <= .py310 ? name : "'\(try typeName(of: object))' object has no attribute '\(name)'"
        throw raise(.attributeError, message)
      }
      return
    }
    guard let position = heap.inlineAttributePosition(object, name: name, hash: hash) else {
      throw raise(.attributeError, "'\(try typeName(of: object))' object has no attribute '\(name)'")
    }
    let removed = heap.removeInlineAttribute(object, at: position)
    drop(removed.key)
    drop(removed.value)
  }

  // MARK: Attribute sites

  /// The class side of `name` on `cls` for attribute site `site`
  /// (AttributeSite.swift), looked up again when the entry is for another
  /// class or an older class epoch.
  @inline(__always)
  mutating func attributeSite(_ site: Int, cls: ObjectID, name: String, hash: Int, interned: ObjectID)
    -> AttributeSite
  {
    let entry = attributeSites[site]
    if entry.cls == cls, entry.epoch == heap.classEpoch { return entry }
    return refillAttributeSite(site, cls: cls, name: name, hash: hash, interned: interned)
  }

  /// Fills attribute site `site` for `cls`: what `lookUpAttribute`,
  /// `setAttribute` and `loadMethod` read of the class before the instance.
  mutating func refillAttributeSite(_ site: Int, cls: ObjectID, name: String, hash: Int, interned: ObjectID)
    -> AttributeSite
  {
    var entry = AttributeSite()
    entry.cls = cls
    entry.epoch = heap.classEpoch
    entry.position = attributeSites[site].position
    let attribute = heap.lookupClassChain(cls, name: name, hash: hash, interned: interned)
    entry.classAttribute = attribute ?? .null
    entry.slot = Int32(heap.slotIndex(ofClass: cls, name: name) ?? -1)
    let property = attribute.map { heap.kind(of: $0) == .property } ?? false
    entry.storesToInstance = !property
    entry.loadsFromInstance = !property && name != "__class__" && name != "__dict__"
    attributeSites[site] = entry
    return entry
  }

  /// The instance's own attribute `name` (borrowed) when the site's class
  /// side allows reading it first: nil when the general lookup must answer,
  /// null when the instance has no such attribute. `entry`: the site's
  /// entry when the caller has it (LOAD_METHOD, which asks whatever the
  /// class attribute).
  @inline(__always)
  mutating func instanceValueAtSite(
    _ object: ObjectID, _ name: String, hash: Int, interned: ObjectID, site: Int, entry: AttributeSite? = nil
  ) -> ObjectID? {
    if entry == nil {
      let cls = heap.type(of: object)
      guard attributeSite(site, cls: cls, name: name, hash: hash, interned: interned).loadsFromInstance else {
        return nil
      }
    }
    let entry = entry ?? attributeSites[site]
    if entry.slot >= 0 { return heap.instanceSlot(object, Int(entry.slot)) ?? .null }
    guard heap.kind(of: object) == .instance else { return .null }
    var position = entry.position
    let value = heap.instanceAttribute(object, key: interned, name: name, hash: hash, hint: &position)
    if position != entry.position { attributeSites[site].position = position }
    return value
  }

  /// `object.name = value` (borrowed value) on an instance whose class
  /// side the site's entry says is plain (no property): a slot, a known
  /// inline value or dict entry directly; anything else through
  /// `storeInstanceAttribute` without looking at the class again.
  mutating func storeAttributeAtSite(
    _ object: ObjectID, _ name: String, _ value: ObjectID, hash: Int, interned: ObjectID, site: Int,
    entry: AttributeSite
  ) throws {
    if entry.slot >= 0 {
      heap.incref(value)
      drop(heap.replaceInstanceSlot(object, Int(entry.slot), with: value))
      return
    }
    if heap.kind(of: object) == .instance {
      var position = entry.position
      let dict = heap.instanceDict(object)
      if dict.isNull {
        if let old = heap.storeInlineAttribute(
          object, key: interned, name: name, hash: hash, value: value, hint: &position)
        {
          if position != entry.position { attributeSites[site].position = position }
          drop(old)
          return
        }
      } else if heap.dictValue(dict, at: Int(position), ifKeyIs: interned) != nil {
        heap.incref(value)
        drop(heap.dictReplaceValue(dict, at: Int(position), with: value))
        return
      } else if case .found(let found) = heap.probeExactKey(dict, key: interned, hash: hash) {
        attributeSites[site].position = Int32(truncatingIfNeeded: found)
        heap.incref(value)
        drop(heap.dictReplaceValue(dict, at: found, with: value))
        return
      }
    }
    try storeInstanceAttribute(object, name, value, hash: hash, interned: interned, noSlot: true)
  }

  /// `__init__` along a class's chain (borrowed), nil when none: a class
  /// call looks it up twice (`createInstance`, then the call), remembered
  /// for the last class called while the class epoch stays.
  mutating func initAttribute(of cls: ObjectID) -> ObjectID? {
    if initSite.cls == cls, initSite.epoch == heap.classEpoch {
      return initSite.classAttribute.isNull ? nil : initSite.classAttribute
    }
    let attribute = heap.lookupClassChain(
      cls, name: "__init__", hash: initNameHash, interned: program.initName)
    initSite.cls = cls
    initSite.epoch = heap.classEpoch
    initSite.classAttribute = attribute ?? .null
    return attribute
  }

  // MARK: Name sites

  // LOAD_NAME, LOAD_GLOBAL, STORE_NAME and STORE_GLOBAL remember, per code
  // object and name (the `methodSiteCache` slot LOAD_METHOD uses for
  // builtin methods), where the name was found last: as `position + 1`
  // below 0x1_0000 (a high half of zero, which no method tag has) the
  // position of its entry in the namespace dict (a builtin the name named
  // is remembered apart, in `builtinSiteCache`). A position is only a hint, trusted when the dict's
  // entry there is live and keyed by the name's interned str itself: keys
  // are unique, so that is the entry a probe would reach, and a probe for a
  // str key compares no other key with Python code on the way (a store
  // also requires a dict of str keys only, where `dictSet` would not call
  // `__eq__` either). Where a
  // module-level loop spends its time, this replaces a probe by one load.

  /// LOAD_NAME `arg` of the code whose `InstructionStore` entry is `code`,
  /// in frame `frame`: its namespace, then its globals, then the builtins
  /// (owned). The name's text is read only on the way to the builtins.
  @inline(never)
  mutating func loadName(_ code: UnsafePointer<InstructionStore.CodePointers>, _ arg: Int, frame: Int) throws
    -> ObjectID
  {
    let interned = code.pointee.nameObjects[arg]
    let hash = code.pointee.nameHashes[arg]
    let site = methodSiteBase[code.pointee.code] &+ arg
    let namespace = frames[frame].namespace
    if let value = namespaceLookup(namespace, interned: interned, hash: hash, site: site) { return value }
    let globals = frames[frame].globals
    // A module's code: the same dict, looked up once.
    if globals != namespace, let value = namespaceLookup(globals, interned: interned, hash: hash, site: site)
    {
      return value
    }
    return try builtinName(code, arg, site: site)
  }

  /// LOAD_GLOBAL `arg` (as `loadName`): the frame's globals, then the
  /// builtins (owned).
  @inline(never)
  mutating func loadGlobal(_ code: UnsafePointer<InstructionStore.CodePointers>, _ arg: Int, frame: Int)
    throws
    -> ObjectID
  {
    let site = methodSiteBase[code.pointee.code] &+ arg
    if let value = namespaceLookup(
      frames[frame].globals, interned: code.pointee.nameObjects[arg], hash: code.pointee.nameHashes[arg],
      site: site)
    {
      return value
    }
    return try builtinName(code, arg, site: site)
  }

  /// The builtin a name instruction names (owned), or its NameError.
  private mutating func builtinName(
    _ code: UnsafePointer<InstructionStore.CodePointers>, _ arg: Int, site: Int
  )
    throws -> ObjectID
  {
    let name = code.pointee.names[arg]
    if let value = builtin(named: name, site: site) { return retain(value) }
    throw raiseNameError(name, interned: code.pointee.nameObjects[arg])
  }

  /// A name in a namespace dict for a name instruction at `site` (owned),
  /// nil when absent: the remembered position first (one inlined read of
  /// the entry), then a probe by the interned name (`Heap.namePosition`).
  @inline(__always)
  mutating func namespaceLookup(_ dict: ObjectID, interned: ObjectID, hash: Int, site: Int) -> ObjectID? {
    if dict.isNull { return nil }
    let hint = methodSiteCache[site]
    if hint &- 1 < 0xffff, let value = heap.dictValue(dict, at: Int(hint) &- 1, ifKeyIs: interned) {
      return retain(value)
    }
    return namespaceProbe(dict, interned: interned, hash: hash, site: site)
  }

  /// `namespaceLookup` past its hint: probes and remembers the position.
  @inline(never)
  private mutating func namespaceProbe(_ dict: ObjectID, interned: ObjectID, hash: Int, site: Int)
    -> ObjectID?
  {
    guard let position = heap.namePosition(dict, interned: interned, hash: hash) else { return nil }
    if position < 0xffff { methodSiteCache[site] = UInt32(position + 1) }
    return retain(heap.dictValue(dict, at: position))
  }

  /// `dictSet` of a name instruction at `site` (borrowed key and value).
  mutating func storeName(_ dict: ObjectID, key: ObjectID, value: ObjectID, site: Int) throws {
    let hint = methodSiteCache[site]
    if hint &- 1 < 0xffff,
      let old = heap.dictReplaceValue(dict, at: Int(hint) &- 1, ifKeyIs: key, with: value)
    {
      drop(old)
      return
    }
    try dictSet(dict, key: key, value: value)
  }

  // MARK: Names

  /// The type's name of an object, as error messages show it.
  /// The type's `tp_name`, as CPython's messages print it (`'%.200s'
  /// object …`): 3.10+ name the weak reference types `weakref.ProxyType`
  /// and so on, while their `__name__` is `ProxyType`.
  func typeName(of object: ObjectID) throws -> String { typeReprName(heap.type(of: object)) }
}
