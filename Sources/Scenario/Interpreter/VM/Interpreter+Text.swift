// `str()` and `repr()` of every modelled object, f-string and `%`
// formatting through the formatting layer, and the modules `sys`, `gc` and
// `weakref` as namespaces of builtin functions.

import BigInt
import Foundation
import HeapModel

extension Interpreter {
  mutating func str(_ object: ObjectID) throws -> String {
    switch heap.kind(of: object) {
    case .str: return heap.string(object)
    case .instance, .slotsInstance:
      if let method = try lookupType(heap.type(of: object), "__str__") {
        let result = try callObject(method, [object])
        defer { drop(result) }
        guard heap.kind(of: result) == .str else {
          throw raise(.typeError, "__str__ returned non-string (type \(try typeName(of: result)))")
        }
        return heap.string(result)
      }
      return try repr(object)
    case .exception, .stopIteration, .attributeError:
      if let text = try exceptionOverride(object, "__str__") { return text }
      let args = heap.exceptionField(object, 0)
      if heap.itemCount(args) == 0 { return "" }
      if heap.itemCount(args) == 1 {
        if inherits(heap.type(of: object), from: heap.typeObject(.keyError)) {
          return try repr(heap.item(args, 0))
        }
        return try str(heap.item(args, 0))
      }
      return try repr(args)
    case .weakproxy:
      // `proxy_str`: str() of the referent; a dead proxy raises.
      let referent = heap.weakrefReferent(object)
      if referent.isNull { throw raise(.referenceError, "weakly-referenced object no longer exists") }
      heap.incref(referent)
      defer { drop(referent) }
      return try str(referent)
    default:
      return try repr(object)
    }
  }

  /// `repr` of a kind whose repr only reads the object (no Python code
  /// runs, the heap does not change); nil for every other kind. The
  /// inspector describes objects with it without copying the interpreter.
  func scalarRepr(_ object: ObjectID) -> String? {
    switch heap.kind(of: object) {
    case .none: return "None"
    case .bool: return object == heap.trueObject ? "True" : "False"
    case .int:
      if let value = heap.intValue(object) { return String(value) }  // no BigInt for a machine int
      return IntFormatter.decimal(heap.bigIntValue(object))
    case .float: return FloatFormatter.repr(heap.floatValue(object))
    case .str: return StringRepr.repr(heap.string(object), version: version)
    case .bytes: return StringRepr.bytesRepr(heap.bytesValue(object))
    case .bytearray: return StringRepr.bytearrayRepr(heap.bytesValue(object))
    case .notImplemented: return "NotImplemented"
    case .ellipsis: return "Ellipsis"
    default: return nil
    }
  }

