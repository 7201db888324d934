import HeapModel
import Scenario
import Testing

/// The set and frozenset methods against the real interpreters' outputs
/// (PYTHONHASHSEED=0): orders, sizes, identities, how much of an iterable
/// they read, the hidden argument tuple and the error messages.
@Suite struct SetMethodsTests {
  /// A copy is presized (half the slots of a table grown key by key and
  /// full of dummies), and every method that returns a set without
  /// arguments returns such a copy; `intersection_update()` swaps one in.
  @Test(arguments: PythonVersion.allCases)
  func copiesArePresizedAndCompact(version: PythonVersion) throws {
    let result = try runScenario(
      """
      import sys
      def show(label, s):
          print(label, list(s), sys.getsizeof(s))
      s = set(range(0, 200, 7))
      for k in range(0, 100, 7):
          s.discard(k)
      show("holes", s)
      show("copy", s.copy())
      show("union", s.union(s, s))
      show("inter", s.intersection())
      show("diff", s.difference(s))
      show("symdiff", s.symmetric_difference(s))
      t = s.copy()
      s.intersection_update()
      show("iu", s)
      print(s is not t, s == t)
      """, version: version)
    let copy = "[161, 196, 133, 168, 105, 140, 175, 112, 147, 182, 119, 154, 189, 126] 728"
    #expect(
      result.stdout == """
        holes [133, 140, 147, 154, 161, 168, 175, 182, 189, 196, 105, 112, 119, 126] 2264
        copy \(copy)
        union \(copy)
        inter \(copy)
        diff [] 216
        symdiff [] 728
        iu \(copy)
        True True

        """)
  }

  /// `set_update_internal` per argument kind, `set_difference`'s two
  /// paths, `set_symmetric_difference` from a dict or a generator, and the
  /// chained intersections.
  @Test(arguments: PythonVersion.allCases)
  func ordersAndSizesFollowTheCPaths(version: PythonVersion) throws {
    let result = try runScenario(
      """
      import sys
      def show(label, s):
          print(label, type(s).__name__, list(s), sys.getsizeof(s))
      f = frozenset(range(10, 40, 3))
      show("f-dict", f.difference({13: 0, 16: 0, 100: 0}))
      show("f-gen", f.symmetric_difference(k for k in range(8, 14)))
      t = set(range(5))
      t.symmetric_difference_update(f)
      show("sdu-f", t)
      t = set(range(5))
      t.symmetric_difference_update(k * 2 for k in range(6))
      show("sdu-gen", t)
      t = {1}
      t.update({k: None for k in range(12)}, [99])
      show("update", t)
      show("inter", f.intersection(range(20), {13, 19, 10, 16}, [19, 10]))
      t = set(range(30))
      t.intersection_update(range(0, 60, 5), {5, 10, 15})
      show("iu", t)
      t = set(range(40))
      t.difference_update(set(range(0, 40, 2)), range(1, 20, 2))
      show("du", t)
      """, version: version)
    #expect(
      result.stdout == """
        f-dict frozenset [34, 37, 10, 19, 22, 25, 28, 31] 728
        f-gen frozenset [34, 37, 8, 9, 11, 12, 16, 19, 22, 25, 28, 31] 728
        sdu-f set [0, 1, 2, 3, 4, 34, 37, 10, 13, 16, 19, 22, 25, 28, 31] 728
        sdu-gen set [1, 3, 6, 8, 10] 728
        update set [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 99] 728
        inter frozenset [10, 19] 216
        iu set [10, 5, 15] 216
        du set [21, 23, 25, 27, 29, 31, 33, 35, 37, 39] 2264

        """)
  }

  /// `issubset` reads the whole iterable into a temporary set until 3.11
  /// and stops once its temporary intersection is full from 3.12;
  /// `issuperset` reads it all until 3.10; `intersection` of an iterable
  /// stops early from 3.11.
  @Test(arguments: PythonVersion.allCases)
  func comparisonsReadWhatCPythonReads(version: PythonVersion) throws {
    let result = try runScenario(
      """
      def feed(*items):
          for item in items:
              print("read", item)
              yield item
      s = {1, 2}
      print(s.issubset(feed(1, 2, 3)))
      print(s.issuperset(feed(3, 1)))
      print(s.intersection(feed(2, 1, 7)))
      print(s.isdisjoint(feed(5, 1, 2)))
      """, version: version)
    let subset = version >= .py312 ? "read 1\nread 2\n" : "read 1\nread 2\nread 3\n"
    let superset = version >= .py311 ? "read 3\n" : "read 3\nread 1\n"
    let intersection = version >= .py311 ? "read 2\nread 1\n" : "read 2\nread 1\nread 7\n"
    #expect(
      result.stdout
        == "\(subset)True\n\(superset)False\n\(intersection){1, 2}\nread 5\nread 1\nFalse\n")
  }

  /// A result keeps the walked side's key objects.
  @Test func resultsKeepTheWalkedSidesKeys() throws {
    let result = try runScenario(
      """
      n = 2
      x = 1000 + n
      y = 1000 + n
      box = {x}
      print(next(iter(box.intersection([y]))) is y, next(iter({x, 5}.intersection({y}))) is y)
      print(next(iter(box.union([y]))) is x, [k for k in box.symmetric_difference([7]) if k > 100][0] is x)
      """)
    #expect(result.stdout == "True True\nTrue True\n")
  }

  /// `frozenset(fs)` and `fs.copy()` are `fs` in every version, the other
  /// argumentless methods are new objects; 3.8–3.9 share one empty frozenset.
  @Test(arguments: PythonVersion.allCases)
  func frozensetIdentity(version: PythonVersion) throws {
    let result = try runScenario(
      """
      f = frozenset([1, 2])
      print(frozenset(f) is f, f.copy() is f, f.union() is f, f.intersection() is f, f.difference() is f)
      print(frozenset([]) is frozenset(), frozenset(set()) is frozenset(), type(f.union({3})).__name__)
      """, version: version)
    let empty = version <= .py39 ? "True True" : "False False"
    #expect(result.stdout == "True True False False False\n\(empty) frozenset\n")
  }

  /// `set_difference_update_internal` drops the dummies of an emptied set
  /// even when nothing is discarded; discarding the set from itself clears.
  @Test(arguments: PythonVersion.allCases)
  func differenceUpdateRebuildsAnEmptiedSet(version: PythonVersion) throws {
    let result = try runScenario(
      """
      import sys
      def emptied():
          s = set(range(10))
          for i in range(10):
              s.discard(i)
          return s
      s = emptied()
      print(sys.getsizeof(s))
      s -= set()
      t = emptied()
      t.difference_update([])
      u = emptied()
      u.difference_update()
      v = set(range(20))
      v.difference_update(v)
      w = set(range(20))
      w.symmetric_difference_update(w)
      print(sys.getsizeof(s), sys.getsizeof(t), sys.getsizeof(u), sys.getsizeof(v), sys.getsizeof(w), v, w)
      """, version: version)
    #expect(result.stdout == "728\n216 216 728 216 216 set() set()\n")
  }

  /// union/difference/update take *args: the tuple goes to the free list,
  /// where the next 2-tuple finds it; issubset takes its one argument
  /// directly.
  @Test(arguments: PythonVersion.allCases)
  func varargsMethodsLeaveTheirTuple(version: PythonVersion) throws {
    let result = try runScenario(
      """
      import gc
      s = {1, 2}
      a = 5
      for call in [lambda: s.union([1], [2]), lambda: s.update([1], [2]), lambda: s.issubset([1, 2])]:
          gc.collect()
          call()
          gc.get_count()
          before = gc.get_count()[0]
          pair = (a, a)
          after = gc.get_count()[0]
          del pair
          print(after == before)
      """, version: version)
    #expect(result.stdout == "True\nTrue\nFalse\n")
  }

  /// update() stops at the first unhashable item and keeps what came
  /// before; a generator is consumed item by item.
  @Test func updateStopsAtTheFirstUnhashableItem() throws {
    let result = try runScenario(
      """
      s = {1}
      try:
          s.update([100, [2], 101])
      except TypeError as e:
          print(e, 100 in s, 101 in s)
      t = set()
      def gen():
          yield 1
          print("size while generating:", len(t))
          yield 2
      t.update(gen())
      print(t)
      """)
    #expect(
      result.stdout == "unhashable type: 'list' True False\nsize while generating: 1\n{1, 2}\n")
  }

  /// The receiver check of unbound calls, keyword arguments (qualified by
  /// the type from 3.9, from 3.11 for the *args methods), measured arity
  /// and the items' own errors.
  @Test(arguments: PythonVersion.allCases)
  func errorMessages(version: PythonVersion) throws {
    let result = try runScenario(
      """
      s = {1, 2}
      f = frozenset([1])
      for call in [
          lambda: set.union(f),
          lambda: frozenset.copy(s),
          lambda: s.union(x=1),
          lambda: s.issubset(x=1),
          lambda: s.issubset(),
          lambda: f.isdisjoint(),
          lambda: s.update(5),
          lambda: s.issuperset([[1]]),
          lambda: s.symmetric_difference_update([{1}]),
          lambda: s.difference({1: 2}, [[3]]),
      ]:
          try:
              call()
          except TypeError as e:
              print(e)
      print(s)
      """, version: version)
    let set = version >= .py39 ? "set." : ""
    let frozenset = version >= .py39 ? "frozenset." : ""
    let varargs = version >= .py311 ? "set." : ""
    #expect(
      result.stdout == """
        descriptor 'union' for 'set' objects doesn't apply to a 'frozenset' object
        descriptor 'copy' for 'frozenset' objects doesn't apply to a 'set' object
        \(varargs)union() takes no keyword arguments
        \(set)issubset() takes no keyword arguments
        \(set)issubset() takes exactly one argument (0 given)
        \(frozenset)isdisjoint() takes exactly one argument (0 given)
        'int' object is not iterable
        unhashable type: 'list'
        unhashable type: 'set'
        unhashable type: 'list'
        {1, 2}

        """)
  }
}
