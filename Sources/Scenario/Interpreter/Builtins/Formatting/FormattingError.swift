// The formatting layer never raises Python exceptions itself: it has no object
// model. It returns this value instead, carrying the exception type and the
// exact message CPython would put in it, and the interpreter turns it into a
// real exception object (`ValueError: Unknown format code 'd' for object of type
// 'float'`). The message is the exception's argument: `str(exception)` for
// most types, the key itself for a KeyError (printed as its repr, `'a'`).

/// A Python exception raised by a formatting or arithmetic builtin.
public struct FormattingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The CPython exception types these builtins raise.
  public enum Kind: String, Sendable, CaseIterable {
    case valueError = "ValueError"
    case typeError = "TypeError"
    case overflowError = "OverflowError"
    case zeroDivisionError = "ZeroDivisionError"
    case keyError = "KeyError"
    /// Raised without an argument, as `PyErr_NoMemory` does.
    case memoryError = "MemoryError"
    /// Not an exception: the result would hold a lone surrogate, which a
    /// Swift string (the model's str) cannot; the run stops with a
    /// diagnostic naming `message`.
    case unsupported = "heapscope"
  }

  /// Which exception type to raise.
  public var kind: Kind
  /// `str()` of the exception: the text after `TypeName: ` in a traceback.
  public var message: String
  /// Set when CPython raises from `errno` (`PyErr_SetFromErrno`): the
  /// exception's arguments are then `(errno, message)`, and its `str()` is
  /// that tuple's repr.
  public var errno: Int?

  public init(_ kind: Kind, _ message: String, errno: Int? = nil) {
    self.kind = kind
    self.message = message
    self.errno = errno
  }

  /// The exception's type name, e.g. `ValueError`.
  public var typeName: String { kind.rawValue }

  /// `TypeName: message`, the last line of a CPython traceback.
  public var description: String {
    if kind == .memoryError { return typeName }
    if let errno { return "\(typeName): (\(errno), '\(message)')" }
    return "\(typeName): \(message)"
  }

  static func value(_ message: String) -> FormattingError { FormattingError(.valueError, message) }
  static func type(_ message: String) -> FormattingError { FormattingError(.typeError, message) }
  static func overflow(_ message: String) -> FormattingError { FormattingError(.overflowError, message) }
  static func loneSurrogate(_ what: String) -> FormattingError {
    FormattingError(.unsupported, "\(what) of a lone surrogate (U+D800…U+DFFF)")
  }
  /// `ERANGE` from libm: a float result too large (`_Py_ADJUST_ERANGE1`).
  static let floatRange = FormattingError(.overflowError, "Numerical result out of range", errno: 34)
  static let noMemory = FormattingError(.memoryError, "")
  static func zeroDivision(_ message: String) -> FormattingError {
    FormattingError(.zeroDivisionError, message)
  }
}
