import Testing

@testable import HeapModel

/// `Heap.dictLookup` (Heap+Lookup.swift) answers what `probeExactKey`
/// answers, hash included, or says it cannot; inserts size a dict's
/// entries range to its keys table's usable count; a name store at a
/// remembered position checks what it relies on.
@Suite struct DictLookupTests {
  /// A small deterministic generator (the tests must not depend on a seed).
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  /// A str whose cached hash is `hash` (colliding on purpose).
  static func str(_ heap: inout Heap, _ text: String, hash: Int) -> ObjectID {
    let id = heap.newStr(text)
    heap.setStrHash(id, hash)
    return id
  }

  /// Random inserts, removals and re-insertions of int keys and of str keys
  /// made twice (equal texts, different objects) with hashes that collide
  /// in fours: after every step each candidate key is looked up both ways.
  @Test(arguments: PythonVersion.allCases)
  func agreesWithProbeExactKey(version: PythonVersion) throws {
    var heap = Heap(version: version)
    var random = Generator(state: UInt64(version.rawValue))
    let dict = heap.newDict()
    let texts = (0..<24).map { "key\($0)" }
    var strKeys: [ObjectID] = []
    var twins: [ObjectID] = []
    for (index, text) in texts.enumerated() {
      strKeys.append(DictLookupTests.str(&heap, text, hash: index % 6))
      twins.append(DictLookupTests.str(&heap, text, hash: index % 6))
    }
    let intKeys = (-3..<21).map { heap.newInt($0) }
    let candidates = strKeys + twins + intKeys
    func hash(_ key: ObjectID) -> Int {
      if heap.kind(of: key) == .str { return heap.str(key).hash! }
      let value = heap.intValue(key)!
      return value == -1 ? -2 : value
    }
    for _ in 0..<400 {
      let key = candidates[random.next(candidates.count)]
      switch heap.probeExactKey(dict, key: key, hash: hash(key)) {
      case .found(let position):
        if random.next(3) == 0 {
          let removed = heap.dictRemove(dict, at: position)
          #expect(removed.key == key || heap.strEquals(removed.key, key))
        }
      case .absent:
        heap.dictInsertNew(dict, hash: hash(key), key: key, value: heap.newInt(7))
      case .unknown:
        Issue.record("exact keys only")
      }
      for candidate in candidates {
        let lookup = heap.dictLookup(dict, key: candidate)
        #expect(lookup.hash == hash(candidate))
        switch heap.probeExactKey(dict, key: candidate, hash: hash(candidate)) {
        case .found(let position):
          #expect(lookup.position == position)
          #expect(lookup.position >= 0 && heap.dictTable(dict).isLive(lookup.position))
        case .absent: #expect(lookup.position == DictLookup.absent)
        case .unknown: #expect(lookup.position == DictLookup.unknown)
        }
      }
    }
    #expect(heap.dictCount(dict) > 10)
  }

  /// Keys whose hash needs code or a pass over text, and containers that
  /// are not dicts, are left to the caller; an entry of another kind with
  /// the same hash stops the probe; −1 hashes as −2 and still differs
  /// from −2.
  @Test(arguments: PythonVersion.allCases)
  func leavesWhatItCannotSettle(version: PythonVersion) throws {
    var heap = Heap(version: version)
    let dict = heap.newDict()
    let uncached = heap.newStr("fresh")
    #expect(heap.dictLookup(dict, key: uncached).position == DictLookup.noHash)
    #expect(heap.dictLookup(dict, key: heap.trueObject).position == DictLookup.noHash)
    // A machine int past the hash modulus 2**61 − 1 hashes by reduction.
    let large = heap.newInt(Int.max)
    #expect(heap.dictLookup(dict, key: large).position == DictLookup.noHash)
    let set = heap.newSetObject(frozen: false)
    let three = heap.newInt(3)
    #expect(heap.dictLookup(set, key: three).position == DictLookup.noHash)

    let minusOne = heap.newInt(-1)
    let minusTwo = heap.newInt(-2)
    heap.dictInsertNew(dict, hash: -2, key: minusTwo, value: heap.newInt(20))
    let lookup = heap.dictLookup(dict, key: minusOne)
    #expect(lookup.hash == -2)
    #expect(lookup.position == DictLookup.absent)
    #expect(heap.dictLookup(dict, key: minusTwo).position == 0)

    // A float key of hash 5 (equal to 5 in Python: only `__eq__` says).
    let float = heap.newFloat(5.0)
    heap.dictInsertNew(dict, hash: 5, key: float, value: heap.newInt(50))
    let five = heap.newInt(5)
    #expect(heap.dictLookup(dict, key: five) == DictLookup(hash: 5, position: DictLookup.unknown))
    #expect(heap.probeExactKey(dict, key: five, hash: 5) == .unknown)
  }

