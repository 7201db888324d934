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

  /// Growing an array counts even when it is given up again (CPython's
  /// `allocated` is 0 then, no longer -1); a nested sort of the same list
  /// hides what happens inside it from the outer one.
  @Test(arguments: PythonVersion.allCases)
  func growthIsNotedOnTheInnermostSortEvenWhenUndone(version: PythonVersion) {
    var heap = Heap(version: version)
    let items = (0..<3).map { heap.newInt(3000 + $0) }
    let list = heap.newList(items)
    let other = heap.newList([])
    let (_, storage) = heap.listDetachStorage(list)
    #expect(!heap.listGrewWhileDetached(list))

    heap.listAppend(other, heap.newInt(6000))  // another list growing is not noted
    #expect(!heap.listGrewWhileDetached(list))

    let (_, inner) = heap.listDetachStorage(list)  // a nested sort of the empty list
    let extra = heap.newInt(5000)
    heap.listAppend(list, extra)
    #expect(heap.listGrewWhileDetached(list))
    let stray = heap.listTakeStrayStorage(list)
    heap.listReattachStorage(list, inner, items: [])
    for item in stray.items { heap.decref(item) }
    heap.freeListItemsBlock(stray.address)
    #expect(!heap.listGrewWhileDetached(list))  // the outer sort saw nothing

    heap.listAppend(list, heap.newInt(5001))
    let popped = heap.listRemove(list, at: 0)
    heap.decref(popped)
    #expect(!heap.listHasStorage(list))  // nothing left to take back
    #expect(heap.listGrewWhileDetached(list))  // but the sort must complain
    heap.listReattachStorage(list, storage, items: items)
    #expect(!heap.listGrewWhileDetached(list))
    #expect(heap.items(list) == items)
    heap.checkItemSlabInvariants()
    heap.allocator.checkInvariants()
  }
}
