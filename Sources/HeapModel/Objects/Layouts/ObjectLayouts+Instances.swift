// Instances of user classes (Objects/typeobject.c, dictobject.c).
//
//     version  blocks of `C()` with attributes                       id offset
//     3.8–3.10 instance 48 (GC 16 + header 16 + dict ptr + weakref ptr)   16
//              + on first attribute: split dict 64 + values 8·usable
//     3.11     instance 56 (GC + pre-header 16 + header + weakref ptr)    32
//              + values block round8(c + 2) + 8c (c = value capacity)
//     3.12     instance 48 (weakref moves into the pre-header)            32
//              + values block as 3.11
//     3.13     one block: 48 + inline values round8(c) + 8(c + 1)         32
//
// The value capacity c comes from the class's shared keys (`SharedKeys`);
// it is attributes + 1 once the class has settled. In 3.11+ no dict object
// exists until `__dict__`/`vars()` is touched, which adds a 64-byte dict object
// (getsizeof 64 + 8c = 72 + 8·attributes); in 3.8–3.10 the split dict's
// getsizeof is 64 + 8·usable (104 for ≤ 5 attributes).
//
// `__slots__` instances: GC head + header + 8 per slot (+ 8 for a
// `__weakref__` slot in 3.8–3.11); 3.12+ keep a requested `__weakref__` in a
// pre-header instead (16 bytes, id offset 32). getsizeof equals the block
// size except in 3.13, where it leaves out the inline values.

extension ObjectLayouts {
  /// Bytes of the pre-header of instances of `shape` (0, or 16 for a managed
  /// dict in 3.11+ or a managed weakref in 3.12+).
  @inlinable
  public func instancePreHeaderSize(_ shape: InstanceShape) -> Int {
    switch version {
    case .py38, .py39, .py310: return 0
    case .py311: return shape.hasDict ? 16 : 0
    case .py312, .py313: return (shape.hasDict || shape.hasWeakref) ? 16 : 0
    }
  }

  /// Distance from the block start to `id(o)` for an instance of `shape`.
  @inlinable
  public func instanceIDOffset(_ shape: InstanceShape) -> Int {
    Self.gcHeadSize + instancePreHeaderSize(shape)
  }

  /// `tp_basicsize` of instances of `shape`, without GC head and pre-header.
  @inlinable
  public func instanceBasicSize(_ shape: InstanceShape) -> Int {
    var size = Self.objectHeaderSize + 8 * shape.slotCount
    switch version {
    case .py38, .py39, .py310:
      if shape.hasDict { size += 8 }
      if shape.hasWeakref { size += 8 }
    case .py311:
      if shape.hasWeakref { size += 8 }
    case .py312, .py313:
      break
    }
    return size
  }

  /// Request size of the instance block. `valueCapacity` (from
  /// `SharedKeys.instanceCreated()`) matters only in 3.13, where the values
  /// live inside the instance.
  /// - Complexity: O(1).
  @inlinable
  public func instanceBlockSize(_ shape: InstanceShape, valueCapacity: Int = 0) -> Int {
    var size = Self.gcHeadSize + instancePreHeaderSize(shape) + instanceBasicSize(shape)
    if version >= .py313 && shape.hasDict { size += Self.inlineValuesSize(capacity: valueCapacity) }
    return size
  }

  /// `sys.getsizeof` of an instance (3.13 leaves out the inline values).
  @inlinable
  public func instanceGetsizeof(_ shape: InstanceShape) -> Int {
    Self.gcHeadSize + instancePreHeaderSize(shape) + instanceBasicSize(shape)
  }

  /// 3.13: bytes of inline values with `capacity` slots (`_PyInlineValuesSize`).
  @inlinable
  public static func inlineValuesSize(capacity: Int) -> Int {
    ((capacity + 7) & ~7) + 8 * (capacity + 1)
  }

  /// Request size of the separate values block of an instance: 3.11/3.12
  /// `new_values` (round8(c + 2) + 8c), 3.8–3.10 the split dict's values
  /// array (8c with c = usable of the shared keys), 0 in 3.13 (inline).
  @inlinable
  public func instanceValuesBlockSize(capacity: Int) -> Int {
    switch version {
    case .py38, .py39, .py310: return 8 * capacity
    case .py311, .py312: return ((capacity + 2 + 7) & ~7) + 8 * capacity
    case .py313: return 0
    }
  }

  /// Whether an instance gets a separate dict object as soon as it stores an
  /// attribute (3.8–3.10) rather than only when `__dict__` is touched (3.11+).
  public var instancesCreateDictOnFirstAttribute: Bool { version <= .py310 }

  /// `sys.getsizeof(o.__dict__)` of an instance whose dict still uses the
  /// shared keys with `valueCapacity` value slots (3.8–3.10: the usable
  /// count of the shared table; 3.11+: the instance's capacity).
  @inlinable
  public static func instanceDictGetsizeof(valueCapacity: Int) -> Int {
    splitDictGetsizeof(valuesCapacity: valueCapacity)
  }

  /// Request size of a heap type object (class) block whose instances have
  /// `slotCount` named slots: `PyHeapTypeObject` plus one `PyMemberDef`
  /// (40 bytes) per slot and a terminator, GC head included.
  @inlinable
  public func typeBlockSize(slotCount: Int = 0) -> Int {
    heapTypeSize + 40 * (slotCount + 1)
  }

  /// `sizeof(PyHeapTypeObject)` + GC head: the getsizeof of a class with no
  /// shared keys (e.g. `__slots__ = ()`).
  public var heapTypeSize: Int { perVersion(896, 896, 904, 920, 936, 944) }

  /// `sys.getsizeof` of a class: the heap type plus its shared keys table.
  @inlinable
  public func typeGetsizeof(sharedKeysBlockSize: Int) -> Int { heapTypeSize + sharedKeysBlockSize }

  /// The blocks besides the type object and its shared keys that
  /// `type(name, (), {})` allocates for an empty class (its `__dict__` dict
  /// and keys, `__mro__` and `__bases__` tuples, the `__dict__`/`__weakref__`
  /// getset descriptors, …), largest first, as measured. With
  /// `hasDict: false` (`__slots__ = ()`) the descriptors and shared keys are absent.
  public func typeCompanionBlocks(hasDict: Bool) -> [Int] {
    switch (version >= .py311, hasDict) {
    case (false, true): return [168, 72, 64, 64, 64, 56, 48, 32]
    case (false, false): return [168, 72, 64, 56, 48, 32]
    case (true, true): return [120, 80, 64, 64, 64, 56, 48, 32]
    case (true, false): return [120, 80, 64, 56, 48, 32]
    }
  }
}
