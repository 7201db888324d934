// The per-kind data an object row points at through its payload column.
// Scalars (int values that fit in 64 bits, float bits, a cell's content) live
// in the column itself; everything else lives in a `Store` of one of these.

import BigInt

// A str's record, `StrPayload`, is in StrStore.swift with the slab that
// holds its text.

/// A user-class instance: its attribute storage, slots and dict object.
/// Plain data: the slots, exception fields and inline attributes live in
/// `Heap.payloadSlab` (Objects/Heap+InstanceSlab.swift), so copying a
/// payload — or the whole store at a timeline checkpoint — retains nothing.
public struct InstancePayload: Sendable {
  /// The materialised `__dict__` object, or null while attributes live inline
  /// (3.11+ values) or the class has no dict.
  public var dict: ObjectID
  /// Start in the payload slab of the `__slots__` values (declaration
  /// order, null for unset slots) followed by the exception fields (args,
  /// __traceback__, __context__, __cause__, in the order BaseException_clear
  /// drops them).
  var refsStart: Int32
  var slotCount: Int32
  /// 4 for exceptions, 0 for plain instances.
  var extraCount: Int32
  /// Attribute names and values while no dict object exists (3.11+ inline
  /// values); insertion ordered.
  var attributes: InlineAttributes
  /// Address of a separate values block (3.11/3.12), 0 when none.
  public var valuesAddress: UInt64
  public var valuesSize: Int
  /// Value slots usable without materialising a dict (3.11+), or the
  /// capacity the split dict gets (3.8–3.10).
  public var valuesCapacity = 0

  public init() {
    dict = .null
    refsStart = Int32(ItemSlab.emptyStart)
    slotCount = 0
    extraCount = 0
    attributes = InlineAttributes()
    valuesAddress = 0
    valuesSize = 0
  }

  /// Number of `__slots__` values.
  public var slotsCount: Int { Int(slotCount) }
}

/// Where an instance's inline attributes are in the payload slab: `capacity`
/// entries of 4 words (hash low and high halves, key, value) from `start`,
/// the first `entryCount` used in insertion order (a removed one keeps its
/// place with a null value, as in DictTable), `count` of them live.
struct InlineAttributes: Sendable {
  var start: Int32 = Int32(ItemSlab.emptyStart)
  var capacity: Int32 = 0
  var entryCount: Int32 = 0
  var count: Int32 = 0

  static let entryWords = 4
}

/// A dict or set object's table plus the blocks holding it. Plain data: the
/// entries live in `Heap.tableSlab` (Objects/SlabTable.swift).
public struct DictPayload: Sendable {
  @usableFromInline var table: SlabTable
  /// Address and request size of the keys table block (0 when the dict uses
  /// the shared empty keys).
  public var keysAddress: UInt64
  public var keysSize: Int
  /// Slots of the keys table (`dk_size`), 0 with the empty keys.
  public var keysSlots: Int
  /// Whether every key has been a str (3.11+ "unicode" keys, 16-byte entries).
  public var unicodeKeys: Bool
  /// A set's `finger`: the slot after the one `set.pop` last emptied, where
  /// the next pop starts looking (masked by the table size then). For a
  /// dict, the removed positions at the end of the used ones that
  /// `popitem` left (CPython lowers `dk_nentries` to the popped position,
  /// keeping `dk_usable`; the model keeps `entryCount` for the resize rule
  /// and remembers the holes here, so popping is O(1)); an insert, a
  /// compaction or a clear forgets them. Sits in the padding after
  /// `unicodeKeys`, so a dict pays nothing for it.
  var setFinger: Int32 = 0
  /// A split (instance) dict's values capacity: its keys are the class's
  /// shared keys and `keysAddress` is its values array. 0 for combined dicts.
  public var splitCapacity = 0
  /// The shared keys table a split dict uses (`Heap.sharedTables`), −1 for
  /// combined dicts.
  public var sharedTable = -1

  public init() {
    table = SlabTable()
    keysAddress = 0
    keysSize = 0
    keysSlots = 0
    unicodeKeys = true
  }
}

