// Functions, cells, bound methods, classes and their instances.
//
// A class (heap type) allocates its type object plus the companion blocks
// `type()` makes (its `__dict__`, `__mro__`/`__bases__` tuples, descriptors)
// and, unless it has `__slots__`, the shared keys table of PEP 412. An
// instance's attribute storage follows the version (ObjectLayouts+Instances):
// 3.8–3.10 a split dict created on the first attribute store; 3.11/3.12 a
// values block allocated with the instance; 3.13 values inline in the
// instance block. A name new to the class goes through `SharedKeys`, which
// decides whether the value fits the instance's reserved values or the
// instance must switch to an ordinary dict.

extension Heap {
  // MARK: Functions and cells

  /// A function object (+1) for code `code`, stealing the references passed.
  public mutating func newFunction(
    code: Int, name: ObjectID, qualifiedName: ObjectID, globals: ObjectID, defaults: ObjectID,
    keywordDefaults: ObjectID, closure: ObjectID
  ) -> ObjectID {
    var payload = FunctionPayload(code: code, name: name, qualifiedName: qualifiedName, globals: globals)
    payload.defaults = defaults
    payload.keywordDefaults = keywordDefaults
    payload.closure = closure
    let slot = functions.insert(payload)
    let id = allocateObject(
      kind: .function, type: typeObject(.function), size: layouts.fixedBlockSize(.function)!,
      payload: Int64(slot))
    countGCAllocation()
    track(id)
    return id
  }

  public func function(_ id: ObjectID) -> FunctionPayload { functions[Int(payloads[id.slot])] }

  /// A cell (+1) holding `content` (stolen; null for an empty cell).
  public mutating func newCell(_ content: ObjectID) -> ObjectID {
    newFieldsObject(kind: .cell, type: .cell, refs: [content], size: layouts.fixedBlockSize(.cell)!)
  }

  /// A bound method (+1) of `function` to `instance` (both stolen).
  public mutating func newBoundMethod(_ function: ObjectID, _ instance: ObjectID) -> ObjectID {
    newFieldsObject(
      kind: .boundMethod, type: .method, refs: [function, instance],
      size: layouts.fixedBlockSize(.boundMethod)!)
  }

  // MARK: Classes

  /// A user class (+1) named `name` deriving from `base` (stolen), with the
  /// namespace entries given (keys and values stolen, in order).
  /// `basesTuple` (stolen) is the `(base,)` tuple `__build_class__` made
  /// for explicit bases; null makes `(object,)` as `type_new` does.
  public mutating func newClass(
    name: String, qualifiedName: String, base: ObjectID, builtinBase: BuiltinType,
    namespace: [(hash: Int, key: ObjectID, value: ObjectID)], slotNames: [String]?, hasFinalizer: Bool,
    basesTuple: ObjectID = .null
  ) -> ObjectID {
    var payload = ClassPayload(
      name: name, qualifiedName: qualifiedName, base: base, builtinBase: builtinBase, version: version)
    for entry in namespace { payload.namespace.append(hash: entry.hash, key: entry.key, value: entry.value) }
    var inheritedSlots: [String] = []
    var baseHasDict = true
    var baseHasWeakref = true
    if kinds[base.slot] == .type {
      let baseClass = classes[Int(payloads[base.slot])]
      inheritedSlots = baseClass.slotNames ?? []
      baseHasDict = baseClass.hasInstanceDict
      baseHasWeakref = baseClass.hasWeakrefSlot
    }
    if let slotNames {
      let own = slotNames.filter { $0 != "__dict__" && $0 != "__weakref__" }
      payload.slotNames = inheritedSlots + own
      payload.hasInstanceDict = (kinds[base.slot] == .type && baseHasDict) || slotNames.contains("__dict__")
      payload.hasWeakrefSlot =
        (kinds[base.slot] == .type && baseHasWeakref) || slotNames.contains("__weakref__")
    } else if !inheritedSlots.isEmpty {
      payload.slotNames = inheritedSlots
    }
    let ownSlots = slotNames?.filter { $0 != "__dict__" && $0 != "__weakref__" } ?? []
    // The descriptors CPython adds to the new type's dict: `__dict__` and
    // `__weakref__` getsets when the class adds them to its base's layout,
    // a member descriptor per own slot.
    let baseAddsNothing = kinds[base.slot] != .type && !builtinBase.isException
    var getsets = 0
    if payload.hasInstanceDict && !(kinds[base.slot] == .type ? baseHasDict : !baseAddsNothing) {
      getsets += 1
    }
    if payload.hasWeakrefSlot && !(kinds[base.slot] == .type && baseHasWeakref) { getsets += 1 }
    // `__slots__`: copied into a list, sorted, kept as the `ht_slots` tuple.
    if slotNames != nil {
      var names: [ObjectID] = []
      for name in ownSlots { names.append(intern(name)) }
      for name in names { incref(name) }
      let list = newList(names)
      payload.slotsTuple = newTuple(names.sorted { CodePoints.order(string($0), string($1)) < 0 })
      decref(list)
    }
    let blocks = allocateClassCompanionBlocks(
      base: base, descriptors: getsets + ownSlots.count, hasBasesTuple: !basesTuple.isNull)
    if payload.hasInstanceDict { payload.sharedTable = newSharedTable() }
    payload.hasFinalizer = hasFinalizer
    if !hasFinalizer, kinds[base.slot] == .type {
      payload.hasFinalizer = classes[Int(payloads[base.slot])].hasFinalizer
    }
    let slot = classes.insert(payload)
    classNamespacesChanged()
    let id = allocateObject(
      kind: .type, type: typeObject(.type), size: layouts.typeBlockSize(slotCount: ownSlots.count),
      payload: Int64(slot))
    countGCAllocation()
    createClassCompanions(
      id, blocks: blocks, basesTuple: basesTuple, getsets: getsets, members: ownSlots.count)
    iterateNamespaceCopy(id)
    return id
  }

