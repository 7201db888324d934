// The builtin functions, module functions and builtin-type methods a
// scenario can call. Each is one static `builtin_function_or_method` object
// (created with the interpreter, like CPython's static method tables); a
// method accessed as an attribute is wrapped in a new builtin-method object
// that holds `self`.

import Foundation
import HeapModel

/// Where a builtin lives.
enum BuiltinOwner: Equatable {
  case builtins
  case module(String)
  case type(BuiltinType)
  /// A method of a class of a pure-Python stdlib module (Lib/weakref.py),
  /// reached through the class's namespace (Interpreter+WeakrefModule.swift).
  case moduleClass(String)
}

/// Every builtin callable of the interpreter.
enum Builtin: Int, CaseIterable {
  // builtins
  case print, len, repr, id, isinstance, issubclass, sum, min, max, sorted, iter, next, abs, all, any
  case divmod, pow, round, chr, ord, hex, bin, callable, hash, getattr, setattr, hasattr, delattr, breakpoint
  // sys
  case sysGetsizeof, sysGetrefcount, sysIntern, sysDebugmallocstats, sysGetrecursionlimit
  case sysSetrecursionlimit
  // list
  case listAppend, listPop, listExtend, listInsert, listRemove, listIndex, listCount, listReverse
  case listSort, listClear, listCopy
  // dict
  case dictGet, dictKeys, dictValues, dictItems, dictPop, dictSetdefault, dictUpdate, dictClear, dictCopy
  case dictPopitem, dictFromkeys
  // str
  case strJoin, strSplit, strUpper, strLower, strStrip, strReplace, strStartswith, strEndswith, strFind
  case strFormat, strCount, strRfind, strIndex, strRindex
  case strLstrip, strRstrip, strLjust, strRjust, strCenter, strZfill, strPartition, strRpartition
  case strCapitalize, strTitle, strSwapcase, strIsdigit, strIsalpha, strIsalnum, strIsspace, strIsdecimal
  case strIsupper, strIslower
  case strRsplit, strSplitlines, strEncode, strCasefold, strExpandtabs, strIsidentifier, strIsprintable
  case strIsascii, strRemoveprefix, strRemovesuffix
  // int, float
  case intBitLength, intBitCount, intToBytes, intFromBytes, intConjugate, intAsIntegerRatio, intIsInteger
  case floatIsInteger, floatAsIntegerRatio, floatHex, floatFromhex, floatConjugate
  // bytes
  case bytesDecode, bytesUpper, bytesLower, bytesSplit, bytesStrip, bytesStartswith, bytesEndswith
  case bytesFind, bytesCount, bytesReplace, bytesHex, bytesFromhex, bytesJoin, bytesIndex
  // set
  case setAdd, setDiscard, setRemove, setPop
  // set and frozenset algebra (Interpreter+SetMethods.swift)
  case setCopy, setClear, setUpdate, setUnion, setIntersection, setDifference, setSymmetricDifference
  case setIssubset, setIssuperset, setIsdisjoint, setIntersectionUpdate, setDifferenceUpdate
  case setSymmetricDifferenceUpdate
  case frozensetCopy, frozensetUnion, frozensetIntersection, frozensetDifference
  case frozensetSymmetricDifference, frozensetIssubset, frozensetIssuperset, frozensetIsdisjoint
  // tuple
  case tupleIndex, tupleCount
  // object and BaseException (reached through super())
  case objectInit, baseExceptionInit
  // property (the decorators that copy it with one function replaced)
  case propertyGetter, propertySetter, propertyDeleter
  // bytearray
  case bytearrayAppend, bytearrayExtend
  case bytearrayPop, bytearrayDecode, bytearrayClear, bytearrayInsert, bytearrayReverse, bytearrayCopy
  case bytearrayRemove
  // gc
  case gcCollect, gcEnable, gcDisable, gcIsenabled, gcGetCount, gcGetThreshold, gcSetThreshold, gcGetStats
  case gcGetObjects, gcGetReferrers, gcGetReferents, gcIsTracked, gcIsFinalized, gcSetDebug, gcGetDebug
  case gcFreeze, gcUnfreeze, gcGetFreezeCount
  // weakref
  case weakrefRef, weakrefProxy, weakrefGetweakrefcount
  // weakref.WeakValueDictionary, WeakKeyDictionary, finalize (Lib/weakref.py)
  case weakValuesInit, weakValuesGetitem, weakValuesSetitem, weakValuesDelitem, weakValuesLen
  case weakValuesContains, weakValuesRepr, weakValuesGet, weakValuesKeys, weakValuesValues
  case weakValuesItems, weakValuesPop, weakValuesSetdefault, weakValuesUpdate, weakValuesCopy
  case weakValuesValuerefs, weakValuesRemove, weakValuesRemoveDeadWeakref
  case weakKeysInit, weakKeysGetitem, weakKeysSetitem, weakKeysDelitem, weakKeysLen, weakKeysContains
  case weakKeysRepr, weakKeysGet, weakKeysKeys, weakKeysValues, weakKeysItems, weakKeysPop
  case weakKeysSetdefault, weakKeysUpdate, weakKeysCopy, weakKeysKeyrefs, weakKeysRemove
  case finalizerInit, finalizerCall, finalizerDetach, finalizerPeek, finalizerRepr, finalizerAlive
  case finalizerAtexit, finalizerSetAtexit

