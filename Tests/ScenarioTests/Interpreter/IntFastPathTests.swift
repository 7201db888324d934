import HeapModel
import Testing

@testable import Scenario

/// The int, iterator and generator fast paths of session 8 (ints,
/// docs/PERFORMANCE.md): the one-digit arithmetic path makes the objects the
/// general path makes, and scenarios crossing every boundary (the small-int
/// cache's edges, one and two digits, 64-bit overflow, bool operands, zero
/// divisors; range, list, tuple and reversed iterators in every state;
/// generator pipelines with blocks, exceptions and finalizers) print what
/// CPython prints. Expected outputs measured with CPython 3.8.18–3.13.0
/// (identical in all six).
@Suite struct IntFastPathTests {
  static let values: [Int] = [
    0, 1, -1, 2, -3, 7, -5, -6, 255, 256, 257, (1 << 30) - 1, 1 << 30, -(1 << 30) + 1, -(1 << 30),
    (1 << 31) + 5, (1 << 60) - 1, 1 << 62, Int.max, Int.min,
  ]

  /// `smallIntOperation`'s one-digit branch against the general branch it
  /// skips, for every pair of boundary values: the same value, block size
  /// and cached object, or nil from both.
  @Test(arguments: PythonVersion.allCases)
  func oneDigitPathMakesTheGeneralPathsObjects(version: PythonVersion) throws {
    var interpreter = try makeInterpreter("pass", version: version)
    interpreter.heap.makeUnique()
    let operators: [BinaryOperator] = [.add, .subtract, .multiply, .floorDivide, .modulo]
    var fastResults = 0
    for x in Self.values {
      for y in Self.values {
        for op in operators {
          let a = interpreter.heap.newInt(x)
          let b = interpreter.heap.newInt(y)
          let fast = interpreter.smallIntOperation(op, a, b)
          let general = interpreter.generalSmallIntOperation(op, a, b)
          #expect((fast == nil) == (general == nil), "\(x) \(op) \(y)")
          if let fast, let general {
            fastResults += 1
            #expect(
              interpreter.heap.bigIntValue(fast) == interpreter.heap.bigIntValue(general), "\(x) \(op) \(y)")
            #expect(
              interpreter.heap.sizes[fast.slot] == interpreter.heap.sizes[general.slot], "\(x) \(op) \(y)")
            #expect(interpreter.heap.isStatic(fast) == interpreter.heap.isStatic(general), "\(x) \(op) \(y)")
            if interpreter.heap.isStatic(fast) { #expect(fast == general) }
            interpreter.drop(fast)
            interpreter.drop(general)
          }
          interpreter.drop(a)
          interpreter.drop(b)
        }
      }
    }
    #expect(fastResults > 1500)
  }

  /// Bools stay off the one-digit branch: `True & True` is a bool, `True + 1` an int.
  @Test(arguments: PythonVersion.allCases)
  func boolOperandsKeepTheirResults(version: PythonVersion) throws {
    var interpreter = try makeInterpreter("pass", version: version)
    interpreter.heap.makeUnique()
    let t = interpreter.heap.trueObject
    let one = interpreter.heap.newInt(1)
    let and = interpreter.smallIntOperation(.bitAnd, t, t)
    #expect(and == interpreter.heap.trueObject)
    let result = interpreter.smallIntOperation(.add, t, one)
    let sum = try #require(result)
    #expect(interpreter.heap.kind(of: sum) == .int)
    #expect(interpreter.heap.intValue(sum) == 2)
  }

  static let arithmetic = """
    import sys
    vals = [0, 1, -1, 5, -5, -6, 255, 256, 257, 2**30 - 1, 2**30, -(2**30) + 1, -(2**30), 2**60 - 1, 2**60, 2**62, 2**63 - 1, -(2**63)]
    out = []
    for x in vals:
        for y in [1, -1, 2, -3, 7, 2**30 - 1, -(2**30), 2**30, 2**31 + 5]:
            out.append((x + y, x - y, x * y, x // y, x % y))
    print(out[9 * 9 + 5], out[9 * 12 + 6])
    print(sum(a + b + c + d + e for a, b, c, d, e in out) % 1000003)
    print([sys.getsizeof(v) for t in out[::7] for v in t if v][:40])
    a = 250
    b = 256
    c = -5
    print(a + 6 is b, a + 7 is a + 7, a - 255 is c, a - 256 is a - 256, (a + 7) == 257)
    t = True
    print(t + 1, t * (2**30), t - 2, t // 1, t % 2, t + t, t & t, t | False, t ^ t, True * True)
    print(7 // -2, -7 // 2, -7 % 2, 7 % -2, -(2**30) // 1, (2**30 - 1) * (2**30 - 1), -(2**30) * -(2**30))
    for d in (0, False):
        try:
            print(1 // d)
        except ZeroDivisionError as e:
            print(type(e).__name__)
        try:
            print(5 % d)
        except ZeroDivisionError as e:
            print(type(e).__name__)
    x = 0
    while x < 300:
        x += 7
    print(x, x < 301, x <= 300, x > 300, x >= 301, x == 301, x != 301, 1 < True, True == 1, 2**64 > x)
    n = 0
    if n: print("no")
    if not 0: print("zero false")
    if 2**70: print("big true")
    if -1: print("neg true")
    if not False and True: print("bools")

    """

  @Test(arguments: PythonVersion.allCases)
  func arithmeticAcrossBoundariesAgreesWithCPython(version: PythonVersion) throws {
    let result = try runScenario(Self.arithmetic, version: version)
    #expect(result.stderr == "")
    #expect(
      result.stdout == """
        (2147483646, 0, 1152921502459363329, 1, 0) (-2147483648, 0, 1152921504606846976, 1, 0)
        669905
        [28, 28, 32, 32, 32, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 32, 32, 32, 28, 32, 28, 32, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 32, 28]
        True False True False True
        2 1073741824 -1 1 1 2 True True False 1
        -4 -4 1 -1 -1073741824 1152921502459363329 1152921504606846976
        ZeroDivisionError
        ZeroDivisionError
        ZeroDivisionError
        ZeroDivisionError
        301 False False True True True False False True True
        zero false
        big true
        neg true
        bools

        """)
  }

  static let iteration = """
    import sys
    print(list(range(5)), list(range(10, -3, -4)), list(range(250, 262, 3)), list(range(2**30 - 2, 2**30 + 2)))
    print(list(range(2**62, 2**62 + 3)), list(range(-(2**31), -(2**31) + 9, 4)), list(range(0)), list(range(5, 1)))
    r = iter(range(3))
    print(next(r), next(r), next(r), next(r, "end"), next(r, "end"))
    items = ["a", "b", "c"]
    seen = []
    for s in items:
        seen.append(s)
        if len(items) < 5:
            items.append(s + "!")
    print(seen)
    items = [1, 2, 3, 4, 5]
    for v in items:
        if v == 2:
            del items[3:]
        seen.append(v)
    print(seen[-3:])
    it = iter([7, 8])
    print(next(it), next(it), next(it, "end"), next(it, "end"))
    tu = (1, "x", None)
    print([v for v in tu], [v for v in reversed([1, 2, 3])], list(reversed([])))
    rv = reversed([1, 2, 3])
    print(next(rv), next(rv), next(rv), next(rv, "end"), next(rv, "end"))
    lst = [1, 2, 3]
    rv = reversed(lst)
    print(next(rv))
    lst.clear()
    print(next(rv, "end"))
    class Old:
        def __getitem__(self, i):
            if i >= 3:
                raise IndexError(i)
            return i * 10
    print(list(Old()), [v for v in Old()])
    held = [10**20]
    before = sys.getrefcount(held[0])
    walker = iter(held)
    value = next(walker)
    print(sys.getrefcount(held[0]) - before)
    del value
    print(sum(range(100000)), sum(x * x for x in range(1000) if x % 3 == 0))

    """

  @Test(arguments: PythonVersion.allCases)
  func iteratorsAgreeWithCPython(version: PythonVersion) throws {
    let result = try runScenario(Self.iteration, version: version)
    #expect(result.stderr == "")
    #expect(
      result.stdout == """
        [0, 1, 2, 3, 4] [10, 6, 2, -2] [250, 253, 256, 259] [1073741822, 1073741823, 1073741824, 1073741825]
        [4611686018427387904, 4611686018427387905, 4611686018427387906] [-2147483648, -2147483644, -2147483640] [] []
        0 1 2 end end
        ['a', 'b', 'c', 'a!', 'b!']
        [1, 2, 3]
        7 8 end end
        [1, 'x', None] [3, 2, 1] []
        3 2 1 end end
        3
        end
        [0, 10, 20] [0, 10, 20]
        1
        4999950000 111277611

        """)
  }

  static let generators = """
    import sys, gc
    def numbers(n):
        try:
            i = 0
            while i < n:
                yield i
                i += 1
        finally:
            print("numbers done", n)
    def squares(src):
        for x in src:
            try:
                yield x * x
            except GeneratorExit:
                print("squares exit")
                raise
    def evens(src):
        for x in src:
            if x % 2 == 0:
                yield x
    print(sum(evens(squares(numbers(10)))), list(evens(squares(numbers(3)))))
    def talker(n):
        for i in range(n):
            print("got", (yield i), i)
    print(list(talker(3)))
    g = talker(5)
    print(next(g), next(g))
    del g
    def failing(n):
        for i in range(n):
            if i == 2:
                raise KeyError(i)
            yield i
    def relay(src):
        try:
            for v in src:
                yield v + 1000
        except KeyError as e:
            print("relay caught", e)
            yield -1
    print(list(relay(failing(5))))
    payload = [2**40]
    def holder(obj):
        keep = obj
        yield 1
        yield keep
    h = holder(payload)
    base = sys.getrefcount(payload)
    next(h)
    print(sys.getrefcount(payload) - base)
    next(h)
    h = None
    print(sys.getrefcount(payload) - base)
    box = [None]
    def cyc(b):
        loc = b
        yield 1
        yield 2
    c = cyc(box)
    box[0] = c
    next(c)
    del c, box
    print("collected", gc.collect() > 0)
    def reentrant():
        yield next(r)
    r = reentrant()
    try:
        next(r)
    except ValueError as e:
        print(type(e).__name__, e)
    e = iter(numbers(2))
    print(next(e), next(e), next(e, "end"), next(e, "end"))
    def outer():
        for a in numbers(2):
            for b in squares(numbers(3)):
                yield (a, b)
    print(list(outer()))
    def early():
        yield from_list()
    def from_list():
        return [x * 3 for x in range(4)]
    print(list(early()), [x for x in (y * 2 for y in range(2**30 - 1, 2**30 + 2))])

    """

  @Test(arguments: PythonVersion.allCases)
  func generatorPipelinesAgreeWithCPython(version: PythonVersion) throws {
    let result = try runScenario(Self.generators, version: version)
    #expect(result.stderr == "")
    #expect(
      result.stdout == """
        numbers done 10
        numbers done 3
        120 [0, 4]
        got None 0
        got None 1
        got None 2
        [0, 1, 2]
        got None 0
        0 1
        relay caught 2
        [1000, 1001, -1]
        1
        -1
        collected False
        ValueError generator already executing
        numbers done 2
        0 1 end end
        numbers done 3
        numbers done 3
        numbers done 2
        [(0, 0), (0, 1), (0, 4), (1, 0), (1, 1), (1, 4)]
        [[0, 3, 6, 9]] [2147483646, 2147483648, 2147483650]

        """)
  }
}
