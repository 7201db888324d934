import HeapModel
import Scenario
import Testing

/// Names and attributes found by the compiler's interned ids and the
/// remembered positions of name sites (Interpreter+Attributes.swift) give
/// what full lookups give, whatever happens to the namespaces in between.
/// Expected outputs are CPython 3.8.18–3.13.0's (PYTHONHASHSEED=0).
@Suite struct NameSiteTests {
  /// A global deleted and stored again, globals added and deleted around
  /// it (the module dict grows an index, then is compacted), a builtin
  /// shadowed by a global and unshadowed, at module level and in a function.
  static var names: String {
    let fill = (0..<20).map { "    f\($0) = k" }.joined(separator: "\n")
    let dels = (0..<20).map { "    del f\($0)" }.joined(separator: "\n")
    return """
      total = 0
      for round in range(3):
          x = round * 10
          total += x
          if round == 1:
              del x
              try:
                  print(x)
              except NameError as e:
                  print("NameError", e)
              x = 5
          k = round
      \(fill)
          total += x
      \(dels)
          total += x
      print(total)
      r = []
      for i in range(4):
          if i == 1:
              len = lambda s: -1
          if i == 2:
              del len
          r.append(len("abc"))
      print(r)
      def f():
          global len
          out = []
          for i in range(3):
              out.append(len([i] * i))
              if i == 0:
                  len = lambda s: 99
              if i == 1:
                  del len
          return out
      print(f())
      """
  }

  @Test(arguments: [PythonVersion.py38, .py310, .py311, .py312, .py313])
  func nameSitesFollowTheNamespaces(version: PythonVersion) throws {
    let result = try runScenario(NameSiteTests.names, version: version)
    #expect(result.stdout == "NameError name 'x' is not defined\n80\n[3, -1, 3, 3]\n[0, 99, 2]\n")
    #expect(result.status == 0)
  }

  /// Attributes whose keys are not the compiler's strs (built at run time),
  /// `__init__` replaced by `setattr`, class attributes seen through a
  /// subclass after they change, and the references an attribute store
  /// moves into an instance dict (3.8–3.10) or inline values (3.11+).
  static let attributes = """
    import sys
    class C:
        def __init__(self, v):
            self.a = v
            self.b = v + 1
    o = C(1)
    print(o.a, o.b)
    setattr(C, "".join(["c", "c"]), 7)
    print(o.cc, C(2).cc)
    key = "".join(["d", "d"])
    setattr(o, key, 3)
    o.dd = 4
    print(o.dd, getattr(o, key), sorted(o.__dict__))
    def init2(self, v):
        self.z = v
    setattr(C, "".join(["__in", "it__"]), init2)
    p = C(9)
    print(p.__dict__)
    class D(C):
        pass
    q = D(5)
    print(q.__dict__, q.cc)
    C.cc = 8
    print(q.cc, o.cc)
    try:
        print(q.ee)
    except AttributeError as e:
        print("AttributeError", e)
    v = object()
    w = C(0)
    w.m = v
    w.m = v
    w.n = v
    print(sys.getrefcount(v))
    w.__dict__
    w.m = 1
    w.p = v
    print(sys.getrefcount(v), sorted(w.__dict__))
    """

  @Test(arguments: [PythonVersion.py38, .py310, .py311, .py312, .py313])
  func attributesByIdOrText(version: PythonVersion) throws {
    let result = try runScenario(NameSiteTests.attributes, version: version)
    #expect(
      result.stdout == """
        1 2
        7 7
        4 4 ['a', 'b', 'dd']
        {'z': 9}
        {'z': 5} 7
        8 8
        AttributeError 'D' object has no attribute 'ee'
        4
        4 ['m', 'n', 'p', 'z']

        """)
  }
}
