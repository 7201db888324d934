import HeapModel
import Testing

/// `Heap.classEpoch` grows at every change a remembered class lookup could
/// miss (the interpreter's attribute sites trust an entry only at the epoch
/// it was filled at).
@Suite struct ClassEpochTests {
  @Test(arguments: PythonVersion.allCases)
  func classCreationAndChangesBumpTheEpoch(version: PythonVersion) throws {
    var heap = Heap(version: version)
    let start = heap.classEpoch
    let cls = heap.makeMinimalClass(name: "C")
    let created = heap.classEpoch
    #expect(created > start)
    heap.withClass(cls) { _ in }
    #expect(heap.classEpoch > created)
    let touched = heap.classEpoch
    _ = heap.makeMinimalClass(name: "D")
    #expect(heap.classEpoch > touched)
  }

  /// Reads leave the epoch alone: lookups and instance creation change
  /// no namespace.
  @Test(arguments: PythonVersion.allCases)
  func lookupsAndInstancesLeaveTheEpoch(version: PythonVersion) throws {
    var heap = Heap(version: version)
    let cls = heap.makeMinimalClass(name: "C")
    let epoch = heap.classEpoch
    #expect(heap.lookupClassChain(cls, name: "x", hash: 1) == nil)
    let instance = heap.newInstance(of: cls)
    #expect(heap.classEpoch == epoch)
    #expect(heap.instanceDict(instance).isNull)
  }
}
