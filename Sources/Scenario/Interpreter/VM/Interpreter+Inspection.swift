// Read-only views of the interpreter for the inspector and the trace: the
// roots (module globals, the current frame's locals), a description of any
// object that never runs Python code (a `__repr__` could change the heap
// being looked at), and the owner of every allocated block.

import HeapModel

extension Interpreter {
  /// The main module's globals, in insertion order.
  public func globalEntries() -> [(name: String, value: ObjectID)] {
    guard !globals.isNull else { return [] }  // after shutdown
    return heap.dictEntries(globals).map { (heap.string($0.key), $0.value) }
  }

  /// The locals of the innermost function frame running now (bound ones).
  public func currentLocals() -> [(name: String, value: ObjectID)] {
    guard let frame = frames.last, frame.namespace.isNull else { return [] }
    let code = program.codes[frame.code]
    var result: [(String, ObjectID)] = []
    for (index, name) in code.varNames.enumerated() where !values[frame.base + index].isNull {
      result.append((name, values[frame.base + index]))
    }
    for (offset, name) in (code.cellNames + code.freeNames).enumerated() {
      let cell = values[frame.base + code.varNames.count + offset]
      if !cell.isNull { result.append((name, cell)) }
    }
    return result
  }

  /// The name of the function running now, nil at module level.
  public var currentFunctionName: String? {
    guard let frame = frames.last, frame.code != 0 else { return nil }
    return program.codes[frame.code].qualifiedName
  }

  /// `type(o).__name__`.
  public func typeNameOf(_ id: ObjectID) -> String { typeDisplayName(heap.type(of: id)) }

  /// A short repr computed without running Python code.
  public func describe(_ id: ObjectID, limit: Int = 60) -> String {
    let text: String
    switch heap.kind(of: id) {
    case .none, .bool, .int, .float, .str, .bytes, .notImplemented, .ellipsis:
      text = scalarRepr(id) ?? "?"
    case .list: text = "[<\(heap.itemCount(id)) items>]"
    case .tuple: text = "(<\(heap.itemCount(id)) items>)"
    case .dict: text = "{<\(heap.dictCount(id)) items>}"
    case .classDict: text = "{<\(heap.classDictCount(id)) items>}"
    case .set, .frozenset: text = "{<\(heap.setCount(id)) items>}"
    case .instance, .slotsInstance: text = "<\(typeNameOf(id)) object>"
    case .type: text = "<class '\(heap.classPayload(id).name)'>"
    case .function: text = "<function \(heap.string(heap.function(id).qualifiedName))>"
    case .exception, .stopIteration, .attributeError: text = "<\(typeNameOf(id))>"
    default: text = "<\(typeNameOf(id))>"
    }
    return text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
  }

  /// `sys.getsizeof` of an object.
  public func sizeOfObject(_ id: ObjectID) -> Int {
    (try? sizeOf(id)) ?? Int(heap.sizes[id.slot])
  }
}

extension Interpreter {
  /// Turns the allocator's event log on or off.
  public mutating func recordAllocatorEvents(_ on: Bool) { heap.recordAllocatorEvents(on) }

  /// The allocator events since the last call.
  public mutating func takeAllocatorEvents() -> [AllocatorEvent] { heap.takeAllocatorEvents() }
}
