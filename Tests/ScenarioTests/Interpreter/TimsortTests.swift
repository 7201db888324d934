import HeapModel
import Testing

@testable import Scenario

/// CPython's list sort (Timsort.swift, Interpreter+Sort.swift) against
/// numbers measured with the real interpreters 3.8–3.13 (PYTHONHASHSEED=0):
/// `__lt__` counts on random lists, NaN orders, tuples holding NaN, key
/// paths. 3.8–3.10 merge with `merge_collapse`, 3.11–3.12 with powersort,
/// 3.13 also lets descending runs hold equal items.
@Suite struct TimsortTests {
  /// The measuring script: a counting `__lt__` on lists from a fixed LCG,
  /// then the unboxed paths (floats with NaN, tuples, keys).
  static let script = """
    seed = 2024
    def rnd(n):
        global seed
        seed = (seed * 1103515245 + 12345) % 2147483648
        return (seed >> 8) % n
    calls = [0]
    class C:
        def __init__(self, v):
            self.v = v
        def __lt__(self, other):
            calls[0] += 1
            return self.v < other.v
    def count(values, reverse=False):
        items = [C(v) for v in values]
        calls[0] = 0
        items.sort(reverse=reverse)
        assert [c.v for c in items] == sorted(values, reverse=reverse)
        return calls[0]
    out = []
    for n in [7, 40, 64, 65, 130, 500]:
        values = [rnd(100) for i in range(n)]
        out.append(count(values))
        out.append(count(values, True))
        out.append(count([v % 5 for v in values]))
        out.append(count([v // 10 for v in sorted(values)][::-1]))
    print(*out)
    nan = float("nan")
    for n in [6, 20, 70]:
        fs = [nan if rnd(4) == 0 else float(rnd(9)) for i in range(n)]
        print(sorted(fs))
        print(sorted(fs, reverse=True)[:12])
    ts = [(float(rnd(3)) if rnd(5) else nan, rnd(2)) for i in range(12)]
    print(sorted(ts))
    ks = [rnd(1000) for i in range(300)]
    print(sorted(range(300), key=lambda i: ks[i] / 3)[:20])
    print(sorted(range(300), key=lambda i: (ks[i] % 7, -ks[i]), reverse=True)[:20])
    zigzag = [(i // 40) * 100 + (i % 40 if (i // 40) % 2 == 0 else -(i % 40)) for i in range(300)]
    print(count([rnd(1000) for i in range(2049)]), count(zigzag), count(zigzag, True))
    """

  /// `__lt__` counts of the script's first line (sizes 7, 40, 64, 65, 130,
  /// 500; each random, reversed, five keys, descending tens).
  static func counts(_ version: PythonVersion) -> [Int] {
    let line =
      version >= .py313
      ? "14 16 15 8 166 164 160 66 311 304 286 116 308 314 293 118 748 753 676 237 3828 3825 2885 943"
      : "13 15 15 15 164 163 159 165 307 300 283 266 305 311 293 271 742 747 674 540 3821 3816 2875 1974"
    return line.split(separator: " ").map { Int($0)! }
  }

  /// The script's last line: 2049 random items, runs of 40 up and down
  /// (forwards and with reverse=True).
  static func lastCounts(_ version: PythonVersion) -> [Int] {
    switch version {
    case .py38, .py39, .py310: return [19890, 412, 829]
    case .py311, .py312: return [19899, 374, 829]
    case .py313: return [19986, 389, 839]
    }
  }

