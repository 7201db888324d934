// A list while `list.sort` runs (Objects/listobject.c, `list_sort_impl`).
//
// CPython sorts a list's item array after taking it out of the list: it
// saves `ob_item`, `ob_size` and `allocated`, then leaves the list empty
// with no array (`ob_item` NULL, size 0, `allocated` -1) while keys are
// computed and compared, so Python code running meanwhile sees `[]` and
// cannot pull the array from under the sort. Afterwards it takes whatever
// array the list grew meanwhile, puts the saved one back, drops the stray
// array's items last to first and frees the stray array; a list that grew
// an array ("`allocated` is no longer -1") makes the sort raise
// `ValueError: list modified during sort`.
//
//   list_sort_impl:  saved = (ob_item, size, allocated); list = empty
//                    ... keys, runs, merges on `saved` ...
//                    stray = list's array; list = saved (sorted)
//                    drop stray items (last first); free stray array
//
// The model does the same with the list's range in the item slab: the
// saved items leave the slab (their references now belong to the caller,
// as the saved array owns them in CPython) and the item block stays
// allocated at its address, owned by no row, until it is put back.
//
// `allocated` -1 is the mark the sort checks, and only growing an array
// changes it: a list that grew one and gave it up again (append then pop,
// append then clear, `l[:] = [1]` then `l[:] = []`) has `allocated` 0 and
// the sort raises, while clearing, `del l[:]`, `l *= 0`, `l[:] = []` or
// extending by nothing on the array-less list leave -1 alone (measured on
// 3.8–3.13, Scenarios/sort_modified_during_key.py). The model has no
// `allocated` -1 (capacity 0 means no array either way), so the heap keeps
// a watch list of the lists being sorted and notes when one of them grows
// an array (`ListSortWatch`). A nested sort of the same list saves and
// restores -1 itself, so growth is noted on the innermost sort only.

extension Heap {
  /// A list's item array taken out of it by `listDetachStorage`: its
  /// capacity (`allocated`) and the address of its block (0 for none).
  public struct DetachedListStorage: Sendable, Equatable {
    public var capacity: Int
    public var address: UInt64
  }

  /// Empties `list` as `list_sort_impl` does before sorting: returns its
  /// items (the caller now owns their references) and its item array,
  /// which stays allocated until `listReattachStorage`.
  /// - Complexity: O(count).
  public mutating func listDetachStorage(_ list: ObjectID) -> (
    items: [ObjectID], storage: DetachedListStorage
  ) {
    let row = list.slot
    precondition(kinds[row] == .list, "listDetachStorage on a \(kinds[row])")
    let items = self.items(list)
    let storage = DetachedListStorage(capacity: listCapacity(row: row), address: listItemsAddress(row: row))
    if storage.capacity > 0 {
      itemSlab.free(
        itemsStart(row: row) - ItemSlab.listHeader, length: storage.capacity + ItemSlab.listHeader)
    }
    payloads[row] = Heap.sequencePayload(start: ItemSlab.emptyStart, count: 0)
    compactItemsIfWorthIt()
    listsBeingSorted.watch(row: row)
    return (items, storage)
  }

  /// Whether `list` has an item array of its own (after
  /// `listDetachStorage`: an array Python code grew meanwhile and still has).
  public func listHasStorage(_ list: ObjectID) -> Bool { listCapacity(row: list.slot) > 0 }

  /// Whether Python code grew an item array for `list` since its innermost
  /// `listDetachStorage`, even one it gave up again (CPython's `allocated`
  /// is no longer -1): the sort then raises "list modified during sort".
  public func listGrewWhileDetached(_ list: ObjectID) -> Bool {
    listsBeingSorted.grew(row: list.slot)
  }

  /// Takes the array `list` grew while it was detached: returns its items
  /// (the caller owns their references and drops them last to first) and
  /// the block to free after them with `freeListItemsBlock`; the list is
  /// left empty without storage.
  /// - Complexity: O(count).
  public mutating func listTakeStrayStorage(_ list: ObjectID) -> (items: [ObjectID], address: UInt64) {
    let items = self.items(list)
    let address = releaseSequence(row: list.slot)
    return (items, address)
  }

  /// Frees an item block taken by `listTakeStrayStorage` (`PyMem_Free`).
  public mutating func freeListItemsBlock(_ address: UInt64) {
    if address != 0 { allocator.free(Address(address)) }
  }

  /// Puts a detached array back into `list` (which must have no storage)
  /// holding `items`, as many as were detached, in their new order.
  /// - Complexity: O(count).
  public mutating func listReattachStorage(
    _ list: ObjectID, _ storage: DetachedListStorage, items: [ObjectID]
  ) {
    let row = list.slot
    precondition(listCapacity(row: row) == 0, "list \(row) grew storage while detached")
    precondition(items.count <= storage.capacity, "\(items.count) items for \(storage.capacity) slots")
    var start = ItemSlab.emptyStart
    if storage.capacity > 0 {
      start = itemSlab.allocate(ItemSlab.listHeader + storage.capacity) + ItemSlab.listHeader
      itemSlab[start - 2] = Int32(storage.capacity)
      itemSlab[start - 1] = Int32(bitPattern: BlockColumn.shortCode(storage.address))
      itemSlab.write(items, at: start)
    }
    payloads[row] = Heap.sequencePayload(start: start, count: items.count)
    listsBeingSorted.unwatch(row: row)
  }
}

/// The lists whose items a `list.sort` has taken out, innermost last, and
/// whether each grew an item array since.
struct ListSortWatch: Sendable {
  private var rows: [Int32] = []
  private var grown: [Bool] = []

  var isEmpty: Bool { rows.isEmpty }

  mutating func watch(row: Int) {
    rows.append(Int32(row))
    grown.append(false)
  }

  /// Ends the innermost watch of `row`.
  mutating func unwatch(row: Int) {
    guard let index = rows.lastIndex(of: Int32(row)) else {
      preconditionFailure("list \(row) was not detached for a sort")
    }
    rows.remove(at: index)
    grown.remove(at: index)
  }

  /// Notes that `row` grew an item array; only its innermost sort sees it.
  mutating func noteGrowth(row: Int) {
    if let index = rows.lastIndex(of: Int32(row)) { grown[index] = true }
  }

  func grew(row: Int) -> Bool {
    guard let index = rows.lastIndex(of: Int32(row)) else { return false }
    return grown[index]
  }
}