/// A user class: name, base, namespace and layout facts.
public struct ClassPayload: Sendable {
  public var name: String
  public var qualifiedName: String
  /// The single base class (a `.type` or `.builtinType` object).
  public var base: ObjectID
  /// The class namespace (`__dict__`), kept in order of definition.
  public var namespace: DictTable
  /// `__slots__` names when the class (or a base) declares them; nil otherwise.
  public var slotNames: [String]?
  /// Whether instances have a `__dict__`.
  public var hasInstanceDict: Bool
  /// Whether instances accept weak references.
  public var hasWeakrefSlot: Bool
  /// The builtin type instances are laid out as (`object` for plain classes,
  /// an exception type for exception classes).
  public var builtinBase: BuiltinType
  /// Instances created so far (the 3.11+ "cold class" sizing depends on it).
  public var instancesCreated: Int
  /// The shared keys table the class caches (`ht_cached_keys`, an index in
  /// `Heap.sharedTables`), −1 when it has none (`__slots__` without
  /// `__dict__`, or 3.8–3.10 after it stopped sharing).
  public var sharedTable: Int
  /// Raw blocks the class allocated besides its type object and its
  /// companion objects (the int key of its entry in the base's subclass
  /// registry), freed with it.
  public var companionBlocks: [UInt64]
  /// The `tp_dict` object (kind `.classDict`, owned by the type); null for
  /// the interpreter's static classes, whose namespace has no object.
  public var dictObject: ObjectID
  /// The keys block of `tp_dict` (0 once the dict is cleared).
  public var dictKeysBlock: UInt64
  /// `__mro__` (a tuple starting with the class) and `__bases__`, owned.
  public var mro: ObjectID
  public var bases: ObjectID
  /// The getset (`__dict__`, `__weakref__`) and member (`__slots__`)
  /// descriptors, entries of `tp_dict` after the namespace's, owned by it.
  public var descriptors: [ObjectID]
  /// The weak reference to the class in its base's `tp_subclasses`
  /// registry, owned by that registry; released when the class dies.
  public var registryWeakref: ObjectID
  /// `ht_slots`: the sorted own `__slots__` names as a tuple (null without
  /// `__slots__`); owned, and not visited by the type's traverse.
  public var slotsTuple: ObjectID
  /// `tp_subclasses`: the registry dict made for the first subclass (its
  /// int → weakref entries are not modelled; each subclass holds its own
  /// weakref); null until then.
  public var subclassesDict: ObjectID
  /// Live subclasses registered in `subclassesDict`.
  public var subclassCount: Int
  /// Whether the class or a base defines `__del__`.
  public var hasFinalizer: Bool

  /// A class payload with no shared keys table yet (`Heap.newClass` makes
  /// one); `version` is accepted for symmetry with the other payloads.
  public init(
    name: String, qualifiedName: String, base: ObjectID, builtinBase: BuiltinType, version: PythonVersion
  ) {
    self.name = name
    self.qualifiedName = qualifiedName
    self.base = base
    self.namespace = DictTable()
    self.slotNames = nil
    self.hasInstanceDict = true
    self.hasWeakrefSlot = true
    self.builtinBase = builtinBase
    self.instancesCreated = 0
    self.sharedTable = -1
    self.companionBlocks = []
    self.dictObject = .null
    self.dictKeysBlock = 0
    self.mro = .null
    self.bases = .null
    self.descriptors = []
    self.registryWeakref = .null
    self.slotsTuple = .null
    self.subclassesDict = .null
    self.subclassCount = 0
    self.hasFinalizer = false
  }
}

/// A Python function object.
public struct FunctionPayload: Sendable {
  /// Index of the compiled code in the interpreter's code table.
  public var code: Int
  public var name: ObjectID
  public var qualifiedName: ObjectID
  public var globals: ObjectID
  public var defaults: ObjectID
  public var keywordDefaults: ObjectID
  public var closure: ObjectID
  public var dict: ObjectID

  public init(code: Int, name: ObjectID, qualifiedName: ObjectID, globals: ObjectID) {
    self.code = code
    self.name = name
    self.qualifiedName = qualifiedName
    self.globals = globals
    self.defaults = .null
    self.keywordDefaults = .null
    self.closure = .null
    self.dict = .null
  }
}

/// Objects whose payload is a short fixed list of references plus a scalar:
/// bound methods, cells, properties, iterators, weakrefs, tracebacks, …
/// The meaning of each slot is fixed per kind (see the creating function).
public struct FieldsPayload: Sendable {
  public var refs: [ObjectID]
  public var index: Int
  public var extra: Int
  /// A third scalar (a range iterator's step).
  public var step = 0

  public init(refs: [ObjectID], index: Int = 0, extra: Int = 0) {
    self.refs = refs
    self.index = index
    self.extra = extra
  }
}