  mutating func repr(_ object: ObjectID) throws -> String {
    switch heap.kind(of: object) {
    case .int:
      if heap.intValue(object) == nil {
        do { try IntFormatter.checkDecimalLimit(heap.bigIntValue(object), version: version) } catch {
          throw raise(formatting: error)
        }
      }
      return scalarRepr(object)!
    case .none, .bool, .float, .str, .bytes, .bytearray, .notImplemented, .ellipsis:
      return scalarRepr(object)!
    case .list, .tuple, .dict, .set, .frozenset:
      return try containerRepr(object)
    case .dictView:
      return try dictViewRepr(object)
    case .range:
      let values = rangeValues(object)
      return values.step == 1
        ? "range(\(values.start), \(values.stop))" : "range(\(values.start), \(values.stop), \(values.step))"
    case .instance, .slotsInstance:
      if let method = try lookupType(heap.type(of: object), "__repr__") {
        let result = try callObject(method, [object])
        defer { drop(result) }
        guard heap.kind(of: result) == .str else {
          throw raise(.typeError, "__repr__ returned non-string (type \(try typeName(of: result)))")
        }
        return heap.string(result)
      }
      let cls = heap.type(of: object)
      return
        "<\(classModuleName(cls)).\(heap.classPayload(cls).qualifiedName) object at \(hexAddress(object))>"
    case .exception, .stopIteration, .attributeError:
      if let text = try exceptionOverride(object, "__repr__") { return text }
      let args = heap.exceptionField(object, 0)
      let name = typeDisplayName(heap.type(of: object))
      if heap.itemCount(args) == 1 { return "\(name)(\(try repr(heap.item(args, 0))))" }
      return name + (try repr(args))
    case .type:
      return "<class '\(classModuleName(object)).\(heap.classPayload(object).qualifiedName)'>"
    case .builtinType:
      return "<class '\(typeReprName(object))'>"
    case .function:
      return "<function \(heap.string(heap.function(object).qualifiedName)) at \(hexAddress(object))>"
    case .boundMethod:
      let refs = heap.fieldsPayload(object).refs
      let name = heap.kind(of: refs[0]) == .function ? heap.string(heap.function(refs[0]).qualifiedName) : "?"
      return "<bound method \(name) of \(try repr(refs[1]))>"
    case .builtinFunction:
      let builtin = Builtin(rawValue: Int(heap.payloads[object.slot]))!
      if case .type(let type) = builtin.owner {
        return "<method '\(builtin.name)' of '\(type.name)' objects>"
      }
      return "<built-in function \(builtin.name)>"
    case .builtinMethod:
      let fields = heap.fieldsPayload(object)
      let builtin = Builtin(rawValue: fields.index)!
      return
        "<built-in method \(builtin.name) of \(try typeName(of: fields.refs[0])) object at \(hexAddress(fields.refs[0]))>"
    case .module:
      return "<module '\(moduleName(object))' (built-in)>"
    case .generator:
      let code = program.codes[heap.fieldsPayload(object).index]
      return "<generator object \(code.qualifiedName) at \(hexAddress(object))>"
    case .weakproxy where version < .py313:
      // 3.8-3.12 `proxy_repr`: the referent's tp_name, and None's once it
      // is dead (PyWeakref_GET_OBJECT); 3.13 writes it as a weakref does.
      let referent = heap.weakrefReferent(object)
      let target = referent.isNull ? heap.none : referent
      return
        "<weakproxy at \(hexAddress(object)) to \(typeReprName(heap.type(of: target))) at \(hexAddress(target))>"
    case .weakref, .weakproxy:
      let referent = heap.weakrefReferent(object)
      let kind = heap.kind(of: object) == .weakref ? "weakref" : "weakproxy"
      if referent.isNull { return "<\(kind) at \(hexAddress(object)); dead>" }
      return
        "<\(kind) at \(hexAddress(object)); to '\(try typeName(of: referent))' at \(hexAddress(referent))>"
    case .cell:
      let content = heap.fieldsPayload(object).refs[0]
      if content.isNull { return "<cell at \(hexAddress(object)): empty>" }
      return "<cell at \(hexAddress(object)): \(try typeName(of: content)) object at \(hexAddress(content))>"
    default:
      try refuseClassDict(object)
      return "<\(try typeName(of: object)) object at \(hexAddress(object))>"
    }
  }

  /// A class's namespace dict is a dict in CPython, but the model keeps its
  /// entries in the class (`.classDict` rows only stand in for the object):
  /// reached through `gc.get_objects()`/`get_referents()`, it stops the run
  /// as `T.__dict__` does in the checker rather than misbehave as a dict.
  func refuseClassDict(_ object: ObjectID) throws(InterpreterStop) {
    guard heap.kind(of: object) == .classDict else { return }
    throw InterpreterStop.unsupported(
      feature: "a class's namespace dict (reached through gc)", line: currentLine)
  }

