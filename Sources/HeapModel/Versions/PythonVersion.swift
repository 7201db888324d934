// The CPython releases heapscope models. Every version-dependent fact lives in
// a `VersionProfile` selected by one of these values; code paths never test a
// version number directly when a profile field can say the same thing.

/// A modelled CPython minor version (3.8 through 3.13).
public enum PythonVersion: Int, CaseIterable, Sendable, Comparable, CustomStringConvertible {
  case py38 = 8
  case py39 = 9
  case py310 = 10
  case py311 = 11
  case py312 = 12
  case py313 = 13

  /// The version modelled when none is asked for.
  public static let `default`: PythonVersion = .py312

  /// Parses "3.12" (or "312"-free forms such as "3.8"); nil for anything else.
  public init?(string: String) {
    let parts = string.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0] == "3", let minor = Int(parts[1]),
      let version = PythonVersion(rawValue: minor)
    else { return nil }
    self = version
  }

  /// The minor number, e.g. 12 for 3.12.
  public var minor: Int { rawValue }

  public var description: String { "3.\(rawValue)" }

  public static func < (lhs: PythonVersion, rhs: PythonVersion) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}
