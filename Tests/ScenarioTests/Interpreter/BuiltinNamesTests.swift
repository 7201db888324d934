import Foundation
import HeapModel
import Testing

@testable import Scenario

/// The builtins namespace against CPython's: every name of CPython's builtins
/// module either resolves in the interpreter or is rejected by the checker;
/// nothing else resolves (no `generator`, no `NoneType`).
@Suite struct BuiltinNamesTests {
  /// Runs `text` without the checker (which would reject the unsupported
  /// names this suite probes) and returns stdout.
  static func runUnchecked(_ text: String) throws -> String {
    let source = SourceFile(name: "test.py", text: text)
    let tree = Parser.parseTree(source)
    try #require(tree.isWhole)
    var interpreter = Interpreter(
      module: Module(body: tree.body, source: source), path: "test.py", version: .default)
    _ = try interpreter.run()
    return String(decoding: interpreter.standardOutput, as: UTF8.self)
  }

  /// A scenario printing each of `names` that is a NameError.
  static func nameErrors(_ names: [String]) throws -> [String] {
    let text = names.map { "try:\n    \($0)\nexcept NameError:\n    print('\($0)')\n" }.joined()
    return try runUnchecked(text).split(separator: "\n").map(String.init)
  }

  @Test func everyCPythonBuiltinResolvesOrIsRejected() throws {
    let restricted = Set(StaticChecker.restrictedBuiltins.keys)
    let names = CPythonBuiltinNames.all.subtracting(restricted).sorted()
    let missing = try Self.nameErrors(names)
    #expect(Set(missing) == StaticChecker.unsupportedBuiltins)
    #expect(StaticChecker.unsupportedBuiltins.isSubset(of: CPythonBuiltinNames.all))
  }

  @Test func internalTypeNamesAreNotBuiltins() throws {
    #expect(
      try Self.nameErrors(["generator", "NoneType", "function", "cell", "builtin_function_or_method", "int"])
        == ["generator", "NoneType", "function", "cell", "builtin_function_or_method"])
    #expect(
      try Self.runUnchecked("print(Ellipsis, NotImplemented, ... is Ellipsis)\n")
        == "Ellipsis NotImplemented True\n")
  }

  @Test func checkerRejectsUnsupportedBuiltinsUnlessBound() {
    #expect(
      CheckerTests.messages("print(oct(8))\n") == [
        "builtin 'oct' is not available in heapscope scenarios (the model does not implement it)"
      ])
    #expect(CheckerTests.messages("def oct(n):\n    return n\nprint(oct(8))\n").isEmpty)
    #expect(CheckerTests.messages("try:\n    pass\nexcept OSError:\n    pass\n").count == 1)
    #expect(CheckerTests.messages("x.format(1)\n'{}'.format(2)\n").isEmpty)
  }

  static var pyenvRoot: String {
    ProcessInfo.processInfo.environment["PYENV_ROOT"]
      ?? (NSHomeDirectory() as NSString).appendingPathComponent(".pyenv")
  }

  static var interpreters: [String] {
    let versions = (try? FileManager.default.contentsOfDirectory(atPath: "\(pyenvRoot)/versions")) ?? []
    return versions.filter { $0.hasPrefix("3.") }.map { "\(pyenvRoot)/versions/\($0)/bin/python3" }
      .filter { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Re-measures the generated list (tools/builtins/cpython_builtin_names.py)
  /// on the installed interpreters.
  @Test(.enabled(if: !interpreters.isEmpty, "no pyenv CPython interpreter installed"))
  func generatedListMatchesTheInterpreters() throws {
    var measured: Set<String> = []
    for executable in Self.interpreters {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = ["-c", "import builtins; print(*dir(builtins))"]
      let pipe = Pipe()
      process.standardOutput = pipe
      try process.run()
      let data = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      measured.formUnion(
        String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init))
    }
    #expect(measured == CPythonBuiltinNames.all)
  }
}

/// Attributes of builtin values that CPython has and the model lacks stop
/// the run instead of raising an AttributeError CPython would not raise.
@Suite struct UnmodelledAttributeTests {
  @Test func cpythonAttributeTheModelLacksStopsTheRun() throws {
    #expect(throws: InterpreterStop.unsupported(feature: "str.maketrans", line: 3)) {
      _ = try runScenario("x = 'ab'\ntry:\n    x.maketrans('a', 'b')\nexcept AttributeError:\n    pass\n")
    }
    #expect(throws: InterpreterStop.unsupported(feature: "object.__sizeof__", line: 3)) {
      _ = try runScenario("class C:\n    pass\nC().__sizeof__()\n")
    }
  }

  @Test func attributesCPythonLacksStillRaise() throws {
    let missing = try runScenario("try:\n    'ab'.nope\nexcept AttributeError as e:\n    print(e)\n")
    #expect(missing.stdout == "'str' object has no attribute 'nope'\n")
    // str.removeprefix arrived in 3.9.
    let old = try runScenario("print(hasattr('ab', 'removeprefix'))\n", version: .py38)
    #expect(old.stdout == "False\n")
    let new = try runScenario("print(hasattr('ab', 'removeprefix'))\n", version: .py39)
    #expect(new.stdout == "True\n")
    #expect(throws: InterpreterStop.unsupported(feature: "str.isnumeric", line: 1)) {
      _ = try runScenario("print(hasattr('ab', 'isnumeric'))\n", version: .py39)
    }
  }

  /// Re-measures `dir(str)` and `dir(list)` on the installed interpreters
  /// against the generated table (tools/builtins/cpython_type_attributes.py).
  @Test(.enabled(if: !BuiltinNamesTests.interpreters.isEmpty, "no pyenv CPython interpreter installed"))
  func generatedTableMatchesTheInterpreters() throws {
    for executable in BuiltinNamesTests.interpreters {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = [
        "-c", "import sys; print(sys.version_info[1]); print(*dir(str)); print(*dir(list))",
      ]
      let pipe = Pipe()
      process.standardOutput = pipe
      try process.run()
      let data = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
      let minor = try #require(Int(lines[0]))
      guard (8...13).contains(minor) else { continue }
      for (type, line) in zip(["str", "list"], lines.dropFirst()) {
        let live = Set(line.split(separator: " ").map(String.init))
        let table = Set(
          (CPythonTypeAttributes.masks[type] ?? [:]).filter { $0.value & (1 << (minor - 8)) != 0 }.keys)
        #expect(live == table, "dir(\(type)) of 3.\(minor)")
      }
    }
  }
}
