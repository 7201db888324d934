// The scripted tour the screen tests replay: a list of ints, a two-node
// cycle that outlives its names until a collection finds it, a dict, and a
// string big enough to go to the raw allocator.

import HeapModel

enum TourScript {
  static let source = """
    import gc

    class Node:
        def __init__(self, name):
            self.name = name
            self.next = None

    xs = [i * 1000 for i in range(40)]
    a = Node("a")
    b = Node("b")
    a.next = b; b.next = a
    del a, b
    table = {"answer": 42, "name": "heapscope"}
    big = "x" * 1000
    gc.collect()
    print(len(xs))
    """

  static var steps: [FakeStep] {
    var ints: [FakeOp] = [
      .new(id: 1, type: "list", repr: "[0, 1000, 2000, …]", size: 56, tracked: true, items: 40)
    ]
    for i in 0..<40 {
      ints.append(.new(id: 100 + i, type: "int", repr: "\(i * 1000)", size: 28, tracked: false))
      ints.append(.link(from: 1, label: "[\(i)]", to: 100 + i))
    }
    ints.append(.bind(name: "xs", id: 1))
    return [
      FakeStep(
        line: 1,
        ops: [
          .new(id: 2, type: "module", repr: "<module 'gc'>", size: 72, tracked: true),
          .bind(name: "gc", id: 2),
        ]),
      FakeStep(
        line: 3,
        ops: [
          .new(id: 3, type: "type", repr: "<class 'Node'>", size: 400, tracked: true),
          .bind(name: "Node", id: 3),
        ]),
      FakeStep(line: 8, ops: ints),
      FakeStep(
        line: 9,
        ops: [
          .new(id: 4, type: "Node", repr: "<Node a>", size: 48, tracked: true),
          .new(id: 5, type: "dict", repr: "{'name': 'a', 'next': None}", size: 104, tracked: true),
          .link(from: 4, label: ".__dict__", to: 5), .bind(name: "a", id: 4),
        ]),
      FakeStep(
        line: 10,
        ops: [
          .new(id: 6, type: "Node", repr: "<Node b>", size: 48, tracked: true),
          .new(id: 7, type: "dict", repr: "{'name': 'b', 'next': None}", size: 104, tracked: true),
          .link(from: 6, label: ".__dict__", to: 7), .bind(name: "b", id: 6),
        ]),
      FakeStep(
        line: 11, ops: [.link(from: 5, label: "['next']", to: 6), .link(from: 7, label: "['next']", to: 4)]),
      FakeStep(line: 12, ops: [.unbind(name: "a"), .unbind(name: "b")]),
      FakeStep(
        line: 13,
        ops: [
          .new(id: 8, type: "dict", repr: "{'answer': 42, 'name': 'heapscope'}", size: 184, tracked: true),
          .bind(name: "table", id: 8),
        ]),
      FakeStep(
        line: 14,
        ops: [
          .new(id: 9, type: "str", repr: "'xxxxxxxx…'", size: 1049, tracked: false),
          .bind(name: "big", id: 9),
        ]),
      FakeStep(
        line: 15,
        ops: [
          .gcPhase(
            generation: 2, phase: "update_refs", description: "copy each object's refcount into gc_refs",
            states: [
              (1, 1, false), (3, 1, false), (4, 1, false), (5, 1, false), (6, 1, false), (7, 1, false),
              (8, 1, false),
            ]),
          .gcPhase(
            generation: 2, phase: "subtract_refs",
            description: "subtract references from inside the generation",
            states: [
              (1, 1, false), (3, 1, false), (4, 0, false), (5, 0, false), (6, 0, false), (7, 0, false),
              (8, 1, false),
            ]),
          .gcPhase(
            generation: 2, phase: "move_unreachable",
            description: "objects with gc_refs 0 not reached from outside are unreachable",
            states: [
              (1, 1, false), (3, 1, false), (4, 0, true), (5, 0, true), (6, 0, true), (7, 0, true),
              (8, 1, false),
            ]),
          .free(id: 4), .free(id: 5), .free(id: 6), .free(id: 7),
          .gcDone(generation: 2, collected: 4),
        ]),
      FakeStep(
        line: 16, ops: [.new(id: 10, type: "int", repr: "40", size: 28, tracked: false), .free(id: 10)]),
    ]
  }

  static func driver(version: PythonVersion = .py312) -> FakeReplayDriver {
    FakeReplayDriver(source: source, script: steps, version: version, breakpoints: [12, 15])
  }

  /// The tour after `steps` steps.
  static func driver(at steps: Int, version: PythonVersion = .py312) -> FakeReplayDriver {
    var d = driver(version: version)
    d.seek(step: steps)
    return d
  }
}
