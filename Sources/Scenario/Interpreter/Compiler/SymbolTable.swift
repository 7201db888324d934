// Scope analysis, as CPython's symtable.c does it before code generation:
// which names of each scope are locals, cells (locals captured by an inner
// function), free variables (captured from an outer function) or globals.
//
// Two passes: `collect` walks the AST once, building a `Scope` per module,
// function, lambda, class body and comprehension with the names it binds
// and uses; `resolve` then decides every name top-down, marking a binding
// scope's variable as a cell when an inner scope captures it and threading
// the free variable through every scope in between. Class scopes are skipped
// when inner functions look for enclosing bindings, as in Python.
//
// Scopes are found again by the compiler through the source range of the
// node that opens them.

final class Scope {
  enum Binding: Sendable {
    case local, cell, free, globalExplicit, globalImplicit
  }

  let kind: CodeKind
  let name: String
  unowned let parent: Scope?
  var children: [Scope] = []
  /// Parameters in CPython's order (positional, keyword-only, *args, **kwargs).
  var parameters: [String] = []
  /// Names bound in this scope, in order of first binding.
  var bound: [String] = []
  private var boundSet: Set<String> = []
  var used: Set<String> = []
  var declaredGlobal: Set<String> = []
  var declaredNonlocal: Set<String> = []
  var cells: [String] = []
  var frees: [String] = []
  var isGenerator = false
  var usesSuper = false
  var bindings: [String: Binding] = [:]

  init(kind: CodeKind, name: String, parent: Scope?) {
    self.kind = kind
    self.name = name
    self.parent = parent
  }

  var isFunctionLike: Bool {
    kind == .function || kind == .lambda || kind == .comprehension || kind == .generatorExpression
  }

  func bind(_ name: String) {
    if boundSet.insert(name).inserted { bound.append(name) }
  }

  func isBound(_ name: String) -> Bool { boundSet.contains(name) }

  func addCell(_ name: String) {
    if !cells.contains(name) { cells.append(name) }
  }

  func addFree(_ name: String) {
    if !frees.contains(name) { frees.append(name) }
  }

  /// How a name is reached from code of this scope.
  func binding(of name: String) -> Binding {
    if let binding = bindings[name] { return binding }
    if kind == .module { return .globalImplicit }
    return .globalImplicit
  }

  /// Local variable names in `co_varnames` order: parameters, then the other
  /// bound names that are neither cells-only nor globals.
  var varNames: [String] {
    var names = parameters
    for name in bound where !parameters.contains(name) {
      if case .local = binding(of: name) { names.append(name) }
    }
    return names
  }
}

/// Key of a scope-opening node: its source range.
struct ScopeKey: Hashable {
  var start: Int
  var end: Int

  init(_ range: SourceRange) {
    start = range.start
    end = range.end
  }
}

/// The scopes of one module.
struct SymbolTable {
  let module: Scope
  let scopes: [ScopeKey: Scope]

  init(module ast: Module, inlinesComprehensions: Bool) {
    var builder = SymbolCollector()
    let root = Scope(kind: .module, name: "<module>", parent: nil)
    builder.scopes = [:]
    builder.collect(ast.body, in: root)
    SymbolTable.resolve(root)
    module = root
    scopes = builder.scopes
  }

  func scope(for range: SourceRange) -> Scope {
    guard let scope = scopes[ScopeKey(range)] else {
      preconditionFailure("no scope recorded for node at \(range)")
    }
    return scope
  }

  private static func resolve(_ scope: Scope) {
    switch scope.kind {
    case .module:
      for name in scope.bound { scope.bindings[name] = .globalImplicit }
    case .classBody:
      for name in scope.used where !scope.isBound(name) && !scope.declaredGlobal.contains(name) {
        if let owner = enclosingFunctionBinding(of: name, from: scope.parent) {
          capture(name, owner: owner, from: scope)
        }
      }
      for name in scope.declaredGlobal { scope.bindings[name] = .globalExplicit }
    default:
      for name in scope.declaredGlobal { scope.bindings[name] = .globalExplicit }
      for name in scope.parameters { scope.bindings[name] = .local }
      for name in scope.bound
      where !scope.declaredGlobal.contains(name) && !scope.declaredNonlocal.contains(name) {
        scope.bindings[name] = .local
      }
      var wanted = scope.declaredNonlocal
      for name in scope.used where scope.bindings[name] == nil { wanted.insert(name) }
      for name in wanted.sorted() {
        if let owner = enclosingFunctionBinding(of: name, from: scope.parent) {
          capture(name, owner: owner, from: scope)
        } else {
          scope.bindings[name] = .globalImplicit
        }
      }
      if scope.usesSuper, let owner = enclosingClass(of: scope) {
        owner.addCell("__class__")
        owner.bindings["__class__"] = .cell
        capture("__class__", owner: owner, from: scope)
      }
    }
    for child in scope.children { resolve(child) }
  }

