// The objects a class is made of, and why every class is a reference cycle.
//
// `type_new` does not make one object but a small graph: the heap type, its
// namespace dict (`tp_dict`, a copy of the class body's namespace), the
// `__bases__` tuple, the `__mro__` tuple (which starts with the class
// itself), a getset descriptor for each of `__dict__` and `__weakref__` the
// class adds to its base's instance layout and a member descriptor per own
// `__slots__` name (entries of `tp_dict` that point back to the class), and
// a weak reference to the class in its base's `tp_subclasses` registry
// (`add_subclass`, keyed by an int holding the class's address). The mro
// tuple and the descriptors make the class a cycle: dropping its last name
// frees nothing, and only the cycle collector reclaims it — `gc.collect()`
// returns 6 for `class C: pass` (type, dict, mro, bases, two getsets; the
// registry's weakref is reachable from the base and is cleared, then freed
// when the type's dealloc removes it from the registry).
//
// Modelled rows: the dict is kind `.classDict`, whose entries are the class
// payload's `namespace` table (what attribute lookups read) followed by the
// descriptors; its payload is the class payload's slot, and it owns that
// payload: the type's dealloc drops the dict, whose dealloc drops the
// entries and removes the payload. The tuples are ordinary tuple rows, the
// descriptors fields rows (kind `.descriptor`, refs [class]), the registry
// entry a weakref row held by the class payload on the registry's behalf.
//
// Tracking follows CPython: the tuples, type and descriptors are tracked
// when created; the dict is tracked when the copy is made if the namespace
// already held a container, else when the first descriptor is stored in it
// (MAINTAIN_TRACKING) — a subclass of a class with only atomic values in
// its body keeps an untracked dict. 3.8–3.9 `PyType_Ready` fills the dict
// before computing the mro; 3.10+ computes the mro first. That is the order
// of `gc.garbage` after a collection with DEBUG_SAVEALL (measured 3.8–3.9:
// tuple, type, getset, dict, getset, tuple; 3.10+: tuple, type, tuple,
// getset, dict, getset).
//
// A class statement also makes short-lived objects that only show through
// free lists (a full collection empties them, so the next class statement
// counts them in `gc.get_count()`): `__build_class__`'s bases tuple (kept as
// `__bases__`) and the body's function, the (name, bases, ns) tuple of the
// metatype call, `ht_slots` with the list it is sorted in, the dict copy
// `type_new_set_names` walks, `super(type, type)`'s argument tuple (3.8–3.10)
// and the bound `object.__init_subclass__` (3.8's builtin-method free list).
//
// The base's registry dict (`tp_subclasses`) is made for its first
// subclass; 3.11+ `remove_subclass` frees it again when its last subclass
// dies (measured: re-creating a collected subclass counts the dict again in
// 3.11–3.13, not in 3.8–3.10).
//
// Blocks are allocated before the type's, in the order and sizes measured
// (`type(name, (), {})` on each version): dict keys, weakref, dict, the
// descriptors, mro, bases, the registry key int.

/// The blocks of a class's companion objects, allocated before its type.
struct ClassCompanionBlocks {
  var keys: UInt64
  var weakref: UInt64
  var dict: UInt64
  var descriptors: [UInt64]
  var mro: UInt64
  var mroItems: [ObjectID]
  var bases: UInt64
  var registryKey: UInt64
  /// Whether the block was allocated rather than taken from a free list
  /// (only a new block moves the gen0 count).
  var freshDict: Bool
  var freshMRO: Bool
  var freshBases: Bool
}

extension Heap {
  /// `__mro__` of a class with base `base`, without the class itself.
  func mroTail(ofBase base: ObjectID) -> [ObjectID] {
    if kinds[base.slot] == .type {
      let payload = classes[Int(payloads[base.slot])]
      if !payload.mro.isNull { return items(payload.mro) }
      return [base] + mroTail(ofBase: payload.base)
    }
    guard kinds[base.slot] == .builtinType, var builtin = builtinType(of: base) else { return [base] }
    var chain = [base]
    while let next = builtin.base {
      chain.append(typeObject(next))
      builtin = next
    }
    return chain
  }

