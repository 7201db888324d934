// Where CPython's C code checks the recursion depth besides a Python call.
//
// Up to 3.10 one counter (`tstate->recursion_depth`) counts both the Python
// frames (the module's included) and the C functions that guard against
// deep recursion with `Py_EnterRecursiveCall(where)`; 3.11 shares one
// budget between the two too. So in the deepest frame a recursion allows
// (`frames.count == limit`), the next guarded C call fails, and its message
// names the place: `PyObject_RichCompare` adds " in comparison". 3.11's
// specialised `COMPARE_OP` forms (two small ints, two floats, two strs under
// `==`/`!=`, when a conditional jump follows: `COMPARE_OP_*_JUMP`) compare
// without that call, so only the other comparisons fail there. From 3.12
// the C recursion has its own limit and a comparison never hits the Python
// one.
//
// A generator resumed from C (`sum()`, `next()`, `list()` driving it) is
// checked as a call is, at its frame's entry (`resumeGenerator`).
//
// Not modelled: the other guarded C paths of 3.8–3.10 (calling a builtin:
// " while calling a Python object"; `str()`/`repr()`: " while getting the
// str/repr of an object"), measured in session 6 (closing note of issue 4),
// and 3.12's separate C-stack limit; so a recursion through `sum()`-driven
// generators stops after ~1000 levels in heapscope where 3.8–3.10 stop
// after ~500 (each `sum()` call counts) and 3.12 after ~750
// (Scenarios/generator_recursion.py). Python code nested under builtins
// stops at `Interpreter.nestedRunLimit` whatever the recursion limit.

import HeapModel

extension Interpreter {
  /// Whether a rich comparison in the deepest allowed frame runs CPython's
  /// recursion check (`next` is the instruction after the comparison).
  func comparisonChecksRecursion(
    _ left: ObjectID, _ right: ObjectID, _ comparison: ComparisonOperator, next: Opcode
  ) -> Bool {
    if version <= .py310 { return true }
    guard version == .py311 else { return false }
    guard next == .popJumpIfFalse || next == .popJumpIfTrue else { return true }
    let leftKind = heap.kind(of: left)
    let rightKind = heap.kind(of: right)
    guard leftKind == rightKind else { return true }
    switch leftKind {
    case .int:
      let limit = 1 << 30  // one 30-bit digit
      guard let a = heap.intValue(left), let b = heap.intValue(right) else { return true }
      return !(abs(a) < limit && abs(b) < limit)
    case .float:
      return false
    case .str:
      return comparison != .equal && comparison != .notEqual
    default:
      return true
    }
  }

  /// How many levels of a nested container repr or comparison (each a
  /// recursion-checked C call: `PyObject_Repr`, `PyObject_RichCompare`)
  /// fit: 3.8–3.11 count them with the running frames, and `callLevels`
  /// more for the builtin call that started them, against the recursion
  /// limit; 3.12 and 3.13 against their C-stack limits, whatever
  /// `sys.setrecursionlimit` says. Measured with lists nested n deep
  /// (n + 1 lists) from a function: comparisons fit n = 997, 1497 and 9998
  /// (3.8–3.11, 3.12, 3.13), reprs one level fewer. The cap also keeps a
  /// deep one from exhausting heapscope's own stack (~25 KB a level in a
  /// debug build).
  func nestingLimit(callLevels: Int) -> Int {
    switch version {
    case .py312: 1498 - callLevels
    case .py313: 9999 - callLevels
    default: min(recursionLimit - frames.count - callLevels, 9999)
    }
  }

  /// `PyObject_RichCompare`'s recursion check for one more nested container
  /// comparison (see `nestingLimit`).
  mutating func enterNestedComparison() throws {
    comparisonDepth += 1
    if comparisonDepth > nestingLimit(callLevels: 0) {
      comparisonDepth -= 1
      throw raise(.recursionError, "maximum recursion depth exceeded in comparison")
    }
  }
}