  /// Names that are not the case name without its owner prefix.
  static let pythonNames: [Builtin: String] = [
    .gcIsenabled: "isenabled", .gcGetCount: "get_count", .gcGetThreshold: "get_threshold",
    .gcSetThreshold: "set_threshold", .gcGetStats: "get_stats", .gcGetObjects: "get_objects",
    .gcGetReferrers: "get_referrers", .gcGetReferents: "get_referents", .gcIsTracked: "is_tracked",
    .gcIsFinalized: "is_finalized", .gcSetDebug: "set_debug", .gcGetDebug: "get_debug",
    .gcGetFreezeCount: "get_freeze_count", .weakrefGetweakrefcount: "getweakrefcount",
    .objectInit: "__init__", .baseExceptionInit: "__init__",
    .weakValuesInit: "__init__", .weakValuesGetitem: "__getitem__", .weakValuesSetitem: "__setitem__",
    .weakValuesDelitem: "__delitem__", .weakValuesLen: "__len__", .weakValuesContains: "__contains__",
    .weakValuesRepr: "__repr__", .weakValuesRemoveDeadWeakref: "_remove_dead_weakref",
    .weakKeysInit: "__init__", .weakKeysGetitem: "__getitem__", .weakKeysSetitem: "__setitem__",
    .weakKeysDelitem: "__delitem__", .weakKeysLen: "__len__", .weakKeysContains: "__contains__",
    .weakKeysRepr: "__repr__", .finalizerInit: "__init__", .finalizerCall: "__call__",
    .finalizerRepr: "__repr__", .finalizerSetAtexit: "atexit",
    .intBitLength: "bit_length", .intBitCount: "bit_count", .intToBytes: "to_bytes",
    .intFromBytes: "from_bytes", .intAsIntegerRatio: "as_integer_ratio", .intIsInteger: "is_integer",
    .floatIsInteger: "is_integer", .floatAsIntegerRatio: "as_integer_ratio",
    .setSymmetricDifference: "symmetric_difference", .setIntersectionUpdate: "intersection_update",
    .setDifferenceUpdate: "difference_update", .setSymmetricDifferenceUpdate: "symmetric_difference_update",
    .frozensetSymmetricDifference: "symmetric_difference",
  ]

  /// Methods CPython added after 3.8, with the first version that has them
  /// (`CPythonTypeAttributes`); older versions raise AttributeError.
  static let introducedIn: [Builtin: PythonVersion] = [
    .strRemoveprefix: .py39, .strRemovesuffix: .py39, .intBitCount: .py310, .intIsInteger: .py312,
    .gcIsFinalized: .py39,
  ]

  /// The `METH_CLASS` methods: reached through the type or an instance,
  /// they bind to the type (a new builtin-method object at each access).
  static let classMethods: BuiltinSet = [.dictFromkeys, .intFromBytes, .floatFromhex, .bytesFromhex]

  /// Whether the method exists in `version` (asked at every method lookup:
  /// a table, not the dictionary).
  func isAvailable(in version: PythonVersion) -> Bool {
    version.rawValue >= Int(Builtin.firstVersionTable[rawValue])
  }

  private static let firstVersionTable: [UInt8] = allCases.map {
    UInt8((introducedIn[$0] ?? .py38).rawValue)
  }

  /// The Python name (`append`, `getsizeof`, `__init__`…).
  var name: String { Builtin.nameTable[rawValue] }

  /// Module, type or class the builtin belongs to.
  var owner: BuiltinOwner { Builtin.ownerTable[rawValue] }

  /// Whether the builtin expects `self` as its first argument.
  var isMethod: Bool { Builtin.isMethodTable[rawValue] }

  // Names and owners are derived from the case names once, into tables
  // indexed by raw value: calls ask for them at every builtin call.
  private static let nameTable = allCases.map(\.derivedName)
  private static let ownerTable = allCases.map(\.derivedOwner)
  private static let isMethodTable = allCases.map { builtin -> Bool in
    switch builtin.derivedOwner {
    case .type, .moduleClass: return true
    default: return false
    }
  }

  private var derivedName: String {
    switch self {
    case .sysGetsizeof: return "getsizeof"
    case .sysGetrefcount: return "getrefcount"
    case .sysIntern: return "intern"
    case .sysDebugmallocstats: return "_debugmallocstats"
    case .sysGetrecursionlimit: return "getrecursionlimit"
    case .sysSetrecursionlimit: return "setrecursionlimit"
    default:
      if let name = Builtin.pythonNames[self] { return name }
      let text = String(describing: self)
      for prefix in [
        "list", "dict", "str", "set", "tuple", "gc", "weakref", "bytearray", "weakValues", "weakKeys",
        "finalizer", "int", "float", "bytes", "frozenset", "property",
      ]
      where text.hasPrefix(prefix) {
        let rest = text.dropFirst(prefix.count)
        if let first = rest.first, first.isUppercase { return rest.lowercased() }
      }
      return text
    }
  }