  public func classPayload(_ id: ObjectID) -> ClassPayload { classes[Int(payloads[id.slot])] }

  /// Gives `body` the class's payload to change (counted as a namespace
  /// change: see `classEpoch`).
  public mutating func withClass<R>(_ id: ObjectID, _ body: (inout ClassPayload) -> R) -> R {
    classNamespacesChanged()
    return body(&classes[Int(payloads[id.slot])])
  }

  /// The layout of instances of a user class.
  public func instanceShape(ofClass cls: ObjectID) -> InstanceShape {
    guard kinds[cls.slot] == .type else { return .plain }
    let payload = classes[Int(payloads[cls.slot])]
    return InstanceShape(
      slotCount: payload.slotNames?.count ?? 0, hasDict: payload.hasInstanceDict,
      hasWeakref: payload.hasWeakrefSlot)
  }

  // MARK: Instances

  /// A new instance (+1) of user class `cls` (the instance takes a new
  /// reference to its class).
  public mutating func newInstance(of cls: ObjectID) -> ObjectID {
    incref(cls)
    let shape = instanceShape(ofClass: cls)
    var payload = InstancePayload()
    payload.slotCount = Int32(shape.slotCount)
    payload.refsStart = allocateInstanceRefs(slots: shape.slotCount, extra: 0)
    var blockSize = layouts.instanceBlockSize(shape)
    let table = cachedTable(ofClass: cls)
    if shape.hasDict, table >= 0 {
      let reservation = sharedTables[table].keys.instanceCreated()
      payload.valuesCapacity = reservation.capacity
      if version >= .py313 {
        blockSize = layouts.instanceBlockSize(shape, valueCapacity: reservation.reserved)
      } else if version >= .py311 {
        payload.valuesSize = layouts.instanceValuesBlockSize(capacity: reservation.reserved)
      }
    }
    classes[Int(payloads[cls.slot])].instancesCreated += 1
    let address = allocator.allocate(blockSize)
    if payload.valuesSize > 0 { payload.valuesAddress = allocator.allocate(payload.valuesSize).rawValue }
    let slot = instances.insert(payload)
    let kind: ObjectKind = shape.hasDict ? .instance : .slotsInstance
    let id = addRow(kind: kind, type: cls, payload: Int64(slot), block: address.rawValue, size: blockSize)
    countGCAllocation()
    track(id)
    return id
  }

  public func instance(_ id: ObjectID) -> InstancePayload { instances[Int(payloads[id.slot])] }

