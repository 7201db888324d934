// The bodies of the builtin functions and methods, and of the builtin types
// called as constructors. Arguments are borrowed; results are owned.

import BigInt
import Foundation
import HeapModel

extension Interpreter {
  /// Builtins whose keyword arguments go through a static `_PyArg_Parser`
  /// that builds a tuple of its keyword names on first use (and keeps it),
  /// in the versions that do so at run time: Argument Clinic's parsers got
  /// static tuples in 3.11/3.12, and 3.13's hand-written min/max parsers are
  /// new. Measured with `gc.get_count()` and the tuple free list around the
  /// first call with keywords.
  static let keywordParserNames: [Builtin: ([String], ClosedRange<PythonVersion>)] = [
    .print: (["sep", "end", "file", "flush"], .py38 ... .py311),
    .listSort: (["key", "reverse"], .py38 ... .py311),
    .strSplit: (["sep", "maxsplit"], .py38 ... .py311),
    .min: (["key", "default"], .py313 ... .py313),
    .max: (["key", "default"], .py313 ... .py313),
    .strEncode: (["encoding", "errors"], .py38 ... .py311),
    .strSplitlines: (["keepends"], .py38 ... .py311),
    .strRsplit: (["sep", "maxsplit"], .py38 ... .py311),
    .strExpandtabs: (["tabsize"], .py38 ... .py311),
    .bytesDecode: (["encoding", "errors"], .py38 ... .py311),
    .bytesSplit: (["sep", "maxsplit"], .py38 ... .py311),
    .bytesHex: (["sep", "bytes_per_sep"], .py38 ... .py311),
    .bytearrayDecode: (["encoding", "errors"], .py38 ... .py311),
  ]

  /// The `key=` of min, max, sorted and list.sort; `key=None` means none.
  func sortKey(_ keywords: [(String, ObjectID)]) -> ObjectID? {
    keywords.first { $0.0 == "key" && $0.1 != heap.none }?.1
  }

  /// `parser_init`: the first call with keywords builds the parser's tuple.
  mutating func prepareKeywordParser(_ builtin: Builtin) {
    guard keywordParserTuples[builtin] == nil,
      let (names, versions) = Interpreter.keywordParserNames[builtin],
      versions.contains(version)
    else { return }
    keywordParserTuples[builtin] = heap.newTuple(names.map { heap.intern($0) })
  }

