// Calls: binding arguments to a Python function's slots and pushing its
// frame, calling builtins with borrowed arguments, instantiating classes
// (`__init__` runs as a frame that hands back the instance), and generators,
// whose frames are parked in the generator object between `next()` calls.
//
// Argument references: 3.8–3.10 leave the caller's stack entries in place
// while the callee runs (the callee's slots hold new references), so inside
// a call `sys.getrefcount(arg)` counts one more than in 3.11+, which moves
// the arguments into the callee's frame. Both are modelled.

import BigInt
import Foundation
import HeapModel

extension Interpreter {
  /// Calls the callable below `count` values on the stack (the last
  /// `keywordNames.count` of them keyword values), consuming all of them.
  mutating func call(positional count: Int, keywordNames: ObjectID) throws {
    if keywordNames.isNull, try callPlainFunction(count: count) { return }
    // The class test inline: every other callee reaching here pays one load.
    if keywordNames.isNull, heap.kind(of: values[values.count &- count &- 1]) == .type,
      try callPlainClass(count: count)
    {
      return
    }
    if keywordNames.isNull, count == 2, callListAppend() { return }
    if keywordNames.isNull, try callBuiltinObject(count: count) { return }
    let keywordCount = keywordNames.isNull ? 0 : heap.itemCount(keywordNames)
    let calleeIndex = values.count - count - 1
    let callee = values[calleeIndex]
    let argumentStart = calleeIndex + 1
    var keywords: [(String, ObjectID)] = []
    if keywordCount > 0 {
      let names = heap.items(keywordNames)
      for (offset, name) in names.enumerated() {
        keywords.append((heap.string(name), values[argumentStart + count - keywordCount + offset]))
      }
    }
    // The positional arguments go over in the reused `argumentScratch`.
    var positional = takeArgumentScratch()
    positional.append(contentsOf: values.buffer(argumentStart..<(argumentStart + count - keywordCount)))
    defer {
      drop(keywordNames)
      returnArgumentScratch(&positional)
    }
    try dispatchCall(callee, positional: positional, keywords: keywords, stackEntries: count + 1)
  }

  /// The common call, without intermediate arrays: a Python function (or a
  /// method bound to one) called with exactly its positional parameters — no
  /// keywords, defaults, `*`/`**` parameters, cells or closure, and not a
  /// generator. The arguments go from the value stack into the new frame's
  /// slots with the same reference moves `callFunction` makes. Returns false,
  /// having changed nothing, when the call needs the general path.
  mutating func callPlainFunction(count: Int) throws -> Bool {
    let calleeIndex = values.count - count - 1
    let callee = values[calleeIndex]
    var function = callee
    var selfObject = ObjectID.null
    switch heap.kind(of: callee) {
    case .function: break
    case .boundMethod:
      let refs = heap.fieldsPayload(callee).refs
      guard heap.kind(of: refs[0]) == .function else { return false }
      function = refs[0]
      selfObject = refs[1]
    default: return false
    }
    let payload = heap.function(function)
    guard payload.closure.isNull, frames.count < recursionLimit else { return false }
    let plain = program.codes.withUnsafeBufferPointer { codes -> Bool in
      let code = codes[payload.code]
      return !code.isGenerator && !code.hasVarArgs && !code.hasVarKeywords && code.keywordOnlyCount == 0
        && code.cellNames.isEmpty && code.argumentCount == count + (selfObject.isNull ? 0 : 1)
    }
    guard plain else { return false }
    if heap.profile.callerKeepsArgumentReferences {
      // 3.8–3.10: the caller's stack keeps its references until the return.
      let base = values.count
      if !selfObject.isNull { values.append(retain(selfObject)) }
      for index in (calleeIndex + 1)..<(calleeIndex + 1 + count) { values.append(retain(values[index])) }
      openFrame(code: payload.code, globals: payload.globals, namespace: .null, function: .null, base: base)
      frames[frames.count - 1].callerKeeps = Int32(count + 1)
    } else {
      // 3.11+: the arguments move into the frame, the callable's stack entry goes.
      let owner = retain(function)
      if selfObject.isNull {
        for index in calleeIndex..<(calleeIndex + count) { values[index] = values[index + 1] }
        values.removeLast()
      } else {
        values[calleeIndex] = retain(selfObject)
      }
      drop(callee)
      openFrame(
        code: payload.code, globals: payload.globals, namespace: .null, function: owner, base: calleeIndex)
    }
    return true
  }

