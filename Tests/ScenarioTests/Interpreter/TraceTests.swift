import Foundation
import HeapModel
import Scenario
import Testing

@Suite struct TraceTests {
  static let scenario = """
    import gc
    data = [[i] * 3 for i in range(300)]
    pair = [None, None]
    pair[0] = pair
    del pair
    text = "x" * 1000
    del data[100:]
    gc.collect()
    """

  func trace(_ kinds: Set<TraceKind> = Set(TraceKind.allCases)) throws -> ([[String: Any]], Interpreter) {
    let source = SourceFile(name: "t.py", text: Self.scenario)
    let module = try #require(compileCheck(source).module)
    var interpreter = Interpreter(module: module, path: "t.py", version: .py312, recordingEvents: true)
    var text = ""
    try TraceWriter.write(&interpreter, file: "t.py", encoder: TraceEncoder(version: .py312, kinds: kinds)) {
      text += $0
    }
    let objects = try text.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    return (objects, interpreter)
  }

  @Test func theFirstLineNamesTheSchema() throws {
    let (objects, _) = try trace()
    #expect(objects.first?["schema"] as? String == "heapscope-trace/1")
    #expect(objects.first?["python"] as? String == "3.12")
    #expect(objects.dropFirst().allSatisfy { $0["step"] is Int && $0["line"] is Int && $0["kind"] is String })
  }

  @Test func everyAllocationIsFreedOrStillLive() throws {
    let (objects, interpreter) = try trace()
    var live: Set<String> = []
    for object in objects.dropFirst() {
      let kind = object["kind"] as? String
      switch kind {
      case "alloc": live.insert(object["address"] as! String)
      case "free": #expect(live.remove(object["address"] as! String) != nil, "free of an unknown block")
      case "raw":
        let address = object["address"] as! String
        if object["event"] as? String == "allocated" {
          live.insert(address)
        } else {
          #expect(live.remove(address) != nil)
        }
      case "realloc" where object["raw"] as? Bool == true:
        // A pymalloc realloc that moves also reports its alloc and free.
        let from = object["from"] as! String
        let to = object["to"] as! String
        if from != to {
          #expect(live.remove(from) != nil)
          live.insert(to)
        }
      default: break
      }
    }
    let allocator = interpreter.heap.allocator
    #expect(live.count == allocator.blocksInUse + allocator.rawBlockCount)
    #expect(objects.contains { $0["kind"] as? String == "gc" && ($0["collected"] as? Int ?? 0) >= 1 })
  }

  @Test func filteringKeepsOnlyTheChosenKinds() throws {
    let (objects, _) = try trace([.gc, .arena])
    let kinds = Set(objects.dropFirst().compactMap { $0["kind"] as? String })
    #expect(kinds.isSubset(of: ["gc", "arena"]))
    #expect(kinds.contains("gc"))
  }

  @Test func collectionsAreTracedPhaseByPhaseWithTheirSets() throws {
    let (objects, _) = try trace()
    let phases = objects.filter { $0["kind"] as? String == "gc_phase" }
    let names = phases.compactMap { $0["phase"] as? String }
    #expect(
      Array(names.prefix(5)) == [
        "start_callbacks", "merge_generations", "update_refs", "subtract_refs", "move_unreachable",
      ])
    #expect(names.contains("delete_garbage"))
    #expect(names.last == "stop_callbacks")
    // In stream order: the phases come before the "gc" summary of their step,
    // and the frees of the cleared objects follow delete_garbage.
    let gcIndex = try #require(objects.firstIndex { $0["kind"] as? String == "gc" })
    let deleteIndex = try #require(objects.firstIndex { $0["phase"] as? String == "delete_garbage" })
    #expect(deleteIndex < gcIndex)
    #expect(objects[deleteIndex..<gcIndex].contains { $0["kind"] as? String == "free" })
    #expect(objects[deleteIndex]["step"] as? Int == objects[gcIndex]["step"] as? Int)
    // move_unreachable: the self-referencing list is tentatively unreachable
    // with gc_refs 0; everything listed is in exactly one set.
    let move = try #require(phases.first { $0["phase"] as? String == "move_unreachable" })
    #expect(move["c_function"] as? String == "move_unreachable")
    #expect(move["c_file"] as? String == "Modules/gcmodule.c")
    #expect(move["result"] as? Bool == true)
    let sets = try #require(move["sets"] as? [String: [String]])
    let refs = try #require(move["gc_refs"] as? [String: Int])
    let unreachable = try #require(sets["tentatively_unreachable"])
    #expect(unreachable.count == 1)
    #expect(unreachable.allSatisfy { refs[$0] == 0 })
    #expect(sets.values.reduce(0) { $0 + $1.count } == move["listed"] as? Int)
    #expect(move["unreachable"] as? Int == 1)
    let delete = try #require(phases.first { $0["phase"] as? String == "delete_garbage" })
    #expect((delete["sets"] as? [String: [String]])?["unreachable"] == unreachable)
    let stop = try #require(phases.last)
    #expect((stop["sets"] as? [String: [String]])?["freed"] == unreachable)
    #expect(stop["collected"] as? Int == 1)
  }

  @Test func phaseEventsAreBoundedAndCanBeFiltered() throws {
    let (objects, _) = try trace([.gcPhase])
    #expect(!objects.dropFirst().isEmpty)
    #expect(objects.dropFirst().allSatisfy { $0["kind"] as? String == "gc_phase" })
    for object in objects.dropFirst() {
      let listed = try #require(object["listed"] as? Int)
      #expect(listed <= GCPhaseRecord.objectLimit)
      #expect(listed <= object["examined"] as? Int ?? 0 || object["phase"] as? String == "start_callbacks")
    }
  }

  @Test func aBigCollectionListsTheUnreachableAndCountsTheRest() throws {
    let text = """
      import gc
      gc.disable()
      keep = [[i] for i in range(400)]
      ring = [None]
      ring[0] = ring
      del ring
      print(gc.collect())
      """
    let module = try #require(compileCheck(SourceFile(name: "big.py", text: text)).module)
    var interpreter = Interpreter(module: module, path: "big.py", version: .py312, recordingEvents: true)
    var lines = ""
    try TraceWriter.write(
      &interpreter, file: "big.py", encoder: TraceEncoder(version: .py312, kinds: [.gcPhase])
    ) {
      lines += $0
    }
    let objects = try lines.split(separator: "\n").dropFirst().map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    let move = try #require(objects.first { $0["phase"] as? String == "move_unreachable" })
    #expect(move["examined"] as? Int ?? 0 > 400)
    #expect(move["listed"] as? Int == GCPhaseRecord.objectLimit)
    // The ring was created last, so it is at the tail of the generation,
    // past the first 256: listed anyway.
    let sets = try #require(move["sets"] as? [String: [String]])
    #expect(sets["tentatively_unreachable"]?.count == 1)
    let merge = try #require(objects.first { $0["phase"] as? String == "merge_generations" })
    #expect((merge["sets"] as? [String: [String]])?["collecting"]?.count == GCPhaseRecord.objectLimit)
  }
}