  /// Allocates the companion blocks of a new class (before its type block).
  /// `hasBasesTuple`: `__build_class__` already made the bases tuple.
  mutating func allocateClassCompanionBlocks(base: ObjectID, descriptors: Int, hasBasesTuple: Bool)
    -> ClassCompanionBlocks
  {
    let modern = version >= .py311
    let mroItems = mroTail(ofBase: base)
    // The tuples and the dict come from their free lists when they can.
    let parkedBases = hasBasesTuple ? 0 : takeFromFreeList(.tuple(1))
    let parkedDict = takeFromFreeList(.dict)
    let parkedMRO = takeFromFreeList(.tuple(mroItems.count + 1))
    let keys = allocator.allocate(modern ? 120 : 168).rawValue
    let weakref = allocator.allocate(modern ? 80 : 72).rawValue
    let dict = parkedDict ?? allocator.allocate(64).rawValue
    var descriptorBlocks: [UInt64] = []
    for _ in 0..<descriptors { descriptorBlocks.append(allocator.allocate(64).rawValue) }
    let mro =
      parkedMRO ?? allocator.allocate(ObjectLayouts.tupleBlockSize(count: mroItems.count + 1)).rawValue
    let bases =
      hasBasesTuple ? 0 : (parkedBases ?? allocator.allocate(ObjectLayouts.tupleBlockSize(count: 1)).rawValue)
    let registryKey = allocator.allocate(32).rawValue
    return ClassCompanionBlocks(
      keys: keys, weakref: weakref, dict: dict, descriptors: descriptorBlocks, mro: mro, mroItems: mroItems,
      bases: bases, registryKey: registryKey, freshDict: parkedDict == nil, freshMRO: parkedMRO == nil,
      freshBases: parkedBases == nil)
  }

  /// Creates the companion rows of the new (untracked) class `cls` in its
  /// preallocated blocks and tracks everything in CPython's order.
  mutating func createClassCompanions(
    _ cls: ObjectID, blocks: ClassCompanionBlocks, basesTuple given: ObjectID, getsets: Int, members: Int
  ) {
    let classSlot = Int(payloads[cls.slot])
    let base = classes[classSlot].base
    // __bases__: the tuple `__build_class__` made, else (object,).
    var basesTuple = given
    if basesTuple.isNull {
      incref(base)
      basesTuple = addCompanionTuple([base], block: blocks.bases, fresh: blocks.freshBases)
    }
    // tp_dict: a copy of the namespace, tracked now if the namespace was.
    let dict = addRow(
      kind: .classDict, type: typeObject(.dict), payload: Int64(classSlot), block: blocks.dict, size: 64)
    if blocks.freshDict { countGCAllocation() }
    let namespace = classes[classSlot].namespace
    var namespaceTracked = false
    for position in 0..<namespace.entryCount where namespace.isLive(position) {
      if mayBeTracked(namespace.values[position]) || mayBeTracked(namespace.keys[position]) {
        namespaceTracked = true
        break
      }
    }
    track(basesTuple)
    if namespaceTracked { track(dict) }
    track(cls)
    var mroItems = [cls] + blocks.mroItems
    for item in mroItems { incref(item) }
    var mroTuple = ObjectID.null
    if version >= .py310 {
      mroTuple = addCompanionTuple(mroItems, block: blocks.mro, fresh: blocks.freshMRO)
      track(mroTuple)
      mroItems = []
    }
    var descriptors: [ObjectID] = []
    for (index, block) in blocks.descriptors.enumerated() {
      // Members (`add_members`) come before the getsets (`add_getset`).
      let type: BuiltinType = index < members ? .memberDescriptor : .getsetDescriptor
      incref(cls)
      let slot = fields.insert(FieldsPayload(refs: [cls]))
      let descriptor = addRow(
        kind: .descriptor, type: typeObject(type), payload: Int64(slot), block: block, size: 64)
      countGCAllocation()
      track(descriptor)
      track(dict)  // MAINTAIN_TRACKING: a descriptor is a container
      descriptors.append(descriptor)
    }
    if !mroItems.isEmpty {
      mroTuple = addCompanionTuple(mroItems, block: blocks.mro, fresh: blocks.freshMRO)
      track(mroTuple)
    }
    // add_subclass: base.__subclasses__ registry entry {id(cls): ref(cls)}.
    let weakrefSlot = fields.insert(FieldsPayload(refs: [], index: Int(cls.index)))
    let weakref = addRow(
      kind: .weakref, type: typeObject(.weakref), payload: Int64(weakrefSlot), block: blocks.weakref,
      size: version >= .py311 ? 80 : 72)
    countGCAllocation()
    track(weakref)
    addToWeakrefList(cls, weakref)
    if kinds[base.slot] == .type, classes[Int(payloads[base.slot])].subclassesDict.isNull {
      // The base's first subclass: `add_subclass` makes its registry dict,
      // tracked once it holds the weakref, with a table for int keys.
      let registry = newDict()
      let size = version >= .py311 ? 160 : 168
      let dictSlot = Int(payloads[registry.slot])
      dicts[dictSlot].keysAddress = allocateDictKeys(
        size: size, slots: ObjectLayouts.dictMinSlots, unicode: false)
      dicts[dictSlot].keysSize = size
      dicts[dictSlot].keysSlots = ObjectLayouts.dictMinSlots
      dicts[dictSlot].unicodeKeys = false
      track(registry)
      classes[Int(payloads[base.slot])].subclassesDict = registry
    }
    if kinds[base.slot] == .type { classes[Int(payloads[base.slot])].subclassCount += 1 }
    classes[classSlot].dictObject = dict
    classes[classSlot].dictKeysBlock = blocks.keys
    classes[classSlot].bases = basesTuple
    classes[classSlot].mro = mroTuple
    classes[classSlot].descriptors = descriptors
    classes[classSlot].registryWeakref = weakref
    classes[classSlot].companionBlocks = [blocks.registryKey]
  }

