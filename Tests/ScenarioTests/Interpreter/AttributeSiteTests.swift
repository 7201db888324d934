import HeapModel
import Scenario
import Testing

/// Attribute sites (AttributeSite.swift) remember a class's answer for a
/// name while `Heap.classEpoch` stays; each test changes what a cached
/// entry said and expects CPython's output (3.8.18–3.13.0,
/// PYTHONHASHSEED=0; Scenarios/attribute_sites.py runs them together).
@Suite struct AttributeSiteTests {
  static let points = """
    class Point:
        def __init__(self, x):
            self.x = x
            self.y = x * 2

        def total(self):
            return self.x + self.y


    def read(p):
        return p.x, p.y, p.total()


    def write(p, v):
        p.x = v
        p.z = v + 1


    out = []
    for round in range(6):
        p = Point(round)
        write(p, round * 10)
        out.append(read(p))
        if round == 0:
            Point.x = "class x"          # class attribute added: instances still win
        if round == 1:
            Point.total = lambda self: -1  # method replaced after LOAD_METHOD cached it
        if round == 2:
            def get_x(self):
                return "prop " + str(self.__dict__.get("_x"))
            def set_x(self, v):
                self.__dict__["_x"] = v
            Point.x = property(get_x, set_x)  # data descriptor takes over loads and stores
        if round == 3:
            Point.x = 7                    # back to a plain class attribute
        if round == 4:
            p.__dict__["y"] = "dict y"     # the instance's dict materialised
            out.append(read(p))
    print(out)
    """

  /// A class attribute added under an instance attribute, a method replaced
  /// after LOAD_METHOD cached it, a property taking over loads and stores,
  /// a plain class attribute again, the instance dict materialised.
  @Test(arguments: PythonVersion.allCases)
  func classChangesAfterCaching(version: PythonVersion) throws {
    let result = try runScenario(AttributeSiteTests.points, version: version)
    #expect(
      result.stdout
        == #"[(0, 0, 0), (10, 2, 12), (20, 4, -1), ('prop 30', 6, -1), (40, 8, -1), (40, 'dict y', -1), (50, 10, -1)]"#
        + "\n")
    #expect(result.status == 0)
  }

  static let bases = """
    class Base:
        def kind(self):
            return "base"


    class Child(Base):
        def __init__(self):
            self.a = 1


    kinds = []
    for i in range(4):
        c = Child()
        kinds.append(c.kind())
        if i == 1:
            Base.kind = lambda self: "patched base"
        if i == 2:
            Child.kind = lambda self: "child"
    print(kinds)
    """

  /// A method patched on the base, then overridden on the subclass.
  @Test(arguments: PythonVersion.allCases)
  func baseAndSubclassPatchedAfterCaching(version: PythonVersion) throws {
    let result = try runScenario(AttributeSiteTests.bases, version: version)
    #expect(result.stdout == #"['base', 'base', 'patched base', 'child']"# + "\n")
    #expect(result.status == 0)
  }

  static let slots = """
    class Slotted:
        __slots__ = ("a", "b")

        def __init__(self):
            self.a = 1


    class Plain:
        def __init__(self):
            self.a = 2


    seen = []
    for obj in [Slotted(), Plain(), Slotted(), Plain()]:
        obj.a = obj.a + 10
        try:
            seen.append(obj.b)
        except AttributeError as e:
            seen.append("no b")
        obj.b = 5
        seen.append((obj.a, obj.b))
    print(seen)
    """

  /// `__slots__` and dict instances alternating at the same sites.
  @Test(arguments: PythonVersion.allCases)
  func slotsAndDictInstancesShareASite(version: PythonVersion) throws {
    let result = try runScenario(AttributeSiteTests.slots, version: version)
    #expect(result.stdout == #"['no b', (11, 5), 'no b', (12, 5), 'no b', (11, 5), 'no b', (12, 5)]"# + "\n")
    #expect(result.status == 0)
  }

  static let deletions = """
    class Point:
        def __init__(self, x):
            self.x = x
            self.y = x * 2

        def total(self):
            return self.x + self.y


    gone = []
    for i in range(3):
        q = Point(i)
        del q.y
        try:
            gone.append(q.y)
        except AttributeError as e:
            gone.append(str(e))
        q.y = i
        gone.append(q.y)
    print(gone)
    """

  /// An attribute deleted and stored again at sites that had found it.
  @Test(arguments: PythonVersion.allCases)
  func deletedAttributesAreMissedAtTheSite(version: PythonVersion) throws {
    let result = try runScenario(AttributeSiteTests.deletions, version: version)
    #expect(
      result.stdout
        == #"["'Point' object has no attribute 'y'", 0, "'Point' object has no attribute 'y'", 1, "'Point' object has no attribute 'y'", 2]"#
        + "\n")
    #expect(result.status == 0)
  }

  static let recreated = """
    made = []
    for i in range(3):
        class Fresh:
            if i == 1:
                value = "class value"
            def __init__(self):
                if i != 1:
                    self.value = i
        made.append(Fresh().value)
    print(made)
    """

  /// A class statement in a loop: each class is new (a dead one's id may
  /// be reused).
  @Test(arguments: PythonVersion.allCases)
  func recreatedClassesAreNotMistakenForOld(version: PythonVersion) throws {
    let result = try runScenario(AttributeSiteTests.recreated, version: version)
    #expect(result.stdout == #"[0, 'class value', 2]"# + "\n")
    #expect(result.status == 0)
  }

  static let inits = """
    class Inits:
        def __init__(self):
            self.v = "first"


    def other_init(self):
        self.v = "second"


    vs = []
    for i in range(3):
        vs.append(Inits().v)
        if i == 0:
            Inits.__init__ = other_init
    print(vs)
    """

  /// `__init__` replaced on the class after class calls remembered it.
  @Test(arguments: PythonVersion.allCases)
  func replacedInitIsCalled(version: PythonVersion) throws {
    let result = try runScenario(AttributeSiteTests.inits, version: version)
    #expect(result.stdout == #"['first', 'second', 'second']"# + "\n")
    #expect(result.status == 0)
  }

  static let references = """
    import sys
    class R:
        def __init__(self, v):
            self.a = v
            self.b = v
    counts = []
    for i in range(3):
        v = []
        r = R(v)
        counts.append(sys.getrefcount(v))
        r.a = None
        counts.append(sys.getrefcount(v))
        r.b = 1
        counts.append(sys.getrefcount(v))
        r.c = v
        counts.append(sys.getrefcount(v))
        if i == 1:
            r.__dict__
        del r
        counts.append(sys.getrefcount(v))
    print(counts)
    """

  /// Stores replacing and appending values (inline or in a dict, one
  /// instance's dict materialised) move the references the general path
  /// moves.
  @Test(arguments: PythonVersion.allCases)
  func storesMoveReferences(version: PythonVersion) throws {
    let result = try runScenario(AttributeSiteTests.references, version: version)
    #expect(result.stdout == "[4, 3, 2, 3, 2, 4, 3, 2, 3, 2, 4, 3, 2, 3, 2]\n")
  }
}
