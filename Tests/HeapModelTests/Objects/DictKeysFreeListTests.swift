import Testing

@testable import HeapModel

/// The dict keys free list: a dying dict's 8-slot keys table is parked
/// (any table in 3.8–3.10, str-keyed tables only in 3.11+) and handed to
/// the next dict that needs one; a full collection empties the list.
@Suite struct DictKeysFreeListTests {
  /// A dict holding one `key` (stolen), its keys table allocated.
  func dictHolding(_ key: ObjectID, in heap: inout Heap) -> ObjectID {
    let dict = heap.newDict()
    heap.dictInsertNew(dict, hash: 12345, key: key, value: heap.none)
    heap.incref(heap.none)
    return dict
  }

  @Test(arguments: PythonVersion.allCases)
  func aDyingDictParksItsKeysTable(version: PythonVersion) {
    for strKey in [true, false] {
      var heap = Heap(version: version)
      let dict = dictHolding(strKey ? heap.newStr("name") : heap.newInt(100_000), in: &heap)
      let keys = heap.extraBlocks(of: dict)[0].0
      let blocksInUse = heap.allocator.blocksInUse
      heap.decref(dict)
      let parks = strKey || version <= .py310
      #expect(heap.freeListCount(.dictKeys) == (parks ? 1 : 0), "str key: \(strKey)")
      // The dict object is parked too; the key object is freed.
      #expect(heap.allocator.blocksInUse == blocksInUse - 1 - (parks ? 0 : 1), "str key: \(strKey)")

      let again = dictHolding(strKey ? heap.newStr("name") : heap.newInt(100_000), in: &heap)
      #expect(heap.freeListCount(.dictKeys) == 0)
      if parks { #expect(heap.extraBlocks(of: again)[0].0 == keys) }
    }
  }

  @Test func aFullCollectionReturnsParkedKeysTables() {
    var heap = Heap(version: .py312)
    let dict = dictHolding(heap.newStr("name"), in: &heap)
    heap.decref(dict)
    #expect(heap.freeListCount(.dictKeys) == 1)
    let blocksInUse = heap.allocator.blocksInUse
    heap.clearFreeLists()
    #expect(heap.freeListCount(.dictKeys) == 0)
    #expect(heap.allocator.blocksInUse == blocksInUse - 2)  // the dict object and its keys
  }
}
