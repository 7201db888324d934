// How many positional arguments a builtin accepts, and what CPython says
// when a call passes another number. The wording is not uniform: METH_O and
// METH_NOARGS functions say "append() takes exactly one argument (2 given)"
// (3.10+ qualify methods: "list.append()"), Argument Clinic's positional
// check says "pop expected at most 1 argument, got 2", older PyArg_ParseTuple
// formats say "sort() takes at most 2 arguments (3 given)", and 3.13 moved
// some methods to keyword-aware parsing ("replace() takes at least 2
// positional arguments (1 given)"). Rather than re-deriving each function's
// parsing convention, the messages are measured from every interpreter by
// tools/builtins/measure_arity.py into BuiltinArity+Measured.swift.
//
// The check counts positional arguments only; keyword arguments are the
// builtin's own business.

import HeapModel

/// A builtin's accepted positional-argument counts in one version, with
/// CPython's messages for the others.
struct BuiltinArity: Sendable {
  let minimum: Int
  /// The largest count accepted, −1 when there is none (measured up to 5).
  let maximum: Int
  /// The messages for too few and too many, `{n}` standing for the count.
  let tooFew: String
  let tooMany: String

  init(_ minimum: Int, _ maximum: Int, _ tooFew: String, _ tooMany: String) {
    self.minimum = minimum
    self.maximum = maximum
    self.tooFew = tooFew
    self.tooMany = tooMany
  }

  /// CPython's TypeError message for a call with `count` positional
  /// arguments; nil when the count is accepted.
  /// With `keywordsMayFill`, keyword arguments may stand for required
  /// positional ones (`to_bytes(2, byteorder='big')`): too few positional
  /// arguments is then the builtin's own check.
  func error(forCount count: Int, keywordsMayFill: Bool = false) -> String? {
    let template: String
    if count < minimum, !keywordsMayFill {
      template = tooFew
    } else if maximum >= 0, count > maximum {
      template = tooMany
    } else {
      return nil
    }
    return template.replacingAll("{n}", with: String(count))
  }

  /// Builtins whose positional parameters can also be passed by keyword.
  static let keywordsFillPositional: Set<Builtin> = [
    .intToBytes, .intFromBytes, .strRsplit, .strSplitlines, .strExpandtabs, .strEncode, .bytesDecode,
    .bytearrayDecode, .bytesSplit, .bytesHex,
  ]

  /// The measured arity of `builtin` in `version`, nil when it was not
  /// measured (print, breakpoint, module-class methods written in Python).
  static func of(_ builtin: Builtin, version: PythonVersion) -> BuiltinArity? {
    table[builtin.rawValue * versionCount + (version.rawValue - PythonVersion.py38.rawValue)]
  }

  private static let versionCount = PythonVersion.allCases.count
  private static let table: [BuiltinArity?] = Builtin.allCases.flatMap { builtin in
    measured[builtin] ?? Array(repeating: nil, count: versionCount)
  }
}
