// Tuples and lists: their items live in the heap's `ItemSlab`, one range per
// object, and the payload column holds where the items start (low 32 bits)
// and how many there are (high 32 bits).
//
// A tuple's range is exactly its items (`PyTuple_New` allocates them inside
// the object). A list's range is its modelled `ob_item` array: a header with
// CPython's `allocated` and the address of the item block, then `allocated`
// slots. `list_resize` (`ObjectLayouts.listResize`) decides the capacity;
// when it changes, the modelled block is reallocated as CPython's
// `PyMem_Realloc` would and the range moves with it, so the model's storage
// for a list is always its modelled capacity. A list with capacity 0 owns
// no range and no block.
//
// Constructors steal the references they are given, as `PyTuple_New` +
// `SET_ITEM` do; the mutators keep the order of allocator calls CPython
// makes (the item block is resized before the items move).

extension Heap {
  // MARK: Payload encoding

  @inline(__always) static func sequencePayload(start: Int, count: Int) -> Int64 {
    Int64(count) << 32 | Int64(start)
  }

  /// Where the row's items start in the slab.
  @inline(__always) func itemsStart(row: Int) -> Int { Int(UInt32(truncatingIfNeeded: payloads[row])) }

  /// How many items the row holds.
  @inline(__always) func itemCount(row: Int) -> Int { Int(payloads[row] >> 32) }

  @inline(__always) private mutating func setSequence(row: Int, start: Int, count: Int) {
    payloads[row] = Heap.sequencePayload(start: start, count: count)
  }

  /// A list's modelled capacity (`allocated`), read from its range's header.
  @inline(__always) func listCapacity(row: Int) -> Int {
    Int(itemSlab[itemsStart(row: row) - ItemSlab.listHeader])
  }

  /// The address of a list's item block, 0 when it has none.
  func listItemsAddress(row: Int) -> UInt64 {
    BlockColumn.address(shortCode: UInt32(bitPattern: itemSlab[itemsStart(row: row) - 1]))
  }

  private mutating func setListHeader(start: Int, capacity: Int, address: UInt64) {
    itemSlab[start - 2] = Int32(capacity)
    itemSlab[start - 1] = Int32(bitPattern: BlockColumn.shortCode(address))
  }

  // MARK: Creation

  /// A tuple of `items`, stealing their references; `()` is the singleton.
  public mutating func newTuple(_ items: [ObjectID]) -> ObjectID {
    items.withUnsafeBufferPointer { newTuple(stealing: $0) }
  }

  /// A tuple of `items` (references stolen) without an intermediate array:
  /// a slice of the caller's value stack, say.
  public mutating func newTuple(stealing items: UnsafeBufferPointer<ObjectID>) -> ObjectID {
    if items.isEmpty {
      incref(emptyTuple)
      return emptyTuple
    }
    let start = itemSlab.allocate(items.count)
    itemSlab.write(items, at: start)
    return finishTuple(start: start, count: items.count)
  }

  /// The pair `(first, second)`, stealing both references.
  public mutating func newTuple(_ first: ObjectID, _ second: ObjectID) -> ObjectID {
    let start = itemSlab.allocate(2)
    itemSlab.withMutableWords { words in
      words[start] = first.index
      words[start + 1] = second.index
    }
    return finishTuple(start: start, count: 2)
  }

  /// The object of a tuple whose items are at `start…` in the slab.
  @inline(__always) private mutating func finishTuple(start: Int, count: Int) -> ObjectID {
    let size = ObjectLayouts.tupleBlockSize(count: count)
    let payload = Heap.sequencePayload(start: start, count: count)
    let id: ObjectID
    if let block = takeFromFreeList(.tuple(count)) {
      id = addRow(kind: .tuple, type: typeObject(.tuple), payload: payload, block: block, size: size)
    } else {
      id = allocateObject(kind: .tuple, type: typeObject(.tuple), size: size, payload: payload)
      countGCAllocation()
    }
    track(id)  // PyTuple_New / PyList_New: append to generation 0 (GC/Heap+GCLists.swift)
    return id
  }

