// Methods of the builtin types and the builtin types called as constructors.

import BigInt
import Foundation
import HeapModel

extension Interpreter {
  mutating func callMethod(
    _ builtin: Builtin, _ receiver: ObjectID, _ args: [ObjectID], keywords: [(String, ObjectID)]
  )
    throws -> ObjectID
  {
    // A class's `tp_dict` (reachable through gc.get_referents) keeps its
    // entries in the class payload, not in a dict table.
    if heap.kind(of: receiver) == .classDict {
      throw raise(.notImplementedError, "heapscope does not model methods of a class's namespace dict")
    }
    // Arguments are fetched into locals before a heap call uses them: a call
    // to this function (it captures `self`) inside the argument list of a
    // `heap` method makes Swift copy the whole heap for that call.
    func argument(_ index: Int) throws -> ObjectID {
      guard index < args.count else {
        throw raise(
          .typeError,
          "\(builtin.name)() takes at least \(index + 1) argument\(index == 0 ? "" : "s") (\(args.count) given)"
        )
      }
      return args[index]
    }
    switch builtin {
    case .listAppend:
      let item = retain(try argument(0))
      heap.listAppend(receiver, item)
    case .listPop:
      let count = heap.itemCount(receiver)
      // The index is converted (Py_ssize_t) before the emptiness check.
      let requested = try args.first.map { try integerArgument($0) }
      if count == 0 { throw raise(.indexError, "pop from empty list") }
      var index = requested ?? count - 1
      if index < 0 { index += count }
      guard index >= 0, index < count else { throw raise(.indexError, "pop index out of range") }
      return heap.listRemove(receiver, at: index)
    case .listExtend:
      try listExtend(receiver, try argument(0))
    case .listInsert:
      let count = heap.itemCount(receiver)
      var index = try integerArgument(try argument(0))
      if index < 0 { index = max(0, index + count) }
      let item = retain(try argument(1))
      heap.listInsert(receiver, min(index, count), item)
    case .listRemove:
      let target = try argument(0)
      for (index, item) in heap.items(receiver).enumerated() where try equals(item, target) {
        drop(heap.listRemove(receiver, at: index))
        return retain(heap.none)
      }
      throw raise(.valueError, "list.remove(x): x not in list")
    case .listIndex, .tupleIndex:
      let target = try argument(0)
      // index(x, start, stop): the bounds are slice indices (clamped, never
      // an OverflowError), negative ones counted from the end.
      let items = heap.items(receiver)
      var bounds = [0, items.count]
      for (position, argument) in args.dropFirst().prefix(2).enumerated() {
        var bound = try sliceIndexArgument(argument)
        if bound < 0 { bound = max(0, bound + items.count) }
        bounds[position] = min(bound, items.count)
      }
      for index in bounds[0]..<max(bounds[0], bounds[1]) where try equals(items[index], target) {
        return heap.newInt(index, origin: .machineInt)
      }
      throw raise(
        .valueError,
        builtin == .listIndex ? "\(try repr(target)) is not in list" : "tuple.index(x): x not in tuple")
    case .listCount, .tupleCount:
      let target = try argument(0)
      var count = 0
      for item in heap.items(receiver) where try equals(item, target) { count += 1 }
      return heap.newInt(count, origin: .machineInt)
    case .listReverse:
      heap.listReplaceAll(receiver, with: heap.items(receiver).reversed())
    case .listSort:
      try sortList(
        receiver, key: sortKey(keywords),
        reverse: try keywords.first { $0.0 == "reverse" }.map { try isTrue($0.1) } ?? false)
    case .listClear:
      let items = heap.items(receiver)
      heap.listReplaceAll(receiver, with: [], clearing: true)
      for item in items { drop(item) }
    case .listCopy:
      let items = heap.items(receiver)
      for item in items { heap.incref(item) }
      return heap.newList(items)
    case .dictGet:
      if let value = try dictGet(receiver, key: try argument(0)) { return retain(value) }
      return retain(args.count > 1 ? args[1] : heap.none)
    case .dictKeys, .dictValues, .dictItems:
      let which = builtin == .dictKeys ? 0 : (builtin == .dictValues ? 1 : 2)
      let type: BuiltinType = which == 0 ? .dictKeys : (which == 1 ? .dictValues : .dictItems)
      return heap.newFieldsObject(
        kind: .dictView, type: type, refs: [retain(receiver)], extra: which,
        size: heap.layouts.fixedBlockSize(.dictView)!)
    case .dictPop:
      let key = try argument(0)
      let hash = try hash(key)
      if let value = try dictPop(receiver, key: key, hash: hash) { return value }
      if args.count > 1 { return retain(args[1]) }
      throw raiseKeyError(key)
    case .dictSetdefault:
      let key = try argument(0)
      if let value = try dictGet(receiver, key: key) { return retain(value) }
      let value = args.count > 1 ? args[1] : heap.none
      try dictSet(receiver, key: key, value: value)
      return retain(value)
    case .dictUpdate:
      if let mapping = args.first { try dictUpdate(receiver, mapping) }
      for (name, value) in keywords {
        let key = heap.newStr(name)
        try dictSet(receiver, key: key, value: value)
        drop(key)
      }
    case .dictClear:
      for ref in heap.dictClear(receiver) { drop(ref) }
    case .dictCopy:
      let copy = heap.newDict()
      try dictUpdate(copy, receiver)
      return copy
    case .strJoin:
      return try strJoin(receiver, try collect(try argument(0)))
    case .strSplit:
      let separator = args.first ?? keywords.first { $0.0 == "sep" }?.1 ?? heap.none
      var maxSplit = -1
      if let limit = args.count > 1 ? args[1] : keywords.first(where: { $0.0 == "maxsplit" })?.1 {
        guard heap.kind(of: limit) == .int || heap.kind(of: limit) == .bool, let value = heap.intValue(limit)
        else {
          throw raise(.typeError, "'\(try typeName(of: limit))' object cannot be interpreted as an integer")
        }
        maxSplit = value
      }
      if separator != heap.none {
        guard heap.kind(of: separator) == .str else {
          throw raise(.typeError, "must be str or None, not \(try typeName(of: separator))")
        }
        if heap.str(separator).length == 0 { throw raise(.valueError, "empty separator") }
        return strSplit(receiver, separator: separator, maxSplit: maxSplit)
      }
      let text = heap.string(receiver)
      let pieces = Self.splitOnWhitespace(text, maxSplit: maxSplit)
      let separatorLength: Int? = nil
      // As `PyUnicode_Split`: a list with preallocated slots; an exact str
      // that does not split at all is its own only piece.
      let slots = splitPreallocation(
        maxSplit: maxSplit, length: heap.str(receiver).length, separatorLength: separatorLength,
        boundsByLength: version >= .py312)
      if pieces.count == 1, pieces[0].utf8.count == text.utf8.count {
        return newSplitList(preallocating: slots, pieces: [retain(receiver)])
      }
      return newSplitList(preallocating: slots, pieces: pieces.map { heap.newStr($0) })
    case .strUpper:
      if heap.str(receiver).isASCII {
        return heap.newStr(mappingASCII: receiver) { $0 &- (($0 &- 0x61) < 26 ? 0x20 : 0) }
      }
      return heap.newUncachedStr(PythonText.upper(heap.string(receiver)))
    case .strLower:
      if heap.str(receiver).isASCII {
        return heap.newStr(mappingASCII: receiver) { $0 &+ (($0 &- 0x41) < 26 ? 0x20 : 0) }
      }
      return heap.newUncachedStr(PythonText.lower(heap.string(receiver)))
    case .strStrip, .strLstrip, .strRstrip, .strLjust, .strRjust, .strCenter, .strZfill, .strPartition,
      .strRpartition, .strCapitalize, .strTitle, .strSwapcase, .strIsdigit, .strIsalpha, .strIsalnum,
      .strIsspace, .strIsdecimal, .strIsupper, .strIslower:
      return try strMethod(builtin, receiver, args)!
    case .strReplace:
      let (old, new) = (try argument(0), try argument(1))
      for (position, argument) in [old, new].enumerated() where heap.kind(of: argument) != .str {
        throw raise(
          .typeError, "replace() argument \(position + 1) must be str, not \(try typeName(of: argument))")
      }
      let count = args.count > 2 ? try integerArgument(args[2]) : -1
      // `replace()`: the same object for old and new, or a count of 0,
      // leaves the str unchanged (the receiver itself).
      if old == new || count == 0 { return retain(receiver) }
      let text = PythonText.replacing(
        heap.string(receiver), heap.string(old), with: heap.string(new), count: count)
      return text.map { heap.newStr($0) } ?? retain(receiver)
    case .strStartswith, .strEndswith:
      return heap.newBool(try strTailMatch(builtin, receiver, args))
    case .strFind, .strCount, .strRfind, .strIndex, .strRindex:
      return try strSearch(builtin, receiver, args)
    case .strFormat:
      // The writer keeps a lone exact str instead of copying it: a template
      // without fields is the receiver itself, and a template that is one
      // plain field of a str ("{}", "{0!s:}", "{name}") is that str.
      let template = heap.string(receiver)
      if !template.contains("{") && !template.contains("}") { return retain(receiver) }
      if let whole = loneFormatField(template, args, keywords) { return retain(whole) }
      return heap.newStr(try formatMethod(template, args, keywords))
    case .objectInit:
      break
    case .baseExceptionInit:
      // BaseException.__init__(self, *args): args becomes the call's tuple.
      if !keywords.isEmpty {
        throw raise(.typeError, "\(try typeName(of: receiver))() takes no keyword arguments")
      }
      for argument in args { heap.incref(argument) }
      setExceptionField(receiver, 0, heap.newTuple(args))
    case .propertyGetter, .propertySetter, .propertyDeleter:
      return try copyProperty(builtin, receiver, args)
    case .bytearrayAppend:
      let byte = try argument(0)
      guard let value = heap.intValue(byte), (0...255).contains(value) else {
        throw raise(.valueError, "byte must be in range(0, 256)")
      }
      heap.byteArrayAppend(receiver, [UInt8(value)])
    case .bytearrayExtend:
      var bytes: [UInt8] = []
      for item in try collect(try argument(0)) {
        defer { drop(item) }
        guard let value = heap.intValue(item), (0...255).contains(value) else {
          throw raise(.valueError, "byte must be in range(0, 256)")
        }
        bytes.append(UInt8(value))
      }
      heap.byteArrayAppend(receiver, bytes)
    case .setAdd:
      try setAdd(receiver, try argument(0))
    case .setDiscard:
      _ = try setDiscard(receiver, try argument(0))
    case .setRemove:
      if try !setDiscard(receiver, try argument(0)) { throw raiseKeyError(try argument(0)) }
    case .setPop:
      guard let key = heap.setPop(receiver) else { throw raise(.keyError, "pop from an empty set") }
      return key
    case .setCopy, .setClear, .setUpdate, .setUnion, .setIntersection, .setDifference,
      .setSymmetricDifference,
      .setIssubset, .setIssuperset, .setIsdisjoint, .setIntersectionUpdate, .setDifferenceUpdate,
      .setSymmetricDifferenceUpdate, .frozensetCopy, .frozensetUnion, .frozensetIntersection,
      .frozensetDifference, .frozensetSymmetricDifference, .frozensetIssubset, .frozensetIssuperset,
      .frozensetIsdisjoint:
      return try callSetMethod(builtin, receiver, args)
    default:
      if let result = try callTypeMethod(builtin, receiver, args, keywords: keywords) { return result }
      if case .moduleClass = builtin.owner {
        return try callWeakrefClassMethod(builtin, receiver, args, keywords: keywords)
      }
      preconditionFailure("\(builtin) is not a method")
    }
    return retain(heap.none)
  }

