// The data behind "Did you mean" (3.10+): what a NameError and an
// AttributeError carry, and the candidate names the traceback printer
// searches (Suggestions.swift has the search itself).
//
// Raising. A NameError from a name lookup keeps the name (`e.name`); an
// AttributeError leaving an attribute lookup (PyObject_GetAttr) keeps the
// name and the object (`e.name`, `e.obj` — a strong reference, so the
// object lives as long as the exception), unless they are already set: the
// innermost failure wins (`self.valeu` inside a property getter names
// `valeu`). Exceptions built by the scenario (`raise NameError("x")`) have
// `name` None and get no hint. 3.8/3.9 have neither attribute.
//
// Displaying (the last line of each traceback block, never `str(e)`):
//
//   NameError, from the innermost traceback entry's frame —
//     3.10–3.12 (suggestions.c): the code's `co_varnames` (bound or not),
//       then the frame's globals, then the builtins dict, each list
//       searched on its own (a list stops the search at the first hit);
//       3.12 first answers `self.NAME` when the code has a `self` local
//       whose object has that attribute;
//     3.13 (traceback.py): one list, f_locals (bound locals only; the
//       globals again at module level) + globals + builtins, so the
//       750-name limit counts all three; `self.NAME` as 3.12;
//     3.12+: a name of `sys.stdlib_module_names` adds "Did you forget to
//       import 'NAME'?" (after the "Did you mean" when there is one).
//   AttributeError: `dir(obj)`, sorted; 3.13 leaves out names starting
//     with `_` unless the failing name does or the innermost frame's
//     `self` is the object.
//
// The model's globals lack CPython's start-up dunders and its builtins are
// not CPython's list: both come from CPythonSuggestionNames, measured.

import HeapModel

extension Interpreter {
  // MARK: Raising

  /// `NameError: name 'NAME' is not defined`, with `name` kept (3.10+).
  mutating func raiseNameError(_ name: String, interned: ObjectID) -> PythonRaise {
    let raised = raise(.nameError, "name '\(name)' is not defined")
    if heap.exceptionFieldCount(pendingException) > 4 {
      setExceptionField(pendingException, 4, retain(interned))
    }
    return raised
  }

  /// `NameError(...)`, `AttributeError(...)` and the other builtin
  /// exception constructors: only 3.10+ NameError (and UnboundLocalError)
  /// take the keyword `name`, AttributeError `name` and `obj`.
  mutating func newBuiltinException(_ type: BuiltinType, _ args: [ObjectID], keywords: [(String, ObjectID)])
    throws -> ObjectID
  {
    try newException(of: heap.typeObject(type), base: type, args, keywords: keywords)
  }

  /// An exception of `cls` (a builtin exception type or a user subclass of
  /// `base` without an `__init__` of its own) made as its builtin `__init__`
  /// does: 3.10+ NameError and AttributeError take `name` (and `obj`), every
  /// other keyword is a TypeError — naming the builtin for a keyword it
  /// does not know, the class itself when it takes none at all.
  mutating func newException(
    of cls: ObjectID, base: BuiltinType, _ args: [ObjectID], keywords: [(String, ObjectID)]
  ) throws -> ObjectID {
    let accepted: [String]
    switch base {
    case .nameError where version >= .py310, .unboundLocalError where version >= .py310: accepted = ["name"]
    case .attributeError where version >= .py310: accepted = ["name", "obj"]
    default: accepted = []
    }
    if let (keyword, _) = keywords.first(where: { !accepted.contains($0.0) }) {
      if accepted.isEmpty { throw raise(.typeError, "\(typeDisplayName(cls))() takes no keyword arguments") }
      if version >= .py313 {
        throw raise(.typeError, "\(base.name)() got an unexpected keyword argument '\(keyword)'")
      }
      throw raise(.typeError, "'\(keyword)' is an invalid keyword argument for \(base.name)()")
    }
    for arg in args { heap.incref(arg) }
    let exception = heap.newException(type: cls, args: heap.newTuple(args))
    for (keyword, value) in keywords {
      setExceptionField(exception, keyword == "name" ? 4 : 5, retain(value))
    }
    return exception
  }

  /// `PyObject_GetAttr` with CPython 3.10+'s `set_attribute_error_context`:
  /// an AttributeError leaving the lookup records `name` and `obj` unless
  /// an inner lookup already did.
  mutating func getAttribute(
    _ object: ObjectID, _ name: String, hash: Int? = nil, interned: ObjectID = .null, site: Int = -1
  ) throws -> ObjectID {
    do {
      return try lookUpAttribute(object, name, hash: hash, interned: interned, site: site)
    } catch let raised as PythonRaise {
      noteAttributeErrorContext(object, name)
      throw raised
    }
  }

