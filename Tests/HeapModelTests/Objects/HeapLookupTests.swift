import Testing

@testable import HeapModel

/// The in-place lookups of Heap+Lookup.swift: a str key found by id or by
/// text, a remembered position trusted only while it still holds that key.
@Suite struct HeapLookupTests {
  /// A dict of `count` str keys `k0`, `k1`, … (interned) with int values.
  static func dict(_ heap: inout Heap, count: Int) -> (dict: ObjectID, keys: [ObjectID]) {
    let dict = heap.newDict()
    var keys: [ObjectID] = []
    for index in 0..<count {
      let key = heap.intern("k\(index)")
      keys.append(key)
      heap.dictInsertNew(dict, hash: "k\(index)".hashValue, key: key, value: heap.newInt(1000 + index))
    }
    return (dict, keys)
  }

  @Test(arguments: [3, 20])  // a linear table and an indexed one
  func aPositionHintHoldsOnlyForItsKey(count: Int) throws {
    var heap = Heap(version: .py312)
    let (dict, keys) = HeapLookupTests.dict(&heap, count: count)
    let position = try #require(
      heap.dictPosition(dict, name: "k2", hash: "k2".hashValue, interned: keys[2]))
    #expect(position == 2)
    let value = try #require(heap.dictValue(dict, at: position, ifKeyIs: keys[2]))
    #expect(heap.intValue(value) == 1002)
    #expect(heap.dictValue(dict, at: position, ifKeyIs: keys[1]) == nil)  // another key there
    #expect(heap.dictValue(dict, at: count + 5, ifKeyIs: keys[2]) == nil)  // past the entries
    #expect(heap.dictValue(dict, at: position, ifKeyIs: .null) == nil)
    // Removed: the hint fails; the probe finds nothing.
    let removed = heap.dictRemove(dict, at: position)
    #expect(removed.key == keys[2])
    #expect(heap.dictValue(dict, at: position, ifKeyIs: keys[2]) == nil)
    #expect(heap.dictPosition(dict, name: "k2", hash: "k2".hashValue, interned: keys[2]) == nil)
    // Re-added at the end: found there, by id and by text alike.
    heap.dictInsertNew(dict, hash: "k2".hashValue, key: keys[2], value: heap.newInt(7))
    let again = try #require(heap.dictPosition(dict, name: "k2", hash: "k2".hashValue, interned: .null))
    #expect(again == count)
    #expect(heap.dictValue(dict, at: again, ifKeyIs: keys[2]).flatMap { heap.intValue($0) } == 7)
  }

  /// A class attribute is found through the chain by id and, for a key
  /// that is not the interned str, by text.
  @Test func classChainFindsKeysByIdOrText() throws {
    var heap = Heap(version: .py312)
    let object = heap.typeObject(.object)
    let interned = heap.intern("attr")
    let other = heap.newStr("other")  // not interned: matched by text
    let value = heap.newInt(5000)
    let second = heap.newInt(6000)
    heap.incref(object)
    let base = heap.newClass(
      name: "B", qualifiedName: "B", base: object, builtinBase: .object,
      namespace: [("attr".hashValue, interned, value), ("other".hashValue, other, second)], slotNames: nil,
      hasFinalizer: false)
    heap.incref(base)
    let derived = heap.newClass(
      name: "D", qualifiedName: "D", base: base, builtinBase: .object, namespace: [], slotNames: nil,
      hasFinalizer: false)
    #expect(heap.lookupClassChain(derived, name: "attr", hash: "attr".hashValue, interned: interned) == value)
    #expect(heap.lookupClassChain(derived, name: "attr", hash: "attr".hashValue) == value)
    let probe = heap.intern("other")
    #expect(heap.lookupClassChain(derived, name: "other", hash: "other".hashValue, interned: probe) == second)
    #expect(heap.lookupClassChain(derived, name: "missing", hash: "missing".hashValue) == nil)
    #expect(
      heap.lookupClassChain(derived, name: "attr", hash: "attr".hashValue &+ 1, interned: interned) == nil)
  }
}