  mutating func callBuiltin(
    _ callee: ObjectID, self selfObject: ObjectID, _ arguments: [ObjectID], keywords: [(String, ObjectID)]
  ) throws -> ObjectID {
    guard let builtin = Builtin(rawValue: Int(heap.payloads[callee.slot])) else {
      preconditionFailure("builtin object without a builtin: \(callee)")
    }
    var args = arguments
    var receiver = selfObject
    let traits = builtinTraits[builtin.rawValue]
    if traits.isMethod, receiver.isNull {
      guard let first = args.first else {
        throw raise(.typeError, "unbound method \(builtin.name)() needs an argument")
      }
      receiver = first
      args.removeFirst()
    }
    if traits.isSetMethod, case .type(let owner) = builtin.owner {
      try checkSetMethodCall(builtin, owner: owner, receiver, keywords: keywords)
    }
    // METH_VARARGS builtins (and 3.11+'s print) get the positional
    // arguments as a new tuple, METH_KEYWORDS ones the keywords as a new
    // dict, built before the arguments are checked and freed after the call.
    var packed = (tuple: ObjectID.null, dict: ObjectID.null)
    if traits.packsArguments {
      if !args.isEmpty {
        for argument in args { heap.incref(argument) }
        packed.tuple = args.withUnsafeBufferPointer { heap.newTuple(stealing: $0) }
      }
      if !keywords.isEmpty, builtin != .print { packed.dict = newKeywordDict(keywords) }
    }
    defer {
      drop(packed.tuple)
      drop(packed.dict)
    }
    if !keywords.isEmpty {
      // sorted() passes its keywords on to list.sort.
      prepareKeywordParser(builtin == .sorted ? .listSort : builtin)
    }
    if traits.rejects(count: args.count), let arity = BuiltinArity.of(builtin, version: version),
      let message = arity.error(forCount: args.count, keywordsMayFill: traits.keywordsFillPositional)
    {
      throw raise(.typeError, message)
    }
    func keyword(_ name: String) -> ObjectID? { keywords.first { $0.0 == name }?.1 }
    func expect(_ range: ClosedRange<Int>) throws {
      guard range.contains(args.count) else {
        if range.lowerBound == range.upperBound {
          throw raise(
            .typeError,
            "\(builtin.name)() takes exactly \(range.lowerBound == 1 ? "one argument" : "\(range.lowerBound) arguments") (\(args.count) given)"
          )
        }
        throw raise(
          .typeError, "\(builtin.name) expected at most \(range.upperBound) arguments, got \(args.count)")
      }
    }
    switch builtin {
    case .print:
      try checkPrintKeywords(keywords)
      var parts: [String] = []
      for arg in args { parts.append(try str(arg)) }
      let sep = try keyword("sep").flatMap { $0 == heap.none ? nil : try str($0) } ?? " "
      let end = try keyword("end").flatMap { $0 == heap.none ? nil : try str($0) } ?? "\n"
      write(parts.joined(separator: sep) + end)
      return retain(heap.none)
    case .breakpoint:
      breakpointSteps.append(steps)
      return retain(heap.none)
    case .len:
      try expect(1...1)
      return heap.newInt(try length(of: args[0]), origin: .machineInt)
    case .repr:
      try expect(1...1)
      // `repr(n)` of a machine int: its digits in a new str, as `str(n)`.
      if heap.kind(of: args[0]) == .int, let small = heap.intValue(args[0]) {
        return heap.newStr(decimal: small)
      }
      return heap.newStr(try repr(args[0]))
    case .id:
      try expect(1...1)
      return heap.newInt(big: BigInt(heap.address(of: args[0])), origin: .machineInt)
    case .hash:
      try expect(1...1)
      return heap.newInt(try hash(args[0]), origin: .machineInt)
    case .isinstance:
      try expect(2...2)
      return heap.newBool(try isInstance(args[0], args[1]))
    case .issubclass:
      try expect(2...2)
      return heap.newBool(try isSubclass(args[0], args[1]))
    case .callable:
      try expect(1...1)
      return heap.newBool(try isCallableObject(args[0]))
    case .abs:
      try expect(1...1)
      switch number(args[0]) {
      case .int(let x)?: return heap.newInt(big: x.magnitude == x ? x : -x)
      case .float(let x)?: return heap.newFloat(Swift.abs(x))
      default: throw raise(.typeError, "bad operand type for abs(): '\(try typeName(of: args[0]))'")
      }
    case .sum:
      return try sum(args[0], start: args.count > 1 ? args[1] : keyword("start"))
    case .min, .max:
      let items = args.count == 1 ? try collect(args[0]) : args.map { retain($0) }
      defer { for item in items { drop(item) } }
      let key = sortKey(keywords)
      guard !items.isEmpty else {
        if let value = keyword("default") { return retain(value) }
        throw raise(
          .valueError,
          version >= .py312
            ? "\(builtin.name)() iterable argument is empty" : "\(builtin.name)() arg is an empty sequence")
      }
      var best = items[0]
      var bestKey = try key.map { try callObject($0, [best]) } ?? retain(best)
      for item in items.dropFirst() {
        let itemKey = try key.map { try callObject($0, [item]) } ?? retain(item)
        let result = try richCompare(itemKey, bestKey, builtin == .min ? .less : .greater)
        let better = try isTrue(result)
        drop(result)
        if better {
          drop(bestKey)
          best = item
          bestKey = itemKey
        } else {
          drop(itemKey)
        }
      }
      drop(bestKey)
      return retain(best)
    case .sorted:
      try expect(1...1)
      // `PySequence_List`: an empty list extended (no exact preallocation).
      let list = heap.newList([])
      do {
        try listExtend(list, args[0])
        // `newlist.sort` is looked up as a bound method and called.
        let sort = newBuiltinMethod(.listSort, self: list)
        defer { drop(sort) }
        try sortList(
          list, key: sortKey(keywords),
          reverse: try keyword("reverse").map { try isTrue($0) } ?? false)
      } catch {
        drop(list)
        throw error
      }
      return list
    case .iter:
      try expect(1...1)
      return try getIterator(args[0])
    case .next:
      try expect(1...2)
      guard heap.kind(of: args[0]) == .generator else {
        if let item = try nextItem(args[0]) { return item }
        if args.count == 2 { return retain(args[1]) }
        throw raise(.stopIteration, nil)
      }
      // A generator's `return value` becomes StopIteration(value) (the
      // exception's `value`); a default swallows it.
      var returned = ObjectID.null
      if let item = try resumeGenerator(args[0], returnValue: &returned) { return item }
      if args.count == 2 {
        drop(returned)
        return retain(args[1])
      }
      if returned.isNull { throw raise(.stopIteration, nil) }
      setPending(heap.newException(type: heap.typeObject(.stopIteration), args: heap.newTuple([returned])))
      throw PythonRaise()
    case .all, .any:
      try expect(1...1)
      let iterator = try getIterator(args[0])
      defer { drop(iterator) }
      while let item = try nextItem(iterator) {
        let truth = try isTrue(item)
        drop(item)
        if builtin == .all && !truth { return heap.newBool(false) }
        if builtin == .any && truth { return heap.newBool(true) }
      }
      return heap.newBool(builtin == .all)
    case .divmod:
      try expect(2...2)
      func isNumber(_ object: ObjectID) -> Bool {
        let kind = heap.kind(of: object)
        return kind == .int || kind == .bool || kind == .float
      }
      if !isNumber(args[0]) || !isNumber(args[1]) {
        throw raise(
          .typeError,
          "unsupported operand type(s) for divmod(): '\(try typeName(of: args[0]))' and '\(try typeName(of: args[1]))'"
        )
      }
      // float_divmod keeps its own message for a zero divisor.
      let anyFloat = heap.kind(of: args[0]) == .float || heap.kind(of: args[1]) == .float
      let zeroDivisor =
        heap.kind(of: args[1]) == .float ? heap.floatValue(args[1]) == 0 : heap.intValue(args[1]) == 0
      if anyFloat, zeroDivisor {
        throw raise(.zeroDivisionError, "float divmod()")
      }
      let quotient = try binaryOperation(.floorDivide, args[0], args[1], inPlace: false)
      let remainder = try binaryOperation(.modulo, args[0], args[1], inPlace: false)
      return heap.newTuple([quotient, remainder])
    case .pow:
      try expect(2...3)
      if args.count == 3, args[2] != heap.none, number(args[2]) == nil {
        let names = try args.map { "'\(try typeName(of: $0))'" }.joined(separator: ", ")
        throw raise(
          .typeError,
          "unsupported operand type(s) for \(version >= .py310 ? "** or pow()" : "pow()"): \(names)")
      }
      let result = try binaryOperation(.power, args[0], args[1], inPlace: false)
      if args.count == 3, args[2] != heap.none {
        defer { drop(result) }
        return try binaryOperation(.modulo, result, args[2], inPlace: false)
      }
      return result
    case .round:
      try expect(1...2)
      return try round(args)
    case .chr:
      try expect(1...1)
      let kind = heap.kind(of: args[0])
      if version >= .py310 {
        try requireInteger(args[0])
      } else if kind != .int, kind != .bool {
        let name = try typeName(of: args[0])
        throw raise(
          .typeError,
          kind == .float
            ? "integer argument expected, got float" : "an integer is required (got type \(name))")
      }
      if let value = heap.intValue(args[0]), (0xD800...0xDFFF).contains(value) {
        // A lone surrogate cannot live in a Swift string (the model's str).
        throw InterpreterStop.unsupported(
          feature: "chr() of a lone surrogate (U+D800…U+DFFF)", line: currentLine)
      }
      // 3.8-3.12 read the argument as a C int first; 3.13 clamps it.
      if version <= .py312, heap.intValue(args[0]).map({ Int32(exactly: $0) == nil }) ?? true {
        throw raise(.overflowError, "Python int too large to convert to C int")
      }
      guard let value = heap.intValue(args[0]), let scalar = Unicode.Scalar(UInt32(clamping: max(0, value))),
        value >= 0, value <= 0x10FFFF
      else { throw raise(.valueError, "chr() arg not in range(0x110000)") }
      return heap.newStr(String(scalar))
    case .ord:
      try expect(1...1)
      switch heap.kind(of: args[0]) {
      case .str:
        let text = heap.string(args[0])
        guard heap.str(args[0]).length == 1, let scalar = text.unicodeScalars.first else {
          throw raise(
            .typeError, "ord() expected a character, but string of length \(heap.str(args[0]).length) found")
        }
        return heap.newInt(Int(scalar.value))
      case .bytes, .bytearray:
        let bytes = heap.bytesValue(args[0])
        guard bytes.count == 1 else {
          throw raise(.typeError, "ord() expected a character, but string of length \(bytes.count) found")
        }
        return heap.newInt(Int(bytes[0]))
      default:
        throw raise(
          .typeError, "ord() expected string of length 1, but \(try typeName(of: args[0])) found")
      }
    case .hex, .bin:
      try expect(1...1)
      try requireInteger(args[0])
      let value = heap.bigIntValue(args[0])
      return heap.newStr(builtin == .hex ? IntFormatter.hex(value) : IntFormatter.bin(value))
    case .getattr:
      try expect(2...3)
      try requireAttributeName(args[1], builtin)
      let name = heap.string(args[1])
      let probing = attributeProbeDepth
      if args.count == 3 { attributeProbeDepth = frames.count }
      defer { attributeProbeDepth = probing }
      do {
        return try getAttribute(args[0], name)
      } catch is AttributeProbeMiss {
        return retain(args[2])
      } catch is PythonRaise where args.count == 3 {
        guard try exceptionMatches(pendingException, heap.typeObject(.attributeError)) else {
          throw PythonRaise()
        }
        clearPending()
        return retain(args[2])
      }
    case .hasattr:
      try expect(2...2)
      try requireAttributeName(args[1], builtin)
      let probing = attributeProbeDepth
      attributeProbeDepth = frames.count
      defer { attributeProbeDepth = probing }
      do {
        drop(try getAttribute(args[0], heap.string(args[1])))
        return heap.newBool(true)
      } catch is AttributeProbeMiss {
        return heap.newBool(false)
      } catch is PythonRaise {
        guard try exceptionMatches(pendingException, heap.typeObject(.attributeError)) else {
          throw PythonRaise()
        }
        clearPending()
        return heap.newBool(false)
      }
    case .setattr:
      try expect(3...3)
      try requireAttributeName(args[1], builtin)
      try setAttribute(args[0], heap.string(args[1]), args[2])
      return retain(heap.none)
    case .delattr:
      try expect(2...2)
      try requireAttributeName(args[1], builtin)
      try deleteAttribute(args[0], heap.string(args[1]))
      return retain(heap.none)
    case .sysGetsizeof:
      try expect(1...1)
      return heap.newInt(try sizeOf(args[0]), origin: .machineInt)
    case .sysGetrefcount:
      try expect(1...1)
      let object = args[0]
      if heap.isImmortal(object) { return heap.newInt(heap.profile.immortalRefcount, origin: .machineInt) }
      // The argument on the caller's stack counts, as in CPython.
      return heap.newInt(heap.refcount(of: object), origin: .machineInt)
    case .sysIntern:
      try expect(1...1)
      guard heap.kind(of: args[0]) == .str else {
        throw raise(.typeError, "intern() argument must be str, not \(try typeName(of: args[0]))")
      }
      return heap.internObject(args[0])
    case .sysDebugmallocstats:
      writeError(debugMallocStats())
      return retain(heap.none)
    case .sysGetrecursionlimit:
      return heap.newInt(recursionLimit)
    case .sysSetrecursionlimit:
      try expect(1...1)
      recursionLimit = heap.intValue(args[0]) ?? recursionLimit
      return retain(heap.none)
    default:
      if traits.isGCModuleFunction {
        return try callGCFunction(builtin, args, keywords: keywords, argumentTuple: packed.tuple)
      }
      return try callMethod(builtin, receiver, args, keywords: keywords)
    }
  }

