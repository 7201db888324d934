// co_stacksize of small functions, measured with the real interpreters
// (3.8.18, 3.9.18, 3.10.13, 3.11.7, 3.12.1, 3.13.0: `f.__code__.co_stacksize`)
// and committed as literals: the shapes where CPython's bytecode differs from
// ours (3.11+ call NULLs, KW_NAMES, exception handler entries, constant-key
// dicts and 3.10+ dict chunks, 3.12+ inline comprehensions, RETURN_CONST,
// generator wrappers, star calls).

import HeapModel
import Testing

@testable import Scenario

@Suite struct StackDepthTests {
  /// Source of each function and its co_stacksize in 3.8 … 3.13.
  static let cases: [(name: String, source: String, depths: [Int])] = [
    (
      "f_empty",
      """
      def f_empty():
          pass
      """,
      [1, 1, 1, 1, 0, 1]
    ),
    (
      "f_call",
      """
      def f_call(x):
          return len(x)
      """,
      [2, 2, 2, 3, 3, 3]
    ),
    (
      "f_call3",
      """
      def f_call3(a, b, c):
          return max(a, b, c)
      """,
      [4, 4, 4, 5, 5, 5]
    ),
    (
      "f_method",
      """
      def f_method(o, x):
          return o.method(x, 2)
      """,
      [4, 4, 4, 4, 4, 4]
    ),
    (
      "f_print",
      """
      def f_print(x):
          print("value:", x, x + 1)
      """,
      [5, 5, 5, 6, 6, 6]
    ),
    (
      "f_dict",
      """
      def f_dict(a, b):
          return {"a": a, "b": b}
      """,
      [3, 3, 3, 3, 3, 3]
    ),
    (
      "f_listcomp",
      """
      def f_listcomp(n):
          return [i * i for i in range(n)]
      """,
      [3, 3, 3, 4, 5, 5]
    ),
    (
      "f_try",
      """
      def f_try(x):
          try:
              return 1 / x
          except ZeroDivisionError:
              return None
      """,
      [8, 8, 8, 4, 4, 4]
    ),
    (
      "f_finally",
      """
      def f_finally(x):
          try:
              x.append(1)
          finally:
              x.append(2)
      """,
      [9, 9, 9, 5, 5, 5]
    ),
    (
      "f_kw",
      """
      def f_kw(x):
          return sorted(x, key=len, reverse=True)
      """,
      [5, 5, 5, 5, 5, 6]
    ),
    (
      "f_closure",
      """
      def f_closure(x):
          def inner(y):
              return x + y
          return inner
      """,
      [3, 3, 3, 2, 2, 2]
    ),
    (
      "f_gen",
      """
      def f_gen(n):
          for i in range(n):
              yield i
      """,
      [2, 2, 2, 3, 3, 3]
    ),
    (
      "f_gen_while",
      """
      def f_gen_while(k):
          while k > 0:
              yield k
              k -= 1
      """,
      [2, 2, 2, 2, 2, 2]
    ),
    (
      "f_gen_simple",
      """
      def f_gen_simple():
          yield 1
      """,
      [1, 1, 1, 1, 2, 2]
    ),
    (
      "f_bool",
      """
      def f_bool(a, b):
          return a and b or not a
      """,
      [1, 1, 1, 1, 2, 2]
    ),
    (
      "f_star",
      """
      def f_star(args, kw):
          return max(*args, **kw)
      """,
      [3, 4, 4, 5, 5, 5]
    ),
    (
      "f_tuple_const",
      """
      def f_tuple_const():
          return (1, 2, 3)
      """,
      [1, 1, 1, 1, 0, 1]
    ),
    (
      "f_with_except_as",
      """
      def f_with_except_as(x):
          try:
              x()
          except Exception as e:
              print(e)
      """,
      [10, 10, 10, 4, 4, 4]
    ),
    (
      "f_setcomp",
      """
      def f_setcomp(n):
          return {i % 3 for i in range(n)}
      """,
      [3, 3, 3, 4, 5, 5]
    ),
    (
      "f_dictcomp",
      """
      def f_dictcomp(n):
          return {i: i * 2 for i in range(n)}
      """,
      [3, 3, 3, 4, 6, 6]
    ),
    (
      "f_genexp_sum",
      """
      def f_genexp_sum(n):
          return sum(i for i in range(n))
      """,
      [4, 4, 4, 6, 6, 6]
    ),
    (
      "f_nested_call",
      """
      def f_nested_call(x):
          return str(len(x)) + repr(abs(x[0]))
      """,
      [5, 5, 5, 7, 7, 7]
    ),
    (
      "f_raise",
      """
      def f_raise(x):
          raise ValueError(x)
      """,
      [2, 2, 2, 3, 3, 3]
    ),
    (
      "f_lambda_call",
      """
      def f_lambda_call(x):
          return (lambda y: y + 1)(x)
      """,
      [2, 2, 2, 3, 3, 3]
    ),
    (
      "g_try_loop",
      """
      def g_try_loop(items):
          out = []
          for x in items:
              try:
                  out.append(int(x))
              except ValueError as e:
                  out.append(str(e))
              except TypeError:
                  pass
          return out
      """,
      [11, 11, 11, 7, 7, 7]
    ),
    (
      "g_try_finally_except",
      """
      def g_try_finally_except(x):
          try:
              return x[0]
          except IndexError:
              return None
          finally:
              print("done", x)
      """,
      [9, 9, 9, 6, 6, 6]
    ),
    (
      "g_gen_finally",
      """
      def g_gen_finally(n):
          try:
              for i in range(n):
                  yield i
          finally:
              print("closing", n)
      """,
      [9, 9, 9, 6, 6, 6]
    ),
    (
      "g_kw_attr",
      """
      def g_kw_attr(o, x):
          return o.m(x, key=len, reverse=True)
      """,
      [5, 5, 5, 5, 5, 6]
    ),
    (
      "g_dict_in_call",
      """
      def g_dict_in_call(a):
          return print({"x": a, "y": a, "z": [a, a]})
      """,
      [5, 5, 5, 6, 6, 6]
    ),
    (
      "g_big_dict",
      """
      def g_big_dict(a):
          return {"k1": a, "k2": a, "k3": a, "k4": a, "k5": a, "k6": a, "k7": a, "k8": a, "k9": a, "k10": a, "k11": a, "k12": a, "k13": a, "k14": a, "k15": a, "k16": a, "k17": a, "k18": a}
      """,
      [19, 19, 3, 3, 3, 3]
    ),
    (
      "g_dict_var_keys",
      """
      def g_dict_var_keys(a, b):
          return {a: 1, b: 2}
      """,
      [4, 4, 4, 4, 4, 4]
    ),
    (
      "g_inline_in_call",
      """
      def g_inline_in_call(n):
          return sorted([i % 3 for i in range(n)], reverse=True)
      """,
      [4, 4, 4, 6, 7, 7]
    ),
    (
      "g_inline_closure",
      """
      def g_inline_closure(n):
          return [lambda: i for i in range(n)]
      """,
      [3, 3, 3, 4, 5, 5]
    ),
    (
      "g_inline_two",
      """
      def g_inline_two(m):
          return {(x, y): x * y for x in m for y in m if x < y}
      """,
      [3, 3, 3, 2, 8, 8]
    ),
    (
      "g_defaults",
      """
      def g_defaults(a):
          def inner(x=a, *, y=a + 1):
              return x + y
          return inner
      """,
      [4, 4, 4, 3, 3, 3]
    ),
    (
      "g_star_kw",
      """
      def g_star_kw(a, kw):
          return print(a, sep="", **kw)
      """,
      [4, 4, 4, 5, 5, 5]
    ),
    (
      "g_star_kw2",
      """
      def g_star_kw2(a, kw):
          return print(*a, sep="", end="\\n", flush=False)
      """,
      [6, 6, 6, 7, 7, 7]
    ),
    (
      "g_star_kw5",
      """
      def g_star_kw5(a, kw):
          return print(*a, **kw, sep="")
      """,
      [5, 5, 5, 6, 6, 6]
    ),
    (
      "g_nested_try",
      """
      def g_nested_try(x):
          try:
              try:
                  x()
              except KeyError:
                  raise ValueError("bad")
          except ValueError as e:
              return e
      """,
      [10, 10, 10, 4, 4, 4]
    ),
    (
      "g_raise_from",
      """
      def g_raise_from(x):
          try:
              return x[0]
          except LookupError as exc:
              raise RuntimeError("no") from exc
      """,
      [10, 10, 10, 4, 4, 4]
    ),
  ]

