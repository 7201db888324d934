import HeapModel
import Testing

@Suite struct GenerationTests {
  @Test(arguments: PythonVersion.allCases)
  func countsAndThresholdsFollowVersion(version: PythonVersion) {
    var heap = Heap(version: version)
    #expect(heap.gcThresholds == (version >= .py313 ? (2000, 10, 10) : (700, 10, 10)))
    #expect(heap.gcFreezeCount == (version == .py312 ? 375 : 0))
    var kept: [ObjectID] = []
    for _ in 0..<5 { kept.append(heap.newList([])) }
    #expect(heap.gcCounts == (5, 0, 0))
    heap.decref(kept.removeLast())  // onto the list free list: no change
    #expect(heap.gcCounts == (5, 0, 0))
    var driver = GCDriver()
    _ = driver.collect(&heap, generation: 0)
    #expect(heap.gcCounts == (0, 1, 0))
    #expect(heap.gcObjects(generation: 1) == kept)
    _ = driver.collect(&heap, generation: 1)
    #expect(heap.gcCounts == (0, 0, 1))
    #expect(heap.gcObjects(generation: 2) == kept)
    _ = driver.collect(&heap, generation: 0)
    _ = driver.collect(&heap, generation: 0)
    #expect(heap.gcCounts == (0, 2, 1))
    heap.checkGCInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func automaticCollectionsFollowThresholdsAndTheLongLivedRule(version: PythonVersion) {
    var heap = Heap(version: version)
    heap.setGCThresholds(5)
    var kept: [ObjectID] = []
    var collected: [Int] = []
    for _ in 0..<1000 {
      kept.append(heap.newList([]))
      if heap.gc.collectionScheduled, var c = heap.beginAutomaticCollection(newborn: kept.last!) {
        collected.append(c.generation)
        var driver = GCDriver()
        driver.run(&heap, &c)
        #expect(heap.generation(of: kept.last!) == 0)
      }
    }
    // Every 6th allocation collects; each 11th collection is a generation-1
    // one; the first full one comes after 11 generation-1 collections.
    #expect(collected.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    #expect(collected.count == 1000 / 6)
    #expect(collected.firstIndex(of: 2) == 11 * 12)
    #expect(heap.gcStats.map(\.collections) == (0...2).map { g in collected.filter { $0 == g }.count })
    #expect(heap.gcStats[2].collections == 1)
    heap.setGCEnabled(false)
    for _ in 0..<10 { kept.append(heap.newList([])) }
    #expect(!heap.gc.collectionScheduled && !heap.shouldCollect())
    #expect(version >= .py312 ? heap.profile.gcRunsAtEvalBreaker : !heap.profile.gcRunsAtEvalBreaker)
    heap.checkGCInvariants()
  }

  @Test func fullCollectionWaitsForLongLivedPending() {
    var heap = Heap(version: .py311)
    var kept: [ObjectID] = []
    for _ in 0..<40 { kept.append(heap.newList([])) }
    var driver = GCDriver()
    _ = driver.collect(&heap)  // long_lived_total = 40
    for _ in 0..<11 {
      for _ in 0..<11 { _ = driver.collect(&heap, generation: 0) }
      _ = driver.collect(&heap, generation: 1)
    }
    #expect(heap.gcCounts.2 == 11)
    #expect(heap.gc.longLivedPending == 0)
    #expect(heap.generationToCollect() == nil)  // 0 < 40 / 4
    for _ in 0..<10 { kept.append(heap.newList([])) }
    for _ in 0..<11 { _ = driver.collect(&heap, generation: 0) }
    _ = driver.collect(&heap, generation: 1)  // promotes 10: 10 ≥ 40 / 4
    #expect(heap.gc.longLivedPending == 10)
    #expect(heap.generationToCollect() == 2)
  }

  @Test(arguments: PythonVersion.allCases)
  func freezeAndUnfreeze(version: PythonVersion) {
    var heap = Heap(version: version)
    let a = heap.newList([])
    let b = heap.newList([])
    let startup = heap.gcFreezeCount
    heap.freezeGC()
    #expect(heap.gcFreezeCount == startup + 2)
    #expect(heap.gcCounts.0 == 0)
    #expect(heap.gcList(of: a) == .permanent)
    _ = heap.makeSelfCycleList()
    var driver = GCDriver()
    #expect(driver.collect(&heap) == 1)
    #expect(heap.gcList(of: b) == .permanent)
    heap.unfreezeGC()
    #expect(heap.gcFreezeCount == 0)
    #expect(heap.gcObjects(generation: 2) == [a, b])
    heap.checkGCInvariants()
  }

  @Test(arguments: PythonVersion.allCases)
  func tuplesAndDictsAreUntrackedWhenAtomic(version: PythonVersion) {
    var heap = Heap(version: version)
    let tuple = heap.newTuple([heap.newInt(1000), heap.newStr("abc")])
    #expect(heap.isTracked(tuple))
    // Nested: the outer tuple is examined before its inner one, so it takes
    // two collections (measured).
    let inner = heap.newTuple([heap.newInt(1), heap.newInt(2)])
    let outer = heap.newTuple([inner])
    let dict = heap.newDict()
    let list = heap.newList([])
    heap.dictInsertNew(dict, hash: 1, key: heap.newStr("k"), value: list)
    #expect(heap.isTracked(dict))
    let position = heap.dictTable(dict).find(hash: 1) { _ in true }!
    heap.decref(heap.dictReplaceValue(dict, at: position, with: heap.newInt(5)))
    var driver = GCDriver()
    _ = driver.collect(&heap, generation: 0)
    #expect(!heap.isTracked(tuple))
    #expect(!heap.isTracked(inner))
    #expect(heap.isTracked(outer))
    _ = driver.collect(&heap, generation: 1)
    #expect(!heap.isTracked(outer))
    #expect(heap.isTracked(dict))  // only full collections untrack dicts
    _ = driver.collect(&heap)
    #expect(!heap.isTracked(dict))
    let holder = heap.newDict()
    heap.dictInsertNew(holder, hash: 2, key: heap.newStr("d"), value: heap.newDict())
    #expect(heap.isTracked(holder))  // `{'a': {}}` is tracked (measured)
    heap.checkGCInvariants()
  }

  @Test func referentsFollowTraverseOrder() {
    var heap = Heap(version: .py312)
    let a = heap.newList([])
    let b = heap.newList([])
    let list = heap.newList([a, b])
    #expect(heap.referents(of: list) == [b, a])
    let dict = heap.newDict()
    let key = heap.newStr("key")
    heap.incref(a)
    heap.dictInsertNew(dict, hash: 7, key: key, value: a)
    #expect(heap.referents(of: dict) == [a])  // str keys only: the values
    let tupleKey = heap.newTuple([])
    heap.incref(b)
    heap.dictInsertNew(dict, hash: 8, key: tupleKey, value: b)
    #expect(heap.referents(of: dict) == [a, key, b, tupleKey])
    #expect(heap.referrers(of: a) == [list, dict])
  }
}