  /// A user class called with positional arguments only, whose `__init__`
  /// is a Python function taking exactly them (what `callFunctionInPlace`
  /// accepts): `dispatchCall`'s class call without the argument array and
  /// its copies, with the same reference moves and allocations in the same
  /// order — the arguments' new references and `type_call`'s tuple, the
  /// instance, then `__init__`'s frame holding the instance and the
  /// arguments as its first slots while the caller's stack entries stay.
  /// Returns false, having changed nothing, for any other call.
  @inline(never)
  mutating func callPlainClass(count: Int) throws -> Bool {
    let calleeIndex = values.count - count - 1
    let callee = values[calleeIndex]
    guard heap.kind(of: callee) == .type, !heap.builtinBase(ofClass: callee).isException,
      let initFunction = initAttribute(of: callee), heap.kind(of: initFunction) == .function
    else { return false }
    let payload = heap.function(initFunction)
    guard payload.closure.isNull, frames.count < recursionLimit else { return false }
    let plain = program.codes.withUnsafeBufferPointer { codes -> Bool in
      let code = codes[payload.code]
      return !code.isGenerator && !code.hasVarArgs && !code.hasVarKeywords && code.keywordOnlyCount == 0
        && code.cellNames.isEmpty && code.argumentCount == count + 1
    }
    guard plain else { return false }
    let first = calleeIndex + 1
    let end = first + count
    for index in first..<end { heap.incref(values[index]) }
    let arguments = count == 0 ? ObjectID.null : heap.newTuple(stealing: values.buffer(first..<end))
    let instance = heap.newInstance(of: callee)
    heap.incref(instance)
    for index in first..<end { heap.incref(values[index]) }
    let owner = heap.profile.callerKeepsArgumentReferences ? ObjectID.null : retain(initFunction)
    let base = values.count
    values.append(instance)
    for index in first..<end { values.append(values[index]) }
    openFrame(code: payload.code, globals: payload.globals, namespace: .null, function: owner, base: base)
    let top = frames.count - 1
    frames[top].callerKeeps = Int32(count + 1)
    frames[top].initializing = instance
    frames[top].initArguments = InitArguments(tuple: arguments)
    return true
  }

  /// `list.append(item)` through its method descriptor, the commonest call
  /// of all, without the argument arrays of the general builtin path; the
  /// same reference moves and result (None) as `callBuiltin` would make.
  /// Returns false, having changed nothing, for any other call.
  mutating func callListAppend() -> Bool {
    let calleeIndex = values.count - 3
    let callee = values[calleeIndex]
    let receiver = values[calleeIndex + 1]
    guard heap.kind(of: callee) == .builtinFunction,
      heap.payloads[callee.slot] == Int64(Builtin.listAppend.rawValue), heap.kind(of: receiver) == .list
    else { return false }
    heap.listAppend(receiver, retain(values[calleeIndex + 2]))
    let result = retain(heap.none)
    for _ in 0..<3 { drop(pop()) }
    push(result)
    return true
  }

  /// A builtin function, method descriptor or builtin type called with
  /// positional arguments only: what `dispatchCall` does for them through
  /// `callObject`, with the arguments copied from the value stack into the
  /// reused `argumentScratch` (and a method descriptor's receiver passed on
  /// its own, not removed from the front of a new array). Returns false,
  /// having changed nothing, for any other callee.
  mutating func callBuiltinObject(count: Int) throws -> Bool {
    let calleeIndex = values.count - count - 1
    let callee = values[calleeIndex]
    var first = calleeIndex + 1
    var receiver = ObjectID.null
    let isType = heap.kind(of: callee) == .builtinType
    switch heap.kind(of: callee) {
    case .builtinFunction:
      guard let builtin = Builtin(rawValue: Int(heap.payloads[callee.slot])) else { return false }
      if builtinTraits[builtin.rawValue].isMethod {
        guard count > 0 else { return false }  // the general path raises
        receiver = values[first]
        first += 1
      }
    case .builtinType: break
    default: return false
    }
    var arguments = takeArgumentScratch()
    arguments.append(contentsOf: values.buffer(first..<values.count))
    defer { returnArgumentScratch(&arguments) }
    let result =
      isType
      ? try callObject(callee, arguments) : try callBuiltin(callee, self: receiver, arguments, keywords: [])
    for _ in 0...count { drop(pop()) }
    push(result)
    return true
  }

