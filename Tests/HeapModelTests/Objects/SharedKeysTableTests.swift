import Testing

@testable import HeapModel

/// Split instance dicts and their shared keys table: conversion to ordinary
/// dicts, adoption and dropping of the class's table, getsizeof. Expected
/// sizes measured with CPython 3.8.18, 3.10.13 and 3.12.1.
@Suite struct SharedKeysTableTests {
  /// A class with a `__dict__` and its first instances.
  struct Fixture {
    var heap: Heap
    let cls: ObjectID

    init(version: PythonVersion) {
      heap = Heap(version: version)
      let object = heap.typeObject(.object)
      heap.incref(object)
      cls = heap.newClass(
        name: "C", qualifiedName: "C", base: object, builtinBase: .object, namespace: [], slotNames: nil,
        hasFinalizer: false)
    }

    /// `instance.name = 1000` as the interpreter does it for a name new to the instance.
    mutating func store(_ instance: ObjectID, _ name: String) {
      let dict = heap.prepareNewAttribute(instance, name: name, hash: name.hashValue)
      let key = heap.intern(name)
      let value = heap.newInt(1000)
      if dict.isNull {
        heap.appendInlineAttribute(instance, hash: name.hashValue, key: key, value: value)
      } else {
        heap.dictInsertNew(dict, hash: name.hashValue, key: key, value: value)
      }
    }

    mutating func instance(_ names: String...) -> ObjectID {
      let instance = heap.newInstance(of: cls)
      for name in names { store(instance, name) }
      return instance
    }

    mutating func dictSize(_ instance: ObjectID) -> Int {
      let dict = heap.instanceDictObject(instance)
      return heap.dictSizeOf(dict)
    }
  }

  @Test(arguments: [PythonVersion.py38, .py39, .py310])
  func anotherOrderUnsharesTheDictAndTheClassStopsSharing(version: PythonVersion) {
    var f = Fixture(version: version)
    let a = f.instance("x", "y")
    #expect(f.dictSize(a) == 104)
    #expect(f.heap.sharedKeysBlockSize(ofClass: f.cls) == 168)
    let b = f.instance("y")
    #expect(f.dictSize(b) == 232)  // an ordinary 8-slot dict
    #expect(f.dictSize(a) == 272)  // now the keys' only holder: 64 + 40 + 168
    #expect(f.heap.sharedKeysBlockSize(ofClass: f.cls) == 0)
    let c = f.instance("x")
    #expect(f.dictSize(c) == 232)  // later instances get ordinary dicts
    #expect(f.heap.sharedKeyNames(ofClass: f.cls).isEmpty)
    f.heap.allocator.checkInvariants()
  }

  @Test func theLastHolderFreesTheOrphanedKeys() {
    var f = Fixture(version: .py38)
    let a = f.instance("x", "y")
    let tableBlock = f.heap.sharedTables[f.heap.classPayload(f.cls).sharedTable].block
    let b = f.instance("y")
    #expect(f.heap.allocator.isLive(Address(tableBlock)))
    f.heap.decref(a)  // a, its split dict and with it the orphaned keys go
    #expect(!f.heap.allocator.isLive(Address(tableBlock)))
    #expect(f.dictSize(b) == 232)
    f.heap.allocator.checkInvariants()
  }

  @Test func aSoleFirstInstanceGrowingPastFiveAttributesGivesTheClassNewKeys() {
    var f = Fixture(version: .py38)
    let u = f.instance("a", "b", "c", "d", "e", "f")
    #expect(f.heap.sharedKeysBlockSize(ofClass: f.cls) == 296)  // 16 slots: 40 + 16 + 24·10
    #expect(f.dictSize(u) == 144)  // split again: 64 + 8·10
    #expect(f.heap.sharedKeyNames(ofClass: f.cls) == ["a", "b", "c", "d", "e", "f"])
    let v = f.instance("a")
    #expect(f.dictSize(v) == 144)
    f.heap.allocator.checkInvariants()
  }

