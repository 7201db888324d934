// Consistency checks of the collector's structures, for tests and debug
// builds: every list is well linked (the list being deduced forwards only) and as long as its count says, every row
// is on the list its membership byte names, tracked ⇔ on a list, no
// collecting mark outside a collection, and no live object has fewer
// references than the heap's own rows hold to it.

extension Heap {
  /// Traps (`preconditionFailure`) with the broken state if the GC lists or
  /// reference counts are inconsistent.
  /// - Complexity: O(rows + references).
  public func checkGCInvariants() {
    precondition(
      weaklyReferencedNonClasses == weakrefLists.keys.count(where: { kinds[$0.slot] != .type }),
      "weaklyReferencedNonClasses is \(weaklyReferencedNonClasses)")
    var seen = [Bool](repeating: false, count: gc.next.count)
    for list in GCList.allCases where list != .untracked {
      var slot = gc.heads[Int(list.rawValue)].first
      var previous: Int32 = -1
      var length = 0
      while slot >= 0 {
        let s = Int(slot)
        guard !seen[s] else { preconditionFailure("row \(s) is on two lists (\(list))") }
        seen[s] = true
        guard list == gc.refsList || gc.previous[s] == previous else {
          preconditionFailure("row \(s) on \(list): bad back link")
        }
        guard gc.list(ofSlot: s) == list else {
          preconditionFailure("row \(s) linked on \(list) but marked \(gc.list(ofSlot: s))")
        }
        guard flags[s].contains(.tracked), !flags[s].contains(.dead) else {
          preconditionFailure("row \(s) on \(list) is untracked or dead")
        }
        if !gc.isCollecting, gc.isCollecting(slot: s) {
          preconditionFailure("row \(s) keeps the collecting mark outside a collection")
        }
        previous = slot
        slot = gc.next[s]
        length += 1
      }
      guard previous == gc.heads[Int(list.rawValue)].last, length == gc.count(of: list) else {
        preconditionFailure("\(list): tail or count wrong (\(length) vs \(gc.count(of: list)))")
      }
    }
    var inbound = [Int](repeating: 0, count: kinds.count)
    var buffer: [ObjectID] = []
    for s in 0..<kinds.count where !flags[s].contains(.dead) {
      if flags[s].contains(.tracked), s >= seen.count || !seen[s] {
        preconditionFailure("row \(s) is tracked but on no list")
      }
      if kinds[s].isGCType, !flags[s].contains(.onFreeList) {
        buffer.removeAll(keepingCapacity: true)
        appendReferents(of: ObjectID(s), to: &buffer)
        for referent in buffer { inbound[referent.slot] += 1 }
      }
    }
    for s in 0..<kinds.count where !flags[s].contains(.dead) && !flags[s].contains(.immortal) {
      if !flags[s].contains(.isStatic), refcounts[s] < 1 {
        preconditionFailure("live row \(s) (\(kinds[s])) has refcount \(refcounts[s])")
      }
      if Int(refcounts[s]) < inbound[s] {
        preconditionFailure("row \(s) (\(kinds[s])) has refcount \(refcounts[s]) < \(inbound[s]) references")
      }
    }
  }
}
