// The checks CPython's compiler makes after parsing (symtable.c and
// compile.c), plus the rules of the heapscope subset that need more than one
// token of context.
//
// Scopes: the module, each `def`/`lambda` body, each class body and each
// comprehension is a scope. Before a function's body is walked, the names it
// binds are collected (assignments, `for` and `except ... as` targets,
// imports, nested `def`/`class` names, parameters), because a `nonlocal` may
// name a variable its enclosing function binds only further down. Class
// scopes are skipped when a `nonlocal` looks outwards, as in CPython.
//
// The walk then visits statements in source order, carrying the loop depth
// (reset at every function or class boundary: a `break` inside a `def` inside
// a loop is outside any loop), the static block depth, and whether it is
// inside a comprehension, and reports:
// - 'return' / 'yield' outside function, 'yield' inside a comprehension;
// - 'break' outside loop, 'continue' not properly in loop (a loop's `else`
//   is outside the loop);
// - nonlocal at module level or of an unknown name, names both parameter and
//   global/nonlocal, assigned or used before their global/nonlocal statement;
// - duplicate parameter names; starred expressions outside a display;
// - more than 20 statically nested blocks in one code object, counted as
//   CPython 3.11/3.12 do: a loop or a `try` body is one block, an `except`
//   body two, a `finally` body one (3.8–3.10 count `except` bodies as one and
//   3.13 no longer counts loops; heapscope keeps the stricter middle rule);
// - the subset: imports other than gc/sys/weakref, decorators other than
//   property/staticmethod/classmethod and `x.setter`/`.getter`/`.deleter`,
//   class decorators, multiple inheritance, and builtins that reach outside
//   the model (`open`, `input`, `exec`, `eval`, `compile`, `__import__`,
//   `globals`, `locals`, `vars`) unless the scenario binds that name itself;
//   the same for CPython's builtins the model does not implement
//   (StaticChecker+UnsupportedBuiltins.swift).

/// Walks a parsed module and collects compiler-level and subset errors.
final class StaticChecker {
  static let maximumStaticBlocks = 20
  static let importableModules: Set<String> = ["gc", "sys", "weakref"]
  static let restrictedBuiltins: [String: String] = [
    "open": "scenarios cannot touch the file system",
    "input": "scenarios cannot read standard input",
    "exec": "scenarios cannot run code built at run time",
    "eval": "scenarios cannot run code built at run time",
    "compile": "scenarios cannot run code built at run time",
    "__import__": "only gc, sys and weakref can be imported, with an import statement",
    "globals": "namespace dictionaries are outside the modelled subset",
    "locals": "namespace dictionaries are outside the modelled subset",
    "vars": "namespace dictionaries are outside the modelled subset",
  ]

  /// One scope of the symbol table.
  struct Scope {
    enum Kind {
      case module, function, lambda, classBody, comprehension
    }
    var kind: Kind
    var bound: Set<String> = []
    var parameters: Set<String> = []
    var globals: Set<String> = []
    var nonlocals: Set<String> = []
    var assignedSoFar: Set<String> = []
    var usedSoFar: Set<String> = []
    var loopDepth = 0
    var blockDepth = 0
    var reportedBlockLimit = false

    var isFunctionLike: Bool { kind == .function || kind == .lambda }
  }

  let source: SourceFile
  var scopes: [Scope] = []
  var diagnostics: [Diagnostic] = []
  /// The kind of comprehension whose element is being visited, for
  /// "'yield' inside list comprehension".
  var comprehensionKind: String?

  init(source: SourceFile) {
    self.source = source
  }

  func report(_ message: String, at range: SourceRange) {
    diagnostics.append(Diagnostic(message, at: range))
  }

  func unavailable(_ what: String, _ why: String, at range: SourceRange) {
    report("\(what) not available in heapscope scenarios (\(why))", at: range)
  }

