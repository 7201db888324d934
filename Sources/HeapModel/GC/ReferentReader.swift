// tp_traverse for the collector's passes, read through raw pointers.
//
// subtract_refs and move_unreachable visit every reference of every object
// of the generation being collected. Lists, tuples and instances are the
// bulk of any generation, and their references sit in plain columns: the
// item slab, the instance payloads and the payload slab. A
// `ReferentReader` holds pointers to those (and to the object table's
// kind, payload and type columns), taken once per pass by
// `Heap.withReferentReader`, so visiting a reference costs a load, where a
// read through the heap's arrays paid a bounds check per read and a reload
// of every array after each call the optimiser could not see through.
// Every other kind is listed by `Heap.appendReferents(of:to:)` into a
// buffer, in the same order.
//
// The order is tp_traverse's (GC/Heap+Traverse.swift): items last to
// first; an instance's `__slots__` values, inline values, `__dict__`, class.
//
// Invariant: a reader is used only inside the closure it was passed to, and
// nothing there changes the heap's rows, item slab, payload slab or
// instance payloads (the GC columns may change: they are elsewhere).

/// Read-only pointers for visiting referents during one pass.
struct ReferentReader {
  let kinds: UnsafeMutablePointer<ObjectKind>
  let payloads: UnsafeMutablePointer<Int64>
  let types: UnsafeMutablePointer<ObjectID>
  /// `Heap.itemSlab`'s words.
  let items: UnsafePointer<Int32>
  /// `Heap.payloadSlab`'s words.
  let instanceWords: UnsafePointer<Int32>
  /// `Heap.instances`' elements.
  let instances: UnsafePointer<InstancePayload>

  /// Calls `visit` with each non-null referent of the row, in tp_traverse
  /// order (`Heap.appendReferents(of:to:)`'s); kinds other than lists,
  /// tuples and plain instances go through `heap` and `buffer`.
  /// - Complexity: O(references), no allocation once `buffer` has grown.
  @inline(__always) func forEachReferent(
    ofSlot row: Int, heap: Heap, buffer: inout [ObjectID], _ visit: (ObjectID) -> Void
  ) {
    switch kinds[row] {
    case .tuple, .list:
      let payload = payloads[row]
      let start = Int(UInt32(truncatingIfNeeded: payload))
      var index = start + Int(payload >> 32)
      while index > start {
        index -= 1
        let item = ObjectID(items[index])
        if !item.isNull { visit(item) }
      }
    case .instance, .slotsInstance:
      // Plain instances have no exception fields (`extraCount` is 0).
      let payload = instances + Int(payloads[row])
      let refsStart = Int(payload.pointee.refsStart)
      let refsEnd = refsStart + Int(payload.pointee.slotCount)
      var word = refsStart
      while word < refsEnd {
        let value = ObjectID(instanceWords[word])
        if !value.isNull { visit(value) }
        word += 1
      }
      word = Int(payload.pointee.attributes.start) + 3
      for _ in 0..<Int(payload.pointee.attributes.entryCount) {
        let value = ObjectID(instanceWords[word])
        if !value.isNull { visit(value) }
        word += InlineAttributes.entryWords
      }
      let dict = payload.pointee.dict
      if !dict.isNull { visit(dict) }
      visit(types[row])
      let extraEnd = refsEnd + Int(payload.pointee.extraCount)
      word = refsEnd
      while word < extraEnd {
        let value = ObjectID(instanceWords[word])
        if !value.isNull { visit(value) }
        word += 1
      }
    default:
      buffer.removeAll(keepingCapacity: true)
      heap.appendReferents(of: ObjectID(row), to: &buffer)
      for index in buffer.indices where !buffer[index].isNull { visit(buffer[index]) }
    }
  }
}

extension Heap {
  /// Runs `body` with a `ReferentReader` over the heap as it is now (see
  /// its invariant).
  @inline(__always)
  func withReferentReader<Result>(_ body: (ReferentReader) -> Result) -> Result {
    let rows = table.storage.rows
    return itemSlab.words.withUnsafeBufferPointer { items in
      payloadSlab.words.withUnsafeBufferPointer { instanceWords in
        instances.elements.withUnsafeBufferPointer { instances in
          body(
            ReferentReader(
              kinds: rows.kinds, payloads: rows.payloads, types: rows.types,
              items: items.baseAddress ?? UnsafePointer(bitPattern: 8)!,
              instanceWords: instanceWords.baseAddress ?? UnsafePointer(bitPattern: 8)!,
              instances: instances.baseAddress ?? UnsafePointer(bitPattern: 8)!))
        }
      }
    }
  }
}
