// What `format()`, f-strings and `%` see of a Python value. The formatting layer
// knows int, bool, float and str natively; every other object arrives with the
// texts only the interpreter can compute (its `str()` and `repr()`) and its type
// name for error messages. `None` is such an object (`NoneType`, "None").

import BigInt
import HeapModel

/// A Python value as the formatting builtins see it.
public enum FormatValue: Equatable, Sendable {
  /// An `int` (any size).
  case int(BigInt)
  /// A `bool`: formats as an int except where CPython calls `str()` ("True").
  case bool(Bool)
  /// A `float`.
  case float(Double)
  /// A `str`.
  case str(String)
  /// Any other object: its type name (`type(x).__name__`), `str(x)` and `repr(x)`.
  case object(typeName: String, str: String, repr: String)
  /// A bytes-like argument of bytes `%`-formatting: a bytes or bytearray
  /// (its contents), or an object whose `__bytes__` returned `bytes`. Its
  /// `str()` is its `repr()`, as for a bytes object.
  case bytes([UInt8], typeName: String, repr: String)

  /// `None`, as the interpreter would pass it.
  public static let none = FormatValue.object(typeName: "NoneType", str: "None", repr: "None")

  /// `type(x).__name__`, used in error messages.
  public var typeName: String {
    switch self {
    case .int: return "int"
    case .bool: return "bool"
    case .float: return "float"
    case .str: return "str"
    case .object(let name, _, _): return name
    case .bytes(_, let name, _): return name
    }
  }

  /// The integer value of an int or bool, nil for anything else.
  var integerValue: BigInt? {
    switch self {
    case .int(let n): return n
    case .bool(let b): return b ? 1 : 0
    default: return nil
    }
  }

  /// `str(x)`.
  public func strText(version: PythonVersion) throws(FormattingError) -> String {
    switch self {
    case .int(let n): return try IntFormatter.limitedDecimal(n, version: version)
    case .bool(let b): return b ? "True" : "False"
    case .float(let x): return FloatFormatter.repr(x)
    case .str(let s): return s
    case .object(_, let s, _): return s
    case .bytes(_, _, let r): return r
    }
  }

  /// `repr(x)`; a str's repr depends on the version's Unicode database.
  public func reprText(version: PythonVersion) throws(FormattingError) -> String {
    switch self {
    case .str(let s): return StringRepr.repr(s, version: version)
    case .object(_, _, let r): return r
    case .bytes(_, _, let r): return r
    default: return try strText(version: version)
    }
  }
}