  /// Marks `name` as a cell of `owner` and a free variable of `user` and of
  /// every scope between them.
  private static func capture(_ name: String, owner: Scope, from user: Scope) {
    if owner.kind != .classBody || name == "__class__" {
      if owner.bindings[name] == .local || owner.bindings[name] == nil {
        owner.bindings[name] = .cell
      }
      owner.addCell(name)
    }
    var current: Scope? = user
    while let scope = current, scope !== owner {
      scope.addFree(name)
      if scope.kind != .classBody || scope === user { scope.bindings[name] = .free }
      current = scope.parent
    }
  }

  private static func enclosingFunctionBinding(of name: String, from start: Scope?) -> Scope? {
    var current = start
    while let scope = current {
      if scope.kind == .module { return nil }
      if scope.isFunctionLike, !scope.declaredGlobal.contains(name) {
        if scope.parameters.contains(name) || (scope.isBound(name) && !scope.declaredNonlocal.contains(name))
        {
          return scope
        }
      }
      current = scope.parent
    }
    return nil
  }

  private static func enclosingClass(of scope: Scope) -> Scope? {
    var current = scope.parent
    while let candidate = current {
      if candidate.kind == .classBody { return candidate }
      if candidate.kind == .module { return nil }
      current = candidate.parent
    }
    return nil
  }
}

/// The collecting pass.
struct SymbolCollector {
  var scopes: [ScopeKey: Scope] = [:]

  mutating func collect(_ body: [Stmt], in scope: Scope) {
    for statement in body { collect(statement, in: scope) }
  }

  mutating func collect(_ statement: Stmt, in scope: Scope) {
    switch statement.kind {
    case .expression(let expr): use(expr, in: scope)
    case .assign(let targets, let value):
      use(value, in: scope)
      for target in targets { bindTarget(target, in: scope) }
    case .augmentedAssign(let target, _, let value):
      use(value, in: scope)
      if case .name(let name) = target.kind { scope.used.insert(name) }
      bindTarget(target, in: scope)
    case .delete(let targets):
      for target in targets { bindTarget(target, in: scope) }
    case .pass, .break, .continue: break
    case .return(let value): if let value { use(value, in: scope) }
    case .if(let test, let body, let orElse), .while(let test, let body, let orElse):
      use(test, in: scope)
      collect(body, in: scope)
      collect(orElse, in: scope)
    case .for(let target, let iterable, let body, let orElse):
      use(iterable, in: scope)
      bindTarget(target, in: scope)
      collect(body, in: scope)
      collect(orElse, in: scope)
    case .functionDef(let def):
      for decorator in def.decorators { use(decorator, in: scope) }
      useDefaults(def.parameters, in: scope)
      scope.bind(def.name.name)
      let inner = Scope(kind: .function, name: def.name.name, parent: scope)
      scope.children.append(inner)
      scopes[ScopeKey(statement.range)] = inner
      declareParameters(def.parameters, in: inner)
      collect(def.body, in: inner)
    case .classDef(let def):
      for decorator in def.decorators { use(decorator, in: scope) }
      for base in def.bases { use(base, in: scope) }
      scope.bind(def.name.name)
      let inner = Scope(kind: .classBody, name: def.name.name, parent: scope)
      scope.children.append(inner)
      scopes[ScopeKey(statement.range)] = inner
      collect(def.body, in: inner)
    case .global(let names):
      for name in names { scope.declaredGlobal.insert(name.name) }
    case .nonlocal(let names):
      for name in names { scope.declaredNonlocal.insert(name.name) }
    case .assert(let test, let message):
      use(test, in: scope)
      if let message { use(message, in: scope) }
    case .try(let body, let handlers, let orElse, let final):
      collect(body, in: scope)
      for handler in handlers {
        if let type = handler.type { use(type, in: scope) }
        if let name = handler.name { scope.bind(name.name) }
        collect(handler.body, in: scope)
      }
      collect(orElse, in: scope)
      collect(final, in: scope)
    case .raise(let exception, let cause):
      if let exception { use(exception, in: scope) }
      if let cause { use(cause, in: scope) }
    case .import(let aliases):
      for alias in aliases { scope.bind((alias.alias ?? alias.name).name) }
    case .importFrom(_, let aliases):
      for alias in aliases { scope.bind((alias.alias ?? alias.name).name) }
    }
  }

  private mutating func declareParameters(_ parameters: Parameters, in scope: Scope) {
    for parameter in parameters.frameOrder {
      scope.parameters.append(parameter.name.name)
      scope.bind(parameter.name.name)
    }
  }