  mutating func noteAttributeErrorContext(_ object: ObjectID, _ name: String) {
    let exception = pendingException
    guard !exception.isNull, heap.exceptionFieldCount(exception) == 6,
      heap.exceptionField(exception, 4).isNull, heap.exceptionField(exception, 5).isNull
    else { return }
    setExceptionField(exception, 4, heap.newStr(name))
    setExceptionField(exception, 5, retain(object))
  }

  /// `e.name` and `e.obj` of a 3.10+ NameError or AttributeError (None when
  /// unset); nil for other exceptions and versions.
  func nameErrorAttribute(_ exception: ObjectID, _ attribute: String) -> ObjectID? {
    let count = heap.exceptionFieldCount(exception)
    let index = attribute == "name" ? 4 : 5
    guard index < count else { return nil }
    let value = heap.exceptionField(exception, index)
    return value.isNull ? heap.none : value
  }

  // MARK: Displaying

  /// What the traceback adds after the message: `. Did you mean: 'x'?`,
  /// `. Did you forget to import 'sys'?`, both, or nothing.
  mutating func suggestionSuffix(for exception: ObjectID) -> String {
    guard version >= .py310 else { return "" }
    let fields = heap.exceptionFieldCount(exception)
    guard fields > 4 else { return "" }
    let nameObject = heap.exceptionField(exception, 4)
    guard !nameObject.isNull, heap.kind(of: nameObject) == .str else { return "" }
    let name = heap.string(nameObject)
    if fields == 6 {
      let object = heap.exceptionField(exception, 5)
      guard !object.isNull else { return "" }
      let frame = innermostFrame(of: exception)
      guard let match = attributeSuggestion(name, object: object, frame: frame) else { return "" }
      return ". Did you mean: '\(match)'?"
    }
    // A NameError proper: UnboundLocalError never has a name.
    guard heap.type(of: exception) == heap.typeObject(.nameError),
      let frame = innermostFrame(of: exception)
    else { return "" }
    let match = nameSuggestion(name, frame: frame)
    let bit = UInt8(1) << (version.minor - 8)
    let stdlib = version >= .py312 && (CPythonSuggestionNames.stdlibModules[name] ?? 0) & bit != 0
    switch (match, stdlib) {
    case (let match?, false): return ". Did you mean: '\(match)'?"
    case (nil, true): return ". Did you forget to import '\(name)'?"
    case (let match?, true): return ". Did you mean: '\(match)'? Or did you forget to import '\(name)'?"
    case (nil, false): return ""
    }
  }

  /// The innermost traceback entry's frame: its code and its frame object
  /// (which holds the frame's locals once the frame has ended).
  struct SuggestionFrame {
    var code: Int
    var frameObject: ObjectID
  }

  func innermostFrame(of exception: ObjectID) -> SuggestionFrame? {
    var traceback = heap.exceptionField(exception, 1)
    guard !traceback.isNull else { return nil }
    while case let next = heap.fieldsPayload(traceback).refs[0], !next.isNull { traceback = next }
    let fields = heap.fieldsPayload(traceback)
    return SuggestionFrame(code: fields.extra, frameObject: fields.refs[1])
  }

  /// The frame's local names with their values (null: unbound), in
  /// `co_localsplusnames` order; a cell stands for its contents.
  func frameLocals(_ frame: SuggestionFrame) -> [(name: String, value: ObjectID)] {
    let code = program.codes[frame.code]
    let names = code.varNames + code.cellNames + code.freeNames
    let values = frame.frameObject.isNull ? [] : heap.fieldsPayload(frame.frameObject).refs
    var locals: [(name: String, value: ObjectID)] = []
    for (index, name) in names.enumerated() {
      var value = index < values.count ? values[index] : ObjectID.null
      if index >= code.varNames.count, !value.isNull, heap.kind(of: value) == .cell {
        value = heap.fieldsPayload(value).refs[0]
      }
      locals.append((name, value))
    }
    return locals
  }

  /// The globals' keys as CPython's `__main__` has them: its start-up
  /// dunders, then what the scenario defined, in insertion order.
  func suggestionGlobals() -> [String] {
    let modelled: Set<String> = ["__name__", "__doc__", "__builtins__", "__file__"]
    var names = CPythonSuggestionNames.mainGlobals
    for entry in heap.dictEntries(globals) where heap.kind(of: entry.key) == .str {
      let key = heap.string(entry.key)
      if !modelled.contains(key) { names.append(key) }
    }
    return names
  }

