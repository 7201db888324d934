// The GC columns (GC/GCColumnStorage.swift) as raw pointers, for the list
// operations of tracking and the linear passes of a collection.
//
// Every pass of `gc_collect_main` touches the same columns once or twice
// per object, and `track`/`untrack` run once per container created and
// freed; CPython's are plain pointer walks and pointer stores. A
// `GCColumns` is a copy of the storage's pointers, taken by
// `GCState.writableColumns` after it made the storage unique: the list
// primitives below are `gc_list_remove`/`_append`/`_move`, and the heap's
// own (`Heap.gcUnlink`/`gcAppend`/`gcMove`, GC/Heap+GCLists.swift) are
// these on fresh columns.
//
// While a list is being deduced (`GCState.refsList`) its rows hold gc_refs
// in `previous` and it is linked through `next` only: `refs`/`setRefs` read
// and write gc_refs, `removeSingly`/`appendSingly` edit that list (the
// caller knows the predecessor, as move_unreachable's scan does), and
// `relink` rebuilds its back links once the counts are no longer needed.
// `unlink`/`append`/`move` are for doubly-linked lists only.
//
// Invariant: a `GCColumns` is used only within the operation that took it,
// and not across anything that may grow the columns (tracking a row beyond
// them) or copy the heap.

/// Raw access to the GC columns for one operation (see
/// `GCState.writableColumns`).
struct GCColumns {
  let previous: UnsafeMutablePointer<Int32>
  let next: UnsafeMutablePointer<Int32>
  let membership: UnsafeMutablePointer<UInt8>
  let heads: UnsafeMutablePointer<GCListHead>
  /// Rows the columns cover.
  let count: Int

  @inline(__always) init(_ storage: GCColumnStorage) {
    previous = storage.previous
    next = storage.next
    membership = storage.membership
    heads = storage.heads
    count = storage.count
  }

  /// Whether the row carries PREV_MASK_COLLECTING.
  @inline(__always) func isCollecting(_ slot: Int) -> Bool {
    slot < count && membership[slot] & GCState.collectingBit != 0
  }

  /// First row of a list, -1 when empty.
  @inline(__always) func first(of list: GCList) -> Int32 { heads[Int(list.rawValue)].first }

  /// `gc_list_remove`: unlinks a row; its membership is left to the caller.
  @inline(__always) func unlink(_ slot: Int) {
    let list = Int(membership[slot] & GCState.listMask)
    let before = previous[slot]
    let after = next[slot]
    if before >= 0 { next[Int(before)] = after } else { heads[list].first = after }
    if after >= 0 { previous[Int(after)] = before } else { heads[list].last = before }
    heads[list].count -= 1
    previous[slot] = -1
    next[slot] = -1
  }

  /// `gc_list_append`: links an unlinked row at the tail of `list`, keeping
  /// its collecting bit.
  @inline(__always) func append(_ slot: Int, to list: GCList) {
    // The doubly-linked append is the singly-linked one whose back link
    // holds the old tail.
    appendSingly(slot, to: list, refs: heads[Int(list.rawValue)].last)
  }

  /// `gc_list_move`.
  @inline(__always) func move(_ slot: Int, to list: GCList) {
    unlink(slot)
    append(slot, to: list)
  }

  // MARK: The list being deduced

  /// gc_refs of a row of the list being deduced.
  @inline(__always) func refs(_ slot: Int) -> Int32 { previous[slot] }

  /// Sets gc_refs of a row of the list being deduced.
  @inline(__always) func setRefs(_ slot: Int, _ refs: Int32) { previous[slot] = refs }

  /// Unlinks `slot` from the singly-linked `list`, given the row before it
  /// (-1 at the head).
  @inline(__always) func removeSingly(_ slot: Int, after before: Int32, from list: GCList) {
    let index = Int(list.rawValue)
    let after = next[slot]
    if before >= 0 { next[Int(before)] = after } else { heads[index].first = after }
    if after < 0 { heads[index].last = before }
    heads[index].count -= 1
    next[slot] = -1
  }

  /// Appends an unlinked row at the tail of the singly-linked `list` with
  /// gc_refs `refs`, keeping its collecting bit.
  @inline(__always) func appendSingly(_ slot: Int, to list: GCList, refs: Int32) {
    let index = Int(list.rawValue)
    let last = heads[index].last
    previous[slot] = refs
    next[slot] = -1
    if last >= 0 { next[Int(last)] = Int32(slot) } else { heads[index].first = Int32(slot) }
    heads[index].last = Int32(slot)
    heads[index].count += 1
    membership[slot] = (membership[slot] & GCState.collectingBit) | list.rawValue
  }

  /// Rebuilds the back links of a singly-linked list (the gc_refs in
  /// `previous` are gone after).
  func relink(_ list: GCList) {
    var before: Int32 = -1
    var slot = heads[Int(list.rawValue)].first
    while slot >= 0 {
      previous[Int(slot)] = before
      before = slot
      slot = next[Int(slot)]
    }
    heads[Int(list.rawValue)].last = before
  }
}
