// The modelled object heap: one row per live Python object, stored column by
// column (struct of arrays), plus per-kind payload stores and the allocator
// that gives every object its address.
//
//   row i:  kind | flags | refcount | block | size | type | payload
//            u8     u8      i32        u32     u16    id     i64
//
// Static objects (None, True, False, small ints, builtin types and
// functions, the empty singletons) are created with the heap and never
// allocated from the modelled pymalloc: CPython allocates them statically or
// at start-up, before any scenario line runs. Everything else is allocated
// through `Allocator`, so its address is what CPython's `id()` would show.
//
// Invariants: a live row has refcount ≥ 1 (or is static); `address` is the
// value `id()` returns (block start + pre-header); a freed row's slot is on
// the free-row stack and its kind column is `.none` with the `.dead` flag.
//
// Memory (issue 3: ≤ 48 bytes of model per small object): a refcount is an
// Int32 because every reference the model counts is stored somewhere in the
// model as at least a 4-byte id, so 2³¹ of them cannot exist (3.11's
// statically allocated objects start at 999,999,999 and still have a
// billion to go; 3.12+ immortal objects report `immortalRefcount` from the
// profile and never count). The block address is a 4-byte code (arena or
// low-region offset in 16-byte units, a side table for the rest:
// `BlockColumn`) and the size 2 bytes (a side table for the rare sizes of
// 64 KiB and more: `SizeColumn`); both read as before through their
// subscripts. The columns keep Swift's doubling growth, so up
// to half of a column's capacity may be unused: growing by an eighth instead
// was tried and cost peak RSS (each step frees a buffer glibc keeps
// resident: million_tracked 197 MB against 171 MB) and copying time; see
// docs/PERFORMANCE.md.

import BigInt

/// Per-object flags.
public struct ObjectFlags: OptionSet, Sendable {
  public var rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Allocated before the scenario starts; never freed.
  public static let isStatic = ObjectFlags(rawValue: 1 << 0)
  /// Refcount never changes (3.12+ immortal objects).
  public static let immortal = ObjectFlags(rawValue: 1 << 1)
  /// On a GC generation list.
  public static let tracked = ObjectFlags(rawValue: 1 << 2)
  /// `__del__` already ran (PEP 442).
  public static let finalized = ObjectFlags(rawValue: 1 << 3)
  /// An interned string.
  public static let interned = ObjectFlags(rawValue: 1 << 4)
  /// The row is free.
  public static let dead = ObjectFlags(rawValue: 1 << 5)
  /// Parked on a free list: the block stays allocated, the object is gone.
  public static let onFreeList = ObjectFlags(rawValue: 1 << 6)
  /// An int whose value lives in the BigInt store.
  public static let bigPayload = ObjectFlags(rawValue: 1 << 7)
}

/// The whole modelled heap of one interpreter.
public struct Heap: Sendable {
  public let version: PythonVersion
  public let profile: VersionProfile
  public let layouts: ObjectLayouts
  public internal(set) var allocator: Allocator
  /// Passes the heap by reference to its own methods (`AddressOnly`).
  private var addressOnly = AddressOnly()

  // MARK: Columns

