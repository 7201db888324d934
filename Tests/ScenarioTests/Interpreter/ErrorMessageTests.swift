import HeapModel
import Scenario
import Testing

/// Error messages worded as CPython's C functions word them, per version
/// (expected output from CPython 3.8.18, 3.10.13, 3.11.7 and 3.13.0).
@Suite struct ErrorMessageTests {
  static let script = """
    def show(thunk):
        try:
            thunk()
        except Exception as e:
            print(type(e).__name__, e)
    def ipow():
        x = 2
        x **= "a"
    s = "abc"
    k = "k"
    show(lambda: s + 1)
    show(lambda: [1] + (2,))
    show(lambda: b"a" + s)
    show(lambda: s * s)
    show(lambda: 2.5 * [1])
    show(lambda: 2 ** s)
    show(ipow)
    show(lambda: 1 in 5)
    show(lambda: s[k])
    show(lambda: s[k:])
    show(lambda: s.rindex("z"))
    show(lambda: s.index(1))
    print(s.index("c"), s.rfind("a", -10, -1), s.count(""), "aaaa".count("aa"))
    """

  @Test(arguments: [
    (
      PythonVersion.py38,
      """
      TypeError unsupported operand type(s) for ** or pow(): 'int' and 'str'
      TypeError argument of type 'int' is not iterable
      TypeError string indices must be integers
      """
    ),
    (
      .py310,
      """
      TypeError unsupported operand type(s) for **=: 'int' and 'str'
      TypeError argument of type 'int' is not iterable
      TypeError string indices must be integers
      """
    ),
    (
      .py311,
      """
      TypeError unsupported operand type(s) for **=: 'int' and 'str'
      TypeError argument of type 'int' is not iterable
      TypeError string indices must be integers, not 'str'
      """
    ),
  ])
  func messagesFollowTheVersion(version: PythonVersion, changing: String) throws {
    let result = try runScenario(ErrorMessageTests.script, version: version)
    let common = """
      TypeError can only concatenate str (not "int") to str
      TypeError can only concatenate list (not "tuple") to list
      TypeError can't concat str to bytes
      TypeError can't multiply sequence by non-int of type 'str'
      TypeError can't multiply sequence by non-int of type 'float'
      TypeError unsupported operand type(s) for ** or pow(): 'int' and 'str'
      \(changing)
      TypeError slice indices must be integers or None or have an __index__ method
      ValueError substring not found
      TypeError must be str, not int
      2 0 4 2

      """
    #expect(result.stderr == "")
    #expect(result.stdout == common)
  }

  @Test func thirteenNamesTheMethodInArgumentErrors() throws {
    let result = try runScenario(
      "try:\n    'abc'.find(3)\nexcept TypeError as e:\n    print(e)\n", version: .py313)
    #expect(result.stdout == "find() argument 1 must be str, not int\n")
  }

  @Test(arguments: [
    (PythonVersion.py39, "weakref <class 'weakref'>"),
    (.py310, "ReferenceType <class 'weakref.ReferenceType'>"),
  ])
  func weakrefRefIsTheReferenceType(version: PythonVersion, expected: String) throws {
    let result = try runScenario(
      """
      import weakref
      class A:
          __slots__ = ("__weakref__",)
          def __call__(self):
              return 1
      a = A()
      r = weakref.ref(a)
      print(type(r).__name__, weakref.ref)
      print(isinstance(r, weakref.ref), weakref.ReferenceType is weakref.ref, r() is a)
      print(callable(a), callable(r), callable(A), callable(1))
      """, version: version)
    #expect(result.stderr == "")
    #expect(result.stdout == "\(expected)\nTrue True True\nTrue True True False\n")
  }
}