  /// The TypeError of an int-only argument (`PyNumber_Index`).
  mutating func requireInteger(_ object: ObjectID) throws {
    let kind = heap.kind(of: object)
    guard kind == .int || kind == .bool else {
      throw raise(.typeError, "'\(try typeName(of: object))' object cannot be interpreted as an integer")
    }
  }

  /// The TypeError of getattr/hasattr/setattr/delattr given a name that is
  /// not a str: 3.8–3.10's getattr and hasattr name themselves.
  mutating func requireAttributeName(_ name: ObjectID, _ builtin: Builtin) throws {
    guard heap.kind(of: name) != .str else { return }
    if version <= .py310, builtin == .getattr || builtin == .hasattr {
      throw raise(.typeError, "\(builtin.name)(): attribute name must be string")
    }
    throw raise(.typeError, "attribute name must be string, not '\(try typeName(of: name))'")
  }

  /// `isinstance(object, classInfo)` (`PyObject_IsInstance`): an exact
  /// type match first, then each class of a tuple in order, so a bad entry
  /// after a match is never looked at.
  mutating func isInstance(_ object: ObjectID, _ classInfo: ObjectID) throws -> Bool {
    let type = heap.type(of: object)
    if type == classInfo { return true }
    if heap.kind(of: classInfo) == .tuple {
      for cls in heap.items(classInfo) where try isInstance(object, cls) { return true }
      return false
    }
    guard isClass(classInfo) else {
      throw raise(
        .typeError,
        version >= .py310
          ? "isinstance() arg 2 must be a type, a tuple of types, or a union"
          : "isinstance() arg 2 must be a type or tuple of types")
    }
    return inherits(type, from: classInfo)
  }

