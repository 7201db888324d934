import HeapModel
import Scenario
import Testing

/// The dict fast paths of session 8 (dicts2): name loads through an inlined
/// position check and a probe by the interned name, dict gets and stores
/// through `Heap.dictLookup` (exact str and int keys settled in one call),
/// dict displays built without an array, ASCII str slices of step 1 cut
/// without a list of positions. Each scenario changes what a fast path
/// relies on and expects CPython's output (3.8.18–3.13.0,
/// PYTHONHASHSEED=0), the same under every version.
@Suite struct DictFastPathTests {
  /// Module globals rebound, deleted and stored again while 40 others are
  /// added and deleted around them (the module dict grows an index, then
  /// is compacted, so remembered positions move), a builtin shadowed by a
  /// global and unshadowed, at module level (LOAD_NAME) and in a function
  /// (LOAD_GLOBAL, STORE_GLOBAL, a builtin shadowed through `global`).
  static let names = """
    out = []
    for round in range(5):
        out.append(counter if round else -1)
        counter = round * 3
        if round == 1:
            filler0 = round
            filler1 = round
            filler2 = round
            filler3 = round
            filler4 = round
            filler5 = round
            filler6 = round
            filler7 = round
            filler8 = round
            filler9 = round
            filler10 = round
            filler11 = round
            filler12 = round
            filler13 = round
            filler14 = round
            filler15 = round
            filler16 = round
            filler17 = round
            filler18 = round
            filler19 = round
            filler20 = round
            filler21 = round
            filler22 = round
            filler23 = round
            filler24 = round
            filler25 = round
            filler26 = round
            filler27 = round
            filler28 = round
            filler29 = round
            filler30 = round
            filler31 = round
            filler32 = round
            filler33 = round
            filler34 = round
            filler35 = round
            filler36 = round
            filler37 = round
            filler38 = round
            filler39 = round
        if round == 2:
            del filler0
            del filler1
            del filler2
            del filler3
            del filler4
            del filler5
            del filler6
            del filler7
            del filler8
            del filler9
            del filler10
            del filler11
            del filler12
            del filler13
            del filler14
            del filler15
            del filler16
            del filler17
            del filler18
            del filler19
            del filler20
            del filler21
            del filler22
            del filler23
            del filler24
            del filler25
            del filler26
            del filler27
            del filler28
            del filler29
            del filler30
            del filler31
            del filler32
            del filler33
            del filler34
            del filler35
            del filler36
            del filler37
            del filler38
            del filler39
            del counter
            counter = 100
        out.append(len("ab"))
        if round == 1:
            len = lambda s: -1
        if round == 3:
            del len
    print(out)
    def f():
        global counter, str
        r = []
        for i in range(4):
            r.append(counter)
            r.append(str(i))
            counter = counter + 1
            if i == 1:
                del counter
                counter = 1000
            if i == 2:
                str = lambda x: "s"
        del str
        return r
    print(f(), str(5))
    print(counter)
    """