  public mutating func withInstance<R>(_ id: ObjectID, _ body: (inout InstancePayload) -> R) -> R {
    body(&instances[Int(payloads[id.slot])])
  }

  /// Records that an instance stores an attribute name it does not hold yet
  /// and allocates what CPython allocates for it. Returns the dict object the
  /// value must go into, or null when it goes into the instance's values.
  /// `hash` is the name's str hash.
  public mutating func prepareNewAttribute(_ id: ObjectID, name: String, hash: Int) -> ObjectID {
    let slot = Int(payloads[id.slot])
    let cls = types[id.slot]
    if !instances[slot].dict.isNull {
      let dict = instances[slot].dict
      if dicts[Int(payloads[dict.slot])].sharedTable >= 0 {
        if version <= .py310 {
          legacySplitDictNewKey(dict, owner: cls, name: name, hash: hash)
        } else {
          modernSplitDictNewKey(dict, name: name, hash: hash)
        }
      }
      return dict
    }
    if version <= .py310 {
      // First attribute: the dict appears (split while the class shares keys).
      let dict = newLegacyInstanceDict(ofClass: cls)
      instances[slot].dict = dict
      if dicts[Int(payloads[dict.slot])].sharedTable >= 0 {
        legacySplitDictNewKey(dict, owner: cls, name: name, hash: hash)
      }
      return dict
    }
    // 3.11+: inline values while the shared keys have room.
    let table = cachedTable(ofClass: cls)
    guard table >= 0 else { return materializeDict(id) }
    let known = sharedKeyIndex(table, of: name, hash: hash)
    if let known, known < instances[slot].valuesCapacity { return .null }
    if known == nil, sharedTables[table].keys.isSharing {
      let insertion = sharedTables[table].keys.insertKey(
        instanceAttributes: Int(instances[slot].attributes.count),
        instanceCapacity: instances[slot].valuesCapacity,
        soleUser: false)
      if case .stored = insertion {
        sharedTables[table].append(name, hash: hash)
        return .null
      }
    }
    return materializeDict(id)
  }

  /// 3.11+: a new key in an instance's materialised `__dict__`, which shares
  /// the class's keys while the name fits its values; otherwise it becomes
  /// an ordinary dict with its own keys table.
  private mutating func modernSplitDictNewKey(_ dict: ObjectID, name: String, hash: Int) {
    let dictSlot = Int(payloads[dict.slot])
    let table = dicts[dictSlot].sharedTable
    let capacity = dicts[dictSlot].splitCapacity
    let known = sharedKeyIndex(table, of: name, hash: hash)
    if let known, known < capacity { return }
    if known == nil, sharedTables[table].keys.isSharing {
      let insertion = sharedTables[table].keys.insertKey(
        instanceAttributes: Int(dicts[dictSlot].table.count), instanceCapacity: capacity, soleUser: false)
      if case .stored(let index) = insertion {
        sharedTables[table].append(name, hash: hash)
        if index < capacity { return }
      }
    }
    let count = Int(dicts[dictSlot].table.count) + 1
    let slots = max(16, ObjectLayouts.dictSlotsAfterGrowth(used: count))
    let size = layouts.dictKeysBlockSize(slots: slots, keys: .unicode)
    if dicts[dictSlot].keysAddress != 0 { allocator.free(Address(dicts[dictSlot].keysAddress)) }
    dicts[dictSlot].keysAddress = allocator.allocate(size).rawValue
    dicts[dictSlot].keysSize = size
    dicts[dictSlot].keysSlots = slots
    dicts[dictSlot].splitCapacity = 0
    dicts[dictSlot].sharedTable = -1
    for block in releaseSharedTable(table) { allocator.free(Address(block)) }
  }