  /// `super()` (from the calling method's `__class__` cell and first
  /// argument) or `super(type, obj)`.
  mutating func makeSuper(_ args: [ObjectID]) throws -> ObjectID {
    var cls: ObjectID
    var object: ObjectID
    if args.count == 2 {
      cls = args[0]
      object = args[1]
    } else if args.isEmpty {
      guard let frame = frames.last, frame.namespace.isNull else {
        throw raise(.runtimeError, "super(): no arguments")
      }
      let code = program.codes[frame.code]
      guard let cellIndex = code.freeNames.firstIndex(of: "__class__") else {
        throw raise(.runtimeError, "super(): __class__ cell not found")
      }
      let cell = values[frame.base + code.varNames.count + code.cellNames.count + cellIndex]
      cls = heap.fieldsPayload(cell).refs[0]
      if cls.isNull { throw raise(.runtimeError, "super(): empty __class__ cell") }
      guard code.argumentCount > 0 || code.hasVarArgs else {
        throw raise(.runtimeError, "super(): no arguments")
      }
      object = values[frame.base]
      if object.isNull, let cellOffset = code.cellFromArgument.firstIndex(of: 0) {
        object = heap.fieldsPayload(values[frame.base + code.varNames.count + cellOffset]).refs[0]
      }
      if object.isNull { throw raise(.runtimeError, "super(): arg[0] deleted") }
    } else {
      throw raise(.typeError, "super() takes at most 2 arguments (\(args.count) given)")
    }
    return heap.newFieldsObject(
      kind: .superObject, type: .superType, refs: [retain(cls), retain(object)],
      size: heap.layouts.fixedBlockSize(.superObject)!)
  }

