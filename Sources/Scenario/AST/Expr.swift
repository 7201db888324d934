// Expressions of the scenario subset (SPEC §2). Every node carries the byte
// range it was parsed from, so the checker, the interpreter's tracebacks and
// the TUI can point back at source. Operators keep Python's names; their
// precedence lives in the parser, not here.

import BigInt

/// An expression node: what it is, and where it came from.
public struct Expr: Hashable, Sendable {
  public var kind: ExprKind
  public var range: SourceRange

  public init(_ kind: ExprKind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}

/// The forms an expression can take.
public indirect enum ExprKind: Hashable, Sendable {
  case name(String)
  /// An integer literal; values that fit in `Int` are kept as `.small`.
  case int(IntLiteral)
  case float(Double)
  /// A string literal after implicit concatenation of its adjacent parts
  /// (if any part is an f-string, the whole is `.fstring`).
  case string(String)
  case bytes([UInt8])
  case fstring([FStringPart])
  case `true`, `false`, none, ellipsis

  case tuple([Expr])
  case list([Expr])
  case set([Expr])
  case dict([DictItem])
  /// `*x` inside a display, a call's positional arguments or an assignment target.
  case starred(Expr)

  case listComp(element: Expr, generators: [Comprehension])
  case setComp(element: Expr, generators: [Comprehension])
  case dictComp(key: Expr, value: Expr, generators: [Comprehension])
  case generator(element: Expr, generators: [Comprehension])

  case unary(UnaryOperator, Expr)
  case binary(BinaryOperator, Expr, Expr)
  /// `a and b and c` / `a or b`: two or more operands, one operator.
  case boolean(BooleanOperator, [Expr])
  /// `a < b <= c`: the first operand, then (operator, operand) pairs.
  case compare(Expr, [Comparison])
  case conditional(test: Expr, body: Expr, orElse: Expr)
  case lambda(Parameters, body: Expr)

  case call(Expr, [Argument])
  case attribute(Expr, Identifier)
  case `subscript`(Expr, Expr)
  /// `a:b:c` inside a subscript; any part may be missing.
  case slice(lower: Expr?, upper: Expr?, step: Expr?)
  /// `yield` / `yield x` used as an expression (statement form included).
  case yield(Expr?)
}

/// An integer literal of any size.
public enum IntLiteral: Hashable, Sendable {
  case small(Int)
  case big(BigInt)
}

/// A name with the range it was written at.
public struct Identifier: Hashable, Sendable {
  public var name: String
  public var range: SourceRange

  public init(_ name: String, _ range: SourceRange) {
    self.name = name
    self.range = range
  }
}

/// A piece of an f-string: literal text or a replacement field.
public enum FStringPart: Hashable, Sendable {
  case literal(String)
  /// `{expr!conv:spec}`; `spec` may itself contain replacement fields.
  /// `selfDocumenting` holds the `expr=` text (3.8+ `{x=}`) when used.
  case field(Expr, conversion: FStringConversion?, spec: [FStringPart]?, selfDocumenting: String?)
}

public enum FStringConversion: Character, Hashable, Sendable {
  case str = "s"
  case repr = "r"
  case ascii = "a"
}

/// An entry of a dict display.
public enum DictItem: Hashable, Sendable {
  case pair(key: Expr, value: Expr)
  /// `**mapping`
  case unpack(Expr)
}

/// One `for target in iter if cond...` clause of a comprehension.
public struct Comprehension: Hashable, Sendable {
  public var target: Expr
  public var iterable: Expr
  public var conditions: [Expr]
  public var range: SourceRange

  public init(target: Expr, iterable: Expr, conditions: [Expr], range: SourceRange) {
    self.target = target
    self.iterable = iterable
    self.conditions = conditions
    self.range = range
  }
}

/// A call argument.
public enum Argument: Hashable, Sendable {
  case positional(Expr)
  /// `*iterable`
  case starred(Expr)
  case keyword(Identifier, Expr)
  /// `**mapping`
  case doubleStarred(Expr)
}

public struct Comparison: Hashable, Sendable {
  public var op: ComparisonOperator
  public var operand: Expr

  public init(_ op: ComparisonOperator, _ operand: Expr) {
    self.op = op
    self.operand = operand
  }
}

public enum UnaryOperator: String, Hashable, Sendable {
  case negate = "-"
  case plus = "+"
  case invert = "~"
  case not = "not"
}

public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case trueDivide = "/"
  case floorDivide = "//"
  case modulo = "%"
  case power = "**"
  case leftShift = "<<"
  case rightShift = ">>"
  case bitAnd = "&"
  case bitOr = "|"
  case bitXor = "^"
  case matrixMultiply = "@"
}

public enum BooleanOperator: String, Hashable, Sendable {
  case and
  case or
}

public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable {
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessEqual = "<="
  case greater = ">"
  case greaterEqual = ">="
  case `is` = "is"
  case isNot = "is not"
  case `in` = "in"
  case notIn = "not in"
}
