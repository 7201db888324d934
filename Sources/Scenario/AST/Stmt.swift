// Statements of the scenario subset (SPEC §2). `elif` chains are nested
// `.if` statements in the `orElse` branch, as in CPython's own AST.

/// A statement node: what it is, and where it came from.
public struct Stmt: Hashable, Sendable {
  public var kind: StmtKind
  public var range: SourceRange

  public init(_ kind: StmtKind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}

public indirect enum StmtKind: Hashable, Sendable {
  case expression(Expr)
  /// `a = b = value`: one or more targets, assigned left to right.
  case assign(targets: [Expr], value: Expr)
  case augmentedAssign(target: Expr, op: BinaryOperator, value: Expr)
  case delete([Expr])
  case pass
  case `break`
  case `continue`
  case `return`(Expr?)
  case `if`(test: Expr, body: [Stmt], orElse: [Stmt])
  case `while`(test: Expr, body: [Stmt], orElse: [Stmt])
  case `for`(target: Expr, iterable: Expr, body: [Stmt], orElse: [Stmt])
  case functionDef(FunctionDef)
  case classDef(ClassDef)
  case global([Identifier])
  case nonlocal([Identifier])
  case assert(test: Expr, message: Expr?)
  case `try`(body: [Stmt], handlers: [ExceptHandler], orElse: [Stmt], finally: [Stmt])
  case raise(exception: Expr?, cause: Expr?)
  /// `import gc, sys as s`
  case `import`([ImportAlias])
  /// `from weakref import ref as r`
  case importFrom(module: Identifier, names: [ImportAlias])
}

/// `name` or `name as alias` in an import.
public struct ImportAlias: Hashable, Sendable {
  public var name: Identifier
  public var alias: Identifier?

  public init(name: Identifier, alias: Identifier?) {
    self.name = name
    self.alias = alias
  }
}

/// A `def` statement.
public struct FunctionDef: Hashable, Sendable {
  public var name: Identifier
  public var parameters: Parameters
  public var body: [Stmt]
  /// Decorator expressions, outermost first (as written, top to bottom).
  public var decorators: [Expr]

  public init(name: Identifier, parameters: Parameters, body: [Stmt], decorators: [Expr]) {
    self.name = name
    self.parameters = parameters
    self.body = body
    self.decorators = decorators
  }
}

/// A `class` statement.
public struct ClassDef: Hashable, Sendable {
  public var name: Identifier
  public var bases: [Expr]
  public var body: [Stmt]
  public var decorators: [Expr]

  public init(name: Identifier, bases: [Expr], body: [Stmt], decorators: [Expr]) {
    self.name = name
    self.bases = bases
    self.body = body
    self.decorators = decorators
  }
}

/// A parameter list of a `def` or `lambda`.
public struct Parameters: Hashable, Sendable {
  /// Positional parameters, positional-only ones first.
  public var positional: [Parameter]
  /// How many of `positional` come before a `/`.
  public var positionalOnlyCount: Int
  public var varArgs: Parameter?
  public var keywordOnly: [Parameter]
  public var varKeywords: Parameter?

  public init(
    positional: [Parameter] = [], positionalOnlyCount: Int = 0, varArgs: Parameter? = nil,
    keywordOnly: [Parameter] = [], varKeywords: Parameter? = nil
  ) {
    self.positional = positional
    self.positionalOnlyCount = positionalOnlyCount
    self.varArgs = varArgs
    self.keywordOnly = keywordOnly
    self.varKeywords = varKeywords
  }

  /// Parameter names in CPython's `co_varnames` order: positional, keyword-only,
  /// then `*args`, then `**kwargs`.
  public var frameOrder: [Parameter] {
    positional + keywordOnly + (varArgs.map { [$0] } ?? []) + (varKeywords.map { [$0] } ?? [])
  }
}

public struct Parameter: Hashable, Sendable {
  public var name: Identifier
  public var defaultValue: Expr?

  public init(name: Identifier, defaultValue: Expr? = nil) {
    self.name = name
    self.defaultValue = defaultValue
  }
}

/// `except Type as name:` (type and name optional).
public struct ExceptHandler: Hashable, Sendable {
  public var type: Expr?
  public var name: Identifier?
  public var body: [Stmt]
  public var range: SourceRange

  public init(type: Expr?, name: Identifier?, body: [Stmt], range: SourceRange) {
    self.type = type
    self.name = name
    self.body = body
    self.range = range
  }
}

/// A parsed scenario: its statements and the file they came from.
public struct Module: Sendable {
  public var body: [Stmt]
  public var source: SourceFile

  public init(body: [Stmt], source: SourceFile) {
    self.body = body
    self.source = source
  }
}