  /// `issubclass(cls, classInfo)` (`PyObject_IsSubclass`): the class itself
  /// answers at once, a tuple is tried in order, then both must be classes.
  /// PyCallable_Check: the type has tp_call — a class defining __call__
  /// (with or without __slots__), weak references, callable proxies.
  func isCallableObject(_ object: ObjectID) throws -> Bool {
    let kind = heap.kind(of: object)
    if [.function, .boundMethod, .builtinFunction, .builtinMethod, .type, .builtinType, .weakref].contains(
      kind)
    {
      return true
    }
    if kind == .weakproxy { return heap.type(of: object) == heap.typeObject(.weakCallableProxy) }
    guard kind == .instance || kind == .slotsInstance || kind == .exception,
      heap.kind(of: heap.type(of: object)) == .type
    else { return false }
    return try lookupType(heap.type(of: object), "__call__") != nil
  }

  mutating func isSubclass(_ cls: ObjectID, _ classInfo: ObjectID) throws -> Bool {
    if heap.kind(of: classInfo) == .tuple {
      for target in heap.items(classInfo) where try isSubclass(cls, target) { return true }
      return false
    }
    if cls == classInfo, isClass(classInfo) { return true }
    guard isClass(cls) else { throw raise(.typeError, "issubclass() arg 1 must be a class") }
    guard isClass(classInfo) else {
      throw raise(
        .typeError,
        version >= .py310
          ? "issubclass() arg 2 must be a class, a tuple of classes, or a union"
          : "issubclass() arg 2 must be a class or tuple of classes")
    }
    return inherits(cls, from: classInfo)
  }