  /// The result of a `__str__` or `__repr__` that an exception class of the
  /// scenario defines (BaseException's own are not in the model's class
  /// dicts), nil when the class inherits the builtin one.
  private mutating func exceptionOverride(_ exception: ObjectID, _ name: String) throws -> String? {
    let cls = heap.type(of: exception)
    guard heap.kind(of: cls) == .type, let method = try lookupType(cls, name) else { return nil }
    let result = try callObject(method, [exception])
    defer { drop(result) }
    guard heap.kind(of: result) == .str else {
      throw raise(.typeError, "\(name) returned non-string (type \(try typeName(of: result)))")
    }
    return heap.string(result)
  }

  func hexAddress(_ object: ObjectID) -> String { "0x" + String(heap.address(of: object), radix: 16) }

  /// Reprs of containers, with `[...]` for a container already being printed.
  ///
  /// CPython marks the containers being printed in a list kept in the thread
  /// state's dict (`Py_ReprEnter`/`Py_ReprLeave`); the first container repr
  /// of a run creates both (two GC allocations that stay), and each repr
  /// appends its container there (a reference while it prints) and removes
  /// it after. Empty lists and tuples return before entering; dicts and sets
  /// enter even when empty. A set's repr goes through a temporary list of
  /// its items (`PySequence_List`), printed as a list.
  private mutating func containerRepr(_ object: ObjectID) throws -> String {
    try enterNestedRepr()
    defer { reprDepth -= 1 }
    let kind = heap.kind(of: object)
    if (kind == .list || kind == .tuple) && heap.itemCount(object) == 0 { return kind == .list ? "[]" : "()" }
    if reprInProgress.contains(object) {
      switch kind {
      case .list: return "[...]"
      case .dict: return "{...}"
      case .tuple: return "(...)"
      default: return "\(try typeName(of: object))(...)"
      }
    }
    reprEnter(object)
    defer { reprLeave(object) }
    switch kind {
    case .list:
      return "[" + (try heap.items(object).map { try repr($0) }).joined(separator: ", ") + "]"
    case .tuple:
      let items = try heap.items(object).map { try repr($0) }
      return items.count == 1 ? "(\(items[0]),)" : "(" + items.joined(separator: ", ") + ")"
    case .dict:
      var parts: [String] = []
      for entry in heap.dictEntries(object) {
        parts.append("\(try repr(entry.key)): \(try repr(entry.value))")
      }
      return "{" + parts.joined(separator: ", ") + "}"
    default:
      let keys = heap.setKeys(object)
      if keys.isEmpty { return kind == .frozenset ? "frozenset()" : "set()" }
      let list = heap.newList([])
      heap.listExtend(list, keys.map { retain($0) }, lengthHint: keys.count)
      defer { drop(list) }
      let items = String(try repr(list).dropFirst().dropLast())
      return kind == .frozenset ? "frozenset({" + items + "})" : "{" + items + "}"
    }
  }

  /// `PyObject_Repr`'s recursion check for one more nested container repr
  /// (`nestingLimit`; the `repr()` or `print()` call counts one level).
  private mutating func enterNestedRepr() throws {
    reprDepth += 1
    if reprDepth > nestingLimit(callLevels: 1) {
      reprDepth -= 1
      throw raise(.recursionError, "maximum recursion depth exceeded while getting the repr of an object")
    }
  }

  /// `dict_keys([...])` and its siblings: the view enters the repr list,
  /// then its items go into a temporary list that is printed.
  private mutating func dictViewRepr(_ view: ObjectID) throws -> String {
    let name = try typeName(of: view)
    if reprInProgress.contains(view) { return "..." }
    reprEnter(view)
    defer { reprLeave(view) }
    let iterator = try getIterator(view)
    var items: [ObjectID] = []
    do {
      while let item = try nextItem(iterator) { items.append(item) }
    } catch {
      for item in items { drop(item) }
      drop(iterator)
      throw error
    }
    drop(iterator)
    let list = heap.newList([])
    heap.listExtend(list, items, lengthHint: items.count)
    defer { drop(list) }
    return "\(name)(\(try repr(list)))"
  }