  /// The row columns, in one buffer (Objects/ObjectTable.swift). The
  /// properties below are views of it for one expression each; a write
  /// through them needs storage of this heap's own (`makeUnique()`).
  @usableFromInline var table = ObjectTable()
  public internal(set) var kinds: RowColumn<ObjectKind> {
    @inline(__always) get { RowColumn(table.storage.rows.kinds, count: table.storage.count) }
    @inline(__always) _modify {
      table.assertUnique()
      var column = RowColumn(table.storage.rows.kinds, count: table.storage.count)
      yield &column
    }
  }
  public internal(set) var flags: RowColumn<ObjectFlags> {
    @inline(__always) get { RowColumn(table.storage.rows.flags, count: table.storage.count) }
    @inline(__always) _modify {
      table.assertUnique()
      var column = RowColumn(table.storage.rows.flags, count: table.storage.count)
      yield &column
    }
  }
  public internal(set) var refcounts: RowColumn<Int32> {
    @inline(__always) get { RowColumn(table.storage.rows.refcounts, count: table.storage.count) }
    @inline(__always) _modify {
      table.assertUnique()
      var column = RowColumn(table.storage.rows.refcounts, count: table.storage.count)
      yield &column
    }
  }
  /// Block start address of the object's main block (a 4-byte code per
  /// row, Objects/BlockColumn.swift).
  public internal(set) var blocks: BlockColumn {
    @inline(__always) get { BlockColumn(table.storage) }
    @inline(__always) _modify {
      table.assertUnique()
      var column = BlockColumn(table.storage)
      yield &column
    }
  }
  /// Request size of the main block (0 for static objects; 2 bytes a row,
  /// Objects/SizeColumn.swift).
  public internal(set) var sizes: SizeColumn {
    @inline(__always) get { SizeColumn(table.storage) }
    @inline(__always) _modify {
      table.assertUnique()
      var column = SizeColumn(table.storage)
      yield &column
    }
  }
  public internal(set) var types: RowColumn<ObjectID> {
    @inline(__always) get { RowColumn(table.storage.rows.types, count: table.storage.count) }
    @inline(__always) _modify {
      table.assertUnique()
      var column = RowColumn(table.storage.rows.types, count: table.storage.count)
      yield &column
    }
  }
  public internal(set) var payloads: RowColumn<Int64> {
    @inline(__always) get { RowColumn(table.storage.rows.payloads, count: table.storage.count) }
    @inline(__always) _modify {
      table.assertUnique()
      var column = RowColumn(table.storage.rows.payloads, count: table.storage.count)
      yield &column
    }
  }

  // MARK: Payload stores
  var bigInts = Store<BigInt>()
  var strs = StrStore()
  var byteStrings = Store<[UInt8]>()
  /// Items of every list and tuple (Objects/ItemSlab.swift).
  var itemSlab = ItemSlab()
  @usableFromInline var dicts = Store<DictPayload>()
  /// Entries and indexes of every dict and set (Objects/SlabTable.swift).
  @usableFromInline var tableSlab = ItemSlab()
  var instances = Store<InstancePayload>()
  /// Instances' slots, exception fields and inline attributes
  /// (Objects/Heap+InstanceSlab.swift): the same range allocator as the items.
  var payloadSlab = ItemSlab()
  var classes = Store<ClassPayload>()
  var functions = Store<FunctionPayload>()
  @usableFromInline var fields = Store<FieldsPayload>()
  /// PEP 412 shared keys tables of classes and their split dicts.
  var sharedTables = Store<SharedKeysTable>()
  /// Lists whose items `list.sort` has taken out (Heap+ListSort.swift).
  var listsBeingSorted = ListSortWatch()

  // MARK: Well-known objects
  public internal(set) var none = ObjectID.null
  public internal(set) var trueObject = ObjectID.null
  public internal(set) var falseObject = ObjectID.null
  public internal(set) var notImplemented = ObjectID.null
  public internal(set) var ellipsis = ObjectID.null
  public internal(set) var emptyTuple = ObjectID.null
  public internal(set) var emptyString = ObjectID.null
  public internal(set) var emptyBytes = ObjectID.null
  var builtinTypeObjects: [ObjectID] = []
  var smallInts: [ObjectID] = []
  var latin1Chars: [ObjectID] = []
  var byteChars: [ObjectID] = []
  /// Interned strings by text (CPython's interned dict), keyed by code
  /// points: "\u{E1}" and "a\u{301}" are two entries.
  var interned: [CodePointString: ObjectID] = [:]