  static func expectedOutput(_ version: PythonVersion) -> String {
    let modern = version >= .py313
    var lines = [counts(version).map(String.init).joined(separator: " ")]
    lines += [
      "[1.0, nan, nan, 1.0, nan, nan]",
      "[1.0, nan, nan, 1.0, nan, nan]",
      "[0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 2.0, 2.0, 2.0, 3.0, 4.0, 5.0, 5.0, 6.0, 8.0, nan, nan, nan, nan, nan]",
      "[8.0, 5.0, 5.0, 4.0, 2.0, 2.0, nan, nan, 6.0, 3.0, 2.0, 1.0]",
      "[0.0, 0.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0, 2.0, 3.0, 3.0, 4.0, 4.0, 4.0, 4.0, 5.0, 6.0, 7.0, 8.0, nan, nan, nan, 4.0, 5.0, 5.0, 5.0, 7.0, 7.0, 8.0, 8.0, 8.0, nan, nan, nan, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 4.0, 4.0, 5.0, nan, 1.0, 2.0, 4.0, 5.0, 5.0, 6.0, 6.0, 6.0, 7.0, 8.0, nan, nan, 7.0, 8.0, nan, 2.0, 5.0, 8.0, 8.0, 8.0, nan]",
    ]
    lines.append(
      modern
        ? "[8.0, 7.0, nan, nan, nan, 8.0, 8.0, 8.0, 7.0, 7.0, 6.0, 5.0]"
        : "[8.0, 7.0, nan, nan, nan, 8.0, 8.0, 8.0, 7.0, 6.0, 5.0, 5.0]")
    lines.append(
      modern
        ? "[(0.0, 1), (nan, 0), (nan, 0), (0.0, 1), (1.0, 0), (1.0, 0), (1.0, 1), (1.0, 1), (1.0, 1), (2.0, 0), (2.0, 1), (2.0, 1)]"
        : "[(nan, 0), (nan, 0), (0.0, 1), (0.0, 1), (1.0, 0), (1.0, 0), (1.0, 1), (1.0, 1), (1.0, 1), (2.0, 0), (2.0, 1), (2.0, 1)]"
    )
    lines += [
      "[209, 76, 148, 4, 116, 219, 51, 80, 203, 11, 214, 192, 5, 289, 15, 70, 231, 234, 129, 291]",
      "[116, 203, 234, 290, 107, 265, 166, 191, 164, 131, 26, 163, 68, 274, 71, 56, 152, 186, 13, 190]",
    ]
    lines.append(lastCounts(version).map(String.init).joined(separator: " "))
    return lines.joined(separator: "\n") + "\n"
  }

  @Test(arguments: PythonVersion.allCases)
  func scenarioMatchesCPython(version: PythonVersion) throws {
    let result = try runScenario(Self.script, version: version)
    #expect(result.stderr == "")
    #expect(result.stdout == Self.expectedOutput(version))
  }

  // MARK: The algorithm alone

  /// The script's generator, `seed = (seed * 1103515245 + 12345) % 2**31`.
  struct Generator {
    var seed = 2024
    mutating func next(_ n: Int) -> Int {
      seed = (seed &* 1_103_515_245 &+ 12345) % 2_147_483_648
      return (seed >> 8) % n
    }
  }

  struct CountingOrder: TimsortOrder {
    var calls = 0
    var failed: Bool { false }
    mutating func less(_ a: Int, _ b: Int) -> Bool {
      calls += 1
      return a < b
    }
  }

  /// Sorts as `list.sort` does (reversing around a forward sort), checks
  /// the result is sorted and stable, and returns the number of `<` calls.
  static func sortCounting(_ values: [Int], reverse: Bool = false, version: PythonVersion) -> Int {
    var entries = values.enumerated().map { SortEntry(key: $0.element, index: Int32($0.offset)) }
    if reverse { entries.reverse() }
    var order = CountingOrder()
    entries.withUnsafeMutableBufferPointer {
      Timsort.sort($0, order: &order, variant: TimsortVariant(version: version))
    }
    if reverse { entries.reverse() }
    let stable = values.enumerated().sorted {
      $0.element != $1.element
        ? (reverse ? $0.element > $1.element : $0.element < $1.element) : $0.offset < $1.offset
    }
    #expect(entries.map { Int($0.index) } == stable.map(\.offset))
    return order.calls
  }

  /// The same counts from the algorithm driven directly, with the same
  /// pseudo-random lists (the generator is replayed through the NaN and
  /// tuple parts of the script to reach the 2049-item list).
  @Test(arguments: PythonVersion.allCases)
  func comparisonCountsMatchCPython(version: PythonVersion) {
    var random = Generator()
    var counts: [Int] = []
    for n in [7, 40, 64, 65, 130, 500] {
      let values = (0..<n).map { _ in random.next(100) }
      counts.append(Self.sortCounting(values, version: version))
      counts.append(Self.sortCounting(values, reverse: true, version: version))
      counts.append(Self.sortCounting(values.map { $0 % 5 }, version: version))
      counts.append(Self.sortCounting(Array(values.sorted().map { $0 / 10 }.reversed()), version: version))
    }
    #expect(counts == Self.counts(version))
    for n in [6, 20, 70] {
      for _ in 0..<n where random.next(4) != 0 { _ = random.next(9) }
    }
    for _ in 0..<12 {
      if random.next(5) != 0 { _ = random.next(3) }
      _ = random.next(2)
    }
    for _ in 0..<300 { _ = random.next(1000) }
    let zigzag = (0..<300).map { i in (i / 40) * 100 + ((i / 40) % 2 == 0 ? i % 40 : -(i % 40)) }
    let last = [
      Self.sortCounting((0..<2049).map { _ in random.next(1000) }, version: version),
      Self.sortCounting(zigzag, version: version),
      Self.sortCounting(zigzag, reverse: true, version: version),
    ]
    #expect(last == Self.lastCounts(version))
  }