  /// A tuple of `iter(x)` for each of `sources`, allocated before the
  /// iterators (`map_new`/`zip_new` fill a `PyTuple_New` as they go).
  mutating func newIteratorTuple(_ sources: ArraySlice<ObjectID>) throws -> ObjectID {
    let tuple = heap.newTuple(sources.map { _ in retain(heap.none) })
    for (index, source) in sources.enumerated() {
      do {
        drop(heap.listSetItem(tuple, index, try getIterator(source)))
      } catch {
        drop(tuple)
        throw error
      }
    }
    return tuple
  }

  // MARK: Constructors

  /// `int(text, base)` for a str, bytes or bytearray `text` (`base` null:
  /// 10), with CPython's errors for the base and the literal.
  private mutating func parseInt(_ text: ObjectID, base baseObject: ObjectID) throws -> ObjectID {
    var base = 10
    if !baseObject.isNull {
      try requireInteger(baseObject)
      let requested = heap.intValue(baseObject)
      guard let requested, requested == 0 || (2...36).contains(requested) else {
        throw raise(.valueError, "int() base must be >= 2 and <= 36, or 0")
      }
      base = requested
    }
    let bytes: [UInt8]
    switch heap.kind(of: text) {
    case .str: bytes = PyNumeric.intLiteralBytes(heap.string(text))
    case .bytes, .bytearray: bytes = heap.bytesValue(text)
    default: throw raise(.typeError, "int() can't convert non-string with explicit base")
    }
    do {
      return heap.newInt(big: try PyNumeric.parseInt(bytes, base: base))
    } catch .invalid {
      let shown = String(String.UnicodeScalarView(try repr(text).unicodeScalars.prefix(200)))
      throw raise(.valueError, "invalid literal for int() with base \(base): \(shown)")
    } catch .tooManyDigits(let digits) {
      throw raise(.valueError, IntFormatter.limitMessage(version: version, digits: digits))
    }
  }

