import ArgumentParser
import Foundation
import Scenario

/// Reads and checks a scenario file, printing diagnostics and exiting with
/// status 2 on bad input.
func loadScenario(_ file: String) throws -> (SourceFile, Module) {
  var isDirectory: ObjCBool = false
  if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
    printToStandardError("heapscope: cannot read '\(file)': Is a directory")
    throw ExitCode(2)
  }
  let data: Data
  do {
    data = try Data(contentsOf: URL(fileURLWithPath: file))
  } catch {
    printToStandardError("heapscope: cannot read '\(file)': \(Check.reason(for: error))")
    throw ExitCode(2)
  }
  let source = SourceFile(name: file, bytes: [UInt8](data))
  let result = compileCheck(source)
  guard let module = result.module else {
    printToStandardError(DiagnosticFormatter.format(result.diagnostics, in: source))
    throw ExitCode(2)
  }
  return (source, module)
}

/// Runs `body` on a thread with a large stack (deep Python recursion nests
/// Swift calls for `__repr__`, `__del__` and generators) and waits for it.
func onLargeStack<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
  let box = ResultBox<T>()
  let done = DispatchSemaphore(value: 0)
  let thread = Thread {
    box.value = body()
    done.signal()
  }
  thread.stackSize = 1 << 29
  thread.start()
  done.wait()
  return box.value!
}

private final class ResultBox<T>: @unchecked Sendable {
  var value: T?
}