  /// `sorted([3.0, nan, 1.0, 2.0])`: the first run is [3.0] + nan ("not
  /// less" both ways), the binary insertions of 1.0 and 2.0 compare with
  /// nan and stop there.
  @Test(arguments: PythonVersion.allCases)
  func nanSplitsTheRuns(version: PythonVersion) {
    var entries = [3.0, .nan, 1.0, 2.0].enumerated().map {
      SortEntry(key: $0.element, index: Int32($0.offset))
    }
    var order = FloatKeyOrder()
    entries.withUnsafeMutableBufferPointer {
      Timsort.sort($0, order: &order, variant: TimsortVariant(version: version))
    }
    #expect(entries.map(\.index) == [0, 1, 2, 3])
  }

  @Test func minrunAndPower() {
    #expect(
      [0, 63, 64, 65, 127, 128, 2049, 1_000_000].map(Timsort<CountingOrder>.minimumRunLength) == [
        0, 63, 32, 33, 64, 32, 33, 62,
      ])
    // Two halves of a list of 8: their midpoints 2/8 and 6/8 first differ
    // in the first bit; runs [0, 2) and [2, 4) in the second.
    #expect(Timsort<CountingOrder>.power(start: 0, first: 4, second: 4, total: 8) == 1)
    #expect(Timsort<CountingOrder>.power(start: 0, first: 2, second: 2, total: 8) == 2)
  }

  /// A comparison failing part way: the sort stops where CPython stops and
  /// leaves CPython's partial order (measured, scenario sort_algorithm.py).
  @Test(arguments: PythonVersion.allCases)
  func failingComparisonLeavesCPythonsPartialOrder(version: PythonVersion) throws {
    let result = try runScenario(
      """
      calls = [0]
      class Fragile:
          def __init__(self, v):
              self.v = v
          def __lt__(self, other):
              calls[0] += 1
              if calls[0] == 12:
                  raise RuntimeError("comparison failed")
              return self.v < other.v
      items = [Fragile((i * 7) % 10) for i in range(10)]
      try:
          items.sort()
      except RuntimeError as e:
          print(e, calls[0], [f.v for f in items])
      """, version: version)
    #expect(
      result.stdout
        == (version >= .py313
          ? "comparison failed 12 [0, 1, 4, 7, 8, 5, 2, 9, 6, 3]\n"
          : "comparison failed 12 [0, 1, 4, 5, 7, 8, 2, 9, 6, 3]\n"))
  }

  /// The list reads as empty during the sort; growing it raises after the
  /// sort and drops what was added; a failing key leaves the list alone.
  @Test(arguments: PythonVersion.allCases)
  func listIsEmptyWhileItSorts(version: PythonVersion) throws {
    let result = try runScenario(
      """
      lst = [3, 1, 2]
      seen = []
      def key(x):
          seen.append(len(lst))
          return x
      lst.sort(key=key)
      print(lst, seen)
      def bad(x):
          lst.append(0)
          return x
      try:
          lst.sort(key=bad)
      except ValueError as e:
          print("ValueError:", e)
      print(lst)
      def boom(x):
          if x == 2:
              raise KeyError(x)
          return x
      lst3 = [1, 2, 3]
      try:
          lst3.sort(key=boom)
      except KeyError as e:
          print("KeyError", e, lst3)
      """, version: version)
    #expect(
      result.stdout
        == "[1, 2, 3] [0, 0, 0]\nValueError: list modified during sort\n[1, 2, 3]\nKeyError 2 [1, 2, 3]\n")
  }
}
