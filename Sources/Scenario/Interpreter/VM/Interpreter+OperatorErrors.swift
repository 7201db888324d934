// The TypeError messages of failed binary operations and containment tests,
// worded by the C function that gives up (Objects/abstract.c):
//
//   `+`  the left operand's sq_concat, when it has one: str
//        ("can only concatenate str (not "int") to str"), list and tuple
//        (same shape), bytes and bytearray ("can't concat int to bytes");
//        else binary_op1's "unsupported operand type(s) for +: 'A' and 'B'".
//   `*`  `sequence_repeat` of whichever operand is a sequence (left first)
//        when the other is no int: "can't multiply sequence by non-int of
//        type 'B'".
//   `**` `ternary_op` names the operator "** or pow()"; the in-place form
//        says "**=" from 3.10 (3.8/3.9 still "** or pow()").
//   `in` `PySequence_Contains` over a non-iterable replaces the iteration
//        error: "argument of type 'int' is not iterable".
// Every other operator: "unsupported operand type(s) for OP: 'A' and 'B'",
// with "=" appended for the in-place form.

import HeapModel

extension Interpreter {
  /// The message of the TypeError `left op right` raises when no type
  /// implements it.
  mutating func binaryOperationError(_ op: BinaryOperator, _ left: ObjectID, _ right: ObjectID, inPlace: Bool)
    throws -> String
  {
    let leftName = try typeName(of: left)
    let rightName = try typeName(of: right)
    switch op {
    case .add:
      switch heap.kind(of: left) {
      case .str, .list, .tuple:
        return "can only concatenate \(leftName) (not \"\(rightName)\") to \(leftName)"
      case .bytes, .bytearray:
        return "can't concat \(rightName) to \(leftName)"
      default:
        break
      }
    case .multiply:
      if isRepeatableSequence(left) { return "can't multiply sequence by non-int of type '\(rightName)'" }
      if isRepeatableSequence(right) { return "can't multiply sequence by non-int of type '\(leftName)'" }
    case .power:
      let symbol = inPlace && version >= .py310 ? "**=" : "** or pow()"
      return "unsupported operand type(s) for \(symbol): '\(leftName)' and '\(rightName)'"
    default:
      break
    }
    return
      "unsupported operand type(s) for \(op.rawValue)\(inPlace ? "=" : ""): '\(leftName)' and '\(rightName)'"
  }

  /// Whether `object` is a builtin sequence with `sq_repeat`.
  private func isRepeatableSequence(_ object: ObjectID) -> Bool {
    switch heap.kind(of: object) {
    case .str, .list, .tuple, .bytes, .bytearray: return true
    default: return false
    }
  }
}
