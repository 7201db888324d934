// Statements: simple statements separated by `;` and ended by NEWLINE, and
// compound statements whose blocks are either the rest of the line or an
// INDENT ... DEDENT run of statements.

extension RecursiveDescentParser {
  func parseModule() -> [Stmt] {
    var body: [Stmt] = []
    while kind != .endOfFile {
      parseStatementRecovering(into: &body)
      if kind == .dedent { advance() }
    }
    return body
  }

  /// Parses one statement line (or compound statement), recording a syntax
  /// error and skipping past it instead of failing.
  func parseStatementRecovering(into body: inout [Stmt]) {
    let before = index
    do {
      body += try parseStatement()
    } catch {
      diagnostics.append(error.diagnostic)
      abandonedStatement = true
      synchronize()
      if index == before && kind != .endOfFile && kind != .dedent { advance() }
    }
  }

  func parseStatement() throws(SyntaxError) -> [Stmt] {
    switch kind {
    case .kwIf: return [try parseIf(elif: false)]
    case .kwWhile: return [try parseWhile()]
    case .kwFor: return [try parseFor(start: current.range.start)]
    case .kwTry: return [try parseTry()]
    case .kwDef: return [try parseFunctionDef(decorators: [], start: current.range.start)]
    case .kwClass: return [try parseClassDef(decorators: [], start: current.range.start)]
    case .at: return [try parseDecorated()]
    case .kwWith: return try parseWith(start: current.range.start)
    case .kwAsync: return try parseAsync()
    case .indent: throw failure("unexpected indent", at: SourceRange.at(current.range.end))
    case .name:
      if isName("match"), looksLikeMatchStatement() { return try skipMatchStatement() }
      return try parseSimpleStatements()
    default:
      return try parseSimpleStatements()
    }
  }

  // MARK: - Blocks

  /// `':' block` after a compound statement's header; `what` names the
  /// statement for "expected an indented block after ...".
  func parseBlock(after what: String, headerStart: Int) throws(SyntaxError) -> [Stmt] {
    _ = try expect(.colon, "expected ':'")
    guard accept(.newline) != nil else { return try parseSimpleStatements() }
    guard accept(.indent) != nil else {
      let line = source.line(containing: headerStart)
      throw failure(
        "expected an indented block after \(what) on line \(line)", at: SourceRange.at(current.range.start))
    }
    var body: [Stmt] = []
    while kind != .dedent && kind != .endOfFile {
      parseStatementRecovering(into: &body)
    }
    _ = accept(.dedent)
    return body
  }

  // MARK: - Simple statements

  func parseSimpleStatements() throws(SyntaxError) -> [Stmt] {
    var statements: [Stmt] = []
    while true {
      if let statement = try parseSimpleStatement() { statements.append(statement) }
      if accept(.semicolon) != nil {
        if kind == .newline { break }
        continue
      }
      break
    }
    if kind == .newline {
      advance()
    } else if kind != .endOfFile {
      throw invalidSyntax()
    }
    return statements
  }

  /// One simple statement; nil for statements that were reported and dropped
  /// (annotations, out-of-subset imports).
  func parseSimpleStatement() throws(SyntaxError) -> Stmt? {
    let start = current.range.start
    switch kind {
    case .kwPass:
      advance()
      return Stmt(.pass, range(from: start))
    case .kwBreak:
      advance()
      return Stmt(.break, range(from: start))
    case .kwContinue:
      advance()
      return Stmt(.continue, range(from: start))
    case .kwReturn:
      advance()
      var value: Expr?
      if !endsSimpleStatement { value = try parseStarExpressions() }
      return Stmt(.return(value), range(from: start))
    case .kwRaise:
      advance()
      var exception: Expr?
      var cause: Expr?
      if !endsSimpleStatement {
        exception = try parseExpression()
        if accept(.kwFrom) != nil { cause = try parseExpression() }
      }
      return Stmt(.raise(exception: exception, cause: cause), range(from: start))
    case .kwGlobal, .kwNonlocal:
      let isGlobal = advance().kind == .kwGlobal
      var names: [Identifier] = []
      repeat {
        let token = try expect(.name, "invalid syntax")
        names.append(Identifier(text(token), token.range))
      } while accept(.comma) != nil
      return Stmt(isGlobal ? .global(names) : .nonlocal(names), range(from: start))
    case .kwAssert:
      advance()
      let test = try parseExpression()
      var message: Expr?
      if accept(.comma) != nil { message = try parseExpression() }
      return Stmt(.assert(test: test, message: message), range(from: start))
    case .kwDel:
      advance()
      let targets = try parseTargetList(allowStar: true)
      for target in targets { validateTarget(target, .delete) }
      return Stmt(.delete(targets), range(from: start))
    case .kwImport:
      return try parseImport()
    case .kwFrom:
      return try parseFromImport()
    default:
      if isName("type"), peek(1) == .name, peek(2) == .equal || peek(2) == .leftBracket {
        unavailable(
          "'type' statements are", "type aliases are outside the modelled subset", at: current.range)
      }
      return try parseExpressionStatement()
    }
  }

