// Object layouts: what CPython really allocates for each object, per version.
//
// Every Python object is one or more memory blocks requested from the object
// allocator (pymalloc for requests ≤ 512 bytes, the raw allocator above). The
// number that matters to the allocator model is the *request size* of each
// block; `sys.getsizeof` is a different number that CPython computes from the
// type (it often, but not always, equals the object block's request size).
//
//     block start                               id(o)
//     │ PyGC_Head (16) │ pre-header (16, 3.11+) │ ob_refcnt │ ob_type │ fields …
//     └──── GC types only ─┴── managed dict / weakref ──┘
//
// - GC types carry a 16-byte `PyGC_Head` before the object (3.8–3.13); `id()`
//   is the address after it. Non-GC objects start at the block start.
// - 3.11 adds a two-word pre-header before the GC head for classes with a
//   managed `__dict__`; 3.12+ also for a managed `__weakref__`. `id()` is then
//   block + 32 (`_PyType_PreHeaderSize` in Include/internal/pycore_object.h).
// - Containers keep their storage in separate blocks: a list's item array, a
//   dict's keys table (and for split dicts a values array), a set's table once
//   it outgrows the 8 inline slots, a bytearray's buffer, a 3.11/3.12
//   instance's values array.
//
// Everything here was measured on the six interpreters with
// tools/measure_layouts.py (tracemalloc request sizes of the blocks still alive
// after creating 2000 objects) and is checked against those fixtures by
// LayoutFixtureTests. All methods are pure integer arithmetic so the
// interpreter can call them on every allocation.
//
// Versions: see the extensions (`+Ints`, `+Strings`, `+Lists`, `+Dicts`,
// `+Sets`, `+Instances`, `+Frames`, `+FreeLists`) for the formulas and what
// changed between releases.

/// The memory layout rules of one CPython version: block request sizes,
/// `sys.getsizeof` results, growth policies, `id()` offsets and GC-ness.
public struct ObjectLayouts: Sendable, Hashable {
  /// The modelled CPython version.
  public let version: PythonVersion

  /// Creates the layout rules of `version`.
  public init(version: PythonVersion) {
    self.version = version
  }

  /// Size of `PyGC_Head` in front of every GC object (3.8–3.13).
  public static let gcHeadSize = 16

  /// Size of a pointer / `PyObject *` slot.
  public static let pointerSize = 8

  /// Bytes of `ob_refcnt` + `ob_type`, the header of every object.
  public static let objectHeaderSize = 16

  /// The small-int cache: ints in this range are preallocated singletons
  /// (`_PyLong_SMALL_INTS`), never allocated by the program.
  public static let smallIntRange: ClosedRange<Int> = -5...256

  /// Requests above this go to the raw allocator (`SMALL_REQUEST_THRESHOLD`).
  public static let smallRequestThreshold = 512

  /// Size of the pre-header in front of the GC head of objects whose type has
  /// a managed dict (3.11+) or a managed weakref (3.12+); 0 before 3.11.
  public var managedPreHeaderSize: Int { version >= .py311 ? 16 : 0 }

  /// Whether objects of `kind` are GC objects (have a `PyGC_Head` and count
  /// towards the generation-0 allocation counter). Identical in 3.8–3.13.
  /// - Complexity: O(1).
  @inlinable
  public func isGC(_ kind: ObjectKind) -> Bool { kind.isGCType }

  /// Distance from the block start to `id(o)` for objects of `kind` other
  /// than instances (see `instanceIDOffset(_:)`): 16 for GC types, else 0.
  /// - Complexity: O(1).
  @inlinable
  public func idOffset(_ kind: ObjectKind) -> Int {
    isGC(kind) ? Self.gcHeadSize : 0
  }