  /// The entries range is sized to the keys table's usable count when the
  /// keys table is allocated or grown, and does not grow in between.
  @Test(arguments: PythonVersion.allCases)
  func entriesFollowTheKeysTable(version: PythonVersion) throws {
    var heap = Heap(version: version)
    let dict = heap.newDict()
    var growths = 0
    var keysResizes = 0
    var lastCapacity: Int32 = 0
    var lastSlots = 0
    for index in 0..<200 {
      heap.dictInsertNew(dict, hash: index, key: heap.newInt(index), value: heap.newInt(index))
      let payload = heap.dicts[Int(heap.payloads[dict.slot])]
      if payload.keysSlots != lastSlots {
        keysResizes += 1
        lastSlots = payload.keysSlots
      }
      if payload.table.capacity != lastCapacity {
        growths += 1
        lastCapacity = payload.table.capacity
      }
      #expect(Int(payload.table.capacity) == payload.keysSlots * 2 / 3)
      #expect(Int(payload.table.entryCount) == index + 1)
    }
    #expect(growths == keysResizes)
    #expect(keysResizes >= 5)
    #expect(heap.dictCount(dict) == 200)
  }

  /// A store at a remembered position happens only where a probe would
  /// land without `__eq__`: the same key object, a live entry, a dict of
  /// str keys only. It takes a reference to the value and hands back the
  /// old one.
  @Test func storeAtAPositionChecksItsKey() throws {
    var heap = Heap(version: .py312)
    let dict = heap.newDict()
    let name = heap.intern("name")
    let other = heap.intern("other")
    heap.dictInsertNew(dict, hash: 11, key: name, value: heap.newInt(1000))
    heap.dictInsertNew(dict, hash: 12, key: other, value: heap.newInt(2))
    let value = heap.newInt(3000)  // not a cached small int: its count moves
    let wrongKey = heap.dictReplaceValue(dict, at: 0, ifKeyIs: other, with: value)
    let pastEnd = heap.dictReplaceValue(dict, at: 2, ifKeyIs: name, with: value)
    #expect(wrongKey == nil && pastEnd == nil)
    #expect(heap.refcount(of: value) == 1)
    let replaced = heap.dictReplaceValue(dict, at: 0, ifKeyIs: name, with: value)
    let old = try #require(replaced)
    #expect(heap.intValue(old) == 1000)
    #expect(heap.refcount(of: value) == 2)
    #expect(heap.dictValue(dict, at: 0, ifKeyIs: name) == value)
    // An int key makes the dict's keys general: the remembered store no
    // longer applies (a probe could meet a key needing `__eq__`).
    heap.dictInsertNew(dict, hash: 13, key: heap.newInt(13), value: heap.newInt(4))
    let general = heap.dictReplaceValue(dict, at: 1, ifKeyIs: other, with: value)
    #expect(general == nil)
    // Removed: the position no longer holds the key.
    let fresh = heap.newDict()
    heap.dictInsertNew(fresh, hash: 11, key: name, value: heap.newInt(1))
    _ = heap.dictRemove(fresh, at: 0)
    let removed = heap.dictReplaceValue(fresh, at: 0, ifKeyIs: name, with: value)
    #expect(removed == nil)
    #expect(heap.refcount(of: value) == 2)
  }
}

extension DictLookup: Equatable {
  public static func == (a: DictLookup, b: DictLookup) -> Bool {
    a.hash == b.hash && a.position == b.position
  }
}
