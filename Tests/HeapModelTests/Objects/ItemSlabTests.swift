import Testing

@testable import HeapModel

/// Lists and tuples keep their items in the heap's one `ItemSlab`: ranges
/// follow the modelled capacity, move like a realloc, are recycled by length
/// and compacted, and the items never change on the way.
@Suite struct ItemSlabTests {
  /// Small ints as items (static, so no references to manage).
  private func ints(_ heap: inout Heap, _ values: Range<Int>) -> [ObjectID] {
    values.map { heap.newInt($0) }
  }

  @Test(arguments: PythonVersion.allCases)
  func appendsFollowListResizeAndKeepTheItems(version: PythonVersion) {
    var heap = Heap(version: version)
    let list = heap.newList([])
    #expect(heap.listCapacity(list) == 0)
    #expect(heap.extraBlocks(of: list).isEmpty)
    var expected: [ObjectID] = []
    var capacity = 0
    for value in 0..<200 {
      let item = heap.newInt(value % 250)
      capacity = heap.layouts.listCapacityAfterAppend(size: expected.count, allocated: capacity)
      heap.listAppend(list, item)
      expected.append(item)
      #expect(heap.listCapacity(list) == capacity)
      if 8 * capacity <= 512 {
        let block = heap.extraBlocks(of: list).first.map { Address($0.0) }
        #expect(block.flatMap { heap.allocator.sizeClass(of: $0) } == SizeClass(requestBytes: 8 * capacity))
      }
    }
    #expect(heap.items(list) == expected)
    #expect(heap.itemCount(list) == 200)
    #expect(heap.item(list, 137) == expected[137])
    let blocks = heap.extraBlocks(of: list)
    #expect(blocks.count == 1 && blocks[0].1 == "items")
    heap.checkItemSlabInvariants()
  }

  @Test func insertRemoveAndReplaceKeepOrder() {
    var heap = Heap(version: .py312)
    let list = heap.newList(ints(&heap, 0..<10))
    heap.listInsert(list, 0, heap.newInt(100))
    heap.listInsert(list, 5, heap.newInt(101))
    heap.listInsert(list, heap.itemCount(list), heap.newInt(102))
    var expected = ints(&heap, 0..<10)
    expected.insert(heap.newInt(100), at: 0)
    expected.insert(heap.newInt(101), at: 5)
    expected.append(heap.newInt(102))
    #expect(heap.items(list) == expected)
    #expect(heap.listRemove(list, at: 5) == heap.newInt(101))
    expected.remove(at: 5)
    #expect(heap.listRemove(list, at: 0) == heap.newInt(100))
    expected.remove(at: 0)
    #expect(heap.items(list) == expected)
    #expect(heap.listSetItem(list, 3, heap.newInt(200)) == heap.newInt(3))
    expected[3] = heap.newInt(200)
    #expect(heap.items(list) == expected)
    heap.listReplaceAll(list, with: ints(&heap, 50..<53))
    #expect(heap.items(list) == ints(&heap, 50..<53))
    while heap.itemCount(list) > 0 { _ = heap.listRemove(list, at: 0) }
    #expect(heap.listCapacity(list) == 0)
    #expect(heap.extraBlocks(of: list).isEmpty)
    heap.checkItemSlabInvariants()
  }

  @Test func extendGivesListExtendCapacity() {
    var heap = Heap(version: .py311)
    let list = heap.newList(ints(&heap, 0..<3))
    let expectedCapacity = heap.layouts.listExtend(size: 3, allocated: 3, count: 20, lengthHint: nil)
    heap.listExtend(list, ints(&heap, 3..<23), lengthHint: nil)
    #expect(heap.listCapacity(list) == expectedCapacity)
    #expect(heap.items(list) == ints(&heap, 0..<23))
    heap.checkItemSlabInvariants()
  }

  @Test func aFreedRangeIsReusedByTheNextOfItsLength() {
    var heap = Heap(version: .py312)
    let first = heap.newTuple(ints(&heap, 0..<5))
    let keep = heap.newTuple(ints(&heap, 0..<2))
    let start = heap.itemsStart(row: first.slot)
    heap.decref(first)
    let words = heap.itemSlab.words.count
    let second = heap.newTuple(ints(&heap, 10..<15))
    #expect(heap.itemsStart(row: second.slot) == start)
    #expect(heap.itemSlab.words.count == words)
    #expect(heap.items(second) == ints(&heap, 10..<15))
    #expect(heap.items(keep) == ints(&heap, 0..<2))
    heap.checkItemSlabInvariants()
  }