  /// `Py_ReprEnter`: the thread state's dict and its `Py_Repr` list on
  /// first use, then the object appended to the list.
  private mutating func reprEnter(_ object: ObjectID) {
    if reprList.isNull {
      threadStateDict = heap.newDict()
      reprList = heap.newList([])
      heap.dictInsertNew(
        threadStateDict, hash: PyHash.hash("Py_Repr", version: version), key: heap.intern("Py_Repr"),
        value: reprList)
    }
    heap.listAppend(reprList, retain(object))
    reprInProgress.append(object)
  }

  /// `Py_ReprLeave`: the object removed from the `Py_Repr` list.
  private mutating func reprLeave(_ object: ObjectID) {
    reprInProgress.removeLast()
    let count = heap.itemCount(reprList)
    if let index = (0..<count).last(where: { heap.item(reprList, $0) == object }) {
      drop(heap.listRemove(reprList, at: index))
    }
  }

  /// hash(s) of a str, cached in the object as CPython caches it; the
  /// text is hashed in place.
  mutating func strHash(_ object: ObjectID) -> Int {
    let payload = heap.str(object)
    if let cached = payload.hash { return cached }
    let (shape, version) = (payload.shape, version)
    let value = heap.withStrBytes(object) { PyHash.hash(utf8: $0, shape: shape, version: version) }
    heap.setStrHash(object, value)
    return value
  }

  // MARK: Formatting

  mutating func formatSource(_ object: ObjectID) throws -> FormatValue {
    switch heap.kind(of: object) {
    case .int: return .int(heap.bigIntValue(object))
    case .bool: return .bool(object == heap.trueObject)
    case .float: return .float(heap.floatValue(object))
    case .str: return .str(heap.string(object))
    default:
      return .object(typeName: try typeName(of: object), str: try str(object), repr: try repr(object))
    }
  }

  mutating func formatText(_ object: ObjectID, spec: String) throws -> String {
    if spec.isEmpty { return try str(object) }
    do {
      return try SpecFormatter.format(try formatSource(object), spec: spec, version: version)
    } catch let error as FormattingError {
      throw raise(formatting: error)
    }
  }

  /// FORMAT_VALUE: conversion 0 none, 1 `!s`, 2 `!r`, 3 `!a`; then the spec.
  mutating func formatValue(_ value: ObjectID, conversion: Int, spec: ObjectID) throws -> ObjectID {
    // `f"{n}"` of a machine int: its digits, written straight into the str.
    if conversion < 2, spec.isNull, heap.kind(of: value) == .int, let small = heap.intValue(value) {
      return heap.newStr(decimal: small)
    }
    var converted = value
    var owned = false
    switch conversion {
    case 1:
      converted = heap.newStr(try str(value))
      owned = true
    case 2:
      converted = heap.newStr(try repr(value))
      owned = true
    case 3:
      converted = heap.newStr(StringRepr.asciiEscaped(try repr(value)))
      owned = true
    default: break
    }
    defer { if owned { drop(converted) } }
    let specText = spec.isNull ? "" : heap.string(spec)
    if specText.isEmpty, heap.kind(of: converted) == .str { return retain(converted) }
    return heap.newStr(try formatText(converted, spec: specText))
  }

  // MARK: Modules

