import HeapModel

/// Drives a collection to its end, answering requests like a minimal
/// interpreter and recording them in order.
struct GCDriver {
  var requests: [GCRequest] = []
  /// Called for `.callFinalizer` (the `__del__` body).
  var finalizer: (inout Heap, ObjectID) -> Void = { _, _ in }
  /// Called for `.callWeakrefCallback`.
  var weakrefCallback: (inout Heap, ObjectID) -> Void = { _, _ in }

  /// Runs `gc.collect(generation)`; returns its value.
  mutating func collect(_ heap: inout Heap, generation: Int = 2, stepping: GCStepping = .run) -> Int {
    guard var collection = heap.beginCollection(generation: generation) else { return 0 }
    collection.stepping = stepping
    run(&heap, &collection)
    return collection.result
  }

  mutating func run(_ heap: inout Heap, _ collection: inout GarbageCollection) {
    while let request = heap.advanceCollection(&collection) {
      requests.append(request)
      switch request {
      case .callFinalizer(let id): finalizer(&heap, id)
      case .callWeakrefCallback(let weakref, _): weakrefCallback(&heap, weakref)
      case .dealloc(.finalize(let id)):
        finalizer(&heap, id)
        heap.finishFinalizer(id)
      default: break
      }
    }
  }

  var finalizerCalls: [ObjectID] {
    requests.compactMap { if case .callFinalizer(let id) = $0 { id } else { nil } }
  }

  var weakrefCallbackCalls: [ObjectID] {
    requests.compactMap { if case .callWeakrefCallback(let id, _) = $0 { id } else { nil } }
  }
}

extension Heap {
  /// A list that contains itself, with no other reference (`l = []; l.append(l); del l`).
  mutating func makeSelfCycleList() -> ObjectID {
    let list = newList([])
    incref(list)
    listAppend(list, list)
    decref(list)
    return list
  }

  /// Two lists referring to each other, no outside reference.
  mutating func makeListPair() -> (ObjectID, ObjectID) {
    let a = newList([])
    let b = newList([])
    incref(b)
    listAppend(a, b)
    incref(a)
    listAppend(b, a)
    decref(a)
    decref(b)
    return (a, b)
  }

  /// Two instances of a class with `__del__` referring to each other
  /// (`a.o = b; b.o = a`), no outside reference, and their class.
  mutating func makeFinalizerPair() -> (cls: ObjectID, a: ObjectID, b: ObjectID) {
    let cls = makeMinimalClass(name: "R", hasFinalizer: true)
    let a = makeMinimalInstance(of: cls)
    let b = makeMinimalInstance(of: cls)
    incref(b)
    setMinimalAttribute(a, "o", b)
    incref(a)
    setMinimalAttribute(b, "o", a)
    decref(a)
    decref(b)
    return (cls, a, b)
  }
}
