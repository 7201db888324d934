// The `gc` and `weakref` modules, and the interpreter's side of the cycle
// collector: driving a collection to its end while answering its requests
// (gc.callbacks, DEBUG_STATS lines, weakref callbacks, `__del__`), and
// running automatic collections when the allocation count crosses the
// threshold — at the next instruction, which is where 3.12+ run them (the
// eval breaker) and within an instruction of where 3.8–3.11 do (inside the
// allocation).

import Foundation
import HeapModel

extension Interpreter {
  /// Runs a collection of `generation` (an explicit `gc.collect()` when
  /// `automatic` is false) and returns what `gc.collect()` returns.
  /// `callbacks` false: gc.callbacks are not told (the last collection of
  /// shutdown, `_PyGC_CollectNoFail`). `recorded` false: the collection is
  /// neither logged phase by phase nor listed in the collection log (the
  /// collections of shutdown, after the scenario's last step).
  mutating func collectGarbage(
    generation: Int, automatic: Bool, callbacks: Bool = true, recorded: Bool = true
  ) throws -> Int {
    let started = automatic ? heap.beginAutomaticCollection() : heap.beginCollection(generation: generation)
    guard var collection = started else { return 0 }
    var phases = recorded ? GCPhaseRecorder.start(&collection, heap: &heap) : nil
    while let request = heap.advanceCollection(&collection) {
      switch request {
      case .invokeCallbacks(let phase, let info):
        if callbacks { try invokeGCCallbacks(phase, info) }
      case .writeStderr(let message):
        writeError(heap.gcDebugText(message, elapsedSeconds: collection.modelledElapsedSeconds))
      case .callWeakrefCallback(let weakref, let callback):
        callIgnoringErrors(callback, [weakref])
      case .callFinalizer(let object):
        runFinalizer(object)
      case .dealloc(.finalize(let object)):
        runFinalizer(object)
        heap.finishFinalizer(object)
      case .dealloc(.clearWeakrefs(let object)):
        clearWeakrefs(to: object)
      case .stepped(let finished):
        phases?.phaseEnded(finished, collection, heap: &heap)
      }
    }
    guard recorded else { return collection.result }
    gcLog.append(
      GCLogRecord(
        step: steps, generation: collection.generation, collected: collection.collected,
        uncollectable: collection.uncollectable))
    return collection.result
  }

  /// The automatic collection the allocation count asked for, if any.
  mutating func collectIfScheduled() throws {
    guard heap.gc.collectionScheduled, !heap.gc.isCollecting, nestedGC == 0 else { return }
    nestedGC += 1
    defer { nestedGC -= 1 }
    _ = try collectGarbage(generation: 0, automatic: true)
  }

  private mutating func invokeGCCallbacks(_ phase: GCCallbackPhase, _ info: GCCallbackInfo) throws {
    let callbacks = gcModuleList("callbacks")
    guard !callbacks.isNull, heap.itemCount(callbacks) > 0 else { return }
    let phaseObject = heap.newStr(phase.rawValue)
    let infoDict = heap.newDict()
    for (key, value) in [
      ("generation", info.generation), ("collected", info.collected), ("uncollectable", info.uncollectable),
    ] {
      let keyObject = heap.intern(key)
      let valueObject = heap.newInt(value)
      try dictSet(infoDict, key: keyObject, value: valueObject)
      drop(keyObject)
      drop(valueObject)
    }
    let list = heap.newList(heap.items(callbacks).map { retain($0) })
    for callback in heap.items(list) { callIgnoringErrors(callback, [phaseObject, infoDict]) }
    drop(list)
    drop(phaseObject)
    drop(infoDict)
  }

  /// Calls `callee`; an exception is reported as unraisable and dropped.
  mutating func callIgnoringErrors(_ callee: ObjectID, _ arguments: [ObjectID]) {
    let saved = pendingException
    pendingException = .null
    do {
      drop(try callObject(callee, arguments))
    } catch is PythonRaise {
      // An exception without a traceback (a builtin callback raised) is
      // given one for the running Python frame (`write_unraisable_exc`).
      if tracebackField(of: pendingException).isNull, !frames.isEmpty {
        addTraceback(frameAt: frames.count - 1)
      }
      writeError("Exception ignored in: \((try? repr(callee)) ?? "?")\n")
      writeError(tracebackText(pendingException, unraisable: true))
      clearPending()
    } catch {
      clearPending()
    }
    pendingException = saved
  }