  private mutating func addCompanionTuple(_ items: [ObjectID], block: UInt64, fresh: Bool) -> ObjectID {
    let start = itemSlab.allocate(items.count)
    itemSlab.write(items, at: start)
    let id = addRow(
      kind: .tuple, type: typeObject(.tuple), payload: Heap.sequencePayload(start: start, count: items.count),
      block: block, size: ObjectLayouts.tupleBlockSize(count: items.count))
    if fresh { countGCAllocation() }
    return id
  }

  /// `type_new_set_names` walks a copy of the new dict (`PyDict_Copy`: a
  /// dict, from the free list when it can, and a clone of the keys), freed
  /// right after: it moves the gen0 count only when the dict free list is
  /// empty (after a full collection).
  mutating func iterateNamespaceCopy(_ cls: ObjectID) {
    let copy = newDict()
    // The clone is copied with a plain malloc, and parked like any 8-slot
    // str-keyed table when the copy dies.
    let keys = allocator.allocate(version >= .py311 ? 120 : 168)
    freeDictKeys(keys.rawValue, slots: ObjectLayouts.dictMinSlots, unicode: true)
    decref(copy)
    // `init_subclass` calls `super(type, type)`; before 3.11 that call
    // packs its two arguments in a tuple (measured: a 2-tuple lands on the
    // free list after each class statement in 3.8–3.10 only).
    if version <= .py310 {
      incref(cls)
      incref(cls)
      decref(newTuple([cls, cls]))
    }
    // Then `object.__init_subclass__` bound to the class: a builtin method
    // object, which only 3.8 takes from (and parks on) a free list.
    if version == .py38 {
      incref(cls)
      decref(
        newFieldsObject(
          kind: .builtinMethod, type: .builtinFunction, refs: [cls],
          size: layouts.fixedBlockSize(.builtinMethod)!))
    }
  }

  /// `remove_subclass`: one subclass of `base` fewer; 3.11+ drops the
  /// registry dict with the last one (pushed on the dealloc references).
  mutating func leaveSubclassRegistry(of base: ObjectID) {
    guard !base.isNull, kinds[base.slot] == .type else { return }
    let slot = Int(payloads[base.slot])
    classes[slot].subclassCount -= 1
    if classes[slot].subclassCount == 0, version >= .py311, !classes[slot].subclassesDict.isNull {
      deallocRefs.append(classes[slot].subclassesDict)
      classes[slot].subclassesDict = .null
    }
  }

  /// `len()` of a class's `tp_dict` row: the namespace and the descriptors.
  public func classDictCount(_ id: ObjectID) -> Int {
    let payload = classes[Int(payloads[id.slot])]
    return payload.namespace.count + payload.descriptors.count
  }

  /// MAINTAIN_TRACKING for a class attribute stored after creation: the
  /// class's dict becomes tracked when it receives a container.
  public mutating func noteClassAttributeStored(_ cls: ObjectID, value: ObjectID) {
    guard kinds[cls.slot] == .type else { return }
    let dict = classes[Int(payloads[cls.slot])].dictObject
    if !dict.isNull, isAlive(dict), mayBeTracked(value) { track(dict) }
  }

  /// What `dict_traverse` visits in a class's dict: its keys are all str,
  /// so only the values (measured: `gc.get_referents(C.__dict__)` lists no
  /// key), the namespace's then the descriptors.
  func appendClassDictReferents(payloadSlot slot: Int, to buffer: inout [ObjectID]) {
    let payload = classes.elements[slot]
    let table = payload.namespace
    for position in 0..<table.entryCount where table.isLive(position) {
      buffer.append(table.values[position])
    }
    for descriptor in payload.descriptors { buffer.append(descriptor) }
  }

  /// `PyDict_Clear` on a class's dict: the entries' references (key, value
  /// per entry, then the descriptors) go to `drops`; returns the keys block
  /// to free after them.
  mutating func clearClassDict(payloadSlot slot: Int, into drops: inout [ObjectID]) -> UInt64 {
    for position in 0..<classes[slot].namespace.entryCount where classes[slot].namespace.isLive(position) {
      drops.append(classes[slot].namespace.keys[position])
      drops.append(classes[slot].namespace.values[position])
    }
    classes[slot].namespace.removeAll()
    classNamespacesChanged()
    drops.append(contentsOf: classes[slot].descriptors)
    classes[slot].descriptors = []
    let keys = classes[slot].dictKeysBlock
    classes[slot].dictKeysBlock = 0
    return keys
  }
}