  var endsSimpleStatement: Bool {
    kind == .newline || kind == .semicolon || kind == .endOfFile
  }

  func parseExpressionStatement() throws(SyntaxError) -> Stmt? {
    let start = current.range.start
    let first = try parseStarExpressions(allowYield: true)
    if kind == .equal {
      var targets = [first]
      var value = first
      while accept(.equal) != nil {
        value = try parseStarExpressions(allowYield: true)
        targets.append(value)
      }
      targets.removeLast()
      for target in targets { validateTarget(target, .assign) }
      return Stmt(.assign(targets: targets, value: value), range(from: start))
    }
    if let op = kind.augmentedOperator {
      advance()
      validateTarget(first, .augmented)
      let value = try parseStarExpressions(allowYield: true)
      return Stmt(.augmentedAssign(target: first, op: op, value: value), range(from: start))
    }
    if kind == .colon {
      advance()
      let annotation = try parseExpression()
      unavailable(
        "annotations are", "they are not evaluated by the model; write the statement without them",
        at: SourceRange(start: first.range.start, end: annotation.range.end))
      validateTarget(first, .annotated)
      if accept(.equal) != nil {
        let value = try parseStarExpressions(allowYield: true)
        return Stmt(.assign(targets: [first], value: value), range(from: start))
      }
      return nil
    }
    if !endsSimpleStatement, case .name(let name) = first.kind, name == "print" || name == "exec",
      startsExpression
    {
      throw failure(
        "Missing parentheses in call to '\(name)'. Did you mean \(name)(...)?",
        at: SourceRange(start: first.range.start, end: current.range.end))
    }
    return Stmt(.expression(first), range(from: start))
  }

  var startsExpression: Bool {
    switch kind {
    case .name, .int, .float, .imaginary, .string, .leftParen, .leftBracket, .leftBrace, .minus, .plus,
      .tilde, .kwNot, .kwLambda, .kwTrue, .kwFalse, .kwNone, .ellipsis, .kwAwait:
      return true
    default:
      return false
    }
  }

  // MARK: - Imports

  func parseDottedName() throws(SyntaxError) -> Identifier {
    let first = try expect(.name, "invalid syntax")
    var name = text(first)
    var end = first.range.end
    while kind == .dot, peek(1) == .name {
      advance()
      let part = advance()
      name += "." + text(part)
      end = part.range.end
    }
    return Identifier(name, SourceRange(start: first.range.start, end: end))
  }

  func parseImport() throws(SyntaxError) -> Stmt {
    let start = advance().range.start
    var names: [ImportAlias] = []
    repeat {
      let name = try parseDottedName()
      var alias: Identifier?
      if accept(.kwAs) != nil {
        let token = try expect(.name, "invalid syntax")
        alias = Identifier(text(token), token.range)
      }
      names.append(ImportAlias(name: name, alias: alias))
    } while accept(.comma) != nil
    return Stmt(.import(names), range(from: start))
  }

  func parseFromImport() throws(SyntaxError) -> Stmt? {
    let start = advance().range.start
    var relative: SourceRange?
    while kind == .dot || kind == .ellipsis {
      relative = relative.map { $0.union(current.range) } ?? current.range
      advance()
    }
    var module = Identifier("", SourceRange.at(current.range.start))
    if kind == .name { module = try parseDottedName() }
    if let relative {
      unavailable(
        "relative imports are", "a scenario is a single file; only gc, sys and weakref can be imported",
        at: relative)
    } else if module.name.isEmpty {
      throw invalidSyntax()
    }
    _ = try expect(.kwImport, "invalid syntax")
    if kind == .star {
      let star = advance()
      unavailable(
        "'from \(module.name) import *' is", "star imports would bind names the model cannot list",
        at: SourceRange(start: start, end: star.range.end))
      return nil
    }
    let parenthesized = accept(.leftParen) != nil
    var names: [ImportAlias] = []
    repeat {
      if parenthesized && kind == .rightParen { break }
      let token = try expect(.name, "invalid syntax")
      var alias: Identifier?
      if accept(.kwAs) != nil {
        let aliasToken = try expect(.name, "invalid syntax")
        alias = Identifier(text(aliasToken), aliasToken.range)
      }
      names.append(ImportAlias(name: Identifier(text(token), token.range), alias: alias))
    } while accept(.comma) != nil
    if parenthesized { _ = try expect(.rightParen, "invalid syntax") }
    if names.isEmpty { throw invalidSyntax() }
    if !parenthesized, kind == .comma { throw invalidSyntax() }
    return relative == nil ? Stmt(.importFrom(module: module, names: names), range(from: start)) : nil
  }

