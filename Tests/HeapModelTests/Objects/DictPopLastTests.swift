import Testing

@testable import HeapModel

/// `Heap.dictPopLast` (`dict.popitem`): the last live entry each time,
/// across removals from the middle, re-insertions and compactions, while
/// the holes it leaves are remembered (`DictPayload.setFinger`) instead
/// of walked again.
@Suite struct DictPopLastTests {
  @Test(arguments: PythonVersion.allCases)
  func popsTheLastLiveEntryThroughInsertsRemovalsAndCompactions(version: PythonVersion) throws {
    var heap = Heap(version: version)
    let dict = heap.newDict()
    // The live keys in insertion order: (value, key object).
    var expected: [(value: Int, key: ObjectID)] = []
    var next = 0
    func insert(_ heap: inout Heap) {
      let value = 1000 + next
      let key = heap.newInt(value)
      heap.dictInsertNew(dict, hash: value, key: key, value: heap.newInt(value + 1))
      expected.append((value, key))
      next += 1
    }
    func pop(_ heap: inout Heap) throws {
      let last = heap.dictPopLast(dict)
      let popped = try #require(last)
      #expect(heap.intValue(popped.key) == expected.last?.value)
      expected.removeLast()
      heap.decref(popped.key)
      heap.decref(popped.value)
    }
    for _ in 0..<40 { insert(&heap) }
    for round in 0..<60 {
      for _ in 0...(round % 4) where !expected.isEmpty { try pop(&heap) }
      if expected.count > 3, round % 3 == 0 {
        // A removal in the middle (`del d[k]`), which may compact later.
        let (value, key) = expected.remove(at: expected.count / 2)
        guard case .found(let position) = heap.probeExactKey(dict, key: key, hash: value) else {
          Issue.record("key \(value) not found")
          return
        }
        let removed = heap.dictRemove(dict, at: position)
        heap.decref(removed.key)
        heap.decref(removed.value)
      }
      for _ in 0..<(round % 5) { insert(&heap) }
      #expect(heap.dictTable(dict).entries.map { heap.intValue($0.key) } == expected.map(\.value))
      let payload = heap.dicts[Int(heap.payloads[dict.slot])]
      #expect(payload.setFinger >= 0 && payload.setFinger <= payload.table.entryCount - payload.table.count)
    }
    while !expected.isEmpty { try pop(&heap) }
    let none = heap.dictPopLast(dict)
    #expect(none == nil)
    #expect(heap.dictTable(dict).entries.isEmpty)
  }
}
