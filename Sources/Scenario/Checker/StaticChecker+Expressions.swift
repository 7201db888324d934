// Expression checks: `yield` placement, starred expressions outside
// displays, names of builtins that reach outside the model, and the scopes
// that lambdas and comprehensions open.

extension StaticChecker {
  /// Visits an expression in a load context.
  func visit(_ expr: Expr, starredAllowed: Bool = false) {
    switch expr.kind {
    case .name(let name):
      scope.usedSoFar.insert(name)
      if let why = StaticChecker.restrictedBuiltins[name], !isBoundAnywhere(name) {
        unavailable("'\(name)' is", why, at: expr.range)
      } else if StaticChecker.unsupportedBuiltins.contains(name), !isBoundAnywhere(name) {
        unavailable("builtin '\(name)' is", "the model does not implement it", at: expr.range)
      }
    case .int, .float, .string, .bytes, .true, .false, .none, .ellipsis:
      break
    case .fstring(let parts):
      visit(parts)
    case .tuple(let elements), .list(let elements), .set(let elements):
      for element in elements { visit(element, starredAllowed: true) }
    case .dict(let items):
      for item in items {
        switch item {
        case .pair(let key, let value):
          visit(key)
          visit(value)
        case .unpack(let value):
          visit(value)
        }
      }
    case .starred(let inner):
      if !starredAllowed { report("can't use starred expression here", at: expr.range) }
      visit(inner)
    case .listComp(let element, let generators):
      visitComprehension(generators, kind: "list comprehension") { self.visit(element) }
    case .setComp(let element, let generators):
      visitComprehension(generators, kind: "set comprehension") { self.visit(element) }
    case .dictComp(let key, let value, let generators):
      visitComprehension(generators, kind: "dict comprehension") {
        self.visit(key)
        self.visit(value)
      }
    case .generator(let element, let generators):
      visitComprehension(generators, kind: "generator expression") { self.visit(element) }
    case .unary(_, let operand):
      visit(operand)
    case .binary(_, let left, let right):
      visit(left)
      visit(right)
    case .boolean(_, let values):
      for value in values { visit(value) }
    case .compare(let first, let comparisons):
      visit(first)
      for comparison in comparisons { visit(comparison.operand) }
    case .conditional(let test, let body, let orElse):
      visit(test)
      visit(body)
      visit(orElse)
    case .lambda(let parameters, let body):
      visitDefaults(parameters)
      var inner = Scope(kind: .lambda)
      bindParameters(parameters, into: &inner)
      scopes.append(inner)
      let saved = comprehensionKind
      comprehensionKind = nil
      visit(body)
      comprehensionKind = saved
      scopes.removeLast()
    case .call(let function, let arguments):
      visit(function)
      for argument in arguments {
        switch argument {
        case .positional(let value), .starred(let value), .keyword(_, let value), .doubleStarred(let value):
          visit(value)
        }
      }
    case .attribute(let base, _):
      visit(base)
    case .subscript(let base, let index):
      visit(base)
      visit(index)
    case .slice(let lower, let upper, let step):
      for part in [lower, upper, step] { if let part { visit(part) } }
    case .yield(let value):
      if let comprehensionKind {
        report("'yield' inside \(comprehensionKind)", at: expr.range)
      } else if !scope.isFunctionLike {
        report("'yield' outside function", at: expr.range)
      }
      if let value { visit(value) }
    }
  }

  func visit(_ parts: [FStringPart]) {
    for part in parts {
      if case .field(let value, _, let spec, _) = part {
        visit(value)
        if let spec { visit(spec) }
      }
    }
  }

  /// The first iterable is evaluated in the enclosing scope; the rest of the
  /// comprehension runs in its own.
  func visitComprehension(_ generators: [Comprehension], kind: String, element: () -> Void) {
    guard let first = generators.first else { return }
    visit(first.iterable)
    var inner = Scope(kind: .comprehension)
    inner.loopDepth = 0
    scopes.append(inner)
    let saved = comprehensionKind
    comprehensionKind = kind
    for (offset, generator) in generators.enumerated() {
      if offset > 0 { visit(generator.iterable) }
      visitTarget(generator.target)
      for condition in generator.conditions { visit(condition) }
    }
    element()
    comprehensionKind = saved
    scopes.removeLast()
  }

  /// Visits an assignment or deletion target (the parser has already
  /// checked its shape).
  func visitTarget(_ target: Expr) {
    switch target.kind {
    case .name(let name):
      assign(name)
    case .tuple(let elements), .list(let elements):
      for element in elements { visitTarget(element) }
    case .starred(let inner):
      visitTarget(inner)
    case .attribute(let base, _):
      visit(base)
    case .subscript(let base, let index):
      visit(base)
      visit(index)
    default:
      visit(target)
    }
  }

  /// Whether the scenario binds `name` in the current scope chain (so that a
  /// local `open` or `input` is not mistaken for the builtin).
  func isBoundAnywhere(_ name: String) -> Bool {
    for outer in scopes.reversed() where outer.bound.contains(name) || outer.assignedSoFar.contains(name) {
      return true
    }
    return false
  }
}
