// The builtin types a scenario can meet, each a static type object created when
// the heap is, like CPython's statically allocated `PyTypeObject`s: they are
// never allocated from pymalloc and (3.12+) are immortal. The table gives each
// its Python name, its base, and the object kind of its instances.

/// A builtin type of the modelled interpreter.
public enum BuiltinType: Int, CaseIterable, Sendable {
  case object, type, noneType, notImplementedType, ellipsisType
  case bool, int, float, str, bytes, bytearray
  case tuple, list, dict, set, frozenset, range, slice
  case function, builtinFunction, method, cell, module, code, frame, generator, traceback
  case property, staticMethod, classMethod, superType
  case weakref, weakProxy, weakCallableProxy
  case listIterator, listReverseIterator, tupleIterator, rangeIterator, strIterator
  case dictKeyIterator, dictValueIterator, dictItemIterator, setIterator, bytesIterator
  case enumerate, zip, map, filter, reversed, callIterator
  case dictKeys, dictValues, dictItems
  case getsetDescriptor, memberDescriptor
  // Exceptions, in the order of their hierarchy.
  case baseException, systemExit, keyboardInterrupt, generatorExit, exception
  case stopIteration, arithmeticError, overflowError, zeroDivisionError
  case assertionError, attributeError, lookupError, indexError, keyError
  case memoryError, nameError, unboundLocalError, referenceError, runtimeError
  case notImplementedError, recursionError, typeError, valueError, unicodeError

  /// The name Python shows (`type(x).__name__`).
  public var name: String {
    switch self {
    case .object: "object"
    case .type: "type"
    case .noneType: "NoneType"
    case .notImplementedType: "NotImplementedType"
    case .ellipsisType: "ellipsis"
    case .bool: "bool"
    case .int: "int"
    case .float: "float"
    case .str: "str"
    case .bytes: "bytes"
    case .bytearray: "bytearray"
    case .tuple: "tuple"
    case .list: "list"
    case .dict: "dict"
    case .set: "set"
    case .frozenset: "frozenset"
    case .range: "range"
    case .slice: "slice"
    case .function: "function"
    case .builtinFunction: "builtin_function_or_method"
    case .method: "method"
    case .cell: "cell"
    case .module: "module"
    case .code: "code"
    case .frame: "frame"
    case .generator: "generator"
    case .traceback: "traceback"
    case .property: "property"
    case .staticMethod: "staticmethod"
    case .classMethod: "classmethod"
    case .superType: "super"
    case .weakref: "weakref"
    case .weakProxy: "weakproxy"
    case .weakCallableProxy: "weakcallableproxy"
    case .listIterator: "list_iterator"
    case .listReverseIterator: "list_reverseiterator"
    case .tupleIterator: "tuple_iterator"
    case .rangeIterator: "range_iterator"
    case .strIterator: "str_iterator"
    case .dictKeyIterator: "dict_keyiterator"
    case .dictValueIterator: "dict_valueiterator"
    case .dictItemIterator: "dict_itemiterator"
    case .setIterator: "set_iterator"
    case .bytesIterator: "bytes_iterator"
    case .enumerate: "enumerate"
    case .zip: "zip"
    case .map: "map"
    case .filter: "filter"
    case .reversed: "reversed"
    case .callIterator: "callable_iterator"
    case .dictKeys: "dict_keys"
    case .dictValues: "dict_values"
    case .dictItems: "dict_items"
    case .getsetDescriptor: "getset_descriptor"
    case .memberDescriptor: "member_descriptor"
    case .baseException: "BaseException"
    case .systemExit: "SystemExit"
    case .keyboardInterrupt: "KeyboardInterrupt"
    case .generatorExit: "GeneratorExit"
    case .exception: "Exception"
    case .stopIteration: "StopIteration"
    case .arithmeticError: "ArithmeticError"
    case .overflowError: "OverflowError"
    case .zeroDivisionError: "ZeroDivisionError"
    case .assertionError: "AssertionError"
    case .attributeError: "AttributeError"
    case .lookupError: "LookupError"
    case .indexError: "IndexError"
    case .keyError: "KeyError"
    case .memoryError: "MemoryError"
    case .nameError: "NameError"
    case .unboundLocalError: "UnboundLocalError"
    case .referenceError: "ReferenceError"
    case .runtimeError: "RuntimeError"
    case .notImplementedError: "NotImplementedError"
    case .recursionError: "RecursionError"
    case .typeError: "TypeError"
    case .valueError: "ValueError"
    case .unicodeError: "UnicodeError"
    }
  }

  /// The direct base class (nil only for `object`).
  public var base: BuiltinType? {
    switch self {
    case .object: nil
    case .bool: .int
    case .baseException: .object
    case .systemExit, .keyboardInterrupt, .generatorExit, .exception: .baseException
    case .stopIteration, .arithmeticError, .assertionError, .attributeError, .lookupError,
      .memoryError, .nameError, .referenceError, .runtimeError, .typeError, .valueError:
      .exception
    case .overflowError, .zeroDivisionError: .arithmeticError
    case .indexError, .keyError: .lookupError
    case .unboundLocalError: .nameError
    case .notImplementedError, .recursionError: .runtimeError
    case .unicodeError: .valueError
    default: .object
    }
  }

  /// Whether this type is `BaseException` or derives from it.
  public var isException: Bool { rawValue >= BuiltinType.baseException.rawValue }

  /// Whether CPython lets a class derive from it (Py_TPFLAGS_BASETYPE;
  /// measured in 3.8–3.13: `class X(T): pass` for each).
  public var isSubclassable: Bool {
    switch self {
    case .object, .int, .float, .str, .bytes, .bytearray, .tuple, .list, .dict, .set,
      .frozenset, .property, .staticMethod, .classMethod, .type, .superType, .weakref, .module,
      .enumerate, .zip, .map, .filter, .reversed:
      true
    default: isException
    }
  }

  /// True when `self` is `other` or one of its subclasses.
  public func isSubtype(of other: BuiltinType) -> Bool {
    var current: BuiltinType? = self
    while let type = current {
      if type == other { return true }
      current = type.base
    }
    return false
  }

  /// Looks a builtin type up by the name a scenario uses for it.
  public init?(pythonName: String) {
    guard let found = BuiltinType.byName[pythonName] else { return nil }
    self = found
  }

  private static let byName: [String: BuiltinType] = {
    var table: [String: BuiltinType] = [:]
    for type in BuiltinType.allCases { table[type.name] = type }
    table["staticmethod"] = .staticMethod
    table["classmethod"] = .classMethod
    return table
  }()
}
