// Assignment, deletion and loop targets. A target is parsed as an expression
// and then checked: names, attributes and subscripts are targets, and so are
// tuples and lists of targets with at most one starred element. Anything
// else is reported with CPython's wording ("cannot assign to function call",
// "cannot delete literal", "'tuple' is an illegal expression for augmented
// assignment"); the statement is kept, so later errors are still found.

extension RecursiveDescentParser {
  enum TargetContext {
    case assign, delete, augmented, annotated
  }

  /// `for` and comprehension targets: stops before `in`, which the full
  /// expression grammar would read as a comparison.
  func parseForTarget() throws(SyntaxError) -> Expr {
    let elements = try parseTargetList(allowStar: true)
    let target: Expr
    if elements.count == 1 && tokens[index - 1].kind != .comma {
      target = elements[0]
    } else {
      target = Expr(.tuple(elements), range(from: elements[0].range.start))
    }
    validateTarget(target, .assign)
    return target
  }

  /// A comma-separated list of `bitwise_or`-level expressions (optionally
  /// starred), as `del` and `for` take them.
  func parseTargetList(allowStar: Bool) throws(SyntaxError) -> [Expr] {
    var elements: [Expr] = []
    repeat {
      if allowStar && kind == .star {
        elements.append(try parseStarExpression())
      } else {
        elements.append(try parseBinary(minimumPrecedence: 1))
      }
    } while accept(.comma) != nil && kind != .kwIn && kind != .newline && kind != .endOfFile
      && kind != .equal && kind != .semicolon
    return elements
  }

  func validateTarget(_ target: Expr, _ context: TargetContext) {
    switch context {
    case .augmented, .annotated:
      switch target.kind {
      case .name, .attribute, .subscript:
        checkNameTarget(target, context)
      default:
        if context == .annotated {
          let what: String
          switch target.kind {
          case .tuple: what = "only single target (not tuple) can be annotated"
          case .list: what = "only single target (not list) can be annotated"
          default: what = "illegal target for annotation"
          }
          report(what, at: target.range)
        } else {
          report("'\(describe(target))' is an illegal expression for augmented assignment", at: target.range)
        }
      }
    case .assign, .delete:
      if case .starred = target.kind {
        if context == .delete {
          report("cannot delete starred", at: target.range)
        } else {
          report("starred assignment target must be in a list or tuple", at: target.range)
        }
        return
      }
      validateNested(target, context)
    }
  }

  private func validateNested(_ target: Expr, _ context: TargetContext) {
    switch target.kind {
    case .name, .attribute, .subscript:
      checkNameTarget(target, context)
    case .tuple(let elements), .list(let elements):
      var starred = 0
      for element in elements {
        if case .starred(let inner) = element.kind {
          if context == .delete {
            report("cannot delete starred", at: element.range)
            continue
          }
          starred += 1
          if starred == 2 { report("multiple starred expressions in assignment", at: target.range) }
          validateNested(inner, context)
        } else {
          validateNested(element, context)
        }
      }
    case .starred:
      report("can't use starred expression here", at: target.range)
    default:
      let verb = context == .delete ? "delete" : "assign to"
      report("cannot \(verb) \(describe(target))", at: target.range)
    }
  }

  private func checkNameTarget(_ target: Expr, _ context: TargetContext) {
    if case .name("__debug__") = target.kind {
      report("cannot \(context == .delete ? "delete" : "assign to") __debug__", at: target.range)
    }
  }

  /// CPython's name for an expression kind in target errors.
  func describe(_ expr: Expr) -> String {
    switch expr.kind {
    case .name: "name"
    case .int, .float, .string, .bytes: "literal"
    case .fstring: "f-string expression"
    case .true: "True"
    case .false: "False"
    case .none: "None"
    case .ellipsis: "ellipsis"
    case .tuple: "tuple"
    case .list: "list"
    case .set: "set display"
    case .dict: "dict literal"
    case .starred: "starred"
    case .listComp: "list comprehension"
    case .setComp: "set comprehension"
    case .dictComp: "dict comprehension"
    case .generator: "generator expression"
    case .unary, .binary, .boolean: "expression"
    case .compare: "comparison"
    case .conditional: "conditional expression"
    case .lambda: "lambda"
    case .call: "function call"
    case .attribute: "attribute"
    case .subscript: "subscript"
    case .slice: "slice"
    case .yield: "yield expression"
    }
  }
}