  /// A list attribute of the gc module (`garbage`, `callbacks`).
  func gcModuleList(_ name: String) -> ObjectID {
    guard let module = moduleObjects["gc"] else { return .null }
    let namespace = moduleNamespace(module)
    let hash = PyHash.hash(name, version: version)
    return heap.dictValue(namespace, name: name, hash: hash) ?? .null
  }

  /// Sets up the data attributes of `gc` (lists and DEBUG_* flags).
  mutating func setUpGCModule() {
    guard let module = moduleObjects["gc"] else { return }
    let namespace = moduleNamespace(module)
    let garbage = heap.newList([])
    heap.setGCGarbageList(garbage)
    var entries: [(String, ObjectID)] = [("garbage", garbage), ("callbacks", heap.newList([]))]
    for (name, value) in [
      ("DEBUG_STATS", 1), ("DEBUG_COLLECTABLE", 2), ("DEBUG_UNCOLLECTABLE", 4), ("DEBUG_SAVEALL", 32),
      ("DEBUG_LEAK", 38),
    ] {
      entries.append((name, heap.newInt(value)))
    }
    for (name, value) in entries {
      heap.dictInsertNew(
        namespace, hash: PyHash.hash(name, version: version), key: heap.intern(name), value: value)
    }
    setUpWeakrefModuleClasses()
  }

  // MARK: Module functions

