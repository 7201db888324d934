import HeapModel
import Testing

@testable import Scenario

/// `for` loops over generators run the generator's frame in the running
/// evaluation loop (`Interpreter.enterGenerator`) instead of a nested one:
/// yields, returns, exceptions, `break` and finalization must come out as
/// before. Expected output measured with CPython 3.8.18–3.13.0.
@Suite struct EnteredGeneratorTests {
  static let pipeline = """
    import sys
    def numbers(n):
        try:
            for i in range(n):
                yield i
        finally:
            print("numbers closed")
    def squares(src):
        for x in src:
            yield x * x
    total = 0
    for v in squares(numbers(5)):
        if v > 5:
            break
        total += v
    print("total", total)
    def counted():
        g = yield 1
        yield 2
        return 3
    gen = counted()
    for v in gen:
        print(v, sys.getrefcount(gen))
    print([v for v in squares(numbers(3))])
    def failing(n):
        for i in range(n):
            if i == 2:
                raise ValueError("boom %d" % i)
            yield i
    def outer():
        try:
            for v in failing(4):
                print("got", v)
        except ValueError as e:
            print("caught", e)
        return "done"
    print(outer())
    def guarded():
        try:
            yield 1
            yield 2
        except GeneratorExit:
            print("exit")
            raise
    for v in guarded():
        print("guarded", v)
        break
    print("after")
    for v in failing(3):
        print("last", v)

    """

  @Test(arguments: PythonVersion.allCases)
  func forLoopsOverGeneratorsBehaveAsInCPython(version: PythonVersion) throws {
    let output = try runScenario(Self.pipeline, version: version)
    #expect(
      output.stdout == """
        numbers closed
        total 5
        1 3
        2 3
        numbers closed
        [0, 1, 4]
        got 0
        got 1
        caught boom 2
        done
        guarded 1
        exit
        after
        last 0
        last 1

        """)
    // The uncaught exception's traceback has the `for` line, then the
    // generator's line, as a nested run gave it.
    let lines = output.stderr.split(separator: "\n").map(String.init)
    #expect(lines.first == "Traceback (most recent call last):")
    #expect(lines.contains { $0.hasSuffix("line 49, in <module>") })
    #expect(lines.contains { $0.hasSuffix("line 28, in failing") })
    #expect(lines.last == "ValueError: boom 2")
    #expect(output.status == 1)
  }

  /// A run cannot pause inside a generator frame, entered or nested (it
  /// could not when every generator ran in a nested loop); once the `for`
  /// loop is done, even through an exception, every line pauses again.
  @Test(arguments: [PythonVersion.py38, .py311, .py312, .py313])
  func pausesResumeAfterAGeneratorLoopRaises(version: PythonVersion) throws {
    let scenario = """
      def gen(n):
          for i in range(n):
              if i == 2:
                  raise ValueError
              yield i
      try:
          for v in gen(5):
              pass
      except ValueError:
          pass
      a = 1
      b = 2
      c = 3

      """
    var full = try makeInterpreter(scenario, version: version)
    _ = try full.run()
    let total = full.steps
    var interpreter = try makeInterpreter(scenario, version: version)
    var pausedAt: [Int] = []
    var step = 1
    while try !interpreter.advance(toStep: step) {
      pausedAt.append(interpreter.steps)
      #expect(interpreter.frames.count == 1, "paused at step \(interpreter.steps) inside a frame")
      step = interpreter.steps + 1
    }
    // The generator's lines (3–5 of the file, run twice and a half) are
    // skipped; the module's lines after the loop each pause.
    #expect(pausedAt.suffix(3) == [total - 2, total - 1, total])
    #expect(pausedAt.count < total)
    #expect(interpreter.enteredGenerators == 0)
  }
}