  @Test func theLastRangeGrowsInPlaceAndShrinksTheSlabWhenFreed() {
    var heap = Heap(version: .py312)
    let list = heap.newList([])
    for value in 0..<100 { heap.listAppend(list, heap.newInt(value)) }
    // Only this list has a range, so every resize grew it in place.
    #expect(
      heap.itemSlab.words.count == ItemSlab.reservedWords + ItemSlab.listHeader + heap.listCapacity(list))
    #expect(heap.itemSlab.freeWords == 0)
    heap.decref(list)
    #expect(heap.itemSlab.words.count == ItemSlab.reservedWords)
    heap.checkItemSlabInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func churnCompactsAndKeepsEveryItem(version: PythonVersion) {
    var heap = Heap(version: version)
    var kept: [(ObjectID, [ObjectID])] = []
    for round in 0..<4000 {
      let items = ints(&heap, 0..<(1 + round % 23))
      let object = round % 3 == 0 ? heap.newTuple(items) : heap.newList(items)
      if round % 3 == 2 { heap.listAppend(object, heap.newInt(7)) }
      if round % 5 == 0 {
        kept.append((object, heap.items(object)))
      } else {
        heap.decref(object)
      }
    }
    for (object, items) in kept { #expect(heap.items(object) == items) }
    heap.checkItemSlabInvariants()
    heap.compactItems()
    #expect(heap.itemSlab.freeWords == 0)
    for (object, items) in kept { #expect(heap.items(object) == items) }
    heap.checkItemSlabInvariants()
  }

  @Test func freeingMostRangesCompactsOnItsOwn() {
    var heap = Heap(version: .py312)
    let tuples = (0..<3000).map { value in heap.newTuple(ints(&heap, value % 200..<(value % 200 + 3))) }
    for (index, tuple) in tuples.enumerated() where index % 10 != 0 { heap.decref(tuple) }
    // 8,100 words freed; compaction ran once they were a quarter of the slab.
    #expect(heap.itemSlab.freeWords < 4096)
    #expect(heap.itemSlab.words.count < ItemSlab.reservedWords + 300 * 3 + 4096)
    for (index, tuple) in tuples.enumerated() where index % 10 == 0 {
      #expect(heap.items(tuple) == ints(&heap, index % 200..<(index % 200 + 3)))
    }
    heap.checkItemSlabInvariants()
  }

  @Test func compactionMovesRangesButNotBlocks() {
    var heap = Heap(version: .py312)
    var lists: [ObjectID] = []
    for round in 0..<3000 { lists.append(heap.newList(ints(&heap, 0..<(1 + round % 9)))) }
    let blocks = lists.map { heap.extraBlocks(of: $0).first!.0 }
    for (index, list) in lists.enumerated() where index % 4 != 0 { heap.decref(list) }
    heap.compactItems()
    #expect(heap.itemSlab.freeWords == 0)
    for (index, list) in lists.enumerated() where index % 4 == 0 {
      #expect(heap.items(list) == ints(&heap, 0..<(1 + index % 9)))
      #expect(heap.extraBlocks(of: list).first!.0 == blocks[index])
      #expect(heap.listCapacity(list) == 1 + index % 9)
    }
    heap.checkItemSlabInvariants()
  }

  @Test func gcClearEmptiesAListAndFreesItsRange() {
    var heap = Heap(version: .py312)
    let list = heap.newList(ints(&heap, 0..<6))
    let block = heap.extraBlocks(of: list).first!.0
    var drops: [ObjectID] = []
    #expect(heap.gcClear(list, into: &drops) == block)
    #expect(drops == ints(&heap, 0..<6).reversed())
    #expect(heap.itemCount(list) == 0)
    #expect(heap.listCapacity(list) == 0)
    #expect(heap.referents(of: list).isEmpty)
    heap.checkItemSlabInvariants()
  }

  @Test func referentsAreItemsLastToFirst() {
    var heap = Heap(version: .py312)
    let inner = heap.newList([])
    let tuple = heap.newTuple([heap.newInt(1), inner, heap.newInt(2)])
    #expect(heap.referents(of: tuple) == [heap.newInt(2), inner, heap.newInt(1)])
  }
}
