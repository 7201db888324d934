// How the objects of a collection are named in its phase records (see
// `GCPhaseRecord`): the type name and a short repr, computed from the heap
// alone — the collector is mid-flight, so no Python code may run.

import HeapModel

extension Interpreter {
  /// "Node <Node object>", "list [<3 items>]", "dict {<2 items>}"…
  static func gcPhaseLabel(_ heap: Heap, _ id: ObjectID) -> String {
    let cls = heap.type(of: id)
    let typeName =
      heap.kind(of: cls) == .type ? heap.classPayload(cls).name : (heap.builtinType(of: cls)?.name ?? "?")
    let text: String
    switch heap.kind(of: id) {
    case .list: text = "[<\(heap.itemCount(id)) items>]"
    case .tuple: text = "(<\(heap.itemCount(id)) items>)"
    case .dict: text = "{<\(heap.dictCount(id)) items>}"
    case .type: text = "<class '\(heap.classPayload(id).name)'>"
    case .function: text = "<function \(heap.string(heap.function(id).qualifiedName))>"
    default: text = "<\(typeName) object>"
    }
    return "\(typeName) \(text)"
  }
}
