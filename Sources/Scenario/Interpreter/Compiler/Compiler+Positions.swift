// Which source each instruction is attributed to: CPython 3.11+'s location
// table (`co_positions()`, PEP 657), which a traceback underlines.
//
// The code generator keeps a current location, as CPython's compiler does:
// a statement sets it to the statement's extent; compiling an expression
// sets it to the expression's extent (`NodeExtents`) for the instructions
// that expression emits and restores it afterwards. So `a + b[i]` puts
// BINARY_SUBSCR on `b[i]` and BINARY_OP on `a + b[i]`, and whatever a
// statement emits itself (an augmented assignment's in-place operation, a
// `raise`, an import) sits on the whole statement. The exceptions below
// follow measurements of 3.11.7, 3.12.1 and 3.13.0:
//
// - An attribute whose name is on a later line than the expression starts
//   (`(obj\n .name)`) starts at the name (`update_start_location_to_match_attr`
//   in compile.c); a method call starts there too.
// - `for` (and a comprehension's `for`): GET_ITER and FOR_ITER sit on the
//   whole statement (comprehension) in 3.11/3.12, on the iterable in 3.13.
// - A comprehension's append (LIST_APPEND, SET_ADD, MAP_ADD) sits on the
//   whole comprehension in 3.11 and on the element in 3.12+.
// - f-string formatting sits on the whole f-string in 3.11, on the
//   replacement field (`{x!r:>5}`) in 3.12+.
// - `assert`: in 3.11 the instructions after the test keep the location of
//   the last comparison the test's jumps visited through `not`/`and`/`or`/
//   `if-else` (the statement's if none: compiler_jump_if sets it and never
//   restores it); in 3.12 everything sits on the statement; in 3.13
//   RAISE_VARARGS sits on the test.
// - Decorators are called at the decorator's extent, innermost first.

import HeapModel

extension Compiler {
  /// The span of CPython's extent of `expr`.
  mutating func span(of expr: Expr) -> InstructionSpan { InstructionSpan(extents.extent(of: expr)) }

  /// The span of a statement.
  mutating func span(of statement: Stmt) -> InstructionSpan { InstructionSpan(statement.range) }

  /// An attribute access's span: its extent, except that an attribute name on
  /// a later line than the expression's start starts the span at the name.
  mutating func attributeSpan(_ expr: Expr, name: Identifier) -> InstructionSpan {
    let extent = extents.extent(of: expr)
    return InstructionSpan(adjustedToAttribute(extent, attributeEnd: expr.range.end, name: name))
  }

  /// A call's span; a method call (an attribute called without `*`/`**`
  /// arguments, CPython's LOAD_ATTR-method path) starts at the method's name
  /// when the name is on a later line than the call starts.
  mutating func callSpan(_ call: Expr, function: Expr, hasStar: Bool) -> InstructionSpan {
    let extent = extents.extent(of: call)
    if !hasStar, case .attribute(_, let name) = function.kind {
      return InstructionSpan(adjustedToAttribute(extent, attributeEnd: function.range.end, name: name))
    }
    return InstructionSpan(extent)
  }

  private func adjustedToAttribute(_ extent: SourceRange, attributeEnd: Int, name: Identifier) -> SourceRange
  {
    guard sourceFile.line(containing: extent.start) != sourceFile.line(containing: attributeEnd) else {
      return extent
    }
    // CPython counts the name's characters back from its end byte offset.
    let lineStart = sourceFile.lineStarts[sourceFile.line(containing: attributeEnd) - 1]
    let start = max(lineStart, attributeEnd - name.name.unicodeScalars.count)
    return SourceRange(start: start, end: max(extent.end, start))
  }

  /// Where `for` (statement or comprehension clause) gets and advances its
  /// iterator: the iterable in 3.13, `whole` (the statement or the
  /// comprehension) before.
  mutating func iterationSpan(iterable: Expr, whole: InstructionSpan) -> InstructionSpan {
    version >= .py313 ? span(of: iterable) : whole
  }

  /// The replacement field `{...}` around an f-string field expression.
  mutating func fieldSpan(_ value: Expr) -> InstructionSpan {
    let bytes = sourceFile.bytes
    let extent = extents.extent(of: value)
    var start = extent.start
    var probe = start - 1
    while probe >= 0 {
      let byte = bytes[probe]
      if byte == UInt8(ascii: "{") {
        start = probe
        break
      }
      guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "(") else {
        return InstructionSpan(extent)
      }
      probe -= 1
    }
    var depth = 0
    var index = extent.end
    var quote: UInt8? = nil
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if let open = quote {
        if byte == open { quote = nil }
        continue
      }
      switch byte {
      case UInt8(ascii: "'"), UInt8(ascii: "\""): quote = byte
      case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
      case UInt8(ascii: ")"), UInt8(ascii: "]"): depth -= 1
      case UInt8(ascii: "}"):
        if depth == 0 { return InstructionSpan(SourceRange(start: start, end: index)) }
        depth -= 1
      default: break
      }
    }
    return InstructionSpan(extent)
  }

  /// Where 3.11 leaves the location after compiling an assert's test as a
  /// jump: on the last comparison the jump logic visited, if any.
  func lastJumpComparison(in test: Expr) -> Expr? {
    switch test.kind {
    case .compare:
      return test
    case .unary(.not, let operand):
      return lastJumpComparison(in: operand)
    case .boolean(_, let operands):
      return operands.reversed().lazy.compactMap { self.lastJumpComparison(in: $0) }.first
    case .conditional(let condition, let body, let orElse):
      return lastJumpComparison(in: orElse) ?? lastJumpComparison(in: body)
        ?? lastJumpComparison(in: condition)
    default:
      return nil
    }
  }
}