  /// A range object (its start, stop, step and length as int objects).
  mutating func newRange(start: Int, stop: Int, step: Int) -> ObjectID {
    let length = rangeLength((start, stop, step))
    return heap.newFieldsObject(
      kind: .range, type: .range,
      refs: [heap.newInt(start), heap.newInt(stop), heap.newInt(step), heap.newInt(length)],
      size: heap.layouts.fixedBlockSize(.range)!, tracked: false)
  }

  /// What `bytes(...)` or `bytearray(...)` holds (`bytes_new`,
  /// `bytearray___init__`): a str encoded with the encoding given (and
  /// only then), n zero bytes for an int n, a copy of bytes or bytearray,
  /// else the items of an iterable, each an int in range(0, 256).
  private mutating func bytesConstructorContents(
    _ type: BuiltinType, _ args: [ObjectID], keywords: [(String, ObjectID)]
  ) throws -> [UInt8] {
    guard let source = args.first else { return [] }
    let kind = heap.kind(of: source)
    if args.count > 1 || !keywords.isEmpty {
      guard kind == .str else { throw raise(.typeError, "encoding without a string argument") }
      let encoded = try strEncode(source, Array(args.dropFirst()), keywords: keywords)
      defer { drop(encoded) }
      return heap.bytesValue(encoded)
    }
    switch kind {
    case .str:
      throw raise(.typeError, "string argument without an encoding")
    case .int, .bool:
      guard let count = heap.intValue(source), count <= Int32.max else {
        throw raise(.overflowError, "cannot fit 'int' into an index-sized integer")
      }
      if count < 0 { throw raise(.valueError, "negative count") }
      return Array(repeating: 0, count: count)
    case .bytes, .bytearray:
      return heap.bytesValue(source)
    default:
      break
    }
    let items = try collect(source) {
      "cannot convert '\(try $0.typeName(of: source))' object to \(type == .bytes ? "bytes" : "bytearray")"
    }
    defer { for item in items { drop(item) } }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(items.count)
    for item in items {
      try requireInteger(item)
      guard let value = heap.intValue(item), (0...255).contains(value) else {
        throw raise(
          .valueError, type == .bytes ? "bytes must be in range(0, 256)" : "byte must be in range(0, 256)")
      }
      bytes.append(UInt8(value))
    }
    return bytes
  }

