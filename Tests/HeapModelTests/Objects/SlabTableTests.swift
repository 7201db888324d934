import Testing

@testable import HeapModel

/// Dict and set tables in the table slab keep the positions, holes, index
/// and probe order the array-based `DictTable` has for the same operations,
/// and give their ranges back when they empty or their object dies.
@Suite struct SlabTableTests {
  /// A deterministic generator (SplitMix64), so failures reproduce.
  private struct Mix {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(bound))
    }
  }

  private func expectSame(_ slab: SlabTable, _ words: ItemSlab, _ reference: HeapModel.DictTable) {
    let copy = slab.snapshot(in: words)
    #expect(copy.hashes == reference.hashes)
    #expect(copy.keys == reference.keys)
    #expect(copy.values == reference.values)
    #expect(copy.count == reference.count)
    #expect(Int(slab.count) == reference.count)
    #expect(Int(slab.entryCount) == reference.entryCount)
    #expect(slab.entries(in: words).map(\.key) == reference.entries.map(\.key))
  }

  /// Random inserts (few distinct hashes, so keys collide), removals and
  /// compactions: same positions, same holes, and every lookup meets the
  /// same keys in the same order as in the array table.
  @Test(arguments: [1, 2, 3, 4])
  func matchesTheArrayTableThroughRandomOperations(seed: Int) {
    var mix = Mix(state: UInt64(seed))
    var words = ItemSlab()
    var slab = SlabTable()
    var reference = HeapModel.DictTable()
    var nextKey: Int32 = 1
    for step in 0..<1200 {
      let action = mix.next(10)
      if action < 6 || reference.count == 0 {
        let hash = mix.next(seed == 4 ? 3 : 40) - 20
        let key = ObjectID(nextKey)
        nextKey += 1
        slab.append(hash: hash, key: key, value: ObjectID(nextKey + 100_000), in: &words)
        reference.append(hash: hash, key: key, value: ObjectID(nextKey + 100_000))
      } else if action < 9 {
        let live = (0..<reference.entryCount).filter { reference.isLive($0) }
        let position = live[mix.next(live.count)]
        let removed = slab.remove(at: position, in: &words)
        let expected = reference.remove(at: position)
        #expect(removed.key == expected.key && removed.value == expected.value)
      } else if step % 3 == 0 {
        slab.compactEntries(in: &words)
        reference.compactEntries()
      } else {
        let live = (0..<reference.entryCount).filter { reference.isLive($0) }
        let position = live[mix.next(live.count)]
        _ = slab.setValue(ObjectID(nextKey + 200_000), at: position, in: &words)
        reference.setValue(ObjectID(nextKey + 200_000), at: position)
      }
      expectSame(slab, words, reference)
      for hash in -20..<20 {
        var seen: [ObjectID] = []
        _ = reference.find(hash: hash) { key in
          seen.append(key)
          return false
        }
        #expect(slab.candidates(hash: hash, in: words).map(\.key) == seen)
        for (position, key) in slab.candidates(hash: hash, in: words) {
          #expect(slab.key(at: position, in: words) == key)
        }
      }
    }
  }

  @Test func anEmptiedTableGivesItsRangesBack() {
    var words = ItemSlab()
    var tables = [SlabTable](repeating: SlabTable(), count: 20)
    for round in 0..<3 {
      for table in tables.indices {
        for entry in 0..<(table * 7 + round) {
          tables[table].append(
            hash: entry * 31, key: ObjectID(Int32(entry + 1)), value: ObjectID(Int32(entry + 1)), in: &words)
        }
      }
      var live = 0
      for table in tables { live += table.words }
      #expect(words.words.count - ItemSlab.reservedWords - words.freeWords == live)
      for table in tables.indices {
        while tables[table].count > 0 {
          let position = tables[table].nextLive(from: 0, in: words)!
          _ = tables[table].remove(at: position, in: &words)
        }
        #expect(tables[table] == SlabTable())
      }
      #expect(words.words.count - ItemSlab.reservedWords == words.freeWords)
    }
  }

  @Test(arguments: PythonVersion.allCases)
  func deadDictsAndSetsFreeTheirTables(version: PythonVersion) {
    var heap = Heap(version: version)
    let wordsBefore = heap.tableSlab.words.count - heap.tableSlab.freeWords
    var objects: [ObjectID] = []
    for index in 0..<50 {
      let dict = heap.newDict()
      let set = heap.newSetObject(frozen: false)
      for entry in 0..<index {
        let key = heap.newInt(entry + 1000)
        heap.incref(key)
        heap.dictInsertNew(dict, hash: entry + 1000, key: key, value: heap.newInt(entry))
        heap.setInsertNew(set, hash: entry + 1000, key: key)
      }
      objects += [dict, set]
    }
    #expect(heap.dictCount(objects[98]) == 49)
    #expect(heap.setCount(objects[99]) == 49)
    #expect(heap.tableSlab.words.count - heap.tableSlab.freeWords > wordsBefore)
    for object in objects { heap.decref(object) }
    #expect(heap.tableSlab.words.count - heap.tableSlab.freeWords == wordsBefore)
  }

  @Test(arguments: PythonVersion.allCases)
  func iterationAccessorsSkipHolesInOrder(version: PythonVersion) {
    var heap = Heap(version: version)
    let dict = heap.newDict()
    var keys: [ObjectID] = []
    for entry in 0..<12 {
      let key = heap.newInt(entry + 5000)
      keys.append(key)
      heap.dictInsertNew(dict, hash: entry % 3, key: key, value: heap.newInt(entry))
    }
    for position in [0, 4, 5, 11] {
      let removed = heap.dictRemove(dict, at: position)
      heap.decref(removed.key)
      heap.decref(removed.value)
    }
    var seen: [ObjectID] = []
    var position = 0
    while let entry = heap.dictNextEntry(dict, from: position) {
      seen.append(entry.key)
      #expect(entry.value == heap.dictValue(dict, at: entry.position))
      position = entry.position + 1
    }
    let expected = [1, 2, 3, 6, 7, 8, 9, 10].map { keys[$0] }
    #expect(seen == expected)
    #expect(heap.dictEntries(dict).map(\.key) == expected)
    #expect(heap.dictEntryCount(dict) == 12)
    #expect(heap.dictCandidates(dict, hash: 1).map(\.key) == [1, 7, 10].map { keys[$0] })
    #expect(heap.dictCandidates(dict, hash: 1).map(\.position) == [1, 7, 10])
    #expect(heap.dictFind(dict, hash: 0) { $0 == keys[9] } == 9)
    #expect(heap.dictFind(dict, hash: 0) { $0 == keys[0] } == nil)
    #expect(heap.referents(of: dict).count == 16)
  }
}
