import HeapModel
import Testing

@testable import Scenario

/// The evaluation loop's fast paths of session 10 (loop2,
/// docs/PERFORMANCE.md): a fused COMPARE_OP POP_JUMP_IF on two floats or
/// 64-bit ints decides its jump without the bool, FOR_ITER steps range, list
/// and tuple iterators in one call (`Heap.nextPlainItem`), and an append
/// with room left calls nothing. Each is checked against the general path
/// it skips: same answers, same reference counts.
@Suite struct LoopFastPathTests {
  /// Each comparison once as a fused jump (`if a < b`, `if not a < b`,
  /// against a constant) and once through a stored bool (`t = a < b`,
  /// then `if t`), over ints around the small-int cache and 2^30, 2^63 and
  /// beyond, floats (signed zeros, infinities, NaN), bools and mixed pairs;
  /// then the bools' reference counts, which the fused pairs leave as they
  /// found them.
  static let comparisons = """
    import sys

    values = [0, 1, -1, 3, 256, 257, -5, -6, 2**30 - 1, 2**30, -2**30, 2**62, 2**63 - 1, -2**63, 2**64,
              0.0, -0.0, 0.5, 3.0, 1e300, float("inf"), -float("inf"), float("nan"), True, False]


    def fused(a, b):
        n = 0
        if a < b:
            n += 1
        if a <= b:
            n += 2
        if a > b:
            n += 4
        if a >= b:
            n += 8
        if a == b:
            n += 16
        if a != b:
            n += 32
        if not a < b:
            n += 64
        if a == 3:
            n += 128
        if not a > 3:
            n += 256
        return n


    def stored(a, b):
        n = 0
        t = a < b
        if t:
            n += 1
        t = a <= b
        if t:
            n += 2
        t = a > b
        if t:
            n += 4
        t = a >= b
        if t:
            n += 8
        t = a == b
        if t:
            n += 16
        t = a != b
        if t:
            n += 32
        t = a < b
        if not t:
            n += 64
        t = a == 3
        if t:
            n += 128
        t = a > 3
        if not t:
            n += 256
        return n


    true_before = sys.getrefcount(True)
    false_before = sys.getrefcount(False)
    fused_answers = [fused(a, b) for a in values for b in values]
    true_after = sys.getrefcount(True)
    false_after = sys.getrefcount(False)
    stored_answers = [stored(a, b) for a in values for b in values]
    print(len(fused_answers), fused_answers == stored_answers, sum(fused_answers))
    print(true_after - true_before, false_after - false_before)
    try:
        if 1 < "a":
            pass
    except TypeError as error:
        print(error)

    """

