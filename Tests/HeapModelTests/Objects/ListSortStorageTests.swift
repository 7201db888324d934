import Testing

@testable import HeapModel

/// `list_sort_impl` takes the item array out of the list while it sorts
/// and puts it back afterwards (Heap+ListSort.swift).
@Suite struct ListSortStorageTests {
  @Test(arguments: PythonVersion.allCases)
  func detachedArrayKeepsItsBlockAndComesBackReordered(version: PythonVersion) {
    var heap = Heap(version: version)
    let items = (0..<5).map { heap.newInt(1000 + $0) }
    let list = heap.newList(items, capacity: 8)
    let block = heap.listItemsAddress(row: list.slot)
    let inUse = heap.allocator.statistics().blocksInUse

    let (taken, storage) = heap.listDetachStorage(list)
    #expect(taken == items)
    #expect(storage == Heap.DetachedListStorage(capacity: 8, address: block))
    #expect(heap.itemCount(list) == 0)
    #expect(!heap.listHasStorage(list))
    #expect(heap.allocator.statistics().blocksInUse == inUse)  // still allocated
    heap.checkItemSlabInvariants()

    heap.listReattachStorage(list, storage, items: items.reversed())
    #expect(heap.items(list) == items.reversed())
    #expect(heap.listCapacity(list) == 8)
    #expect(heap.listItemsAddress(row: list.slot) == block)
    #expect(items.allSatisfy { heap.refcount(of: $0) == 1 })
    heap.checkItemSlabInvariants()
    heap.allocator.checkInvariants()
  }

  /// What the list grew while detached is handed back with its block,
  /// which the caller frees after dropping the items.
  @Test func strayArrayIsTakenAndFreed() {
    var heap = Heap(version: .py312)
    let items = (0..<3).map { heap.newInt(2000 + $0) }
    let list = heap.newList(items)
    let (_, storage) = heap.listDetachStorage(list)
    let extra = heap.newInt(5000)
    heap.listAppend(list, extra)
    #expect(heap.listHasStorage(list))
    let inUse = heap.allocator.statistics().blocksInUse

    let stray = heap.listTakeStrayStorage(list)
    #expect(stray.items == [extra])
    #expect(stray.address != 0)
    #expect(!heap.listHasStorage(list))
    heap.listReattachStorage(list, storage, items: items)
    heap.decref(extra)
    heap.freeListItemsBlock(stray.address)
    #expect(heap.allocator.statistics().blocksInUse == inUse - 2)  // the int and the stray array
    #expect(heap.items(list) == items)
    heap.checkItemSlabInvariants()
    heap.allocator.checkInvariants()
  }
}
