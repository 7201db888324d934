// Runtime facts of a version that the object layer and the interpreter ask
// for, derived from the version (facts sheet §4, §5).

extension VersionProfile {
  /// 3.12+: None, True, False, small ints, static types and interned strings
  /// are immortal (refcount fixed at 4294967295).
  public var hasImmortalObjects: Bool { version >= .py312 }

  /// The refcount `sys.getrefcount` shows for an immortal object.
  public var immortalRefcount: Int { 4_294_967_295 }

  /// Interned strings are immortal in 3.12 only.
  public var internedStringsAreImmortal: Bool { version == .py312 }

  /// `sys.getrecursionlimit()` at start-up.
  public var defaultRecursionLimit: Int { 1000 }

  /// 3.8–3.10 pass arguments with an extra reference held by the caller's
  /// stack while the callee runs; 3.11+ move them into the callee frame.
  public var callerKeepsArgumentReferences: Bool { version <= .py310 }

  /// Default `gc.get_threshold()`.
  public var gcThresholds: (Int, Int, Int) { version >= .py313 ? (2000, 10, 10) : (700, 10, 10) }

  /// Whether instances keep attribute values outside a dict object (3.11+).
  public var hasInlineValues: Bool { version >= .py311 }

  /// Comprehensions run inline in the enclosing frame (PEP 709, 3.12+).
  public var inlinesComprehensions: Bool { version >= .py312 }
}