  @Test(arguments: PythonVersion.allCases)
  func nameLoadsFollowTheNamespaces(version: PythonVersion) throws {
    let result = try runScenario(DictFastPathTests.names, version: version)
    #expect(
      result.stdout
        == "[-1, 2, 0, 2, 3, -1, 100, -1, 9, 2]\n[12, '0', 13, '1', 1000, '2', 1001, 's'] 5\n1002\n")
    #expect(result.status == 0)
  }

  /// Keys equal by value but not identity (a str built at run time, 1,
  /// True and 1.0, -1 and -2 which hash alike), a key whose class defines
  /// `__hash__` and `__eq__` under an exact str of the same hash, big
  /// ints, a display with a repeated key, deletions and re-insertions
  /// across a compaction, a display whose key is unhashable.
  static let keys = """
    out = []
    class K:
        def __init__(self, h):
            self.h = h
        def __hash__(self):
            return self.h
        def __eq__(self, other):
            out.append("K.__eq__")
            return False
    d = {"id": 1, "group": 2, "name": 3}
    print(d["id"], d["gr" + "oup"], "name" in d, "nam" in d, d.get("x", 0))
    d["i" + "d"] = 10
    print(d)
    d[K(hash("name"))] = 20
    print(len(d), d["name"], d.get("name"))
    e = {1: "one", True: "true?", 1.0: "float", -1: "m1", -2: "m2"}
    print(e)
    e[2**70] = "big"
    e[2**70] = "big2"
    print(e[2**70], e.get(-1), e.get(-2), e.get(0), -1 in e, False in e)
    f = {"a": 1, "a": 2, "b": 3}
    print(f)
    h = {}
    for i in range(30):
        h["k%d" % i] = i
    for i in range(0, 30, 2):
        del h["k%d" % i]
    for i in range(0, 30, 4):
        h["k%d" % i] = -i
    print(list(h.items()))
    print(h["k29"], h.get("k0"), h.get("k2"))
    lit = {"x" + str(i): i for i in range(12)}
    lit2 = {lit["x3"]: "three", lit["x4"]: "four"}
    print(lit2, sum(lit.values()))
    try:
        {"a": 1, [1]: 2}
    except TypeError as exc:
        print("TypeError", exc)
    counts = {}
    for word in ["ab", "cd", "ab", "ef", "cd", "ab"]:
        counts[word] = counts.get(word, 0) + 1
    print(counts)
    print(out)
    """

  @Test(arguments: PythonVersion.allCases)
  func dictKeysCompareAsCPythonDoes(version: PythonVersion) throws {
    let result = try runScenario(DictFastPathTests.keys, version: version)
    #expect(
      result.stdout
        == "1 2 True False 0\n{'id': 10, 'group': 2, 'name': 3}\n4 3 3\n{1: 'float', -1: 'm1', -2: 'm2'}\nbig2 m1 m2 None True False\n{'a': 2, 'b': 3}\n[('k1', 1), ('k3', 3), ('k5', 5), ('k7', 7), ('k9', 9), ('k11', 11), ('k13', 13), ('k15', 15), ('k17', 17), ('k19', 19), ('k21', 21), ('k23', 23), ('k25', 25), ('k27', 27), ('k29', 29), ('k0', 0), ('k4', -4), ('k8', -8), ('k12', -12), ('k16', -16), ('k20', -20), ('k24', -24), ('k28', -28)]\n29 0 None\n{3: 'three', 4: 'four'} 66\nTypeError unhashable type: 'list'\n{'ab': 3, 'cd': 2, 'ef': 1}\n['K.__eq__']\n"
    )
    #expect(result.status == 0)
  }

  /// Step-1 slices of an ASCII str with negative, bool, None and
  /// out-of-range bounds, empty results, the whole str (the str itself),
  /// and the error cases the general path reports.
  static let slices = """
    s = "user12345"
    parts = [s[:6], s[2:], s[-3:], s[5:2], s[::2], s[True:], s[1:100], s[-100:3], s[:-1], s[0:0], s[3:4], s[None:None], s[:4:1]]
    print(parts)
    print(s[:] is s, s[0:len(s)] is s, s[0:100] is s, s[-100:] is s, s[:len(s):1] is s)
    try:
        s[::0]
    except ValueError as exc:
        print("ValueError", exc)
    try:
        s["a":]
    except TypeError as exc:
        print("TypeError", exc)
    """

  @Test(arguments: PythonVersion.allCases)
  func asciiSlicesOfStepOne(version: PythonVersion) throws {
    let result = try runScenario(DictFastPathTests.slices, version: version)
    #expect(
      result.stdout
        == "['user12', 'er12345', '345', '', 'ue135', 'ser12345', 'ser12345', 'use', 'user1234', '', 'r', 'user12345', 'user']\nTrue True True True True\nValueError slice step cannot be zero\nTypeError slice indices must be integers or None or have an __index__ method\n"
    )
    #expect(result.status == 0)
  }
}
