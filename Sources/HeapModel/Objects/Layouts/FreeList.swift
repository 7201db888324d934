// Free lists: per-type caches of dead objects that CPython reuses before
// asking the allocator (Objects/floatobject.c, tupleobject.c, listobject.c,
// dictobject.c, frameobject.c, classobject.c, methodobject.c). An object
// taken from or returned to a free list costs no pymalloc call and does not
// move the GC generation-0 count. Every full collection (`gc.collect()`,
// generation 2) empties them all.
//
//     free list        3.8   3.9   3.10  3.11  3.12  3.13
//     float            100   100   100   100   100   100
//     tuple (per len)  2000 × lengths 1–19 (3.8–3.10), 1–20 (3.11+)
//     list             80 everywhere; dict 80 everywhere
//     dict keys        80 tables of 8 slots: general tables in 3.8–3.10,
//                      unicode (str-keyed) tables in 3.11+
//     frame            200 + one zombie per code object (3.8–3.10 only)
//     bound method     256 (3.8 only)
//     builtin method   256 (3.8 only)

/// A free list CPython keeps for some object type.
public enum FreeList: UInt8, CaseIterable, Sendable, Hashable {
  case float, tuple, list, dict, dictKeys, frame, boundMethod, builtinMethod

  /// How many dead objects the list keeps in `version` (per length for
  /// tuples), 0 when the version has no such list.
  public func capacity(in version: PythonVersion) -> Int {
    switch self {
    case .float: return 100
    case .tuple: return 2000
    case .list, .dict, .dictKeys: return 80
    case .frame: return version <= .py310 ? 200 : 0
    case .boundMethod, .builtinMethod: return version == .py38 ? 256 : 0
    }
  }

  /// Longest tuple length with a free list (lengths 1…this).
  public static func tupleMaxLength(in version: PythonVersion) -> Int {
    version >= .py311 ? 20 : 19
  }

  /// Whether a keys table of `slots` slots and `kind` entries is recycled
  /// through the dict-keys free list.
  public static func recyclesDictKeys(
    slots: Int, kind: ObjectLayouts.DictKeysKind, in version: PythonVersion
  ) -> Bool {
    slots == ObjectLayouts.dictMinSlots && (version >= .py311 ? kind == .unicode : true)
  }

  /// Whether the free list of `kind` applies to an object (tuples: lengths
  /// 1…`tupleMaxLength`).
  public static func forKind(_ kind: ObjectKind, in version: PythonVersion) -> FreeList? {
    let list: FreeList?
    switch kind {
    case .float: list = .float
    case .tuple: list = .tuple
    case .list: list = .list
    case .dict: list = .dict
    case .frame: list = .frame
    case .boundMethod: list = .boundMethod
    case .builtinMethod: list = .builtinMethod
    default: list = nil
    }
    guard let list, list.capacity(in: version) > 0 else { return nil }
    return list
  }

  /// Whether a full collection empties every free list (all versions).
  public static let clearedByFullCollection = true
}