  /// `f(*args, **kwargs)`: stack holds the callable, a tuple and maybe a dict.
  mutating func callEx(hasKeywords: Bool) throws {
    let kwargs = hasKeywords ? pop() : ObjectID.null
    var args = pop()
    if heap.kind(of: args) != .tuple {
      let items = try collect(args)
      drop(args)
      args = heap.newTuple(items)
    }
    let callee = pop()
    push(callee)
    push(args)
    if !kwargs.isNull { push(kwargs) }
    var keywords: [(String, ObjectID)] = []
    if !kwargs.isNull {
      for entry in heap.dictTable(kwargs).entries {
        guard heap.kind(of: entry.key) == .str else {
          throw raise(.typeError, "keywords must be strings")
        }
        keywords.append((heap.string(entry.key), entry.value))
      }
    }
    try dispatchCall(
      callee, positional: heap.items(args), keywords: keywords, stackEntries: kwargs.isNull ? 2 : 3)
  }

  /// Calls `callee` with borrowed arguments; `stackEntries` values (the
  /// callable and what the call instruction pushed) are on top of the stack
  /// and are consumed. Python functions push a frame; everything else runs
  /// now and pushes its result.
  mutating func dispatchCall(
    _ callee: ObjectID, positional: [ObjectID], keywords: [(String, ObjectID)], stackEntries: Int
  ) throws {
    switch heap.kind(of: callee) {
    case .function:
      try callFunction(
        callee, self: .null, positional: positional, keywords: keywords, stackEntries: stackEntries)
      return
    case .boundMethod:
      let refs = heap.fieldsPayload(callee).refs
      if heap.kind(of: refs[0]) == .function {
        try callFunction(
          refs[0], self: refs[1], positional: positional, keywords: keywords, stackEntries: stackEntries)
        return
      }
      let result = try callObject(refs[0], [refs[1]] + positional, keywords: keywords)
      for _ in 0..<stackEntries { drop(pop()) }
      push(result)
    case .type:
      // `type_call` takes a tuple and a dict: `_PyObject_MakeTpCall` builds
      // them from the caller's arguments (tuple first), they live until
      // `__init__` has returned, and the caller's stack entries stay in place
      // meanwhile, in every version.
      for argument in positional { heap.incref(argument) }
      let arguments = positional.isEmpty ? ObjectID.null : heap.newTuple(positional)
      let keywordDict = keywords.isEmpty ? ObjectID.null : newKeywordDict(keywords)
      func dropArguments() {
        drop(arguments)
        drop(keywordDict)
      }
      let instance: ObjectID
      do { instance = try createInstance(callee, positional: positional, keywords: keywords) } catch {
        dropArguments()
        throw error
      }
      let initAttribute = initAttribute(of: callee)
      if let initFunction = initAttribute, heap.kind(of: initFunction) == .function {
        // `slot_tp_init` calls `__init__` with the dict, which
        // `_PyStack_UnpackDict` turns back into a tuple of names for the call.
        let keywordNames =
          keywords.isEmpty ? ObjectID.null : heap.newTuple(keywords.map { heap.intern($0.0) })
        try callFunction(
          initFunction, self: instance, positional: positional, keywords: keywords,
          stackEntries: stackEntries, initializing: instance,
          initArguments: InitArguments(tuple: arguments, dict: keywordDict, names: keywordNames))
        return
      }
      // A builtin `__init__` (the weakref module's classes) runs from Swift.
      if let initBuiltin = initAttribute, heap.kind(of: initBuiltin) == .builtinFunction {
        do {
          drop(try callObject(initBuiltin, [instance] + positional, keywords: keywords))
        } catch {
          drop(instance)
          dropArguments()
          throw error
        }
      }
      dropArguments()
      for _ in 0..<stackEntries { drop(pop()) }
      push(instance)
    default:
      let result = try callObject(callee, positional, keywords: keywords)
      for _ in 0..<stackEntries { drop(pop()) }
      push(result)
    }
  }

