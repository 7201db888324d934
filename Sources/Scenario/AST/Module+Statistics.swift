// Counts used by `heapscope check` ("ok (N lines, M statements)").

extension Module {
  /// The number of statement nodes in the whole tree, nested ones included
  /// (a `def` counts as one, plus every statement of its body).
  public var statementCount: Int { Module.count(body) }

  private static func count(_ body: [Stmt]) -> Int {
    var total = 0
    for statement in body {
      total += 1
      switch statement.kind {
      case .if(_, let inner, let orElse), .while(_, let inner, let orElse), .for(_, _, let inner, let orElse):
        total += count(inner) + count(orElse)
      case .functionDef(let function):
        total += count(function.body)
      case .classDef(let definition):
        total += count(definition.body)
      case .try(let inner, let handlers, let orElse, let finally):
        total += count(inner) + count(orElse) + count(finally)
        for handler in handlers { total += count(handler.body) }
      default:
        break
      }
    }
    return total
  }
}