  /// A list holding `items` (references stolen) with `capacity` slots
  /// allocated: the object first, then its item array, as `PyList_New`
  /// does. `fresh` is `list(...)`: the type's `tp_alloc` makes a new GC
  /// object and never takes one from the list free list.
  public mutating func newList(_ items: [ObjectID], capacity: Int? = nil, fresh: Bool = false) -> ObjectID {
    let capacity = max(capacity ?? items.count, items.count)
    var block: UInt64
    if !fresh, let parked = takeFromFreeList(.list) {
      block = parked
    } else {
      block = allocator.allocateUnshared(56).rawValue
      countGCAllocation()
    }
    var start = ItemSlab.emptyStart
    if capacity > 0 {
      let address = allocator.allocateUnshared(8 * capacity).rawValue
      start = itemSlab.allocate(ItemSlab.listHeader + capacity) + ItemSlab.listHeader
      setListHeader(start: start, capacity: capacity, address: address)
      itemSlab.write(items, at: start)
    }
    let payload = Heap.sequencePayload(start: start, count: items.count)
    let id = addRow(kind: .list, type: typeObject(.list), payload: payload, block: block, size: 56)
    track(id)  // PyTuple_New / PyList_New: append to generation 0 (GC/Heap+GCLists.swift)
    return id
  }

  // MARK: Reading

  /// The items of a tuple or list (borrowed references), copied out.
  /// - Complexity: O(count); allocates the array.
  public func items(_ id: ObjectID) -> [ObjectID] {
    itemSlab.items(start: itemsStart(row: id.slot), count: itemCount(row: id.slot))
  }

  /// The number of items of a tuple or list.
  /// - Complexity: O(1).
  @inline(__always) public func itemCount(_ id: ObjectID) -> Int { itemCount(row: id.slot) }

  /// Item `index` of a tuple or list (borrowed).
  /// - Complexity: O(1).
  @inline(__always) public func item(_ id: ObjectID, _ index: Int) -> ObjectID {
    precondition(index >= 0 && index < itemCount(row: id.slot), "item index out of range")
    return ObjectID(itemSlab[itemsStart(row: id.slot) + index])
  }

  /// Allocated slots of a list.
  public func listCapacity(_ id: ObjectID) -> Int { listCapacity(row: id.slot) }

  // MARK: List mutation

  /// Appends to a list, stealing the reference; grows the item array with
  /// the version's `list_resize` rule.
  public mutating func listAppend(_ list: ObjectID, _ item: ObjectID) {
    let row = list.slot
    let count = itemCount(row: row)
    listResize(row: row, to: count + 1)
    let start = itemsStart(row: row)
    itemSlab[start + count] = item.index
    setSequence(row: row, start: start, count: count + 1)
  }

  /// Replaces item `index` (stealing `item`), returning the old item (whose
  /// reference the caller now owns).
  public mutating func listSetItem(_ list: ObjectID, _ index: Int, _ item: ObjectID) -> ObjectID {
    precondition(index >= 0 && index < itemCount(row: list.slot), "list index out of range")
    let position = itemsStart(row: list.slot) + index
    let old = ObjectID(itemSlab[position])
    itemSlab[position] = item.index
    return old
  }

  /// `list.extend`: appends `items` (stolen) with the capacity CPython's
  /// `list_extend` leaves (`lengthHint` nil for a list or tuple source).
  /// `resizeOnly`: 3.13's `list_extend_set`/`list_extend_dict`, one
  /// `list_resize(size + count)` even for an empty list.
  public mutating func listExtend(
    _ list: ObjectID, _ items: [ObjectID], lengthHint: Int?, resizeOnly: Bool = false
  ) {
    let row = list.slot
    let count = itemCount(row: row)
    let capacity =
      resizeOnly
      ? layouts.listResize(size: count, allocated: listCapacity(row: row), newSize: count + items.count)
      : layouts.listExtend(
        size: count, allocated: listCapacity(row: row), count: items.count, lengthHint: lengthHint)
    precondition(capacity >= count + items.count, "list_extend left too little room")
    setListCapacity(row: row, capacity, keeping: count)
    let start = itemsStart(row: row)
    itemSlab.write(items, at: start + count)
    setSequence(row: row, start: start, count: count + items.count)
  }

  /// `lst *= times` (`list_inplace_repeat`, times ≥ 2, list not empty):
  /// one `list_resize(size * times)`, then the items copied (new references).
  public mutating func listRepeatInPlace(_ list: ObjectID, times: Int) {
    let row = list.slot
    let items = self.items(list)
    let count = items.count
    listResize(row: row, to: count * times)
    let start = itemsStart(row: row)
    for round in 1..<times {
      for item in items { incref(item) }
      itemSlab.write(items, at: start + count * round)
    }
    setSequence(row: row, start: start, count: count * times)
  }

