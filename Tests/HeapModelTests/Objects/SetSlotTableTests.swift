import Testing

@testable import HeapModel

/// The slot layout of set tables (SlabTable+SetSlots.swift): where keys
/// land, dummies, resizes, `pop`'s finger and the `set_merge` copy. Keys are
/// ints hashed to themselves, as CPython hashes small ints; the expected
/// orders are CPython's (Scenarios/set_slot_order_more.py pins them).
@Suite struct SetSlotTableTests {
  /// A set holding ints added in this order, and the key ids by value.
  static func makeSet(_ values: [Int], in heap: inout Heap) -> (ObjectID, [Int: ObjectID]) {
    let set = heap.newSetObject(frozen: false)
    var ids: [Int: ObjectID] = [:]
    for value in values { ids[value] = add(value, to: set, in: &heap) }
    return (set, ids)
  }

  @discardableResult
  static func add(_ value: Int, to set: ObjectID, in heap: inout Heap) -> ObjectID {
    let key = heap.newInt(value)
    heap.setInsertNew(set, hash: value, key: key)
    return key
  }

  /// The values of a set's keys in iteration order, with their slots.
  static func slots(of set: ObjectID, in heap: Heap) -> [(slot: Int, value: Int)] {
    var result: [(slot: Int, value: Int)] = []
    var position = 0
    while let entry = heap.dictNextEntry(set, from: position) {
      result.append((entry.position, heap.intValue(entry.key)!))
      position = entry.position + 1
    }
    return result
  }

  static func remove(_ value: Int, from set: ObjectID, in heap: inout Heap) {
    let slot = heap.dictFind(set, hash: value) { heap.intValue($0) == value }!
    heap.decref(heap.setRemove(set, at: slot))
  }

  @Test(arguments: PythonVersion.allCases)
  func collisionsInTheInlineTableJumpByPerturbation(version: PythonVersion) {
    var heap = Heap(version: version)
    let (set, _) = Self.makeSet([0, 8, 16], in: &heap)
    // 8 slots leave no room for a run of 9: 8 jumps to 1, 16 to 1 then 6.
    #expect(Self.slots(of: set, in: heap).map(\.slot) == [0, 1, 6])
    #expect(Self.slots(of: set, in: heap).map(\.value) == [0, 8, 16])
    #expect(heap.setSlots(set) == 8)
    #expect(heap.setSizeOf(set) == 216)
  }

  @Test(arguments: PythonVersion.allCases)
  func collisionsInALargerTableWalkTheLinearRun(version: PythonVersion) {
    var heap = Heap(version: version)
    let (set, _) = Self.makeSet([100, 101, 102, 103, 104, 3, 35, 67, 99], in: &heap)
    #expect(heap.setSlots(set) == 32)
    let slots = Self.slots(of: set, in: heap)
    #expect(slots.map(\.value) == [3, 100, 101, 102, 103, 104, 35, 67, 99])
    #expect(slots.map(\.slot) == [3, 4, 5, 6, 7, 8, 9, 10, 11])
    // Keys of one hash are compared in probe order.
    #expect(heap.dictCandidates(set, hash: 3).map(\.position) == [3])
  }

  @Test(arguments: PythonVersion.allCases)
  func aNewKeyTakesTheLastDummyItMetExceptIn39(version: PythonVersion) {
    var heap = Heap(version: version)
    let (set, _) = Self.makeSet([100, 101, 102, 103, 104, 3, 35, 67, 99], in: &heap)
    Self.remove(3, from: set, in: &heap)
    Self.remove(67, from: set, in: &heap)
    #expect(heap.setFill(set) == 9)
    #expect(heap.setCount(set) == 7)
    Self.add(131, to: set, in: &heap)
    let slot = Self.slots(of: set, in: heap).first { $0.value == 131 }!.slot
    #expect(slot == (version == .py39 ? 12 : 10))
    #expect(heap.setFill(set) == (version == .py39 ? 10 : 9))
  }

  @Test(arguments: PythonVersion.allCases)
  func growthRebuildsInOldSlotOrder(version: PythonVersion) {
    var heap = Heap(version: version)
    let (set, _) = Self.makeSet([40, 8, 72, 1], in: &heap)
    #expect(Self.slots(of: set, in: heap).map(\.value) == [40, 8, 72, 1])
    let tableBefore = heap.extraBlocks(of: set)
    #expect(tableBefore.isEmpty)
    Self.add(33, to: set, in: &heap)
    // The fifth key fills 5 of 8 slots: rebuilt at 32, walking 40, 8, 72, 1, 33.
    #expect(heap.setSlots(set) == 32)
    #expect(heap.setSizeOf(set) == 728)
    #expect(Self.slots(of: set, in: heap).map(\.value) == [1, 33, 40, 8, 72])
    #expect(Self.slots(of: set, in: heap).map(\.slot) == [1, 2, 8, 9, 10])
    #expect(heap.extraBlocks(of: set).count == 1)
  }