  @Test(arguments: PythonVersion.allCases)
  func fusedComparisonsDecideAsTheGeneralPath(version: PythonVersion) throws {
    let result = try runScenario(Self.comparisons, version: version)
    #expect(result.stderr == "")
    #expect(
      result.stdout == """
        625 True 155428
        0 0
        '<' not supported between instances of 'int' and 'str'

        """)
  }

  /// With a memory limit set, the fused jump runs from its own slot after
  /// the checks (the bool is made and dropped): the same answers.
  @Test(arguments: [PythonVersion.py38, .py312])
  func fusedComparisonsUnderAMemoryLimitDecideTheSame(version: PythonVersion) throws {
    var interpreter = try makeInterpreter(Self.comparisons, version: version)
    interpreter.maxHeap = 1 << 40
    #expect(try interpreter.run() == 0)
    #expect(
      String(decoding: interpreter.standardOutput, as: UTF8.self) == """
        625 True 155428
        0 0
        '<' not supported between instances of 'int' and 'str'

        """)
  }

  /// `nextPlainItem` against `nextItem` on twin iterators of a list and a
  /// tuple, stepped past their end: the same items and reference counts;
  /// nil, with nothing changed, once exhausted and for kinds it leaves to
  /// `nextItem`.
  @Test(arguments: PythonVersion.allCases)
  func plainIteratorStepsMatchNextItem(version: PythonVersion) throws {
    var interpreter = try makeInterpreter("pass", version: version)
    interpreter.heap.makeUnique()
    let items = [
      interpreter.heap.newInt(1000), interpreter.heap.newFloat(0.5), interpreter.heap.newInt(-2000),
    ]
    for item in items { interpreter.heap.incref(item) }  // one reference each for the tuple
    let list = interpreter.heap.newList(items)
    let tuple = interpreter.heap.newTuple(items)
    for sequence in [list, tuple] {
      let plain = try interpreter.getIterator(sequence)
      let general = try interpreter.getIterator(sequence)
      var taken: [ObjectID] = []
      while let item = interpreter.heap.nextPlainItem(plain) {
        let twin = try #require(try interpreter.nextItem(general))
        #expect(item == twin)
        taken.append(item)
        taken.append(twin)
      }
      #expect(taken.count == 2 * items.count)
      for item in items { #expect(interpreter.heap.refcount(of: item) == 4) }  // list, tuple, two taken
      #expect(try interpreter.nextItem(general) == nil)
      #expect(interpreter.heap.refcount(of: sequence) == 2)  // `plain` still holds it
      #expect(interpreter.heap.nextPlainItem(plain) == nil)
      #expect(interpreter.heap.refcount(of: sequence) == 2)
      #expect(try interpreter.nextItem(plain) == nil)  // the general path lets it go
      #expect(interpreter.heap.refcount(of: sequence) == 1)
      for item in taken { interpreter.drop(item) }
      interpreter.drop(plain)
      interpreter.drop(general)
    }
    let text = try interpreter.getIterator(interpreter.heap.newStr("ab"))
    #expect(interpreter.heap.nextPlainItem(text) == nil)
    let first = try #require(try interpreter.nextItem(text))
    #expect(interpreter.heap.string(first) == "a")
  }

  /// `for` loops (`nextPlainItem`) against `next()` (`nextItem`) over
  /// ranges, lists, tuples and reversed lists, including a list that grows
  /// and one that shrinks while it is iterated: the same items, and the
  /// same reference counts seen at each step.
  @Test(arguments: PythonVersion.allCases)
  func forLoopsStepAsNext(version: PythonVersion) throws {
    let scenario = """
      import sys


      def by_for(iterable, grow):
          seen = []
          for item in iterable:
              seen.append((repr(item), sys.getrefcount(item)))
              if grow is not None and len(grow) < 8:
                  grow.append(len(grow) * 1000)
              elif grow is not None and grow:
                  grow.pop()
          return seen


      def by_next(iterable, grow):
          seen = []
          it = iter(iterable)
          while True:
              try:
                  item = next(it)
              except StopIteration:
                  break
              seen.append((repr(item), sys.getrefcount(item)))
              if grow is not None and len(grow) < 8:
                  grow.append(len(grow) * 1000)
              elif grow is not None and grow:
                  grow.pop()
          return seen


      items = [10, 20.5, "x", (1,), 2**70]
      for make in [lambda: range(5, -700, -97), lambda: items, lambda: tuple(items), lambda: reversed(items)]:
          print(by_for(make(), None) == by_next(make(), None), len(by_for(make(), None)))
      growing = [1, 2]
      first = by_for(growing, growing)
      growing = [1, 2]
      print(first == by_next(growing, growing), len(first))
      shrinking = list(range(1000, 1012))
      first = by_for(shrinking, shrinking)
      shrinking = list(range(1000, 1012))
      print(first == by_next(shrinking, shrinking), len(first))

      """
    let result = try runScenario(scenario, version: version)
    #expect(result.stderr == "")
    #expect(
      result.stdout == """
        True 8
        True 5
        True 5
        True 5
        True 7
        True 7

        """)
  }

  /// Appends one at a time leave the capacities `list_resize` gives.
  @Test(arguments: PythonVersion.allCases)
  func appendsKeepListResizeCapacities(version: PythonVersion) throws {
    var interpreter = try makeInterpreter("pass", version: version)
    interpreter.heap.makeUnique()
    let list = interpreter.heap.newList([])
    var capacity = 0
    for count in 0..<200 {
      capacity = interpreter.heap.layouts.listCapacityAfterAppend(size: count, allocated: capacity)
      interpreter.heap.listAppend(list, interpreter.heap.newInt(count))
      #expect(interpreter.heap.listCapacity(list) == capacity, "after \(count + 1) appends")
    }
    #expect(interpreter.heap.itemCount(list) == 200)
    interpreter.drop(list)
  }
}