  // MARK: Reference-counting machinery
  @usableFromInline var deallocStack: [DeallocFrame] = []
  /// References the cascade's frames still have to drop, and blocks they
  /// free last (Heap+RefCount.swift).
  var deallocRefs: [ObjectID] = []
  var deallocBlocks: [UInt64] = []
  /// Bumped whenever a class namespace may change (Heap+Lookup.swift):
  /// the interpreter's attribute sites trust what they read while it stays.
  public internal(set) var classEpoch = 0
  /// Weak references to each object, oldest first (CPython's tp_weaklist).
  public internal(set) var weakrefLists: [ObjectID: [ObjectID]] = [:]
  /// How many keys of `weakrefLists` are not classes: every class is one
  /// (its base's `__subclasses__` registry), so with none of the others a
  /// dying non-class object skips the lookup (`hasWeakrefs`).
  var weaklyReferencedNonClasses = 0
  /// Blocks parked on each free list (`FreeListKind.listIndex`), most
  /// recent last (RefCount/FreeListTable.swift).
  var freeLists: FreeListTable
  /// 3.8–3.10: the zombie frame block each code object keeps.
  var zombieFrames: [Int: UInt64] = [:]
  /// 3.8–3.10: request size of each code's zombie frame block, and the code
  /// of frames being deallocated.
  var frameZombieSizes: [Int: Int] = [:]
  var frameCodes: [ObjectID: Int] = [:]
  /// Buffer size and block of each bytearray.
  var bytearrayBuffers: [ObjectID: (allocated: Int, address: UInt64)] = [:]
  /// gen0 allocation count (`gc.get_count()[0]`): GC allocations minus GC
  /// deallocations, free-list traffic excluded.
  public internal(set) var gcAllocationCount = 0
  /// The cycle collector: generation lists, GC columns, counters (GC/GCState.swift).
  public internal(set) var gc: GCState

  /// The smallest cached int (−5) and one past the largest (257).
  public static let smallIntRange = -5..<257

  /// A fresh heap for `version`, holding only the static objects.
  public init(version: PythonVersion) {
    self.version = version
    self.profile = VersionProfile(version)
    self.layouts = ObjectLayouts(version: version)
    self.allocator = Allocator(profile: profile)
    self.gc = GCState(profile: profile)
    self.freeLists = FreeListTable(capacities: FreeListKind.listCapacities(in: version))
    createStaticObjects()
  }

  /// Gives this heap storage of its own where a copy of it (a timeline
  /// checkpoint) still shares some: call it once before mutating a heap
  /// that may have been copied. The per-object operations (create, incref,
  /// decref, free) do not check, so that they stay a few instructions
  /// each; debug builds assert on every write that no copy shares what it
  /// writes (Objects/ObjectTable.swift).
  /// - Complexity: O(1) when nothing is shared, else O(rows) for the copy.
  public mutating func makeUnique() {
    table.makeUnique()
    freeLists.makeUnique()
    allocator.makeUnique()
  }

  /// Number of live rows (static objects included).
  public var liveObjectCount: Int { table.storage.count - table.storage.freeCount }

  // MARK: Rows

  /// Adds a row; the caller has already allocated its block (or it is static).
  @inline(__always)
  mutating func addRow(
    kind: ObjectKind, type: ObjectID, payload: Int64, block: UInt64, size: Int,
    flags extra: ObjectFlags = []
  ) -> ObjectID {
    ObjectID(table.addRow(kind: kind, flags: extra, type: type, payload: payload, block: block, size: size))
  }

  /// Allocates a main block of `size` bytes and adds a row for it.
  ///
  /// One call for both halves: the allocator's common case and the row's
  /// are inlined here (`Allocator.allocateUnshared`: the heap's storage is
  /// its own since `makeUnique()`, so no per-object uniqueness check),
  /// and the whole is inlined into the creators (`newInt`, `newFloat`, …).
  @inline(__always)
  mutating func allocateObject(kind: ObjectKind, type: ObjectID, size: Int, payload: Int64 = 0)
    -> ObjectID
  {
    let address = allocator.allocateUnshared(size)
    return addRow(kind: kind, type: type, payload: payload, block: address.rawValue, size: size)
  }

  /// Creates a static object (no pymalloc block; a made-up static address).
  mutating func addStatic(kind: ObjectKind, type: ObjectID, payload: Int64 = 0) -> ObjectID {
    let flags: ObjectFlags = profile.hasImmortalObjects ? [.isStatic, .immortal] : [.isStatic]
    let id = addRow(kind: kind, type: type, payload: payload, block: Heap.staticBase, size: 0, flags: flags)
    blocks[id.slot] = Heap.staticBase + UInt64(id.slot) * 64
    return id
  }