  /// Binds arguments and pushes a frame running `function` (or creates a
  /// generator). Consumes the `stackEntries` call values per the version.
  mutating func callFunction(
    _ function: ObjectID, self selfObject: ObjectID, positional: [ObjectID], keywords: [(String, ObjectID)],
    stackEntries: Int, initializing: ObjectID = .null, initArguments: InitArguments = InitArguments()
  ) throws {
    let payload = heap.function(function)
    if keywords.isEmpty,
      try callFunctionInPlace(
        function, payload, self: selfObject, positional: positional, stackEntries: stackEntries,
        initializing: initializing, initArguments: initArguments)
    {
      return
    }
    var arguments = positional
    if !selfObject.isNull { arguments.insert(selfObject, at: 0) }
    let slots: [ObjectID]
    do {
      slots = try bindArguments(payload, function: function, positional: arguments, keywords: keywords)
    } catch {
      drop(initializing)
      releaseInitArguments(initArguments)
      throw error
    }
    // Read in place: copying the `CodeObject` retains and releases each of
    // its arrays.
    if program.codes.withUnsafeBufferPointer({ $0[payload.code].isGenerator }) {
      let generator = newGenerator(
        function: function, code: payload.code, slots: slots, globals: payload.globals)
      for _ in 0..<stackEntries { drop(pop()) }
      push(generator)
      return
    }
    // A class call keeps its stack entries in every version (it is a call
    // from C); 3.11+ frames own their function either way.
    let keeps = heap.profile.callerKeepsArgumentReferences || !initializing.isNull
    let owner = heap.profile.callerKeepsArgumentReferences ? ObjectID.null : retain(function)
    if !keeps {
      // 3.11+: the arguments and the callable move into the callee's frame.
      for _ in 0..<stackEntries { drop(pop()) }
    }
    try pushFrame(
      code: payload.code, globals: payload.globals, namespace: .null, function: owner, arguments: slots)
    if keeps { frames[frames.count - 1].callerKeeps = Int32(stackEntries) }
    frames[frames.count - 1].initializing = initializing
    frames[frames.count - 1].initArguments = initArguments
  }

  /// `callFunction` for a function whose parameters are exactly the
  /// positional arguments given (no defaults used, `*`/`**` parameters,
  /// keyword-only parameters, cells or closure; not a generator): the
  /// arguments go straight onto the value stack as the frame's first slots,
  /// without the argument and slot arrays `bindArguments` builds, with the
  /// same reference moves (new references in argument order, then the
  /// stack entries dropped in 3.11+, then the frame). Returns false, having
  /// changed nothing, when the call needs `bindArguments`.
  private mutating func callFunctionInPlace(
    _ function: ObjectID, _ payload: FunctionPayload, self selfObject: ObjectID, positional: [ObjectID],
    stackEntries: Int, initializing: ObjectID, initArguments: InitArguments
  ) throws -> Bool {
    let given = positional.count + (selfObject.isNull ? 0 : 1)
    guard payload.closure.isNull, frames.count < recursionLimit else { return false }
    let plain = program.codes.withUnsafeBufferPointer { codes -> Bool in
      let code = codes[payload.code]
      return !code.isGenerator && !code.hasVarArgs && !code.hasVarKeywords && code.keywordOnlyCount == 0
        && code.cellNames.isEmpty && code.argumentCount == given
    }
    guard plain else { return false }
    if !selfObject.isNull { heap.incref(selfObject) }
    for argument in positional { heap.incref(argument) }
    let keeps = heap.profile.callerKeepsArgumentReferences || !initializing.isNull
    let owner = heap.profile.callerKeepsArgumentReferences ? ObjectID.null : retain(function)
    if !keeps {
      // 3.11+: the arguments and the callable move into the callee's frame.
      for _ in 0..<stackEntries { drop(pop()) }
    }
    let base = values.count
    if !selfObject.isNull { values.append(selfObject) }
    values.append(contentsOf: positional)
    openFrame(code: payload.code, globals: payload.globals, namespace: .null, function: owner, base: base)
    let top = frames.count - 1
    if keeps { frames[top].callerKeeps = Int32(stackEntries) }
    frames[top].initializing = initializing
    frames[top].initArguments = initArguments
    return true
  }

