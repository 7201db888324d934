// Runs a replay and hands each trace line to a sink as soon as it exists,
// one step at a time, so `heapscope trace` streams and holds nothing.

import HeapModel

public enum TraceWriter {
  /// Writes the header, then every event of the run, through `sink` (one
  /// chunk of whole lines per step).
  public static func write(
    _ interpreter: inout Interpreter, file: String, encoder: TraceEncoder, sink: (String) -> Void
  ) throws(InterpreterStop) {
    sink(encoder.header(file: file) + "\n")
    var loggedCollections = 0
    while true {
      let step = interpreter.steps
      let line = interpreter.currentLine
      let finished = try interpreter.advance(toStep: step + 1)
      var chunk = ""
      for event in interpreter.takeAllocatorEvents() {
        if let text = encoder.event(step: step, line: line, event) { chunk += text + "\n" }
      }
      for record in interpreter.gcLog.dropFirst(loggedCollections) {
        if let text = encoder.gc(step: step, line: line, record: record) { chunk += text + "\n" }
      }
      loggedCollections = interpreter.gcLog.count
      if !finished,
        let text = encoder.line(
          step: interpreter.steps, line: interpreter.currentLine, function: interpreter.currentFunctionName)
      {
        chunk += text + "\n"
      }
      if !chunk.isEmpty { sink(chunk) }
      if finished { return }
    }
  }
}