  mutating func construct(_ type: BuiltinType, _ args: [ObjectID], keywords: [(String, ObjectID)]) throws
    -> ObjectID
  {
    if type.isException { return try newBuiltinException(type, args, keywords: keywords) }
    // One argument and no keywords — `str(i)`, most calls — has nothing to
    // check (the arity check costs ~170 instructions a call).
    if keywords.isEmpty, args.count <= 1 { return try constructChecked(type, args, keywords: keywords) }
    let (args, keywords) = try constructorArguments(type, args, keywords: keywords)
    return try constructChecked(type, args, keywords: keywords)
  }

  /// `construct` once the number and text constructors' arguments are
  /// checked.
  private mutating func constructChecked(
    _ type: BuiltinType, _ args: [ObjectID], keywords: [(String, ObjectID)]
  )
    throws -> ObjectID
  {
    switch type {
    case .object:
      if !args.isEmpty || !keywords.isEmpty { throw raise(.typeError, "object() takes no arguments") }
      return heap.newFieldsObject(kind: .object, type: .object, refs: [], size: 16, tracked: false)
    case .weakref:  // weakref.ref(obj[, callback])
      return try callBuiltin(
        builtinObjects[Builtin.weakrefRef.rawValue], self: .null, args, keywords: keywords)
    case .int:
      guard let value = args.first else { return heap.newInt(0) }
      let kind = heap.kind(of: value)
      if args.count > 1 {
        return try parseInt(value, base: args[1])
      }
      switch kind {
      case .int: return retain(value)
      case .bool: return heap.newInt(heap.intValue(value) ?? 0)
      case .float:
        do { return heap.newInt(big: try PyNumeric.toInteger(heap.floatValue(value))) } catch {
          throw raise(formatting: error)
        }
      case .str, .bytes, .bytearray:
        return try parseInt(value, base: .null)
      default:
        throw raise(
          .typeError,
          "int() argument must be a string, a bytes-like object or a \(version >= .py310 ? "real number" : "number"), not '\(try typeName(of: value))'"
        )
      }
    case .float:
      guard let value = args.first else { return heap.newFloat(0) }
      switch number(value) {
      case .float?:
        return heap.kind(of: value) == .float ? retain(value) : heap.newFloat(heap.floatValue(value))
      case .int(let n)?: return heap.newFloat(try toDouble(.int(n)))
      default:
        let text: [UInt8]
        switch heap.kind(of: value) {
        case .str: text = PyNumeric.intLiteralBytes(heap.string(value))
        case .bytes, .bytearray: text = heap.bytesValue(value)
        default:
          throw raise(
            .typeError,
            "float() argument must be a string or a \(version >= .py310 ? "real number" : "number"), not '\(try typeName(of: value))'"
          )
        }
        if let parsed = PyNumeric.parseFloat(text) { return heap.newFloat(parsed) }
        // 3.8-3.9 handed an all-space text, stripped, to PyOS_string_to_double,
        // whose own message quotes what it was given: nothing.
        if version <= .py39, text.allSatisfy({ $0 == 0x20 || (0x09...0x0D).contains($0) }) {
          throw raise(.valueError, "could not convert string to float: ''")
        }
        throw raise(.valueError, "could not convert string to float: \(try repr(value))")
      }
    case .str:
      guard let value = args.first else { return heap.newStr("") }
      if args.count > 1 || !keywords.isEmpty {
        // str(object, encoding[, errors]) decodes a bytes-like object.
        switch heap.kind(of: value) {
        case .bytes, .bytearray:
          return try decodeBytes(.bytesDecode, heap.bytesValue(value), Array(args.dropFirst()), keywords)
        case .str: throw raise(.typeError, "decoding str is not supported")
        default:
          throw raise(
            .typeError, "decoding to str: need a bytes-like object, \(try typeName(of: value)) found")
        }
      }
      if heap.kind(of: value) == .str { return retain(value) }
      if heap.kind(of: value) == .int, let small = heap.intValue(value) { return heap.newStr(decimal: small) }
      return heap.newStr(try str(value))
    case .bool:
      guard let value = args.first else { return heap.newBool(false) }
      return heap.newBool(try isTrue(value))
    case .list:
      guard let value = args.first else { return heap.newList([], fresh: true) }
      // 3.13's `list(x)` is an empty list extended; before, a sized `x`
      // (`_PyObject_HasLen`) preallocates exactly.
      if version >= .py313 {
        let list = heap.newList([], fresh: true)
        do {
          try listExtend(list, value)
        } catch {
          drop(list)
          throw error
        }
        return list
      }
      let kind = heap.kind(of: value)
      if kind == .instance || kind == .slotsInstance, try lookupType(heap.type(of: value), "__len__") != nil {
        // `len(x)` for the exact preallocation, then again as the hint of
        // `list_extend`: `__len__` runs twice.
        let preallocated = heap.layouts.listPreallocatedCapacity(try length(of: value))
        let hint = try length(of: value)
        let items = try collect(value)
        let capacity = heap.layouts.listExtend(
          size: 0, allocated: preallocated, count: items.count, lengthHint: hint)
        return heap.newList(items, capacity: capacity, fresh: true)
      }
      let hint = try lengthHint(of: value) ?? 8
      let items = try collect(value)
      let capacity =
        hasBuiltinLen(kind)
        ? heap.layouts.listCapacity(.fromSized(count: items.count))
        : heap.layouts.listCapacity(.fromIterator(count: items.count, lengthHint: hint))
      return heap.newList(items, capacity: capacity, fresh: true)
    case .tuple:
      guard let value = args.first else { return retain(heap.emptyTuple) }
      if heap.kind(of: value) == .tuple { return retain(value) }
      return heap.newTuple(try collect(value))
    case .dict:
      if args.count > 1 { throw raise(.typeError, "dict expected at most 1 argument, got \(args.count)") }
      let dict = heap.newDict(fresh: true)
      if heap.layouts.dictConstructorAllocatesKeys { heap.dictPresize(dict) }
      if let value = args.first { try dictUpdate(dict, value) }
      for (name, value) in keywords {
        let key = heap.newStr(name)
        try dictSet(dict, key: key, value: value)
        drop(key)
      }
      return dict
    case .set, .frozenset:
      // `frozenset(fs)` is `fs` (make_new_frozenset); 3.8–3.9 keep one
      // empty frozenset, returned for every empty result.
      if type == .frozenset, args.count == 1, heap.kind(of: args[0]) == .frozenset { return retain(args[0]) }
      let result = try args.first.map { try newSet(frozen: type == .frozenset, from: $0) }
      guard type == .frozenset, version <= .py39, result.map({ heap.setCount($0) == 0 }) ?? true else {
        return result ?? newSet(frozen: type == .frozenset)
      }
      if let result { drop(result) }
      if emptyFrozenset.isNull { emptyFrozenset = newSet(frozen: true) }
      return retain(emptyFrozenset)
    case .bytearray:
      let contents = try bytesConstructorContents(.bytearray, args, keywords: keywords)
      // An iterable of ints is appended byte by byte (3.11+ size a list
      // or tuple exactly).
      if args.count == 1, keywords.isEmpty {
        let kind = heap.kind(of: args[0])
        let exact: Set<ObjectKind> =
          version >= .py311
          ? [.bytes, .bytearray, .int, .bool, .list, .tuple] : [.bytes, .bytearray, .int, .bool]
        if !exact.contains(kind) {
          return heap.newByteArray(
            contents, allocated: ObjectLayouts.bytearrayAllocationAfterAppends(contents.count))
        }
      }
      return heap.newByteArray(contents)
    case .bytes:
      // bytes(b) of an exact bytes is b itself.
      if args.count == 1, keywords.isEmpty, heap.kind(of: args[0]) == .bytes { return retain(args[0]) }
      // `bytes(x)` of an instance whose class defines `__bytes__` is what
      // that returns (it must be a bytes).
      if args.count == 1, keywords.isEmpty, [.instance, .slotsInstance].contains(heap.kind(of: args[0])),
        let method = try lookupType(heap.type(of: args[0]), "__bytes__")
      {
        let result = try callObject(method, [args[0]])
        guard heap.kind(of: result) == .bytes else {
          defer { drop(result) }
          throw raise(.typeError, "__bytes__ returned non-bytes (type \(try typeName(of: result)))")
        }
        return result
      }
      return heap.newBytes(try bytesConstructorContents(.bytes, args, keywords: keywords))
    case .range:
      let ints = args.map { heap.intValue($0) ?? 0 }
      guard !ints.isEmpty, ints.count <= 3 else {
        throw raise(.typeError, "range expected at least 1 argument, got \(ints.count)")
      }
      for arg in args where heap.kind(of: arg) != .int && heap.kind(of: arg) != .bool {
        throw raise(.typeError, "'\(try typeName(of: arg))' object cannot be interpreted as an integer")
      }
      let start = ints.count == 1 ? 0 : ints[0]
      let stop = ints.count == 1 ? ints[0] : ints[1]
      let step = ints.count == 3 ? ints[2] : 1
      if step == 0 { throw raise(.valueError, "range() arg 3 must not be zero") }
      return newRange(start: start, stop: stop, step: step)
    // enumerate, zip and map keep tuples of their own, as CPython's do: the
    // result pair enumerate recycles (`en_result`), zip's tuple of iterators
    // and the result tuple it recycles, map's tuple of iterators. They are
    // real objects (GC-tracked, on the tuple free list once freed); the
    // fields are in CPython's traverse/dealloc order.
    case .enumerate:
      let iterator = try getIterator(args[0])
      let start = args.count > 1 ? heap.intValue(args[1]) ?? 0 : 0
      let result = heap.newTuple([retain(heap.none), retain(heap.none)])
      return heap.newFieldsObject(
        kind: .enumerate, type: .enumerate, refs: [iterator, result], index: start,
        size: heap.layouts.fixedBlockSize(.enumerate)!)
    case .zip:
      let iterators = try newIteratorTuple(args[...])
      let result = heap.newTuple(args.map { _ in retain(heap.none) })
      return heap.newFieldsObject(
        kind: .zip, type: .zip, refs: [iterators, result], size: heap.layouts.fixedBlockSize(.zip)!)
    case .map:
      let iterators = try newIteratorTuple(args.dropFirst())
      return heap.newFieldsObject(
        kind: .map, type: .map, refs: [iterators, retain(args[0])], size: heap.layouts.fixedBlockSize(.map)!)
    case .filter:
      return heap.newFieldsObject(
        kind: .filter, type: .filter, refs: [retain(args[0]), try getIterator(args[1])],
        size: heap.layouts.fixedBlockSize(.filter)!)
    case .reversed:
      let sequence = args[0]
      let sequenceKind = heap.kind(of: sequence)
      let reversible: Bool
      switch sequenceKind {
      case .list, .tuple, .str, .bytes, .bytearray, .range, .dict, .dictView: reversible = true
      case .instance, .slotsInstance:
        let cls = heap.type(of: sequence)
        reversible =
          try lookupType(cls, "__reversed__") != nil
          || (try lookupType(cls, "__getitem__") != nil && lookupType(cls, "__len__") != nil)
      default: reversible = false
      }
      guard reversible else {
        throw raise(.typeError, "'\(try typeName(of: sequence))' object is not reversible")
      }
      guard sequenceKind == .list || sequenceKind == .tuple else {
        let items = try collect(sequence)
        let list = heap.newList(items.reversed())
        defer { drop(list) }
        return try getIterator(list)
      }
      return heap.newFieldsObject(
        kind: .listReverseIterator, type: .listReverseIterator, refs: [retain(sequence)],
        size: heap.layouts.fixedBlockSize(.listReverseIterator)!)
    case .property:
      return try constructProperty(args, keywords: keywords)
    case .staticMethod, .classMethod:
      let kind: ObjectKind = type == .staticMethod ? .staticMethod : .classMethod
      return heap.newFieldsObject(
        kind: kind, type: type, refs: [retain(args[0])], size: heap.layouts.fixedBlockSize(kind)!)
    case .superType:
      return try makeSuper(args)
    case .type:
      if args.count == 1 { return retain(heap.type(of: args[0])) }
      if args.count == 3 {
        throw InterpreterStop.unsupported(feature: "type() with three arguments", line: currentLine)
      }
      throw raise(.typeError, "type() takes 1 or 3 arguments")
    default:
      throw raise(.typeError, "cannot create '\(type.name)' instances")
    }
  }
}

