import HeapModel
import Scenario

/// Compiles and runs `text`; returns stdout, stderr and the exit status.
func runScenario(_ text: String, version: PythonVersion = .default) throws -> (
  stdout: String, stderr: String, status: Int32
) {
  var interpreter = try makeInterpreter(text, version: version)
  let status = try interpreter.run()
  return (
    String(decoding: interpreter.standardOutput, as: UTF8.self),
    String(decoding: interpreter.standardError, as: UTF8.self), status
  )
}

struct ScenarioDidNotCompile: Error, CustomStringConvertible {
  var description: String
}

func makeInterpreter(_ text: String, version: PythonVersion = .default) throws -> Interpreter {
  let source = SourceFile(name: "test.py", text: text)
  let result = compileCheck(source)
  guard let module = result.module else {
    throw ScenarioDidNotCompile(description: DiagnosticFormatter.format(result.diagnostics, in: source))
  }
  return Interpreter(module: module, path: "test.py", version: version)
}