  /// Whether `object` is a class (builtin or defined by the scenario).
  func isClass(_ object: ObjectID) -> Bool {
    let kind = heap.kind(of: object)
    return kind == .type || kind == .builtinType
  }

  /// Whether class `cls` is `base` or derives from it.
  func inherits(_ cls: ObjectID, from base: ObjectID) -> Bool {
    var current: ObjectID? = cls
    while let candidate = current {
      if candidate == base { return true }
      current = baseClass(of: candidate)
    }
    return false
  }

  private mutating func round(_ args: [ObjectID]) throws -> ObjectID {
    if args.count > 1, args[1] != heap.none { try requireInteger(args[1]) }
    // ndigits beyond ±2**40 rounds as those do (nothing left, or nothing to round).
    let places =
      args.count > 1 ? heap.intValue(args[1]) ?? (heap.bigIntValue(args[1]) < 0 ? -1 << 40 : 1 << 40) : 0
    let ndigits = min(max(places, -1 << 40), 1 << 40)
    do {
      switch number(args[0]) {
      case .float(let x)?:
        if args.count == 1 || args[1] == heap.none { return heap.newInt(big: try PyNumeric.round(x)) }
        return heap.newFloat(try PyNumeric.round(x, ndigits: ndigits))
      case .int(let n)?:
        if args.count == 1 || args[1] == heap.none { return heap.newInt(big: n) }
        return heap.newInt(big: PyNumeric.round(n, ndigits: ndigits))
      default:
        throw raise(.typeError, "type \(try typeName(of: args[0])) doesn't define __round__ method")
      }
    } catch let error as FormattingError {
      throw raise(formatting: error)
    }
  }

