import Testing

@testable import HeapModel

/// Every class is a reference cycle reclaimed only by the collector, with
/// its companions. Expected counts measured with CPython 3.8.18–3.13.0
/// (`gc.collect()` after `del C`, Scenarios/gc_class_cycles.py).
@Suite struct ClassCycleTests {
  private static func makeClass(
    _ heap: inout Heap, base: ObjectID? = nil, slots: [String]? = nil, namespace: [ObjectID] = []
  ) -> ObjectID {
    let base = base ?? heap.typeObject(.object)
    heap.incref(base)
    let entries = namespace.enumerated().map { index, value in
      (hash: index, key: heap.intern("attribute\(index)"), value: value)
    }
    let builtinBase: BuiltinType = .object
    return heap.newClass(
      name: "C", qualifiedName: "C", base: base, builtinBase: builtinBase, namespace: entries,
      slotNames: slots,
      hasFinalizer: false)
  }

  @Test(arguments: PythonVersion.allCases)
  func plainClassSurvivesItsLastNameAndIsCollectedWithSixObjects(version: PythonVersion) {
    var heap = Heap(version: version)
    heap.clearFreeLists()
    let countBefore = heap.gcCounts.0
    let cls = Self.makeClass(&heap)
    // type, dict, mro, bases, two getsets, the registry weakref, and the
    // copy of the dict `type_new_set_names` walks (parked on the free list
    // afterwards, so the count keeps it; CPython's `type(name, (), ns)`
    // right after a full collection counts the same 8).
    // 3.8–3.10 also leave `super(type, type)`'s argument tuple parked, and
    // 3.8 the bound `__init_subclass__` (its builtin-method free list).
    let expected = version == .py38 ? 10 : (version <= .py310 ? 9 : 8)
    #expect(heap.gcCounts.0 - countBefore == expected)
    // The name, the mro tuple and the two getset descriptors.
    #expect(heap.refcount(of: cls) == 4)
    let payload = heap.classPayload(cls)
    #expect(heap.items(payload.mro) == [cls, heap.typeObject(.object)])
    #expect(heap.items(payload.bases) == [heap.typeObject(.object)])
    #expect(
      heap.referents(of: cls) == [payload.dictObject, payload.mro, payload.bases, heap.typeObject(.object)])
    #expect(heap.isTracked(payload.dictObject))
    #expect(
      payload.descriptors.map { heap.type(of: $0) }
        == Array(repeating: heap.typeObject(.getsetDescriptor), count: 2))
    heap.decref(cls)
    #expect(heap.isAlive(cls))
    var driver = GCDriver()
    #expect(driver.collect(&heap) == 6)
    #expect(!heap.isAlive(cls))
    #expect(!heap.isAlive(payload.dictObject))
    #expect(!heap.isAlive(payload.registryWeakref))
    heap.checkGCInvariants()
    heap.allocator.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func collectedCountsPerShape(version: PythonVersion) {
    var heap = Heap(version: version)
    var driver = GCDriver()
    // A method and a list attribute: + function-like container + list.
    let list = heap.newList([])
    let withList = Self.makeClass(&heap, namespace: [list])
    heap.decref(withList)
    #expect(driver.collect(&heap) == 7)
    // `__slots__ = ("a",)`: one member descriptor, no getsets.
    let slotted = Self.makeClass(&heap, slots: ["a"])
    #expect(
      heap.classPayload(slotted).descriptors.map { heap.type(of: $0) } == [heap.typeObject(.memberDescriptor)]
    )
    heap.decref(slotted)
    #expect(driver.collect(&heap) == 5)
    // A subclass of a user class: type, mro, bases; its dict holds only
    // atomic values, so it is untracked.
    let base = Self.makeClass(&heap)
    let sub = Self.makeClass(&heap, base: base)
    let subPayload = heap.classPayload(sub)
    #expect(!heap.isTracked(subPayload.dictObject))
    #expect(subPayload.descriptors.isEmpty)
    #expect(heap.items(subPayload.mro) == [sub, base, heap.typeObject(.object)])
    heap.decref(sub)
    #expect(driver.collect(&heap) == 3)
    #expect(heap.isAlive(base))
    heap.decref(base)
    // The base's `(object,)` bases tuple was untracked by the previous
    // collection (it holds no tracked object), as in CPython: 5, not 6.
    #expect(driver.collect(&heap) == 5)
    heap.checkGCInvariants()
    heap.allocator.checkInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func saveAllOrderFollowsTrackingOrder(version: PythonVersion) {
    var heap = Heap(version: version)
    let cls = Self.makeClass(&heap)
    let payload = heap.classPayload(cls)
    let tracked = heap.gcObjects(in: .generation0).suffix(7)
    let getsets = payload.descriptors
    let expected: [ObjectID] =
      version >= .py310
      ? [
        payload.bases, cls, payload.mro, getsets[0], payload.dictObject, getsets[1], payload.registryWeakref,
      ]
      : [
        payload.bases, cls, getsets[0], payload.dictObject, getsets[1], payload.mro, payload.registryWeakref,
      ]
    #expect(Array(tracked) == expected)
  }

  @Test(arguments: PythonVersion.allCases)
  func subclassRegistryDictLivesWithTheSubclassesIn311Plus(version: PythonVersion) {
    var heap = Heap(version: version)
    var driver = GCDriver()
    let base = Self.makeClass(&heap)
    #expect(heap.classPayload(base).subclassesDict.isNull)
    let sub = Self.makeClass(&heap, base: base)
    let registry = heap.classPayload(base).subclassesDict
    #expect(heap.isAlive(registry) && heap.isTracked(registry))
    #expect(heap.classPayload(base).subclassCount == 1)
    heap.decref(sub)
    #expect(driver.collect(&heap) == 3)
    // 3.11+ `remove_subclass` drops the emptied registry; 3.8–3.10 keep it.
    #expect(heap.isAlive(registry) == (version <= .py310))
    #expect(heap.classPayload(base).subclassCount == 0)
    heap.checkGCInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func slotsAreKeptSortedInAnUntraversedTuple(version: PythonVersion) {
    var heap = Heap(version: version)
    let cls = Self.makeClass(&heap, slots: ["b", "a"])
    let payload = heap.classPayload(cls)
    #expect(heap.items(payload.slotsTuple).map { heap.string($0) } == ["a", "b"])
    #expect(!heap.referents(of: cls).contains(payload.slotsTuple))
    #expect(payload.descriptors.count == 2)
    var driver = GCDriver()
    heap.decref(cls)
    #expect(driver.collect(&heap) == 6)  // type, dict, mro, bases, two members
    #expect(!heap.isAlive(payload.slotsTuple))
    heap.checkGCInvariants()
    heap.allocator.checkInvariants()
  }

  /// 3.8 parks freed builtin methods (the bound `object.__init_subclass__`
  /// of every class statement) and a full collection empties the list.
  @Test(arguments: PythonVersion.allCases)
  func builtinMethodFreeListExistsOnlyIn38(version: PythonVersion) {
    var heap = Heap(version: version)
    heap.clearFreeLists()
    let cls = Self.makeClass(&heap)
    #expect(heap.freeListCount(.builtinMethod) == (version == .py38 ? 1 : 0))
    let before = heap.gcCounts.0
    heap.incref(cls)
    let method = heap.newFieldsObject(
      kind: .builtinMethod, type: .builtinFunction, refs: [cls],
      size: heap.layouts.fixedBlockSize(.builtinMethod)!)
    #expect(heap.gcCounts.0 - before == (version == .py38 ? 0 : 1))
    heap.decref(method)
    heap.clearFreeLists()
    #expect(heap.freeListCount(.builtinMethod) == 0)
  }
}