  /// A static object outside the modelled pymalloc heap (builtin functions,
  /// modules of the interpreter).
  public mutating func addStaticObject(kind: ObjectKind, type: ObjectID, payload: Int) -> ObjectID {
    addStatic(kind: kind, type: type, payload: Int64(payload))
  }

  static let staticBase: UInt64 = 0x5555_5570_0000

  // MARK: Queries

  public func kind(of id: ObjectID) -> ObjectKind { kinds[id.slot] }
  public func type(of id: ObjectID) -> ObjectID { types[id.slot] }
  public func refcount(of id: ObjectID) -> Int { Int(refcounts[id.slot]) }
  public func isStatic(_ id: ObjectID) -> Bool { flags[id.slot].contains(.isStatic) }
  public func isImmortal(_ id: ObjectID) -> Bool { flags[id.slot].contains(.immortal) }
  public func isAlive(_ id: ObjectID) -> Bool {
    !id.isNull && id.slot < kinds.count && !flags[id.slot].contains(.dead)
  }

  /// The builtin type object for `type`.
  public func typeObject(_ type: BuiltinType) -> ObjectID { builtinTypeObjects[type.rawValue] }

  /// The builtin type a `.builtinType` object stands for.
  public func builtinType(of typeObject: ObjectID) -> BuiltinType? {
    guard kinds[typeObject.slot] == .builtinType else { return nil }
    return BuiltinType(rawValue: Int(payloads[typeObject.slot]))
  }

  /// The address `id()` reports: the block start plus the GC header and
  /// pre-header that precede the object proper.
  public func address(of id: ObjectID) -> UInt64 {
    let block = blocks[id.slot]
    if flags[id.slot].contains(.isStatic) { return block }
    return block + UInt64(preHeaderSize(of: id))
  }

  /// Bytes before the object proper inside its block (GC head, 3.11+ managed
  /// dict/weakref pre-header).
  public func preHeaderSize(of id: ObjectID) -> Int {
    let kind = kinds[id.slot]
    guard kind.isGCType else { return 0 }
    if kind.isInstance {
      return layouts.instanceIDOffset(instanceShape(ofClass: types[id.slot]))
    }
    return ObjectLayouts.gcHeadSize
  }

  // MARK: Static objects

  private mutating func createStaticObjects() {
    // Type objects first, so every later row can name its type. Their own
    // type is `type`, patched once it exists.
    for builtin in BuiltinType.allCases {
      builtinTypeObjects.append(
        addStatic(kind: .builtinType, type: .null, payload: Int64(builtin.rawValue)))
    }
    let typeType = typeObject(.type)
    for object in builtinTypeObjects { types[object.slot] = typeType }

    none = addStatic(kind: .none, type: typeObject(.noneType))
    notImplemented = addStatic(kind: .notImplemented, type: typeObject(.notImplementedType))
    ellipsis = addStatic(kind: .ellipsis, type: typeObject(.ellipsisType))
    falseObject = addStatic(kind: .bool, type: typeObject(.bool), payload: 0)
    trueObject = addStatic(kind: .bool, type: typeObject(.bool), payload: 1)
    for value in Heap.smallIntRange {
      smallInts.append(addStatic(kind: .int, type: typeObject(.int), payload: Int64(value)))
    }
    emptyTuple = addStatic(
      kind: .tuple, type: typeObject(.tuple),
      payload: Heap.sequencePayload(start: ItemSlab.emptyStart, count: 0))
    emptyString = addStatic(
      kind: .str, type: typeObject(.str), payload: Int64(strs.insert("")))
    emptyBytes = addStatic(
      kind: .bytes, type: typeObject(.bytes), payload: Int64(byteStrings.insert([])))
    if version == .py311 {
      // 3.11 initialises its statically allocated ints, empty tuple, str
      // and bytes with a refcount of 999999999 (`_PyObject_IMMORTAL_INIT`).
      for id in smallInts + [emptyTuple, emptyString, emptyBytes] { refcounts[id.slot] = 999_999_999 }
    }
  }
}
