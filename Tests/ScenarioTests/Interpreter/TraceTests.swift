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
}
