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
/// Asynchronous signals (resize, interrupt, termination) are delivered to
/// that thread, so the inspector's `getch` wakes up for a resize.
func onLargeStack<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
  let box = ResultBox<T>()
  let done = DispatchSemaphore(value: 0)
  var signals = sigset_t()
  sigemptyset(&signals)
  for signal in [SIGWINCH, SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signal) }
  var previous = sigset_t()
  pthread_sigmask(SIG_BLOCK, &signals, &previous)
  let unblock = signals
  let thread = Thread {
    var mask = unblock
    pthread_sigmask(SIG_UNBLOCK, &mask, nil)
    box.value = body()
    done.signal()
  }
  thread.stackSize = 1 << 29
  thread.start()
  done.wait()
  pthread_sigmask(SIG_SETMASK, &previous, nil)
  return box.value!
}

private final class ResultBox<T>: @unchecked Sendable {
  var value: T?
}