  /// Inserts `item` at `index` (stealing it).
  public mutating func listInsert(_ list: ObjectID, _ index: Int, _ item: ObjectID) {
    let row = list.slot
    let count = itemCount(row: row)
    precondition(index >= 0 && index <= count, "list insert index out of range")
    listResize(row: row, to: count + 1)
    let start = itemsStart(row: row)
    itemSlab.move(from: start + index, to: start + index + 1, count: count - index)
    itemSlab[start + index] = item.index
    setSequence(row: row, start: start, count: count + 1)
  }

  /// Removes item `index`, returning it (the caller owns the reference).
  public mutating func listRemove(_ list: ObjectID, at index: Int) -> ObjectID {
    let row = list.slot
    let count = itemCount(row: row)
    precondition(index >= 0 && index < count, "list remove index out of range")
    let capacity = layouts.listResize(size: count, allocated: listCapacity(row: row), newSize: count - 1)
    let start = itemsStart(row: row)
    let removed = ObjectID(itemSlab[start + index])
    itemSlab.move(from: start + index + 1, to: start + index, count: count - 1 - index)
    setSequence(row: row, start: start, count: count - 1)
    setListCapacity(row: row, capacity, keeping: count - 1)
    return removed
  }

  /// Replaces all items (the caller has taken over the old ones' references,
  /// and the new ones' are stolen), resizing as `list_ass_slice` would;
  /// `clearing` (`clear()`, a slice emptying the list: `_list_clear`)
  /// frees the array when no items are left.
  public mutating func listReplaceAll(_ list: ObjectID, with items: [ObjectID], clearing: Bool = false) {
    let row = list.slot
    let capacity =
      clearing && items.isEmpty
      ? 0
      : layouts.listResize(size: itemCount(row: row), allocated: listCapacity(row: row), newSize: items.count)
    setListCapacity(row: row, capacity, keeping: 0)
    let start = itemsStart(row: row)
    itemSlab.write(items, at: start)
    setSequence(row: row, start: start, count: items.count)
  }

  /// `list_resize`: keep the array while capacity/2 ≤ n ≤ capacity, else
  /// reallocate to the version's over-allocated capacity. The items stay.
  /// Inlined, with the common case of a kept array (an append with room
  /// left) calling nothing.
  @inline(__always) mutating func listResize(row: Int, to newCount: Int) {
    let count = itemCount(row: row)
    let capacity = listCapacity(row: row)
    let newCapacity = layouts.listResize(size: count, allocated: capacity, newSize: newCount)
    if newCapacity != capacity { setListCapacity(row: row, newCapacity, keeping: count) }
  }

  /// Reallocates a list's item block to `newCapacity` slots and moves its
  /// range along, keeping its first `keeping` items (its count is unchanged).
  private mutating func setListCapacity(row: Int, _ newCapacity: Int, keeping: Int) {
    let capacity = listCapacity(row: row)
    if newCapacity == capacity { return }
    if capacity == 0, !listsBeingSorted.isEmpty { listsBeingSorted.noteGrowth(row: row) }
    let old = listItemsAddress(row: row)
    var address: UInt64 = 0
    if newCapacity > 0 {
      address =
        old == 0
        ? allocator.allocateUnshared(8 * newCapacity).rawValue
        : allocator.reallocate(Address(old), to: 8 * newCapacity).rawValue
    } else if old != 0 {
      allocator.freeUnshared(Address(old))
    }
    let header = ItemSlab.listHeader
    let start = itemsStart(row: row)
    var newStart = ItemSlab.emptyStart
    if newCapacity > 0 && capacity > 0 {
      newStart =
        itemSlab.resize(
          start - header, length: capacity + header, to: newCapacity + header, keeping: header + keeping)
        + header
    } else if newCapacity > 0 {
      newStart = itemSlab.allocate(newCapacity + header) + header
    } else {
      itemSlab.free(start - header, length: capacity + header)
    }
    if newCapacity > 0 { setListHeader(start: newStart, capacity: newCapacity, address: address) }
    setSequence(row: row, start: newStart, count: itemCount(row: row))
    compactItemsIfWorthIt()
  }

  // MARK: Teardown

