// Everything heapscope knows about one CPython version, gathered in one value.
//
// A profile is chosen once, from a `PythonVersion`, and handed to every model
// layer; code never asks "is this 3.10?" when a profile field can answer the
// question instead. The profile is a plain struct so other layers can add
// their own nested constant groups (object layouts, GC thresholds) in
// `VersionProfile+Concern.swift` extensions without touching this file's
// callers: each group is a stored property filled in by `profile(for:)`.
//
// Groups so far:
//   allocator — pymalloc's geometry and the `sys._debugmallocstats()` roster
//               (see `AllocatorConstants`).

/// The modelled facts of one CPython minor version.
public struct VersionProfile: Sendable {
  /// The version this profile describes.
  public var version: PythonVersion

  /// pymalloc's constants for this version (`Objects/obmalloc.c`).
  public var allocator: AllocatorConstants

  /// Builds the profile of `version` from the measured facts.
  public init(_ version: PythonVersion) {
    self.version = version
    self.allocator = AllocatorConstants(version)
  }

  /// The profile of `version`; same as `VersionProfile(version)`.
  public static func profile(for version: PythonVersion) -> VersionProfile {
    VersionProfile(version)
  }
}