  /// Drops what a class call made for `type_call` and `__init__`, in
  /// CPython's order: the keyword names, the argument tuple, the dict.
  mutating func releaseInitArguments(_ arguments: InitArguments) {
    drop(arguments.names)
    drop(arguments.tuple)
    drop(arguments.dict)
  }

  /// The `**kwargs`-style dict `_PyStack_AsDict` builds from a call's
  /// keyword arguments (owned).
  mutating func newKeywordDict(_ keywords: [(String, ObjectID)]) -> ObjectID {
    let dict = heap.newDict()
    for (keyword, value) in keywords {
      heap.incref(value)
      heap.dictInsertNew(
        dict, hash: PyHash.hash(keyword, version: version), key: heap.intern(keyword), value: value)
    }
    return dict
  }

  /// Whether calling builtin `type` hands `type_call` a new tuple of the
  /// positional arguments: until the type got a vectorcall entry (measured
  /// with the tuple free list, Scenarios/call_argument_tuples.py).
  static func typeCallPacksArguments(_ type: BuiltinType, version: PythonVersion) -> Bool {
    // An exception keeps the tuple it was given as its `args`: one tuple
    // either way, made by `construct`.
    if type.isException { return false }
    if version == .py38 { return true }
    switch type {
    case .zip, .bytes, .bytearray, .weakref: return true
    case .map, .filter, .reversed, .float, .bool, .type: return version <= .py39
    case .enumerate: return version <= .py310
    case .str, .int: return version <= .py312
    default: return false
    }
  }