  /// The innermost scope, mutated in place (a get/set pair would copy its
  /// sets on every insertion).
  var scope: Scope {
    get { scopes[scopes.count - 1] }
    _modify { yield &scopes[scopes.count - 1] }
  }

  func checkModule(_ body: [Stmt]) {
    var module = Scope(kind: .module)
    collectBindings(body, into: &module)
    scopes = [module]
    visit(body)
  }

  // MARK: - Statements

  func visit(_ body: [Stmt]) {
    for statement in body { visit(statement) }
  }

  func visit(_ statement: Stmt) {
    switch statement.kind {
    case .expression(let value):
      visit(value)
    case .assign(let targets, let value):
      visit(value)
      for target in targets { visitTarget(target) }
    case .augmentedAssign(let target, _, let value):
      visit(value)
      visitTarget(target)
    case .delete(let targets):
      for target in targets { visitTarget(target) }
    case .pass:
      break
    case .break:
      if scope.loopDepth == 0 { report("'break' outside loop", at: statement.range) }
    case .continue:
      if scope.loopDepth == 0 { report("'continue' not properly in loop", at: statement.range) }
    case .return(let value):
      if !scope.isFunctionLike { report("'return' outside function", at: statement.range) }
      if let value { visit(value) }
    case .if(let test, let body, let orElse):
      visit(test)
      visit(body)
      visit(orElse)
    case .while(let test, let body, let orElse):
      visit(test)
      inBlock(statement, weight: 1, loop: true) { visit(body) }
      visit(orElse)
    case .for(let target, let iterable, let body, let orElse):
      visit(iterable)
      visitTarget(target)
      inBlock(statement, weight: 1, loop: true) { visit(body) }
      visit(orElse)
    case .functionDef(let function):
      visitFunction(function, statement: statement)
    case .classDef(let definition):
      visitClass(definition, statement: statement)
    case .global(let names):
      declare(names, isGlobal: true, statement: statement)
    case .nonlocal(let names):
      declare(names, isGlobal: false, statement: statement)
    case .assert(let test, let message):
      visit(test)
      if let message { visit(message) }
    case .try(let body, let handlers, let orElse, let finally):
      inBlock(statement, weight: 1, loop: false) { visit(body) }
      for handler in handlers {
        if let type = handler.type { visit(type) }
        if let name = handler.name { assign(name.name) }
        inBlock(statement, weight: 2, loop: false) { visit(handler.body) }
      }
      visit(orElse)
      inBlock(statement, weight: 1, loop: false) { visit(finally) }
    case .raise(let exception, let cause):
      if let exception { visit(exception) }
      if let cause { visit(cause) }
    case .import(let aliases):
      for alias in aliases {
        checkImport(alias.name.name, at: alias.name.range)
        assign(alias.alias?.name ?? String(alias.name.name.prefix { $0 != "." }))
      }
    case .importFrom(let module, let names):
      checkImport(module.name, at: module.range)
      for alias in names { assign((alias.alias ?? alias.name).name) }
    }
  }

  /// Runs `body` one static block deeper (and one loop deeper for loops).
  func inBlock(_ statement: Stmt, weight: Int, loop: Bool, _ body: () -> Void) {
    let savedBlocks = scope.blockDepth
    let savedLoops = scope.loopDepth
    scope.blockDepth += weight
    if loop { scope.loopDepth += 1 }
    if scope.blockDepth > StaticChecker.maximumStaticBlocks && !scope.reportedBlockLimit {
      scope.reportedBlockLimit = true
      report("too many statically nested blocks", at: headerRange(statement))
    }
    body()
    scope.blockDepth = savedBlocks
    scope.loopDepth = savedLoops
  }

  /// The first line of a compound statement, for carets.
  func headerRange(_ statement: Stmt) -> SourceRange {
    let line = source.line(containing: statement.range.start)
    let lineEnd = source.lineRange(line).upperBound
    return SourceRange(
      start: statement.range.start,
      end: Swift.min(statement.range.end, Swift.max(lineEnd, statement.range.start)))
  }