  private var derivedOwner: BuiltinOwner {
    let text = String(describing: self)
    for prefix in ["weakValues", "weakKeys", "finalizer"] where text.hasPrefix(prefix) {
      return .moduleClass(prefix)
    }
    if text.hasPrefix("sys") { return .module("sys") }
    if text.hasPrefix("gc"), text.dropFirst(2).first?.isUppercase == true { return .module("gc") }
    if text.hasPrefix("weakref"), text.dropFirst(7).first?.isUppercase == true { return .module("weakref") }
    for (prefix, type) in [
      ("list", BuiltinType.list), ("dict", .dict), ("str", .str), ("set", .set), ("tuple", .tuple),
      ("object", .object), ("bytearray", .bytearray), ("int", .int), ("float", .float), ("bytes", .bytes),
      ("frozenset", .frozenset), ("property", .property), ("baseException", .baseException),
    ]
    where text.hasPrefix(prefix) {
      if let first = text.dropFirst(prefix.count).first, first.isUppercase { return .type(type) }
    }
    return .builtins
  }

  /// What `Interpreter.callBuiltin` checks at every call of each builtin
  /// in `version`, indexed by raw value: derived once from the
  /// dictionaries and enum payloads, kept by the interpreter
  /// (`Interpreter.builtinTraits`) so that a call reads one entry of an
  /// array it holds, not a lazily made static (a `swift_once` per read).
  static func callTraitsTable(in version: PythonVersion) -> [BuiltinCallTraits] {
    allCases.map { BuiltinCallTraits($0, version: version) }
  }

  static let methodTable: [BuiltinType: [String: Builtin]] = {
    var table: [BuiltinType: [String: Builtin]] = [:]
    for builtin in Builtin.allCases {
      if case .type(let type) = builtin.owner { table[type, default: [:]][builtin.name] = builtin }
    }
    return table
  }()

  static func method(of type: BuiltinType, named name: String) -> Builtin? {
    methodTable[type]?[name]
  }
}

/// A builtin's call checks in one version (`Builtin.callTraitsTable(in:)`): its
/// measured positional arity (`BuiltinArity`), whether the call packs its
/// arguments into a tuple (`Builtin.measuredArgumentTuples`), and where the
/// builtin lives, as far as a call needs to know.
struct BuiltinCallTraits: Sendable {
  /// The accepted positional counts; `minimum` −1 when not measured,
  /// `maximum` −1 when there is no limit.
  var minimum: Int16
  var maximum: Int16
  /// Keyword arguments may stand for required positional ones.
  var keywordsFillPositional: Bool
  /// The positional arguments go to a new tuple (METH_VARARGS).
  var packsArguments: Bool
  /// A method of set or frozenset (`checkSetMethodCall`).
  var isSetMethod: Bool
  /// A function of the gc or weakref module (`callGCFunction`).
  var isGCModuleFunction: Bool
  /// `Builtin.isMethod`: the builtin expects `self` as its first argument.
  var isMethod: Bool
  /// One of `Builtin.classMethods`: it binds to the type, not the value.
  var isClassMethod: Bool

  init(_ builtin: Builtin, version: PythonVersion) {
    isMethod = builtin.isMethod
    isClassMethod = Builtin.classMethods.contains(builtin)
    let arity = BuiltinArity.of(builtin, version: version)
    minimum = Int16(arity?.minimum ?? -1)
    maximum = Int16(arity?.maximum ?? -1)
    keywordsFillPositional = BuiltinArity.keywordsFillPositional.contains(builtin)
    packsArguments = (Builtin.measuredArgumentTuples[builtin] ?? 0) & (1 << (version.minor - 8)) != 0
    switch builtin.owner {
    case .type(let owner): isSetMethod = owner == .set || owner == .frozenset
    default: isSetMethod = false
    }
    switch builtin.owner {
    case .module(let name): isGCModuleFunction = name == "gc" || name == "weakref"
    default: isGCModuleFunction = false
    }
  }

  /// Whether `count` positional arguments fail the measured arity check
  /// (`BuiltinArity.error(forCount:keywordsMayFill:)` then has the message).
  @inline(__always) func rejects(count: Int) -> Bool {
    if minimum < 0 { return false }
    return (count < Int(minimum) && !keywordsFillPositional) || (maximum >= 0 && count > Int(maximum))
  }
}

/// A set of builtins as a bit table: `contains` is a load and a test,
/// where a `Set<Builtin>` hashes (method lookups ask at every call).
struct BuiltinSet: ExpressibleByArrayLiteral, Sendable {
  private var words: [UInt64]

  init(arrayLiteral elements: Builtin...) {
    words = [UInt64](repeating: 0, count: (Builtin.allCases.count + 63) / 64)
    for builtin in elements { words[builtin.rawValue >> 6] |= 1 << UInt64(builtin.rawValue & 63) }
  }

  func contains(_ builtin: Builtin) -> Bool {
    words[builtin.rawValue >> 6] & (1 << UInt64(builtin.rawValue & 63)) != 0
  }
}