  // MARK: - Compound statements

  func parseIf(elif: Bool) throws(SyntaxError) -> Stmt {
    let start = advance().range.start
    let test = try parseNamedExpression()
    let body = try parseBlock(after: elif ? "'elif' statement" : "'if' statement", headerStart: start)
    var orElse: [Stmt] = []
    if kind == .kwElif {
      orElse = [try parseIf(elif: true)]
    } else if kind == .kwElse {
      let elseStart = advance().range.start
      orElse = try parseBlock(after: "'else' statement", headerStart: elseStart)
    }
    return Stmt(.if(test: test, body: body, orElse: orElse), range(from: start))
  }

  func parseWhile() throws(SyntaxError) -> Stmt {
    let start = advance().range.start
    let test = try parseNamedExpression()
    let body = try parseBlock(after: "'while' statement", headerStart: start)
    let orElse = try parseElse()
    return Stmt(.while(test: test, body: body, orElse: orElse), range(from: start))
  }

  func parseElse() throws(SyntaxError) -> [Stmt] {
    guard kind == .kwElse else { return [] }
    let elseStart = advance().range.start
    return try parseBlock(after: "'else' statement", headerStart: elseStart)
  }

  func parseFor(start: Int) throws(SyntaxError) -> Stmt {
    let forStart = advance().range.start
    let target = try parseForTarget()
    _ = try expect(.kwIn, "invalid syntax")
    let iterable = try parseStarExpressions()
    let body = try parseBlock(after: "'for' statement", headerStart: forStart)
    let orElse = try parseElse()
    return Stmt(.for(target: target, iterable: iterable, body: body, orElse: orElse), range(from: start))
  }

  func parseTry() throws(SyntaxError) -> Stmt {
    let start = advance().range.start
    let body = try parseBlock(after: "'try' statement", headerStart: start)
    var handlers: [ExceptHandler] = []
    while kind == .kwExcept {
      let handlerStart = advance().range.start
      if kind == .star {
        unavailable(
          "'except*' is", "exception groups are outside the modelled subset",
          at: SourceRange(start: handlerStart, end: current.range.end))
        advance()
      }
      var type: Expr?
      var name: Identifier?
      if kind != .colon {
        let first = try parseExpression()
        type = first
        if kind == .comma {
          var end = first.range.end
          while accept(.comma) != nil, kind != .colon, kind != .kwAs { end = try parseExpression().range.end }
          throw failure(
            "multiple exception types must be parenthesized",
            at: SourceRange(start: first.range.start, end: end))
        }
        if accept(.kwAs) != nil {
          let token = try expect(.name, "invalid syntax")
          name = Identifier(text(token), token.range)
        }
      }
      let handlerBody = try parseBlock(after: "'except' statement", headerStart: handlerStart)
      handlers.append(
        ExceptHandler(type: type, name: name, body: handlerBody, range: range(from: handlerStart)))
    }
    for handler in handlers.dropLast() where handler.type == nil {
      report(
        "default 'except:' must be last",
        at: SourceRange(start: handler.range.start, end: handler.range.start + 6))
    }
    var orElse: [Stmt] = []
    if !handlers.isEmpty { orElse = try parseElse() }
    var finally: [Stmt] = []
    if kind == .kwFinally {
      let finallyStart = advance().range.start
      finally = try parseBlock(after: "'finally' statement", headerStart: finallyStart)
    }
    if handlers.isEmpty && finally.isEmpty && kind != .kwFinally {
      let at = kind == .endOfFile ? SourceRange.at(lastEnd) : current.range
      throw failure("expected 'except' or 'finally' block", at: at)
    }
    return Stmt(.try(body: body, handlers: handlers, orElse: orElse, finally: finally), range(from: start))
  }