  func checkImport(_ module: String, at range: SourceRange) {
    guard !StaticChecker.importableModules.contains(module) else { return }
    unavailable(
      "import of module '\(module)' is", "only gc, sys and weakref can be imported", at: range)
  }

  func assign(_ name: String) {
    scope.assignedSoFar.insert(name)
  }

  func declare(_ names: [Identifier], isGlobal: Bool, statement: Stmt) {
    let word = isGlobal ? "global" : "nonlocal"
    for name in names {
      let spelled = name.name
      if !isGlobal && scope.kind == .module {
        report("nonlocal declaration not allowed at module level", at: statement.range)
        return
      }
      if scope.parameters.contains(spelled) {
        report("name '\(spelled)' is parameter and \(word)", at: statement.range)
      } else if isGlobal ? scope.nonlocals.contains(spelled) : scope.globals.contains(spelled) {
        report("name '\(spelled)' is nonlocal and global", at: statement.range)
      } else if scope.assignedSoFar.contains(spelled) {
        report("name '\(spelled)' is assigned to before \(word) declaration", at: statement.range)
      } else if scope.usedSoFar.contains(spelled) {
        report("name '\(spelled)' is used prior to \(word) declaration", at: statement.range)
      } else if !isGlobal && !enclosingFunctionBinds(spelled) {
        report("no binding for nonlocal '\(spelled)' found", at: statement.range)
      }
      if isGlobal { scope.globals.insert(spelled) } else { scope.nonlocals.insert(spelled) }
    }
  }

  /// Whether a function enclosing the current scope binds `name` locally.
  func enclosingFunctionBinds(_ name: String) -> Bool {
    for outer in scopes.dropLast().reversed() {
      guard outer.kind != .classBody, outer.kind != .comprehension else { continue }
      guard outer.kind != .module else { return false }
      if outer.globals.contains(name) { return false }
      if outer.bound.contains(name) || outer.nonlocals.contains(name) { return true }
    }
    return false
  }

  // MARK: - Definitions

  func visitFunction(_ function: FunctionDef, statement: Stmt) {
    for decorator in function.decorators {
      visit(decorator)
      checkDecorator(decorator)
    }
    visitDefaults(function.parameters)
    assign(function.name.name)
    var inner = Scope(kind: .function)
    bindParameters(function.parameters, into: &inner)
    collectBindings(function.body, into: &inner)
    scopes.append(inner)
    visit(function.body)
    scopes.removeLast()
  }

  func visitDefaults(_ parameters: Parameters) {
    for parameter in parameters.positional + parameters.keywordOnly {
      if let value = parameter.defaultValue { visit(value) }
    }
  }

  func bindParameters(_ parameters: Parameters, into scope: inout Scope) {
    for parameter in parameters.positional + (parameters.varArgs.map { [$0] } ?? []) + parameters.keywordOnly
      + (parameters.varKeywords.map { [$0] } ?? [])
    {
      let name = parameter.name.name
      if !scope.parameters.insert(name).inserted {
        report("duplicate argument '\(name)' in function definition", at: parameter.name.range)
      }
      scope.bound.insert(name)
    }
  }

  func checkDecorator(_ decorator: Expr) {
    switch decorator.kind {
    case .name("property"), .name("staticmethod"), .name("classmethod"):
      return
    case .attribute(let base, let attribute):
      if case .name = base.kind, ["setter", "getter", "deleter"].contains(attribute.name) { return }
    default:
      break
    }
    unavailable(
      "decorator '@\(source.text(of: decorator.range))' is",
      "only @property, @staticmethod, @classmethod and @<property>.setter/.getter/.deleter are modelled",
      at: decorator.range)
  }