  @Test(arguments: PythonVersion.allCases)
  func dummiesAloneTriggerARebuildOfTheSameSizeInANewBlock(version: PythonVersion) {
    var heap = Heap(version: version)
    let (set, _) = Self.makeSet(Array(0..<5), in: &heap)
    let block = heap.extraBlocks(of: set).first!.0
    // Discard and re-add keys with fresh hashes: fill climbs while len stays 5.
    var next = 5
    while heap.setFill(set) < 18 {
      Self.remove(next - 5, from: set, in: &heap)
      Self.add(next, to: set, in: &heap)
      next += 1
    }
    #expect(heap.extraBlocks(of: set).first!.0 == block)
    Self.remove(next - 5, from: set, in: &heap)
    Self.add(next, to: set, in: &heap)
    // fill 19 of 32: set_table_resize(5 * 4) allocates a new 32-slot table.
    #expect(heap.setSlots(set) == 32)
    #expect(heap.setFill(set) == 5)
    #expect(heap.extraBlocks(of: set).first!.0 != block)
  }

  @Test(arguments: PythonVersion.allCases)
  func popResumesFromTheFinger(version: PythonVersion) {
    var heap = Heap(version: version)
    let (set, _) = Self.makeSet(Array(0..<6), in: &heap)
    var popped: [Int] = []
    for _ in 0..<3 {
      let key = heap.setPop(set)!
      popped.append(heap.intValue(key)!)
      heap.decref(key)
    }
    #expect(popped == [0, 1, 2])
    Self.add(0, to: set, in: &heap)
    // The finger stays at slot 3 although 0 went back before it.
    let key = heap.setPop(set)!
    #expect(heap.intValue(key) == 3)
    heap.decref(key)
    #expect(Self.slots(of: set, in: heap).map(\.value).sorted() == [0, 4, 5])
  }

  @Test(arguments: PythonVersion.allCases)
  func popWrapsAroundAndAnEmptySetHasNothing(version: PythonVersion) {
    var heap = Heap(version: version)
    let (set, _) = Self.makeSet([6, 1], in: &heap)
    var popped: [Int] = []
    for _ in 0..<2 {
      let key = heap.setPop(set)!
      popped.append(heap.intValue(key)!)
      heap.decref(key)
    }
    #expect(popped == [1, 6])
    #expect(heap.setPop(set) == nil)
    Self.add(3, to: set, in: &heap)
    let key = heap.setPop(set)!
    #expect(heap.intValue(key) == 3)  // finger 7: wraps to slot 0, then 3
    heap.decref(key)
  }

  @Test(arguments: PythonVersion.allCases)
  func aMergeCopyIsPresizedAndReinsertsInSlotOrder(version: PythonVersion) {
    var heap = Heap(version: version)
    let (source, _) = Self.makeSet([1, 17, 33, 49, 65], in: &heap)
    #expect(Self.slots(of: source, in: heap).map(\.value) == [65, 1, 33, 49, 17])
    let copy = heap.newSetObject(frozen: true)
    heap.setPresize(copy, adding: heap.setCount(source))
    let copied = heap.setCopyKeys(into: copy, from: source)
    #expect(copied)
    #expect(heap.setSlots(copy) == 16)
    #expect(heap.setSizeOf(copy) == 472)
    #expect(Self.slots(of: copy, in: heap).map(\.value) == [65, 1, 33, 49, 17])
    #expect(Self.slots(of: copy, in: heap).map(\.slot) == [1, 2, 3, 4, 5])
    // A copy into a non-empty set is the caller's, key by key.
    let copiedAgain = heap.setCopyKeys(into: copy, from: source)
    #expect(!copiedAgain)
    // Same size and no dummies: the slots are copied verbatim.
    let (small, _) = Self.makeSet([1016, 1008, 1000], in: &heap)
    let smallCopy = heap.newSetObject(frozen: false)
    heap.setPresize(smallCopy, adding: 3)
    let copiedSmall = heap.setCopyKeys(into: smallCopy, from: small)
    #expect(copiedSmall)
    #expect(Self.slots(of: smallCopy, in: heap).map(\.slot) == Self.slots(of: small, in: heap).map(\.slot))
    #expect(heap.setKeys(smallCopy) == heap.setKeys(small))
    #expect(heap.refcount(of: heap.setKeys(small)[0]) == 2)
  }

  @Test func aDictPaysNothingForTheSetFields() {
    #expect(MemoryLayout<DictPayload>.stride == 72)
    #expect(MemoryLayout<SlabTable>.stride == 24)
  }
}