  func parseDecorated() throws(SyntaxError) -> Stmt {
    let start = current.range.start
    var decorators: [Expr] = []
    while accept(.at) != nil {
      decorators.append(try parseNamedExpression())
      _ = try expect(.newline, "invalid syntax")
    }
    switch kind {
    case .kwDef: return try parseFunctionDef(decorators: decorators, start: start)
    case .kwClass: return try parseClassDef(decorators: decorators, start: start)
    case .kwAsync:
      unavailable("'async' functions are", "coroutines are outside the modelled subset", at: current.range)
      advance()
      if kind == .kwDef { return try parseFunctionDef(decorators: decorators, start: start) }
      throw invalidSyntax()
    default: throw invalidSyntax()
    }
  }

  func parseFunctionDef(decorators: [Expr], start: Int) throws(SyntaxError) -> Stmt {
    let defStart = try expect(.kwDef).range.start
    let nameToken = try expect(.name, "invalid syntax")
    _ = try expect(.leftParen, "expected '('")
    let parameters = try parseParameters(closer: .rightParen, allowAnnotations: true)
    _ = try expect(.rightParen, "invalid syntax")
    if kind == .arrow {
      let arrow = advance()
      let annotation = try parseExpression()
      unavailable(
        "annotations are", "they are not evaluated by the model; write the function without them",
        at: SourceRange(start: arrow.range.start, end: annotation.range.end))
    }
    let body = try parseBlock(after: "function definition", headerStart: defStart)
    let function = FunctionDef(
      name: Identifier(text(nameToken), nameToken.range), parameters: parameters, body: body,
      decorators: decorators)
    return Stmt(.functionDef(function), range(from: start))
  }

  func parseClassDef(decorators: [Expr], start: Int) throws(SyntaxError) -> Stmt {
    let classStart = try expect(.kwClass).range.start
    let nameToken = try expect(.name, "invalid syntax")
    var bases: [Expr] = []
    if kind == .leftParen {
      let open = advance()
      let (arguments, _) = try parseArguments(open: open)
      for argument in arguments {
        switch argument {
        case .positional(let base): bases.append(base)
        case .keyword(let name, let value):
          unavailable(
            "class keyword arguments are",
            "metaclasses and __init_subclass__ arguments are outside the modelled subset",
            at: SourceRange(start: name.range.start, end: value.range.end))
        case .starred(let value), .doubleStarred(let value):
          unavailable("unpacked class bases are", "a class has at most one literal base", at: value.range)
        }
      }
    }
    let body = try parseBlock(after: "class definition", headerStart: classStart)
    let definition = ClassDef(
      name: Identifier(text(nameToken), nameToken.range), bases: bases, body: body, decorators: decorators)
    return Stmt(.classDef(definition), range(from: start))
  }

  // MARK: - Out-of-subset compound statements

  func parseWith(start: Int) throws(SyntaxError) -> [Stmt] {
    let withToken = advance()
    unavailable(
      "'with' statements are", "context managers are outside the modelled subset", at: withToken.range)
    repeat {
      _ = try parseExpression()
      if accept(.kwAs) != nil { validateTarget(try parseForTarget(), .assign) }
    } while accept(.comma) != nil
    _ = try parseBlock(after: "'with' statement", headerStart: withToken.range.start)
    return []
  }

  func parseAsync() throws(SyntaxError) -> [Stmt] {
    let asyncToken = advance()
    switch kind {
    case .kwDef:
      unavailable("'async' functions are", "coroutines are outside the modelled subset", at: asyncToken.range)
      return [try parseFunctionDef(decorators: [], start: asyncToken.range.start)]
    case .kwFor:
      unavailable("'async for' loops are", "coroutines are outside the modelled subset", at: asyncToken.range)
      return [try parseFor(start: asyncToken.range.start)]
    case .kwWith:
      unavailable(
        "'async with' statements are", "coroutines are outside the modelled subset", at: asyncToken.range)
      _ = try parseWith(start: asyncToken.range.start)
      diagnostics.removeLast()
      return []
    default:
      throw invalidSyntax()
    }
  }

  /// `match` is a soft keyword: a logical line starting with it and ending in
  /// `:` (which no expression statement can) is a match statement.
  func looksLikeMatchStatement() -> Bool {
    switch peek(1) {
    case .equal, .colon, .newline, .endOfFile, .dot, .comma, .semicolon: return false
    default: break
    }
    if peek(1).augmentedOperator != nil { return false }
    var at = index + 1
    while at < tokens.count, tokens[at].kind != .newline, tokens[at].kind != .endOfFile { at += 1 }
    return at > index + 1 && tokens[at - 1].kind == .colon
  }

  func skipMatchStatement() throws(SyntaxError) -> [Stmt] {
    unavailable(
      "'match' statements are", "structural pattern matching is outside the modelled subset",
      at: current.range)
    synchronize()
    return []
  }
}