extension String {
  /// Every occurrence of the code points of a non-empty `target` replaced.
  func replacingAll(_ target: String, with replacement: String) -> String {
    if target.isEmpty { return self }
    return PythonText.replacing(self, target, with: replacement) ?? self
  }

  /// Without the whitespace `int()` and `float()` ignore at either end.
  func trimmingWhitespace() -> String { PythonText.strippedForNumber(self) }
}

extension Interpreter {
  /// `sep.join(items)` (`PyUnicode_Join`), `items` owned. The text is
  /// copied into the store and the items released before the result's
  /// block is allocated — the order the model has always used.
  mutating func strJoin(_ separator: ObjectID, _ items: [ObjectID]) throws -> ObjectID {
    var bad: Int?
    for (index, item) in items.enumerated() where heap.kind(of: item) != .str {
      bad = index
      break
    }
    if let bad {
      for item in items[..<bad] { drop(item) }
      defer { drop(items[bad]) }
      throw raise(
        .typeError, "sequence item \(bad): expected str instance, \(try typeName(of: items[bad])) found")
    }
    // One exact str is returned as it is, whatever the separator.
    if items.count == 1 { return items[0] }
    if let pending = items.withUnsafeBufferPointer({ heap.storeStr(joining: $0, separator: separator) }) {
      for item in items { drop(item) }
      return heap.newStr(pending)
    }
    var text = ""
    for (index, item) in items.enumerated() {
      if index > 0 { text += heap.string(separator) }
      text += heap.string(item)
      drop(item)
    }
    return heap.newStr(text)
  }

