import Testing

@testable import HeapModel
@testable import Scenario

/// The collector's passes read referents through
/// `ReferentReader.forEachReferent`, which reads lists, tuples and
/// instances in place; `gc.get_referents` and
/// the order of `__del__` calls and clearing come from `appendReferents`.
/// The two must list the same references in the same order for every row.
@Suite struct GCTraversalTests {
  private let script = """
    import gc

    class Plain:
        def __init__(self, a, b):
            self.a = a
            self.b = b

    class Slotted:
        __slots__ = ("x", "y", "__weakref__")

    class WithDict:
        pass

    class Failure(Exception):
        pass

    def gen():
        yield 1

    keep = []
    p = Plain([1, 2], {"k": (3, [4])})
    p.c = p
    del p.a
    keep.append(p)
    s = Slotted()
    s.x = [s]
    keep.append(s)
    w = WithDict()
    w.__dict__["z"] = w
    w.extra = (w, None)
    keep.append(w)
    try:
        raise Failure("boom", [1])
    except Failure as e:
        keep.append(e)
    keep.append((keep, "t", 5))
    keep.append({1, 2, (3,)})
    keep.append(gen())
    keep.append(lambda: keep)
    keep.append([[i] for i in range(5)])
    gc.collect()
    print(len(keep))
    gc.garbage.append(keep)  # outlives shutdown: gc.garbage is the collector's

    """

  @Test(arguments: PythonVersion.allCases)
  func forEachReferentListsWhatAppendReferentsLists(version: PythonVersion) throws {
    var interpreter = try makeInterpreter(script, version: version)
    _ = try interpreter.run()
    let heap = interpreter.heap
    var buffer: [ObjectID] = []
    var checked = 0
    var kinds: Set<ObjectKind> = []
    for row in 0..<heap.kinds.count where heap.isAlive(ObjectID(row)) {
      let expected = heap.referents(of: ObjectID(row)).filter { !$0.isNull }
      var visited: [ObjectID] = []
      heap.withReferentReader { reader in
        reader.forEachReferent(ofSlot: row, heap: heap, buffer: &buffer) { visited.append($0) }
      }
      #expect(visited == expected, "row \(row), \(heap.kinds[row])")
      checked += 1
      if !expected.isEmpty { kinds.insert(heap.kinds[row]) }
    }
    #expect(checked > 100)
    // The kinds read in place are among the ones compared.
    #expect(kinds.isSuperset(of: [.list, .tuple, .instance, .slotsInstance]))
  }
}