  /// The slot values (owned) of a call: parameters, then cells, then the
  /// closure's cells.
  mutating func bindArguments(
    _ payload: FunctionPayload, function: ObjectID, positional: [ObjectID], keywords: [(String, ObjectID)]
  ) throws -> [ObjectID] {
    let code = program.codes.withUnsafeBufferPointer { CallShape($0[payload.code]) }
    var slots = [ObjectID](repeating: .null, count: code.slotCount)
    let positionalCount = code.argumentCount
    var extra: [ObjectID] = []
    func fail(_ message: String) -> PythonRaise {
      for slot in slots where !slot.isNull { drop(slot) }
      return raise(.typeError, message)
    }
    // 3.8–3.9 name the code (co_name), 3.10+ the function's qualified name.
    let name =
      version >= .py310
      ? heap.string(payload.qualifiedName) : program.codes.withUnsafeBufferPointer { $0[payload.code].name }
    for (index, argument) in positional.enumerated() {
      if index < positionalCount {
        slots[index] = argument
      } else if code.hasVarArgs {
        extra.append(argument)
      }
    }
    for index in slots.indices where !slots[index].isNull { heap.incref(slots[index]) }
    // Keywords are bound before the positional count is checked, so their
    // errors come first (initialize_locals).
    var kwargsEntries: [(String, ObjectID)] = []
    let keywordEnd = positionalCount + code.keywordOnlyCount
    for (keyword, value) in keywords {
      if let index = code.varNames[0..<keywordEnd].firstIndex(where: { CodePoints.equal($0, keyword) }),
        index >= code.positionalOnlyCount
      {
        if !slots[index].isNull {
          throw fail("\(name)() got multiple values for argument '\(keyword)'")
        }
        slots[index] = value
        heap.incref(value)
      } else if code.hasVarKeywords {
        kwargsEntries.append((keyword, value))
      } else {
        throw fail("\(name)() got an unexpected keyword argument '\(keyword)'")
      }
    }
    if positional.count > positionalCount, !code.hasVarArgs {
      let given = positional.count
      let plural = positionalCount == 1 ? "" : "s"
      let defaultsCount = payload.defaults.isNull ? 0 : heap.itemCount(payload.defaults)
      let taking =
        defaultsCount > 0
        ? "from \(positionalCount - defaultsCount) to \(positionalCount) positional arguments"
        : "\(positionalCount) positional argument\(plural)"
      let keywordOnlyGiven = slots[positionalCount..<keywordEnd].filter { !$0.isNull }.count
      let givenText =
        keywordOnlyGiven == 0
        ? "\(given) \(given == 1 ? "was" : "were")"
        : "\(given) positional argument\(given == 1 ? "" : "s") (and \(keywordOnlyGiven) keyword-only argument\(keywordOnlyGiven == 1 ? "" : "s")) were"
      throw fail("\(name)() takes \(taking) but \(givenText) given")
    }
    // Defaults.
    let defaults = payload.defaults.isNull ? [] : heap.items(payload.defaults)
    var missing: [String] = []
    for index in 0..<positionalCount where slots[index].isNull {
      let defaultIndex = index - (positionalCount - defaults.count)
      if defaultIndex >= 0 {
        slots[index] = retain(defaults[defaultIndex])
      } else {
        missing.append(code.varNames[index])
      }
    }
    if !missing.isEmpty {
      let quoted = missing.map { "'\($0)'" }
      let list =
        quoted.count == 1
        ? quoted[0]
        : quoted.dropLast().joined(separator: ", ") + (quoted.count > 2 ? "," : "") + " and " + quoted.last!
      throw fail(
        "\(name)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)"
      )
    }
    for index in positionalCount..<keywordEnd where slots[index].isNull {
      let keyword = code.varNames[index]
      if !payload.keywordDefaults.isNull,
        let value = heap.dictTable(payload.keywordDefaults).entries.first(where: {
          heap.string($0.key) == keyword
        })
      {
        slots[index] = retain(value.value)
      } else {
        throw fail("\(name)() missing 1 required keyword-only argument: '\(keyword)'")
      }
    }
    var next = keywordEnd
    if code.hasVarArgs {
      for item in extra { heap.incref(item) }
      slots[next] = heap.newTuple(extra)
      next += 1
    }
    if code.hasVarKeywords {
      let dict = heap.newDict()
      for (keyword, value) in kwargsEntries {
        let key = heap.newStr(keyword)
        heap.incref(value)
        heap.dictInsertNew(dict, hash: PyHash.hash(keyword, version: version), key: key, value: value)
      }
      slots[next] = dict
    }
    // Cells: a captured parameter moves into its cell.
    for (offset, argument) in code.cellFromArgument.enumerated() {
      let slot = code.varNames.count + offset
      if argument >= 0 {
        slots[slot] = heap.newCell(slots[argument])
        slots[argument] = .null
      } else {
        slots[slot] = heap.newCell(.null)
      }
    }
    if !payload.closure.isNull {
      for (offset, cell) in heap.items(payload.closure).enumerated() {
        slots[code.varNames.count + code.cellCount + offset] = retain(cell)
      }
    }
    return slots
  }

  /// Calls any callable from Swift with borrowed arguments; returns an owned
  /// result. Python code runs in a nested loop.
  mutating func callObject(_ callee: ObjectID, _ positional: [ObjectID], keywords: [(String, ObjectID)] = [])
    throws -> ObjectID
  {
    switch heap.kind(of: callee) {
    case .function, .boundMethod, .type:
      if nestedDepth >= Interpreter.nestedRunLimit {
        throw raise(.recursionError, "maximum recursion depth exceeded")
      }
      let depth = frames.count
      push(retain(callee))
      for argument in positional { push(retain(argument)) }
      for (_, value) in keywords { push(retain(value)) }
      try dispatchCall(
        callee, positional: positional, keywords: keywords,
        stackEntries: positional.count + keywords.count + 1)
      if frames.count > depth {
        frames[frames.count - 1].returnsToSwift = true
        return try runLoop()
      }
      return pop()
    case .builtinFunction:
      return try callBuiltin(callee, self: .null, positional, keywords: keywords)
    case .builtinMethod:
      let fields = heap.fieldsPayload(callee)
      return try callBuiltin(
        builtinObjects[fields.index], self: fields.refs[0], positional, keywords: keywords)
    case .builtinType:
      // A type without a vectorcall entry gets its positional arguments from
      // `_PyObject_MakeTpCall` as a new tuple, freed after the call
      // (`typeCallPacksArguments`; Scenarios/call_argument_tuples.py).
      let type = heap.builtinType(of: callee)!
      var arguments = ObjectID.null
      if !positional.isEmpty && Interpreter.typeCallPacksArguments(type, version: version) {
        for argument in positional { heap.incref(argument) }
        arguments = positional.withUnsafeBufferPointer { heap.newTuple(stealing: $0) }
      }
      defer { drop(arguments) }
      return try construct(type, positional, keywords: keywords)
    case .weakref:
      let referent = heap.weakrefReferent(callee)
      return retain(referent.isNull ? heap.none : referent)
    case .weakproxy where heap.type(of: callee) == heap.typeObject(.weakCallableProxy):
      // `proxy_call`: the call goes to the referent.
      let referent = try liveProxyReferent(callee)
      defer { drop(referent) }
      return try callObject(referent, positional, keywords: keywords)
    case .instance, .slotsInstance:
      guard let method = try lookupType(heap.type(of: callee), "__call__") else { fallthrough }
      return try callObject(method, [callee] + positional, keywords: keywords)
    default:
      throw raise(.typeError, "'\(try typeName(of: callee))' object is not callable")
    }
  }