  /// `s.split(sep, maxsplit)` for a non-empty str `sep` (`PyUnicode_Split`):
  /// the pieces between non-overlapping occurrences, left to right, cut
  /// from the receiver's bytes — a match of whole encoded code points
  /// always starts and ends on code point boundaries.
  mutating func strSplit(_ receiver: ObjectID, separator: ObjectID, maxSplit: Int) -> ObjectID {
    if separatorCannotOccur(in: receiver, separator) { return heap.newList([retain(receiver)], capacity: 1) }
    var ranges: [Range<Int>] = []
    let total = heap.withStrBytes(receiver, separator) { haystack, needle -> Int in
      let count = haystack.count
      let width = needle.count
      var start = 0
      var index = 0
      // Left to right, matches never overlapping: `memchr` finds the next
      // place the separator's first byte could start, `memcmp` checks the
      // rest (UTF-8 is self-synchronising, so a byte match is a match).
      while index + width <= count, maxSplit < 0 || ranges.count < maxSplit,
        let hit = memchr(haystack.baseAddress! + index, Int32(needle[0]), count - width + 1 - index)
      {
        let position = haystack.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        if width == 1 || memcmp(haystack.baseAddress! + position, needle.baseAddress!, width) == 0 {
          ranges.append(start..<position)
          index = position + width
          start = index
        } else {
          index = position + 1
        }
      }
      ranges.append(start..<count)
      return count
    }
    let slots = splitPreallocation(
      maxSplit: maxSplit, length: heap.str(receiver).length, separatorLength: heap.str(separator).length,
      boundsByLength: version >= .py312)
    // An exact str that does not split at all is its own only piece.
    if ranges.count == 1, ranges[0].count == total {
      return newSplitList(preallocating: slots, pieces: [retain(receiver)])
    }
    var pieces: [ObjectID] = []
    pieces.reserveCapacity(ranges.count)
    for range in ranges { pieces.append(heap.newStr(slicing: receiver, bytes: range)) }
    return newSplitList(preallocating: slots, pieces: pieces)
  }

  /// `str.split()` without a separator: runs of whitespace separate, none
  /// at either end; after `maxSplit` splits the rest is one piece, its
  /// leading whitespace dropped and its trailing whitespace kept.
  static func splitOnWhitespace(_ text: String, maxSplit: Int) -> [String] {
    let scalars = Array(text.unicodeScalars)
    var pieces: [String] = []
    var index = 0
    let isSpace = Interpreter.isSpace
    while index < scalars.count {
      while index < scalars.count, isSpace(scalars[index]) { index += 1 }
      if index == scalars.count { break }
      if maxSplit >= 0, pieces.count == maxSplit {
        var rest = String.UnicodeScalarView()
        rest.append(contentsOf: scalars[index...])
        pieces.append(String(rest))
        break
      }
      let start = index
      while index < scalars.count, !isSpace(scalars[index]) { index += 1 }
      var piece = String.UnicodeScalarView()
      piece.append(contentsOf: scalars[start..<index])
      pieces.append(String(piece))
    }
    return pieces
  }
}
