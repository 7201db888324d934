import Foundation
import HeapModel
import Testing

/// Re-measures a small sample on the installed interpreters (pyenv's
/// 3.8.18 … 3.13.0) and compares it with the model, so a changed interpreter
/// or a stale fixture shows up. Skipped when no interpreter is installed.
@Suite struct LayoutLiveTests {
  static let patches: [PythonVersion: String] = [
    .py38: "3.8.18", .py39: "3.9.18", .py310: "3.10.13", .py311: "3.11.7", .py312: "3.12.1", .py313: "3.13.0",
  ]

  static var pyenvRoot: String {
    ProcessInfo.processInfo.environment["PYENV_ROOT"]
      ?? (NSHomeDirectory() as NSString).appendingPathComponent(".pyenv")
  }

  static func interpreter(_ version: PythonVersion) -> String? {
    guard let patch = patches[version] else { return nil }
    let path = "\(pyenvRoot)/versions/\(patch)/bin/python3"
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }

  static var anyInterpreter: Bool { PythonVersion.allCases.contains { interpreter($0) != nil } }

  /// Prints `name size size …` lines: the live <probe> blocks per object
  /// (tracemalloc request sizes), then `sizeof name n` lines.
  static let script = #"""
    import gc, sys, tracemalloc
    N = 1000
    SRC = '''
    class C:
        def __init__(self):
            self.a = 1
            self.b = 2
    def probe(keep, I):
        for i in range(N):
            keep[i] = (EXPR)
    '''
    def blocks(name, expr, inputs=None):
        ns = {'N': N}
        exec(compile(SRC.replace('EXPR', expr), '<probe>', 'exec'), ns)
        keep = [None] * N
        gc.collect()
        tracemalloc.clear_traces()
        ns['probe'](keep, inputs)
        hist = {}
        for t in tracemalloc.take_snapshot().traces:
            f = t.traceback[0]
            if f.filename == '<probe>' and f.lineno != 7:
                hist[t.size] = hist.get(t.size, 0) + 1
        out = []
        for size, count in hist.items():
            if count >= 0.9 * N:
                out += [size] * round(count / N)
        print(name, *sorted(out, reverse=True))
        return keep[-1]
    tracemalloc.start(1)
    blocks('list3', '[i, i, i]')
    blocks('dict6', '{K: i for K in I}', list(range(1000, 1006)))
    blocks('bigadd', '(2**40 + 5) + i')
    blocks('instance', 'C()')
    blocks('set5', 'set(I)', list(range(1000, 1005)))
    blocks('str8', 'I[1:]', 'x' * 9)
    class W:
        pass
    w = W()
    print('sizeof weakref', sys.getsizeof(__import__('weakref').ref(w)))
    print('sizeof function', sys.getsizeof(lambda: 0))
    print('sizeof latin1', sys.getsizeof(chr(233)))
    """#

  static func run(_ executable: String) throws -> [String: [Int]] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["-c", script]
    process.environment = ["PYTHONHASHSEED": "0", "PYTHONBREAKPOINT": "0"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    var result: [String: [Int]] = [:]
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
      var words = line.split(separator: " ").map(String.init)
      if words.first == "sizeof" { words.removeFirst() }
      guard let name = words.first else { continue }
      result[name] = words.dropFirst().compactMap { Int($0) }
    }
    return result
  }

  @Test(
    .enabled(if: anyInterpreter, "no pyenv CPython 3.8–3.13 interpreter installed"),
    arguments: PythonVersion.allCases)
  func sampleMatchesLiveInterpreter(version: PythonVersion) throws {
    guard let executable = Self.interpreter(version) else { return }  // this one is not installed
    let live = try Self.run(executable)
    let layouts = ObjectLayouts(version: version)
    var shared = SharedKeys(version: version)
    var reservation = shared.instanceCreated()
    for _ in 0..<60 { reservation = shared.instanceCreated() }
    let instance: [Int] =
      switch version {
      case .py38, .py39, .py310: [64, 48, 40]
      case .py311, .py312:
        [
          layouts.instanceBlockSize(.plain),
          layouts.instanceValuesBlockSize(capacity: 3),
        ].sorted(by: >)
      case .py313: [layouts.instanceBlockSize(.plain, valueCapacity: 3)]
      }
    #expect(reservation.capacity == (version >= .py311 ? 1 : 5))
    let expected: [String: [Int]] = [
      "list3": [56, 24],
      "dict6": [layouts.dictKeysBlockSize(slots: 16, keys: .general), 64],
      "bigadd": [layouts.intBlockSize(resultDigits: 2, origin: .magnitudeAdd(lhsDigits: 2, rhsDigits: 1))],
      "instance": instance,
      "set5": [512, 216],
      "str8": [layouts.strBlockSize(length: 8, kind: .ascii)],
      "weakref": [layouts.fixedGetsizeof(.weakref) ?? 0],
      "function": [layouts.fixedGetsizeof(.function) ?? 0],
      "latin1": [layouts.cachedStrGetsizeof(length: 1, kind: .latin1)],
    ]
    #expect(live.count == expected.count, "\(version): \(live)")
    for (name, want) in expected.sorted(by: { $0.key < $1.key }) {
      #expect(live[name] == want, "\(version) live \(name)")
    }
  }
}