  @Test(arguments: PythonVersion.allCases)
  func functionStackSizesMatchCPython(version: PythonVersion) throws {
    let text = Self.cases.map(\.source).joined(separator: "\n") + "\n"
    let interpreter = try makeInterpreter(text, version: version)
    for (name, _, depths) in Self.cases {
      let code = try #require(interpreter.program.codes.first { $0.qualifiedName == name })
      let expected = depths[version.rawValue - PythonVersion.py38.rawValue]
      #expect(code.maxStackDepth == expected, "\(name) in \(version)")
    }
  }

  @Test(arguments: PythonVersion.allCases)
  func generatorExpressionStackSizes(version: PythonVersion) throws {
    // `(i * i for i in range(n))` and `(i for i in range(n))`: 3 and 2 in
    // every version.
    let interpreter = try makeInterpreter(
      "n = 3\na = (i * i for i in range(n))\nb = (i for i in range(n))\n", version: version)
    let depths = interpreter.program.codes.filter { $0.kind == .generatorExpression }.map(\.maxStackDepth)
    #expect(depths == [3, 2])
  }

  @Test(arguments: PythonVersion.allCases)
  func generatorSizeFollowsFrameSize(version: PythonVersion) throws {
    // 3.11+ embed the frame (nlocalsplus + co_stacksize slots) in the
    // generator; measured with the real interpreters.
    let output = try runScenario(
      """
      import sys
      def countdown(k):
          while k > 0:
              yield k
              k -= 1
      print(sys.getsizeof(countdown(3)), sys.getsizeof(x for x in "ab"))

      """, version: version)
    let expected: [PythonVersion: String] = [
      .py38: "112 112", .py39: "112 112", .py310: "104 104", .py311: "192 200", .py312: "184 192",
      .py313: "184 192",
    ]
    #expect(output.stdout == expected[version]! + "\n")
  }
}