  mutating func setUpModules() {
    for builtin in Builtin.allCases {
      builtinObjects.append(
        heap.addStaticObject(
          kind: .builtinFunction, type: heap.typeObject(.builtinFunction), payload: builtin.rawValue))
    }
    // Only the types CPython's builtins module names: `generator` or
    // `NoneType` are NameErrors there.
    for type in BuiltinType.allCases where CPythonBuiltinNames.all.contains(type.name) {
      builtinsByName[type.name] = heap.typeObject(type)
    }
    builtinsByName["staticmethod"] = heap.typeObject(.staticMethod)
    builtinsByName["classmethod"] = heap.typeObject(.classMethod)
    builtinsByName["super"] = heap.typeObject(.superType)
    builtinsByName["Ellipsis"] = heap.ellipsis
    builtinsByName["NotImplemented"] = heap.notImplemented
    var modules: [String: ObjectID] = [:]
    for name in ["sys", "gc", "weakref"] {
      let namespace = heap.newDict()
      let module = heap.addStaticObject(kind: .module, type: heap.typeObject(.module), payload: 0)
      moduleNamespaces[module] = namespace
      moduleNames[module] = name
      modules[name] = module
    }
    for builtin in Builtin.allCases {
      switch builtin.owner {
      case .builtins: builtinsByName[builtin.name] = builtinObjects[builtin.rawValue]
      case .module(let name) where builtin.isAvailable(in: version):
        let key = heap.intern(builtin.name)
        // `weakref.ref` is the weak reference type itself (`ReferenceType`).
        let value = builtin == .weakrefRef ? heap.typeObject(.weakref) : builtinObjects[builtin.rawValue]
        heap.incref(value)
        heap.dictInsertNew(
          moduleNamespaces[modules[name]!]!, hash: PyHash.hash(builtin.name, version: version), key: key,
          value: value)
        if builtin == .weakrefRef {
          heap.incref(value)
          heap.dictInsertNew(
            moduleNamespaces[modules[name]!]!, hash: PyHash.hash("ReferenceType", version: version),
            key: heap.intern("ReferenceType"), value: value)
        }
      case .module, .type, .moduleClass: break  // a module function added after this version is absent
      }
    }
    moduleObjects = modules
    setUpGCModule()
    // sys.version_info, as a plain tuple (CPython's is a struct sequence that
    // compares and indexes the same way); the micro version is the one of
    // the reference interpreters the model was measured against.
    let micro = [8: 18, 9: 18, 10: 13, 11: 7, 12: 1, 13: 0][version.minor] ?? 0
    let versionInfo = heap.newTuple([
      heap.newInt(3), heap.newInt(version.minor), heap.newInt(micro), heap.intern("final"), heap.newInt(0),
    ])
    heap.dictInsertNew(
      moduleNamespaces[modules["sys"]!]!, hash: PyHash.hash("version_info", version: version),
      key: heap.intern("version_info"), value: versionInfo)
    // The main module's globals.
    globals = heap.newDict()
    let entries: [(String, ObjectID)] = [
      ("__name__", heap.intern("__main__")), ("__doc__", retain(heap.none)),
      ("__builtins__", retain(heap.none)), ("__file__", heap.newStr(path)),
    ]
    for (name, value) in entries {
      heap.dictInsertNew(
        globals, hash: PyHash.hash(name, version: version), key: heap.intern(name), value: value)
    }
    heap.trackAsStartupObject(globals, generation: heap.profile.gcStartupGlobalsGeneration)
  }

  func moduleNamespace(_ module: ObjectID) -> ObjectID { moduleNamespaces[module] ?? .null }
  func moduleName(_ module: ObjectID) -> String { moduleNames[module] ?? "?" }

  // MARK: Frame objects

  /// 3.8–3.10 allocate a frame object per call (reusing the code's zombie
  /// frame or a free-listed one); 3.11+ only when something needs it.
  mutating func allocateFrameObject(code: Int) -> ObjectID {
    guard heap.layouts.callsAllocateFrames else { return .null }
    return newFrameObject(code: code)
  }

  mutating func newFrameObject(code: Int) -> ObjectID {
    let codeObject = program.codes[code]
    let shape = CodeShape(
      locals: codeObject.varNames.count, cells: codeObject.cellNames.count, frees: codeObject.freeNames.count,
      stackSize: codeObject.maxStackDepth)
    return heap.newFrameObject(code: code, size: heap.layouts.frameBlockSize(shape), refs: [])
  }

  mutating func releaseFrameObject(_ frame: ObjectID, code: Int) {
    drop(frame)
  }

  /// `sys._debugmallocstats()` text of the modelled allocator.
  func debugMallocStats() -> String {
    heap.allocator.debugMallocStats(freeListLines: heap.debugMallocStatsFreeListLines())
  }
}