  /// `sys.getsizeof`.
  func sizeOf(_ object: ObjectID) throws -> Int {
    let layouts = heap.layouts
    switch heap.kind(of: object) {
    case .int:
      let value = heap.bigIntValue(object)
      return layouts.intGetsizeof(digits: digits(value))
    case .bool:
      return layouts.fixedGetsizeof(.bool, boolValue: object == heap.trueObject)!
    case .str:
      let payload = heap.str(object)
      return layouts.strGetsizeof(
        length: payload.length, kind: payload.storageKind,
        utf8Length: heap.strHasUTF8Copy(object) ? payload.utf8Count : nil)
    case .bytes:
      return ObjectLayouts.bytesBlockSize(length: heap.bytesValue(object).count)
    case .bytearray:
      return heap.byteArraySizeOf(object)
    case .tuple:
      return ObjectLayouts.tupleBlockSize(count: heap.itemCount(object))
    case .list:
      return ObjectLayouts.listGetsizeof(capacity: heap.listCapacity(object))
    case .dict:
      return heap.dictSizeOf(object)
    case .set, .frozenset:
      return heap.setSizeOf(object)
    case .instance, .slotsInstance:
      return layouts.instanceGetsizeof(heap.instanceShape(ofClass: heap.type(of: object)))
    case .type:
      return layouts.typeGetsizeof(sharedKeysBlockSize: heap.sharedKeysBlockSize(ofClass: object))
    case .none:
      return 16
    case .exception:
      // The block: 3.10+ NameError and AttributeError are larger.
      return Int(heap.sizes[object.slot])
    default:
      let kind = heap.kind(of: object)
      if let size = weakrefModuleSizeOf(object) { return size }
      if let size = layouts.fixedGetsizeof(kind) ?? layouts.staticObjectGetsizeof(kind) { return size }
      return Int(heap.sizes[object.slot])
    }
  }
}