  /// The special methods a user class may define: the ones the model
  /// calls where CPython does (measured one by one against 3.12; any other
  /// would be silently ignored — `__add__`, `__getattr__`, `__setattr__`,
  /// `__get__`, `__index__`, `__format__`, `__new__` and the rest).
  static let modelledSpecialMethods: Set<String> = [
    "__init__", "__del__", "__repr__", "__str__", "__hash__", "__bool__", "__call__",
    "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__",
    "__len__", "__iter__", "__next__", "__contains__", "__getitem__", "__setitem__", "__delitem__",
    "__bytes__",
  ]
  static let modelledSpecialMethodList = modelledSpecialMethods.sorted().joined(separator: " ")

  func visitClass(_ definition: ClassDef, statement: Stmt) {
    for decorator in definition.decorators {
      visit(decorator)
      unavailable(
        "class decorators are", "only function decorators of the subset are modelled", at: decorator.range)
    }
    for base in definition.bases { visit(base) }
    if definition.bases.count > 1 {
      let range = definition.bases[0].range.union(definition.bases[definition.bases.count - 1].range)
      unavailable("multiple inheritance is", "a class has at most one base in the modelled subset", at: range)
    }
    for statement in definition.body {
      guard case .functionDef(let method) = statement.kind else { continue }
      let name = method.name.name
      if name.count > 4, name.hasPrefix("__"), name.hasSuffix("__"),
        !StaticChecker.modelledSpecialMethods.contains(name)
      {
        unavailable(
          "special method '\(name)' is",
          "the model calls only \(StaticChecker.modelledSpecialMethodList); CPython would call this one",
          at: method.name.range)
      }
    }
    assign(definition.name.name)
    var inner = Scope(kind: .classBody)
    collectBindings(definition.body, into: &inner)
    scopes.append(inner)
    visit(definition.body)
    scopes.removeLast()
  }

  // MARK: - Binding collection

  func collectBindings(_ body: [Stmt], into scope: inout Scope) {
    for statement in body {
      switch statement.kind {
      case .assign(let targets, _):
        for target in targets { collectTargetNames(target, into: &scope.bound) }
      case .augmentedAssign(let target, _, _):
        collectTargetNames(target, into: &scope.bound)
      case .delete(let targets):
        for target in targets { collectTargetNames(target, into: &scope.bound) }
      case .for(let target, _, let inner, let orElse):
        collectTargetNames(target, into: &scope.bound)
        collectBindings(inner, into: &scope)
        collectBindings(orElse, into: &scope)
      case .if(_, let inner, let orElse), .while(_, let inner, let orElse):
        collectBindings(inner, into: &scope)
        collectBindings(orElse, into: &scope)
      case .try(let inner, let handlers, let orElse, let finally):
        collectBindings(inner, into: &scope)
        for handler in handlers {
          if let name = handler.name { scope.bound.insert(name.name) }
          collectBindings(handler.body, into: &scope)
        }
        collectBindings(orElse, into: &scope)
        collectBindings(finally, into: &scope)
      case .functionDef(let function):
        scope.bound.insert(function.name.name)
      case .classDef(let definition):
        scope.bound.insert(definition.name.name)
      case .import(let aliases):
        for alias in aliases {
          scope.bound.insert(alias.alias?.name ?? String(alias.name.name.prefix { $0 != "." }))
        }
      case .importFrom(_, let names):
        for alias in names { scope.bound.insert((alias.alias ?? alias.name).name) }
      case .global(let names):
        for name in names { scope.globals.insert(name.name) }
      case .expression, .pass, .break, .continue, .return, .nonlocal, .assert, .raise:
        break
      }
    }
    scope.bound.subtract(scope.globals)
  }

  func collectTargetNames(_ target: Expr, into names: inout Set<String>) {
    switch target.kind {
    case .name(let name): names.insert(name)
    case .tuple(let elements), .list(let elements):
      for element in elements { collectTargetNames(element, into: &names) }
    case .starred(let inner): collectTargetNames(inner, into: &names)
    default: break
    }
  }
}