  // MARK: Functions and classes

  mutating func makeFunction(codeIndex: Int, flags: Int, globals: ObjectID) throws {
    let closure = flags & 8 != 0 ? pop() : ObjectID.null
    let keywordDefaults = flags & 2 != 0 ? pop() : ObjectID.null
    let defaults = flags & 1 != 0 ? pop() : ObjectID.null
    let code = program.codes[codeIndex]
    let name = heap.intern(code.name)
    let qualifiedName = heap.intern(code.qualifiedName)
    heap.incref(globals)
    push(
      heap.newFunction(
        code: codeIndex, name: name, qualifiedName: qualifiedName, globals: globals, defaults: defaults,
        keywordDefaults: keywordDefaults, closure: closure))
  }

  mutating func buildClass(codeIndex: Int, globals: ObjectID) throws {
    let base = pop()
    let name = pop()
    let closure = pop()
    defer {
      drop(name)
      drop(closure)
    }
    // MAKE_FUNCTION for the class body: CPython passes `__build_class__` a
    // function object (a GC allocation), freed once the class exists.
    heap.incref(globals)
    let bodyFunction = heap.newFunction(
      code: codeIndex, name: heap.intern(program.codes[codeIndex].name),
      qualifiedName: heap.intern(program.codes[codeIndex].qualifiedName), globals: globals, defaults: .null,
      keywordDefaults: .null, closure: closure == heap.none ? .null : retain(closure))
    defer { drop(bodyFunction) }
    // `__build_class__` packs explicit bases in a tuple (the class's
    // `__bases__`), before `__prepare__` makes the namespace.
    var basesTuple = base == heap.none ? ObjectID.null : heap.newTuple([retain(base)])
    defer { drop(basesTuple) }
    let namespace = heap.newDict()
    let code = program.codes[codeIndex]
    var cells: [ObjectID] = []
    for _ in code.cellNames { cells.append(heap.newCell(.null)) }
    if closure != heap.none {
      for cell in heap.items(closure) { cells.append(retain(cell)) }
    }
    try dictSet(
      namespace, key: heap.intern("__name__"), value: try namespaceLookup(globals, "__name__") ?? heap.none)
    try pushFrame(code: codeIndex, globals: globals, namespace: namespace, function: .null, arguments: [])
    let frame = frames.count - 1
    for (offset, cell) in cells.enumerated() {
      values[frames[frame].base + code.varNames.count + offset] = cell
    }
    frames[frame].returnsToSwift = true
    let classCell: ObjectID
    do {
      classCell = try runLoop()
    } catch {
      drop(namespace)
      drop(base)
      throw error
    }
    let baseObject = base == heap.none ? retain(heap.typeObject(.object)) : base
    if base == heap.none { drop(base) }
    let builtinBase: BuiltinType
    switch heap.kind(of: baseObject) {
    case .type: builtinBase = heap.classPayload(baseObject).builtinBase
    case .builtinType: builtinBase = heap.builtinType(of: baseObject)!
    default:
      drop(namespace)
      drop(baseObject)
      drop(classCell)
      throw raise(.typeError, "bases must be types")
    }
    if builtinBase != .object, !builtinBase.isException {
      // Instances of the model's classes are plain instances: a class
      // deriving from list, dict, int… would need the base's payload.
      let name = typeDisplayName(baseObject)
      drop(namespace)
      drop(baseObject)
      drop(classCell)
      guard builtinBase.isSubclassable else {
        throw raise(.typeError, "type '\(name)' is not an acceptable base type")
      }
      throw InterpreterStop.unsupported(
        feature: "subclassing \(name)", line: frames.last?.line ?? currentLine)
    }
    var slotNames: [String]? = nil
    var entries = heap.dictTable(namespace).entries
    if let slots = entries.first(where: { heap.string($0.key) == "__slots__" }) {
      let items = heap.kind(of: slots.value) == .str ? [retain(slots.value)] : try collect(slots.value)
      slotNames = items.map { heap.string($0) }
      for item in items { drop(item) }
    }
    // Moving the namespace into the class: the class takes new references.
    for entry in entries {
      heap.incref(entry.key)
      heap.incref(entry.value)
    }
    let hasFinalizer = entries.contains { heap.string($0.key) == "__del__" }
    entries.removeAll { heap.string($0.key) == "__qualname__" }
    let qualifiedName = code.qualifiedName
    // The metatype is called with (name, bases, namespace) packed in a
    // tuple (type has no vectorcall for three arguments), freed after.
    heap.incref(name)
    heap.incref(basesTuple.isNull ? heap.emptyTuple : basesTuple)
    heap.incref(namespace)
    let typeCallArguments = heap.newTuple([name, basesTuple.isNull ? heap.emptyTuple : basesTuple, namespace])
    defer { drop(typeCallArguments) }
    let cls = heap.newClass(
      name: heap.string(name), qualifiedName: qualifiedName, base: baseObject, builtinBase: builtinBase,
      namespace: entries, slotNames: slotNames, hasFinalizer: hasFinalizer, basesTuple: basesTuple)
    basesTuple = .null  // the class owns it now
    nameProperties(entries)
    for entry in heap.dictTable(namespace).entries where heap.string(entry.key) == "__qualname__" {
      drop(entry.key)
      drop(entry.value)
    }
    drop(namespace)
    if classCell != heap.none, heap.kind(of: classCell) == .cell {
      heap.incref(cls)
      heap.withFields(classCell) { $0.refs[0] = cls }
    }
    drop(classCell)
    push(cls)
  }