  /// Request size in bytes (GC head included) of the object block of a
  /// fixed-size kind, or nil for kinds whose size depends on their contents
  /// (int, str, bytes, tuple, instances, type, frame, and generators in 3.11+,
  /// whose frame is embedded). Containers answer with their object block
  /// only; their storage is a separate block (see `listItemsBlockSize(capacity:)`,
  /// `dictKeysBlockSize(slots:keys:)`, `setTableBlockSize(slots:)`).
  /// `none` and `bool` are static singletons: never allocated, but their
  /// sizes are given for completeness (`bool` is `True`'s size).
  /// - Complexity: O(1).
  public func fixedBlockSize(_ kind: ObjectKind) -> Int? {
    let minor = version.minor
    switch kind {
    case .object, .none: return 16
    case .float: return 24
    case .bool: return 28
    case .list, .bytearray: return 56
    case .dict, .classDict, .descriptor: return 64
    case .set, .frozenset: return 216
    case .cell: return 40
    case .boundMethod: return 64
    case .builtinMethod, .module: return 72
    case .range: return 48
    case .rangeIterator, .longRangeIterator: return minor >= 12 ? 40 : 48
    case .listIterator, .listReverseIterator, .tupleIterator, .strIterator, .bytesIterator:
      return 48
    case .dictIterator: return 72
    case .dictView: return 40
    case .setIterator: return 64
    case .enumerate: return minor >= 11 ? 72 : 64
    case .zip: return minor >= 10 ? 64 : 56
    case .map, .filter: return 48
    case .slice, .superObject, .traceback: return 56
    case .property: return minor >= 10 ? 80 : 72
    case .staticMethod, .classMethod: return 48
    case .weakref, .weakproxy: return minor >= 11 ? 80 : 72
    case .exception: return minor >= 11 ? 88 : 80
    case .stopIteration: return minor >= 11 ? 96 : 88
    case .attributeError: return perVersion(80, 80, 96, 104, 104, 104)
    case .function: return perVersion(136, 136, 144, 152, 160, 160)
    case .generator: return minor <= 9 ? 112 : (minor == 10 ? 104 : nil)
    case .int, .str, .bytes, .tuple, .instance, .slotsInstance, .type, .frame:
      return nil
    case .notImplemented, .ellipsis, .builtinType, .builtinFunction, .code:
      return nil
    }
  }

  /// `sys.getsizeof` of a fixed-size object: equal to its block size except
  /// for containers (whose storage is added: see the container methods) and
  /// `bool` (`False` is 24 bytes in 3.8–3.10, `True` 28 everywhere).
  public func fixedGetsizeof(_ kind: ObjectKind, boolValue: Bool = true) -> Int? {
    if kind == .bool && !boolValue && version <= .py310 { return 24 }
    return fixedBlockSize(kind)
  }

  /// `sys.getsizeof` of the interpreter's static objects, which the model
  /// names but never allocates: a builtin function (a `PyCFunctionObject`
  /// plus the GC header), a static type (`sizeof(PyTypeObject)` plus the
  /// GC header), `NotImplemented` and `Ellipsis`. Measured on 3.8–3.13.
  public func staticObjectGetsizeof(_ kind: ObjectKind) -> Int? {
    switch kind {
    case .builtinFunction: 72
    case .builtinType: perVersion(416, 408, 408, 424, 432, 416)
    case .notImplemented, .ellipsis: 16
    default: nil
    }
  }

  /// `staticmethod`/`classmethod` objects copy `__module__`, `__name__`,
  /// `__qualname__` and `__doc__` of the wrapped function into their own
  /// `__dict__` from 3.10 (a dict object plus an 8-slot str-keyed keys table
  /// are allocated with them).
  public var decoratorsCopyWrapperAttributes: Bool { version >= .py310 }

  /// Picks the value for this version from one value per version, 3.8 first.
  @usableFromInline
  func perVersion(
    _ v38: Int, _ v39: Int, _ v310: Int, _ v311: Int, _ v312: Int, _ v313: Int
  ) -> Int {
    switch version {
    case .py38: return v38
    case .py39: return v39
    case .py310: return v310
    case .py311: return v311
    case .py312: return v312
    case .py313: return v313
    }
  }

  /// Size class of a pymalloc request: the request rounded up to 16 bytes,
  /// or nil when the request goes to the raw allocator (> 512 bytes).
  @inlinable
  public static func sizeClass(ofRequest bytes: Int) -> Int? {
    bytes > smallRequestThreshold ? nil : (max(bytes, 1) + 15) & ~15
  }
}
