import Testing

@testable import HeapModel

/// 3.8's bound-method and builtin-method free lists, and the free-list lines
/// of `sys._debugmallocstats()` that report every list's count.
@Suite struct MethodFreeListTests {
  @Test(arguments: PythonVersion.allCases)
  func aFreedBoundMethodIsParkedOnlyIn38(version: PythonVersion) {
    var heap = Heap(version: version)
    let function = heap.newList([])  // any object stands in for the function
    let instance = heap.newList([])
    heap.incref(function)
    heap.incref(instance)
    let method = heap.newBoundMethod(function, instance)
    let block = heap.blocks[method.slot]
    let blocksInUse = heap.allocator.blocksInUse
    let count = heap.gcAllocationCount
    heap.decref(method)
    let parks = version == .py38
    #expect(heap.freeListCount(.boundMethod) == (parks ? 1 : 0))
    #expect(heap.allocator.blocksInUse == blocksInUse - (parks ? 0 : 1))
    #expect(heap.gcAllocationCount == count - (parks ? 0 : 1))

    heap.incref(function)
    heap.incref(instance)
    let again = heap.newBoundMethod(function, instance)
    #expect(heap.blocks[again.slot] == block)  // parked or LIFO-reused, the same block
    #expect(heap.gcAllocationCount == count)
    #expect(heap.freeListCount(.boundMethod) == 0)
    #expect(heap.isTracked(again))
  }

  @Test func aFullCollectionEmptiesTheMethodListFirst() {
    var heap = Heap(version: .py38)
    let target = heap.newList([])
    var methods: [ObjectID] = []
    for _ in 0..<3 {
      heap.incref(target)
      heap.incref(target)
      methods.append(heap.newBoundMethod(target, target))
    }
    for method in methods { heap.decref(method) }
    #expect(heap.freeListCount(.boundMethod) == 3)
    heap.clearFreeLists()
    #expect(heap.freeListCount(.boundMethod) == 0)
  }

  @Test(arguments: [PythonVersion.py38, .py312])
  func debugMallocStatsPrintsTheModelsCounts(version: PythonVersion) {
    var heap = Heap(version: version)
    let floats = (0..<5).map { heap.newFloat(Double($0) + 0.5) }
    let pair = heap.newTuple([heap.newFloat(1.5), heap.newFloat(2.5)])
    for float in floats { heap.decref(float) }
    heap.decref(pair)
    let lines = heap.debugMallocStatsFreeListLines()
    #expect(lines.first { $0.name == "PyFloatObjects" }?.count == 7)
    #expect(lines.first { $0.name == "2-sized PyTupleObjects" }?.count == 1)
    let text = heap.allocator.debugMallocStats(freeListLines: lines)
    #expect(text.contains("7 free PyFloatObjects * 24 bytes each ="))
    #expect(text.contains("1 free 2-sized PyTupleObjects * 40 bytes each ="))
    #expect(text.contains("PyMethodObjects") == (version == .py38))
  }
}