  /// A new, uninitialised instance of a user class (owned).
  mutating func createInstance(_ cls: ObjectID, positional: [ObjectID], keywords: [(String, ObjectID)]) throws
    -> ObjectID
  {
    let base = heap.builtinBase(ofClass: cls)
    if base.isException {
      // Without an `__init__` of its own the builtin one takes the keywords;
      // otherwise BaseException_new ignores them and `__init__` gets them.
      if initAttribute(of: cls) == nil {
        return try newException(of: cls, base: base, positional, keywords: keywords)
      }
      for argument in positional { heap.incref(argument) }
      return heap.newException(type: cls, args: heap.newTuple(positional))
    }
    if initAttribute(of: cls) == nil,
      !positional.isEmpty || !keywords.isEmpty
    {
      throw raise(.typeError, "\(heap.classPayload(cls).name)() takes no arguments")
    }
    return heap.newInstance(of: cls)
  }
}

/// What binding a call's arguments needs of a code object, read once
/// without copying the whole `CodeObject`.
private struct CallShape {
  var slotCount: Int
  var argumentCount: Int
  var positionalOnlyCount: Int
  var keywordOnlyCount: Int
  var hasVarArgs: Bool
  var hasVarKeywords: Bool
  var varNames: [String]
  var cellCount: Int
  var cellFromArgument: [Int]

  init(_ code: CodeObject) {
    slotCount = code.slotCount
    argumentCount = code.argumentCount
    positionalOnlyCount = code.positionalOnlyCount
    keywordOnlyCount = code.keywordOnlyCount
    hasVarArgs = code.hasVarArgs
    hasVarKeywords = code.hasVarKeywords
    varNames = code.varNames
    cellCount = code.cellNames.count
    cellFromArgument = code.cellFromArgument
  }
}