  private mutating func useDefaults(_ parameters: Parameters, in scope: Scope) {
    for parameter in parameters.positional + parameters.keywordOnly {
      if let value = parameter.defaultValue { use(value, in: scope) }
    }
  }

  mutating func bindTarget(_ target: Expr, in scope: Scope) {
    switch target.kind {
    case .name(let name): scope.bind(name)
    case .tuple(let items), .list(let items):
      for item in items { bindTarget(item, in: scope) }
    case .starred(let inner): bindTarget(inner, in: scope)
    case .attribute(let object, _): use(object, in: scope)
    case .subscript(let object, let index):
      use(object, in: scope)
      use(index, in: scope)
    default: use(target, in: scope)
    }
  }

  mutating func use(_ expr: Expr, in scope: Scope) {
    switch expr.kind {
    case .name(let name):
      scope.used.insert(name)
      if name == "super" { scope.usesSuper = true }
    case .int, .float, .string, .bytes, .true, .false, .none, .ellipsis: break
    case .fstring(let parts): useParts(parts, in: scope)
    case .tuple(let items), .list(let items), .set(let items):
      for item in items { use(item, in: scope) }
    case .dict(let items):
      for item in items {
        switch item {
        case .pair(let key, let value):
          use(key, in: scope)
          use(value, in: scope)
        case .unpack(let mapping): use(mapping, in: scope)
        }
      }
    case .starred(let inner): use(inner, in: scope)
    case .listComp(let element, let generators), .setComp(let element, let generators):
      comprehension(expr, kind: .comprehension, elements: [element], generators: generators, in: scope)
    case .generator(let element, let generators):
      comprehension(expr, kind: .generatorExpression, elements: [element], generators: generators, in: scope)
    case .dictComp(let key, let value, let generators):
      comprehension(expr, kind: .comprehension, elements: [key, value], generators: generators, in: scope)
    case .unary(_, let operand): use(operand, in: scope)
    case .binary(_, let left, let right):
      use(left, in: scope)
      use(right, in: scope)
    case .boolean(_, let operands):
      for operand in operands { use(operand, in: scope) }
    case .compare(let first, let rest):
      use(first, in: scope)
      for comparison in rest { use(comparison.operand, in: scope) }
    case .conditional(let test, let body, let orElse):
      use(test, in: scope)
      use(body, in: scope)
      use(orElse, in: scope)
    case .lambda(let parameters, let body):
      useDefaults(parameters, in: scope)
      let inner = Scope(kind: .lambda, name: "<lambda>", parent: scope)
      scope.children.append(inner)
      scopes[ScopeKey(expr.range)] = inner
      declareParameters(parameters, in: inner)
      use(body, in: inner)
    case .call(let function, let arguments):
      use(function, in: scope)
      for argument in arguments {
        switch argument {
        case .positional(let value), .starred(let value), .doubleStarred(let value), .keyword(_, let value):
          use(value, in: scope)
        }
      }
    case .attribute(let object, _): use(object, in: scope)
    case .subscript(let object, let index):
      use(object, in: scope)
      use(index, in: scope)
    case .slice(let lower, let upper, let step):
      for part in [lower, upper, step] { if let part { use(part, in: scope) } }
    case .yield(let value):
      scope.isGenerator = true
      if let value { use(value, in: scope) }
    }
  }

  private mutating func useParts(_ parts: [FStringPart], in scope: Scope) {
    for part in parts {
      if case .field(let value, _, let spec, _) = part {
        use(value, in: scope)
        if let spec { useParts(spec, in: scope) }
      }
    }
  }

  private mutating func comprehension(
    _ expr: Expr, kind: CodeKind, elements: [Expr], generators: [Comprehension], in scope: Scope
  ) {
    guard let first = generators.first else { return }
    use(first.iterable, in: scope)
    let name = kind == .generatorExpression ? "<genexpr>" : comprehensionName(expr)
    let inner = Scope(kind: kind, name: name, parent: scope)
    inner.isGenerator = kind == .generatorExpression
    scope.children.append(inner)
    scopes[ScopeKey(expr.range)] = inner
    inner.parameters.append(".0")
    inner.bind(".0")
    for (index, generator) in generators.enumerated() {
      if index > 0 { use(generator.iterable, in: inner) }
      bindTarget(generator.target, in: inner)
      for condition in generator.conditions { use(condition, in: inner) }
    }
    for element in elements { use(element, in: inner) }
  }

  private func comprehensionName(_ expr: Expr) -> String {
    switch expr.kind {
    case .setComp: "<setcomp>"
    case .dictComp: "<dictcomp>"
    default: "<listcomp>"
    }
  }
}