  mutating func nameSuggestion(_ name: String, frame: SuggestionFrame) -> String? {
    let code = program.codes[frame.code]
    let locals = frameLocals(frame)
    let builtins = CPythonSuggestionNames.builtinsInOrder[version.minor] ?? []
    if version >= .py312, let selfLocal = locals.first(where: { $0.name == "self" }) {
      // 3.12 asks `co_varnames`, 3.13 `f_locals`: an unbound `self` stops
      // 3.12's search altogether and is skipped by 3.13.
      if selfLocal.value.isNull {
        if version == .py312 { return nil }
      } else if hasAttributeForSuggestion(selfLocal.value, name) {
        return "self.\(name)"
      }
    }
    if version >= .py313 {
      var candidates: [String]
      if code.kind == .module {
        candidates = suggestionGlobals()
      } else {
        candidates = locals.filter { !$0.value.isNull }.map(\.name)
      }
      candidates += suggestionGlobals()
      candidates += builtins
      return Suggestions.bestMatch(for: name, in: candidates)
    }
    return Suggestions.bestMatch(for: name, in: code.varNames)
      ?? Suggestions.bestMatch(for: name, in: suggestionGlobals())
      ?? Suggestions.bestMatch(for: name, in: builtins)
  }

  /// `hasattr(obj, name)` run by the printer: any AttributeError is a no.
  /// The exception being printed may be the pending one (an uncaught
  /// exception): it is set aside meanwhile, so the probe's own failure does
  /// not drop it.
  mutating func hasAttributeForSuggestion(_ object: ObjectID, _ name: String) -> Bool {
    let probing = attributeProbeDepth
    attributeProbeDepth = frames.count
    let printing = pendingException
    pendingException = .null
    defer {
      attributeProbeDepth = probing
      pendingException = printing
    }
    do {
      drop(try lookUpAttribute(object, name))
      return true
    } catch {
      if !pendingException.isNull { clearPending() }
      return false
    }
  }

  mutating func attributeSuggestion(_ name: String, object: ObjectID, frame: SuggestionFrame?) -> String? {
    var candidates = directory(of: object)
    if version >= .py313, !name.hasPrefix("_") {
      let selfIsObject =
        frame.map { frameLocals($0).first { $0.name == "self" }?.value == object } ?? false
      if !selfIsObject { candidates = candidates.filter { !$0.hasPrefix("_") } }
    }
    return Suggestions.bestMatch(for: name, in: candidates)
  }

  /// `dir(obj)` as CPython computes it, sorted: a module's dict; for an
  /// instance its own attributes and its class's; for a class, its own
  /// and its bases' namespaces with the builtin base's attributes.
  func directory(of object: ObjectID) -> [String] {
    let bit = UInt8(1) << (version.minor - 8)
    var names: Set<String> = []
    func addBuiltin(_ typeName: String) {
      for (name, versions) in CPythonTypeAttributes.masks[typeName] ?? [:] where versions & bit != 0 {
        names.insert(name)
      }
    }
    func addClassChain(_ cls: ObjectID) {
      var current: ObjectID? = cls
      while let candidate = current, heap.kind(of: candidate) == .type {
        let payload = heap.classPayload(candidate)
        for entry in payload.namespace.entries where heap.kind(of: entry.key) == .str {
          names.insert(heap.string(entry.key))
        }
        names.formUnion(payload.slotNames ?? [])
        names.formUnion(["__module__", "__doc__"])
        if payload.hasInstanceDict { names.insert("__dict__") }
        if payload.hasWeakrefSlot { names.insert("__weakref__") }
        if version >= .py313 { names.formUnion(["__firstlineno__", "__static_attributes__"]) }
        current = baseClass(of: candidate)
      }
      names.remove("__qualname__")
      names.remove("__classcell__")
      let builtin = builtinClassOf(cls) ?? .object
      addBuiltin(builtin.isException ? "BaseException" : builtin.name)
      addBuiltin("object")
    }
    switch heap.kind(of: object) {
    case .module:
      for (name, versions) in CPythonSuggestionNames.moduleAttributes[moduleName(object)] ?? [:]
      where versions & bit != 0 {
        names.insert(name)
      }
    case .type:
      addClassChain(object)
    case .builtinType:
      addBuiltin(typeDisplayName(object))
    case .instance, .slotsInstance, .exception:
      let dict = heap.instanceDict(object)
      let entries = dict.isNull ? heap.inlineAttributeEntries(object) : heap.dictEntries(dict)
      for entry in entries where heap.kind(of: entry.key) == .str { names.insert(heap.string(entry.key)) }
      addClassChain(heap.type(of: object))
    default:
      addBuiltin(typeDisplayName(heap.type(of: object)))
    }
    return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
  }
}