  /// `argumentTuple` is the tuple a METH_VARARGS function was handed
  /// (null when none): `gc.get_referrers` does not count it.
  mutating func callGCFunction(
    _ builtin: Builtin, _ args: [ObjectID], keywords: [(String, ObjectID)], argumentTuple: ObjectID = .null
  ) throws -> ObjectID {
    func intArgument(_ index: Int, _ name: String) throws -> Int {
      guard index < args.count, let value = heap.intValue(args[index]) else {
        throw raise(.typeError, "\(name)() argument must be an integer")
      }
      return value
    }
    switch builtin {
    case .gcCollect:
      let generation =
        args.isEmpty
        ? (keywords.first { $0.0 == "generation" }.flatMap { heap.intValue($0.1) } ?? 2)
        : try intArgument(0, "collect")
      guard (0...2).contains(generation) else { throw raise(.valueError, "invalid generation") }
      return heap.newInt(try collectGarbage(generation: generation, automatic: false))
    case .gcEnable:
      heap.setGCEnabled(true)
    case .gcDisable:
      heap.setGCEnabled(false)
    case .gcIsenabled:
      return heap.newBool(heap.gc.isEnabled)
    case .gcGetCount:
      let counts = heap.gcCounts
      return heap.newTuple([heap.newInt(counts.0), heap.newInt(counts.1), heap.newInt(counts.2)])
    case .gcGetThreshold:
      let thresholds = heap.gcThresholds
      return heap.newTuple([heap.newInt(thresholds.0), heap.newInt(thresholds.1), heap.newInt(thresholds.2)])
    case .gcSetThreshold:
      let first = try intArgument(0, "set_threshold")
      heap.setGCThresholds(
        first, args.count > 1 ? try intArgument(1, "set_threshold") : nil,
        args.count > 2 ? try intArgument(2, "set_threshold") : nil)
    case .gcGetStats:
      var items: [ObjectID] = []
      for stats in heap.gcStats {
        let dict = heap.newDict()
        for (key, value) in [
          ("collections", stats.collections), ("collected", stats.collected),
          ("uncollectable", stats.uncollectable),
        ] {
          let keyObject = heap.intern(key)
          let valueObject = heap.newInt(value)
          try dictSet(dict, key: keyObject, value: valueObject)
          drop(keyObject)
          drop(valueObject)
        }
        items.append(dict)
      }
      return heap.newList(items)
    case .gcGetObjects:
      let argument = args.first ?? keywords.first { $0.0 == "generation" }?.1
      let generation = argument.flatMap { $0 == heap.none ? nil : heap.intValue($0) }
      if let generation, !(0...2).contains(generation) {
        throw raise(
          .valueError, "generation parameter must be less than the number of available generations (3)")
      }
      return heap.newList(heap.gcObjects(generation: generation).map { retain($0) })
    case .gcGetReferrers:
      var result: [ObjectID] = []
      for target in args {
        for referrer in heap.referrers(of: target)
        where referrer != argumentTuple && !result.contains(referrer) {
          result.append(referrer)
        }
      }
      return heap.newList(result.map { retain($0) })
    case .gcGetReferents:
      var result: [ObjectID] = []
      for object in args { result.append(contentsOf: heap.referents(of: object)) }
      return heap.newList(result.map { retain($0) })
    case .gcIsTracked:
      // The interpreter's own builtin functions are tracked in CPython; the
      // model keeps them outside its generations.
      return heap.newBool(heap.isTracked(args[0]) || heap.kind(of: args[0]) == .builtinFunction)
    case .gcIsFinalized:
      return heap.newBool(heap.isFinalized(args[0]))
    case .gcSetDebug:
      heap.setGCDebug(GCDebugFlags(rawValue: try intArgument(0, "set_debug")))
    case .gcGetDebug:
      return heap.newInt(heap.gc.debugFlags.rawValue)
    case .gcFreeze:
      heap.freezeGC()
    case .gcUnfreeze:
      heap.unfreezeGC()
    case .gcGetFreezeCount:
      return heap.newInt(heap.gcFreezeCount)
    case .weakrefRef, .weakrefProxy:
      guard let referent = args.first else {
        throw raise(.typeError, "\(builtin.name) expected at least 1 argument, got 0")
      }
      guard acceptsWeakReferences(referent) else {
        throw raise(.typeError, "cannot create weak reference to '\(try typeName(of: referent))' object")
      }
      let callback = args.count > 1 && args[1] != heap.none ? retain(args[1]) : ObjectID.null
      if builtin == .weakrefRef, callback.isNull,
        let existing = heap.weakrefLists[referent]?.first(where: {
          heap.kind(of: $0) == .weakref && heap.type(of: $0) == heap.typeObject(.weakref)
            && heap.weakrefCallback($0).isNull
        })
      {
        return retain(existing)
      }
      // A proxy without a callback is shared too (`get_basic_refs`).
      if builtin == .weakrefProxy, callback.isNull,
        let existing = heap.weakrefLists[referent]?.first(where: {
          heap.kind(of: $0) == .weakproxy && heap.weakrefCallback($0).isNull
        })
      {
        return retain(existing)
      }
      let weakref = heap.newWeakref(to: referent, callback: callback)
      if builtin == .weakrefProxy { heap.markAsProxy(weakref, callable: try isCallableObject(referent)) }
      return weakref
    case .weakrefGetweakrefcount:
      return heap.newInt(heap.weakrefLists[args[0]]?.count ?? 0)
    default:
      preconditionFailure("\(builtin) is not a gc or weakref function")
    }
    return retain(heap.none)
  }

  func acceptsWeakReferences(_ object: ObjectID) -> Bool {
    switch heap.kind(of: object) {
    case .instance: return true
    case .slotsInstance: return heap.classPayload(heap.type(of: object)).hasWeakrefSlot
    case .function, .type, .set, .frozenset, .generator, .boundMethod, .builtinType, .code: return true
    case .exception:  // a user subclass adds `__weakref__`; the builtins have none
      return heap.kind(of: heap.type(of: object)) == .type
    default: return false
    }
  }

  /// Clears the weak references to a dying object and calls their
  /// callbacks, newest first (`PyObject_ClearWeakRefs`).
  mutating func clearWeakrefs(to object: ObjectID) {
    guard let list = heap.weakrefLists[object] else { return }
    var pending: [(ObjectID, ObjectID)] = []
    for weakref in list.reversed() {
      heap.incref(weakref)
      heap.clearWeakref(weakref)
      let callback = heap.takeWeakrefCallback(weakref)
      pending.append((weakref, callback))
    }
    for (weakref, callback) in pending {
      if !callback.isNull {
        callIgnoringErrors(callback, [weakref])
        drop(callback)
      }
      drop(weakref)
    }
  }
}