  /// A split dict converted with one value: 8 slots up to 3.9, 16 from 3.10.
  @Test(arguments: [(PythonVersion.py39, 232), (.py310, 360)])
  func earlyConversionSizeFollowsCalculateKeysize(version: PythonVersion, expected: Int) {
    var f = Fixture(version: version)
    _ = f.instance("a", "b")
    let g = f.instance("a", "c")
    #expect(f.dictSize(g) == expected)
  }

  @Test(arguments: [PythonVersion.py38, .py310])
  func deletingAnAttributeEndsSharing(version: PythonVersion) {
    var f = Fixture(version: version)
    let p = f.instance("x", "y")
    let q = f.instance("x", "y")
    f.heap.prepareAttributeDeletion(p, keyPresent: true)
    #expect(f.heap.sharedKeysBlockSize(ofClass: f.cls) == 0)
    #expect(f.dictSize(p) == 232)  // ordinary, same 8 slots
    #expect(f.dictSize(q) == 272)  // q's split dict is the keys' last holder
  }

  /// 3.11+: getsizeof of a split `__dict__` is 64 + 8 × (entries + usable)
  /// of the shared keys at the time, not the instance's own capacity.
  @Test(arguments: [PythonVersion.py311, .py312, .py313])
  func modernSplitDictSizeFollowsTheSharedKeys(version: PythonVersion) {
    var f = Fixture(version: version)
    let a = f.instance("x", "y")
    #expect(f.dictSize(a) == 296)  // 2 entries + 27 usable
    _ = f.instance()
    #expect(f.dictSize(a) == 288)  // creating an instance used one up
  }

  @Test func growthSizingPerVersion() {
    let old = ObjectLayouts(version: .py39)
    let new = ObjectLayouts(version: .py310)
    #expect((0...6).map { old.dictSlotsForGrowth(used: $0) } == [8, 8, 8, 16, 16, 16, 32])
    #expect((0...6).map { new.dictSlotsForGrowth(used: $0) } == [8, 16, 16, 16, 16, 16, 32])
    #expect(new.dictSlotsForGrowth(used: 10) == 32)
    #expect(new.dictSlotsForGrowth(used: 11) == 64)
  }
}

/// Finding a key in a shared table: by hash first, then by text, whatever
/// the strings' representations.
@Suite struct SharedKeysIndexTests {
  @Test func findsKeysByHashThenText() {
    var table = SharedKeysTable(keys: SharedKeys(version: .py312), block: 0)
    table.append("value", hash: 7)
    table.append("next", hash: 7)  // same hash: told apart by text
    table.append(String(repeating: "long_attribute_", count: 3), hash: 9)
    #expect(table.index(of: "value", hash: 7) == 0)
    #expect(table.index(of: "next", hash: 7) == 1)
    #expect(table.index(of: "head", hash: 7) == nil)
    #expect(table.index(of: "value", hash: 8) == nil)  // a hash mismatch never compares text
    // Equal text in another storage object (a large string built anew).
    let rebuilt = ["long_attribute_", "long_attribute_", "long_attribute_"].joined()
    #expect(table.index(of: rebuilt, hash: 9) == 2)
    // Canonically equivalent but different code points are different keys.
    table.append("\u{E1}", hash: 3)
    #expect(table.index(of: "a\u{301}", hash: 3) == nil)
    #expect(table.index(of: "\u{E1}", hash: 3) == 3)
    #expect(table.names == ["value", "next", rebuilt, "\u{E1}"])
  }

  /// A class's table grows in the order attributes are first stored, and
  /// a second instance storing them again adds nothing (3.12).
  @Test func storesAgainFindTheKnownKeys() {
    var f = SharedKeysTableTests.Fixture(version: .py312)
    _ = f.instance("a", "b", "c")
    _ = f.instance("c", "a")
    #expect(f.heap.sharedKeyNames(ofClass: f.cls) == ["a", "b", "c"])
  }
}
