import Testing

@testable import HeapModel

/// Instances keep their slots, exception fields and 3.11+ inline attributes
/// in the heap's payload slab: order survives growth, removal and
/// compaction, traversal and dealloc see every reference, and a dead
/// instance gives its ranges back.
@Suite struct InstanceSlabTests {
  private func newClass(_ heap: inout Heap, slots: [String]? = nil) -> ObjectID {
    let object = heap.typeObject(.object)
    heap.incref(object)
    return heap.newClass(
      name: "C", qualifiedName: "C", base: object, builtinBase: .object, namespace: [], slotNames: slots,
      hasFinalizer: false)
  }

  @Test(arguments: [PythonVersion.py311, .py312, .py313])
  func inlineAttributesKeepInsertionOrderThroughGrowthRemovalAndCompaction(version: PythonVersion) {
    var heap = Heap(version: version)
    let cls = newClass(&heap)
    let instance = heap.newInstance(of: cls)
    let wordsBefore = heap.payloadSlab.words.count
    var expected: [(String, ObjectID)] = []
    func add(_ name: String, _ value: Int) {
      let key = heap.intern(name)
      let object = heap.newInt(value)
      heap.appendInlineAttribute(instance, hash: name.hashValue, key: key, value: object)
      expected.append((name, object))
    }
    func check() {
      let entries = heap.inlineAttributeEntries(instance)
      #expect(entries.map { heap.string($0.key) } == expected.map(\.0))
      #expect(entries.map(\.value) == expected.map(\.1))
      #expect(heap.inlineAttributeCount(instance) == expected.count)
      for (name, value) in expected {
        #expect(heap.inlineAttribute(instance, name: name, hash: name.hashValue) == value)
      }
    }
    for index in 0..<10 { add("a\(index)", 1000 + index) }  // 4 → 8 → 16 entries
    check()
    for name in ["a0", "a3", "a9"] {
      let position = heap.inlineAttributePosition(instance, name: name, hash: name.hashValue)!
      let removed = heap.removeInlineAttribute(instance, at: position)
      #expect(heap.string(removed.key) == name)
      expected.removeAll { $0.0 == name }
      heap.decref(removed.key)
      heap.decref(removed.value)
    }
    #expect(heap.inlineAttributePosition(instance, name: "a3", hash: "a3".hashValue) == nil)
    check()
    for index in 10..<19 { add("a\(index)", 1000 + index) }  // fills 16, compacts, then doubles
    check()
    let position = heap.inlineAttributePosition(instance, name: "a5", hash: "a5".hashValue)!
    let replacement = heap.newInt(5555)
    heap.decref(heap.replaceInlineAttribute(instance, at: position, with: replacement))
    expected[expected.firstIndex { $0.0 == "a5" }!].1 = replacement
    check()
    // tp_traverse: the values in order, then the class.
    #expect(heap.referents(of: instance) == expected.map(\.1) + [cls])
    let values = expected.map(\.1)
    heap.decref(instance)
    #expect(!heap.isAlive(instance))
    #expect(values.allSatisfy { !heap.isAlive($0) })
    // Its ranges were the last ones: the slab shrank back.
    #expect(heap.payloadSlab.words.count == wordsBefore)
  }

  @Test(arguments: PythonVersion.allCases)
  func slotsAreSetClearedAndDroppedWithTheInstance(version: PythonVersion) {
    var heap = Heap(version: version)
    let cls = newClass(&heap, slots: ["x", "y", "z"])
    let instance = heap.newInstance(of: cls)
    #expect(heap.instanceSlots(instance) == [.null, .null, .null])
    let x = heap.newInt(1001)
    let z = heap.newInt(1003)
    #expect(heap.replaceInstanceSlot(instance, 0, with: x).isNull)
    #expect(heap.replaceInstanceSlot(instance, 2, with: z).isNull)
    #expect(heap.instanceSlot(instance, 0) == x)
    #expect(heap.instanceSlot(instance, 1) == nil)
    #expect(heap.instanceSlots(instance) == [x, .null, z])
    #expect(heap.referents(of: instance) == [x, z, cls])
    let other = heap.newInstance(of: cls)
    #expect(heap.instanceSlots(other) == [.null, .null, .null])
    heap.decref(instance)
    #expect(!heap.isAlive(x) && !heap.isAlive(z))
    // The freed range is reused by the next instance of the same shape, cleared.
    let third = heap.newInstance(of: cls)
    #expect(heap.instanceSlots(third) == [.null, .null, .null])
    #expect(heap.payloadSlab.freeWords == 0)
  }

  @Test(arguments: PythonVersion.allCases)
  func exceptionFieldsFollowBaseExceptionOrder(version: PythonVersion) {
    var heap = Heap(version: version)
    let args = heap.newTuple([heap.newInt(1000)])
    let exception = heap.newException(type: heap.typeObject(.valueError), args: args)
    #expect((0..<4).map { heap.exceptionField(exception, $0) } == [args, .null, .null, .null])
    let cause = heap.newException(type: heap.typeObject(.keyError), args: heap.emptyTuple)
    heap.incref(heap.emptyTuple)
    #expect(heap.replaceExceptionField(exception, 3, with: cause).isNull)
    #expect(heap.exceptionField(exception, 3) == cause)
    // BaseException_traverse: args and the set fields (a builtin
    // exception's type is static and not visited).
    #expect(heap.referents(of: exception) == [args, cause])
    heap.decref(exception)
    #expect(!heap.isAlive(args) && !heap.isAlive(cause))
  }
}