  /// Gives up a list's or tuple's range (its dealloc or `_list_clear`),
  /// leaving the row with no items and no storage; returns the list's item
  /// block (0 for tuples and lists without one). Callers take the items
  /// first (`ItemSlab.appendReversed`).
  mutating func releaseSequence(row: Int) -> UInt64 {
    let start = itemsStart(row: row)
    let count = itemCount(row: row)
    var address: UInt64 = 0
    if kinds[row] == .list {
      address = listItemsAddress(row: row)
      let capacity = listCapacity(row: row)
      if capacity > 0 { itemSlab.free(start - ItemSlab.listHeader, length: capacity + ItemSlab.listHeader) }
    } else if count > 0 {
      itemSlab.free(start, length: count)
    }
    setSequence(row: row, start: ItemSlab.emptyStart, count: 0)
    compactItemsIfWorthIt()
    return address
  }

  /// Appends a tuple's or list's items to `buffer`, last to first
  /// (`list_traverse`, `tupletraverse`, and the order deallocs drop them).
  /// - Complexity: O(count), no allocation once `buffer` has grown.
  @inline(__always) func appendItemsReversed(row: Int, to buffer: inout [ObjectID]) {
    itemSlab.appendReversed(start: itemsStart(row: row), count: itemCount(row: row), to: &buffer)
  }

  // MARK: Compaction

  /// Compacts the slab once its free ranges outweigh the live ones.
  mutating func compactItemsIfWorthIt() {
    if itemSlab.wantsCompaction(rows: kinds.count) { compactItems() }
  }

  /// Copies every live range, in row order, into a fresh slab and points the
  /// rows at their new starts. Addresses and counts do not change.
  /// - Complexity: O(rows + live items).
  mutating func compactItems() {
    table.assertUnique()
    let storage = table.storage
    let rows = storage.rows
    let rowCount = storage.count
    itemSlab = itemSlab.compacted { copy in
      for row in 0..<rowCount {
        let kind = rows.kinds[row]
        guard kind == .list || kind == .tuple else { continue }
        let payload = rows.payloads[row]
        let start = Int(UInt32(truncatingIfNeeded: payload))
        if start == ItemSlab.emptyStart { continue }
        let count = Int(payload >> 32)
        let newStart: Int
        if kind == .tuple {
          newStart = copy(start, count)
        } else {
          let header = ItemSlab.listHeader
          newStart = copy(start - header, listCapacity(row: row) + header) + header
        }
        rows.payloads[row] = Heap.sequencePayload(start: newStart, count: count)
      }
    }
  }

  // MARK: Invariants

  /// Checks the slab: every live list and tuple owns a range (a list's of
  /// its capacity plus the header), no two ranges, live or free, overlap,
  /// and together with the free words and the reserved words they cover
  /// the slab exactly.
  /// - Complexity: O(rows + words).
  public func checkItemSlabInvariants() {
    var owner = [Int32](repeating: -1, count: itemSlab.words.count)
    func claim(_ start: Int, _ length: Int, _ by: Int32) {
      precondition(
        start >= ItemSlab.reservedWords && start + length <= owner.count,
        "range \(start)+\(length) outside the slab")
      for index in start..<(start + length) {
        precondition(owner[index] == -1, "word \(index) owned by \(owner[index]) and \(by)")
        owner[index] = by
      }
    }
    var used = 0
    for row in 0..<kinds.count where kinds[row] == .list || kinds[row] == .tuple {
      let start = itemsStart(row: row)
      let count = itemCount(row: row)
      if kinds[row] == .tuple {
        if count == 0 {
          precondition(start == ItemSlab.emptyStart, "empty tuple \(row) starts at \(start)")
          continue
        }
        claim(start, count, Int32(row))
        used += count
      } else {
        let capacity = listCapacity(row: row)
        precondition(count <= capacity, "list \(row) holds \(count) items in \(capacity) slots")
        precondition(
          (capacity == 0) == (listItemsAddress(row: row) == 0), "list \(row) block/capacity mismatch")
        if capacity == 0 {
          precondition(start == ItemSlab.emptyStart, "list \(row) without storage starts at \(start)")
          continue
        }
        claim(start - ItemSlab.listHeader, capacity + ItemSlab.listHeader, Int32(row))
        used += capacity + ItemSlab.listHeader
      }
    }
    var free = 0
    for range in itemSlab.freeRanges() {
      claim(range.start, range.length, -2)
      free += range.length
    }
    precondition(free == itemSlab.freeWords, "free words \(itemSlab.freeWords), free ranges \(free)")
    precondition(
      used + free + ItemSlab.reservedWords == itemSlab.words.count,
      "slab of \(itemSlab.words.count) words: \(used) used, \(free) free")
    precondition(
      itemSlab.words[0..<ItemSlab.reservedWords].allSatisfy { $0 == 0 }, "reserved words changed")
  }
}