  /// An instance's `__dict__`, created if needed: 3.8–3.10 the dict its
  /// first attribute store would create; 3.11+ a dict object sharing the
  /// class's keys and taking over the instance's values (a split dict).
  @discardableResult
  public mutating func instanceDictObject(_ id: ObjectID) -> ObjectID {
    let slot = Int(payloads[id.slot])
    if !instances[slot].dict.isNull { return instances[slot].dict }
    if version <= .py310 {
      let dict = newLegacyInstanceDict(ofClass: types[id.slot])
      instances[slot].dict = dict
      return dict
    }
    let capacity = instances[slot].valuesCapacity
    let table = cachedTable(ofClass: types[id.slot])
    guard capacity > 0, table >= 0 else { return materializeDict(id) }
    let dict = newDict()
    let dictSlot = Int(payloads[dict.slot])
    for entry in inlineEntries(payloadSlot: slot) {
      dicts[dictSlot].table.append(hash: entry.hash, key: entry.key, value: entry.value, in: &tableSlab)
      maintainTracking(dict, key: entry.key, value: entry.value)
    }
    dicts[dictSlot].splitCapacity = capacity
    dicts[dictSlot].keysSize = 8 * capacity
    dicts[dictSlot].keysAddress = instances[slot].valuesAddress
    dicts[dictSlot].sharedTable = table
    sharedTables[table].references += 1
    instances[slot].valuesAddress = 0
    instances[slot].valuesSize = 0
    releaseInlineAttributes(payloadSlot: slot)
    instances[slot].dict = dict
    return dict
  }

  /// 3.11+: gives an instance a real `__dict__` holding its attributes (on a
  /// `__dict__` access or when its values are full). Returns the dict.
  @discardableResult
  public mutating func materializeDict(_ id: ObjectID) -> ObjectID {
    let slot = Int(payloads[id.slot])
    if !instances[slot].dict.isNull { return instances[slot].dict }
    let dict = newDict()
    let dictSlot = Int(payloads[dict.slot])
    for entry in inlineEntries(payloadSlot: slot) {
      dicts[dictSlot].table.append(hash: entry.hash, key: entry.key, value: entry.value, in: &tableSlab)
      maintainTracking(dict, key: entry.key, value: entry.value)
    }
    let count = Int(instances[slot].attributes.count)
    let slots = max(16, ObjectLayouts.dictSlotsAfterGrowth(used: count))
    let size = layouts.dictKeysBlockSize(slots: slots, keys: .unicode)
    dicts[dictSlot].keysAddress = allocator.allocate(size).rawValue
    dicts[dictSlot].keysSize = size
    dicts[dictSlot].keysSlots = slots
    releaseInlineAttributes(payloadSlot: slot)
    instances[slot].dict = dict
    if instances[slot].valuesAddress != 0 {
      allocator.free(Address(instances[slot].valuesAddress))
      instances[slot].valuesAddress = 0
      instances[slot].valuesSize = 0
    }
    return dict
  }

  /// An exception instance (+1) of builtin or user type `type`, with `args`
  /// (a tuple, stolen).
  ///
  /// 3.10+ NameError and UnboundLocalError (`PyNameErrorObject`) have a
  /// fifth field, `name`, and AttributeError a fifth and sixth, `name` and
  /// `obj`: what the traceback's "Did you mean" hint searches from.
  public mutating func newException(type: ObjectID, args: ObjectID) -> ObjectID {
    incref(type)
    var kind = ObjectKind.exception
    var fields: Int32 = 4
    var nameErrorField = false
    // A user subclass has the fields of its builtin base, and a
    // `__weakref__` slot of its own: 8 bytes up to 3.11, 16 from 3.12
    // (the managed weakref and dict pre-header words).
    var builtin: BuiltinType?
    var subclassBytes = 0
    if kinds[type.slot] == .builtinType {
      builtin = builtinType(of: type)
    } else if kinds[type.slot] == .type {
      builtin = builtinBase(ofClass: type)
      subclassBytes = version >= .py312 ? 16 : 8
    }
    if let builtin {
      if builtin == .stopIteration { kind = .stopIteration }
      if builtin == .attributeError { kind = .attributeError }
      if version >= .py310 {
        if builtin == .attributeError { fields = 6 }
        if builtin == .nameError || builtin == .unboundLocalError {
          fields = 5
          nameErrorField = true
        }
      }
    }
    var payload = InstancePayload()
    payload.extraCount = fields
    payload.refsStart = allocateInstanceRefs(slots: 0, extra: Int(fields))
    payloadSlab[Int(payload.refsStart)] = args.index
    let slot = instances.insert(payload)
    let size = layouts.fixedBlockSize(kind)! + (nameErrorField ? 8 : 0) + subclassBytes
    let id = allocateObject(kind: .exception, type: type, size: size, payload: Int64(slot))
    countGCAllocation()
    track(id)
    return id
  }
}
