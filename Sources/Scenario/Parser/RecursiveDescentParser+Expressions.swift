// Expressions, from loosest to tightest binding, exactly as Python's grammar
// ranks them:
//
//     lambda                      (loosest)
//     a if b else c               right-associative: a if b else (c if d else e)
//     or, and, not                `not a == b` is not (a == b)
//     comparisons                 one flat chain: a < b < c
//     |  ^  &  << >>  + -  * / // % @     left-associative, in that order
//     unary + - ~                 -2**2 is -(2**2)
//     **                          right-associative; binds its right operand as
//                                 a unary: 2**-1 is 2**(-1)
//     await, then primaries: calls, attributes, subscripts  (tightest)
//
// The binary levels share one precedence-climbing loop (`parseBinary`).

import BigInt

extension RecursiveDescentParser {
  // MARK: - Expression lists

  /// `star_expressions`: one expression, or a tuple of them without parens.
  func parseStarExpressions(allowYield: Bool = false) throws(SyntaxError) -> Expr {
    if allowYield && kind == .kwYield { return try parseYield() }
    let first = try parseStarExpression()
    guard kind == .comma else { return first }
    var elements = [first]
    while accept(.comma) != nil {
      guard startsStarExpression else { break }
      elements.append(try parseStarExpression())
    }
    return Expr(.tuple(elements), range(from: first.range.start))
  }

  var startsStarExpression: Bool { kind == .star || startsExpression || kind == .kwYield }

  func parseStarExpression() throws(SyntaxError) -> Expr {
    guard kind == .star else { return try parseExpression() }
    let star = advance()
    let value = try parseBinary(minimumPrecedence: 1)
    return Expr(.starred(value), range(from: star.range.start))
  }

  /// `star_named_expression`: inside displays.
  func parseStarNamedExpression() throws(SyntaxError) -> Expr {
    kind == .star ? try parseStarExpression() : try parseNamedExpression()
  }

  /// `name := value` (reported: outside the subset) or an expression.
  func parseNamedExpression() throws(SyntaxError) -> Expr {
    if kind == .name, peek(1) == .colonEqual {
      let name = advance()
      let walrus = advance()
      unavailable(
        "assignment expressions (':=') are", "write the assignment as its own statement",
        at: SourceRange(start: name.range.start, end: walrus.range.end))
      return try parseExpression()
    }
    let value = try parseExpression()
    if kind == .colonEqual {
      throw failure("cannot use assignment expressions with \(describe(value))", at: value.range)
    }
    return value
  }

  func parseYield() throws(SyntaxError) -> Expr {
    let start = advance().range.start
    if kind == .kwFrom {
      let from = advance()
      unavailable(
        "'yield from' is", "delegating generators are outside the modelled subset; loop and yield instead",
        at: SourceRange(start: start, end: from.range.end))
      let value = try parseExpression()
      return Expr(.yield(value), range(from: start))
    }
    guard startsStarExpression else { return Expr(.yield(nil), range(from: start)) }
    let value = try parseStarExpressions()
    return Expr(.yield(value), range(from: start))
  }

  // MARK: - Conditional, lambda, boolean

  func parseExpression() throws(SyntaxError) -> Expr {
    try enter(current.range)
    defer { leave() }
    if kind == .kwLambda { return try parseLambda() }
    let body = try parseDisjunction()
    guard kind == .kwIf else { return body }
    advance()
    let test = try parseDisjunction()
    guard accept(.kwElse) != nil else {
      throw failure(
        "expected 'else' after 'if' expression", at: SourceRange(start: body.range.start, end: lastEnd))
    }
    let orElse = try parseExpression()
    return Expr(.conditional(test: test, body: body, orElse: orElse), range(from: body.range.start))
  }

  func parseLambda() throws(SyntaxError) -> Expr {
    let start = advance().range.start
    let parameters = try parseParameters(closer: .colon, allowAnnotations: false)
    _ = try expect(.colon, "expected ':'")
    let body = try parseExpression()
    return Expr(.lambda(parameters, body: body), range(from: start))
  }

  func parseDisjunction() throws(SyntaxError) -> Expr {
    let first = try parseConjunction()
    guard kind == .kwOr else { return first }
    var values = [first]
    while accept(.kwOr) != nil { values.append(try parseConjunction()) }
    return Expr(.boolean(.or, values), range(from: first.range.start))
  }

  func parseConjunction() throws(SyntaxError) -> Expr {
    let first = try parseInversion()
    guard kind == .kwAnd else { return first }
    var values = [first]
    while accept(.kwAnd) != nil { values.append(try parseInversion()) }
    return Expr(.boolean(.and, values), range(from: first.range.start))
  }

  func parseInversion() throws(SyntaxError) -> Expr {
    guard kind == .kwNot else { return try parseComparison() }
    let start = advance().range.start
    try enter(current.range)
    defer { leave() }
    let operand = try parseInversion()
    return Expr(.unary(.not, operand), range(from: start))
  }

  func comparisonOperator() -> ComparisonOperator? {
    switch kind {
    case .equalEqual: return .equal
    case .notEqual: return .notEqual
    case .less: return .less
    case .lessEqual: return .lessEqual
    case .greater: return .greater
    case .greaterEqual: return .greaterEqual
    case .kwIn: return .in
    case .kwIs: return peek(1) == .kwNot ? .isNot : .is
    case .kwNot: return peek(1) == .kwIn ? .notIn : nil
    default: return nil
    }
  }

  func parseComparison() throws(SyntaxError) -> Expr {
    let first = try parseBinary(minimumPrecedence: 1)
    var comparisons: [Comparison] = []
    while let op = comparisonOperator() {
      advance()
      if op == .isNot || op == .notIn { advance() }
      comparisons.append(Comparison(op, try parseBinary(minimumPrecedence: 1)))
    }
    guard !comparisons.isEmpty else { return first }
    return Expr(.compare(first, comparisons), range(from: first.range.start))
  }

  // MARK: - Binary operators

  /// Precedence of a binary operator token (1 = `|` ... 6 = `*`), or nil.
  func binaryOperator() -> (BinaryOperator, Int)? {
    switch kind {
    case .vbar: return (.bitOr, 1)
    case .circumflex: return (.bitXor, 2)
    case .ampersand: return (.bitAnd, 3)
    case .leftShift: return (.leftShift, 4)
    case .rightShift: return (.rightShift, 4)
    case .plus: return (.add, 5)
    case .minus: return (.subtract, 5)
    case .star: return (.multiply, 6)
    case .slash: return (.trueDivide, 6)
    case .doubleSlash: return (.floorDivide, 6)
    case .percent: return (.modulo, 6)
    case .at: return (.matrixMultiply, 6)
    default: return nil
    }
  }

  /// Left-associative precedence climbing over `|` ... `*`.
  func parseBinary(minimumPrecedence: Int) throws(SyntaxError) -> Expr {
    var left = try parseFactor()
    var links = 0
    defer { leave(links) }
    while let (op, precedence) = binaryOperator(), precedence >= minimumPrecedence {
      let opToken = advance()
      try enter(opToken.range)
      links += 1
      let right = try parseBinary(minimumPrecedence: precedence + 1)
      left = Expr(.binary(op, left, right), SourceRange(start: left.range.start, end: right.range.end))
    }
    return left
  }

  func parseFactor() throws(SyntaxError) -> Expr {
    let op: UnaryOperator
    switch kind {
    case .minus: op = .negate
    case .plus: op = .plus
    case .tilde: op = .invert
    default: return try parsePower()
    }
    let start = advance().range.start
    try enter(current.range)
    defer { leave() }
    let operand = try parseFactor()
    return Expr(.unary(op, operand), range(from: start))
  }

  func parsePower() throws(SyntaxError) -> Expr {
    var base: Expr
    if kind == .kwAwait {
      let awaitToken = advance()
      unavailable("'await' is", "coroutines are outside the modelled subset", at: awaitToken.range)
      base = try parsePrimary()
    } else {
      base = try parsePrimary()
    }
    guard accept(.doubleStar) != nil else { return base }
    try enter(current.range)
    defer { leave() }
    let exponent = try parseFactor()
    base = Expr(
      .binary(.power, base, exponent), SourceRange(start: base.range.start, end: exponent.range.end))
    return base
  }

  // MARK: - Primaries

  func parsePrimary() throws(SyntaxError) -> Expr {
    var value = try parseAtom()
    var links = 0
    defer { leave(links) }
    while true {
      switch kind {
      case .dot:
        try enter(current.range)
        links += 1
        advance()
        let name = try expect(.name, "invalid syntax")
        value = Expr(.attribute(value, Identifier(text(name), name.range)), range(from: value.range.start))
      case .leftParen:
        try enter(current.range)
        links += 1
        let open = advance()
        let (arguments, _) = try parseArguments(open: open)
        value = Expr(.call(value, arguments), range(from: value.range.start))
      case .leftBracket:
        try enter(current.range)
        links += 1
        advance()
        let index = try parseSlices()
        _ = try expect(.rightBracket, "invalid syntax")
        value = Expr(.subscript(value, index), range(from: value.range.start))
      default:
        return value
      }
    }
  }

  func parseSlices() throws(SyntaxError) -> Expr {
    let first = try parseSlice()
    guard kind == .comma else { return first }
    var elements = [first]
    while accept(.comma) != nil, kind != .rightBracket { elements.append(try parseSlice()) }
    return Expr(.tuple(elements), range(from: first.range.start))
  }

  func parseSlice() throws(SyntaxError) -> Expr {
    let start = current.range.start
    if kind == .star {
      let starred = try parseStarExpression()
      unavailable(
        "starred expressions in subscripts are", "write the index tuple explicitly", at: starred.range)
      return starred
    }
    var lower: Expr?
    if kind != .colon { lower = try parseNamedExpression() }
    guard accept(.colon) != nil else {
      guard let lower else { throw invalidSyntax() }
      return lower
    }
    var upper: Expr?
    var step: Expr?
    if kind != .colon && kind != .comma && kind != .rightBracket { upper = try parseExpression() }
    if accept(.colon) != nil, kind != .comma && kind != .rightBracket { step = try parseExpression() }
    return Expr(.slice(lower: lower, upper: upper, step: step), range(from: start))
  }

  /// Arguments of a call after its `(`, through the `)`. Also returns the
  /// range of the closing paren.
  func parseArguments(open: Token) throws(SyntaxError) -> ([Argument], SourceRange) {
    var arguments: [Argument] = []
    var seenKeyword = false
    var seenDoubleStar = false
    var keywordNames = Set<String>()
    var generatorAt: SourceRange?
    while kind != .rightParen {
      let start = current.range.start
      if kind == .star {
        advance()
        let value = try parseExpression()
        if seenDoubleStar {
          throw failure(
            "iterable argument unpacking follows keyword argument unpacking", at: range(from: start))
        }
        arguments.append(.starred(value))
      } else if kind == .doubleStar {
        advance()
        let value = try parseExpression()
        seenDoubleStar = true
        arguments.append(.doubleStarred(value))
      } else if kind == .name, peek(1) == .equal {
        let name = advance()
        advance()
        let value = try parseExpression()
        let spelled = text(name)
        if !keywordNames.insert(spelled).inserted {
          throw failure("keyword argument repeated: \(spelled)", at: name.range)
        }
        seenKeyword = true
        arguments.append(.keyword(Identifier(spelled, name.range), value))
      } else {
        var value = try parseNamedExpression()
        if kind == .equal {
          if case .true = value.kind { throw failure("cannot assign to True", at: value.range) }
          if case .false = value.kind { throw failure("cannot assign to False", at: value.range) }
          if case .none = value.kind { throw failure("cannot assign to None", at: value.range) }
          throw failure(
            "expression cannot contain assignment, perhaps you meant \"==\"?",
            at: SourceRange(start: value.range.start, end: current.range.end))
        }
        if kind == .kwFor || kind == .kwAsync {
          let generators = try parseComprehensionClauses()
          value = Expr(.generator(element: value, generators: generators), range(from: value.range.start))
          generatorAt = generatorAt ?? value.range
        }
        if seenDoubleStar {
          throw failure("positional argument follows keyword argument unpacking", at: value.range)
        }
        if seenKeyword {
          throw failure("positional argument follows keyword argument", at: value.range)
        }
        arguments.append(.positional(value))
      }
      guard accept(.comma) != nil else { break }
    }
    let close = try expect(.rightParen, "invalid syntax")
    if let generatorAt {
      let sole: Bool
      if arguments.count == 1, tokens[index - 2].kind != .comma { sole = true } else { sole = false }
      if !sole { throw failure("Generator expression must be parenthesized", at: generatorAt) }
      // The sole-argument generator's parentheses are the call's, as in CPython.
      if case .positional(let generator) = arguments[0] {
        arguments[0] = .positional(
          Expr(generator.kind, SourceRange(start: open.range.start, end: close.range.end)))
      }
    }
    return (arguments, close.range)
  }

  // MARK: - Atoms

  func parseAtom() throws(SyntaxError) -> Expr {
    let token = current
    switch kind {
    case .name:
      advance()
      return Expr(.name(text(token)), token.range)
    case .kwTrue:
      advance()
      return Expr(.true, token.range)
    case .kwFalse:
      advance()
      return Expr(.false, token.range)
    case .kwNone:
      advance()
      return Expr(.none, token.range)
    case .ellipsis:
      advance()
      return Expr(.ellipsis, token.range)
    case .int:
      advance()
      return Expr(.int(integerValue(token)), token.range)
    case .float:
      advance()
      return Expr(.float(floatValue(token)), token.range)
    case .imaginary:
      advance()
      unavailable(
        "imaginary literals are", "complex numbers are outside the modelled subset", at: token.range)
      return Expr(.float(0), token.range)
    case .string:
      return try parseStrings()
    case .leftParen:
      return try parseParenthesized()
    case .leftBracket:
      return try parseList()
    case .leftBrace:
      return try parseBraces()
    case .kwYield:
      throw failure("'yield' expressions must be parenthesized here", at: token.range)
    default:
      throw invalidSyntax()
    }
  }

  func integerValue(_ token: Token) -> IntLiteral {
    var digits = bytes[token.range.start..<token.range.end].filter { $0 != UInt8(ascii: "_") }
    var radix = 10
    if digits.count > 2, digits[0] == UInt8(ascii: "0") {
      switch digits[1] | 0x20 {
      case UInt8(ascii: "x"): radix = 16
      case UInt8(ascii: "o"): radix = 8
      case UInt8(ascii: "b"): radix = 2
      default: break
      }
      if radix != 10 { digits.removeFirst(2) }
    }
    let text = String(decoding: digits, as: UTF8.self)
    if let small = Int(text, radix: radix) { return .small(small) }
    return .big(BigInt(text, radix: radix) ?? 0)
  }

  func floatValue(_ token: Token) -> Double {
    let digits = bytes[token.range.start..<token.range.end].filter { $0 != UInt8(ascii: "_") }
    return Double(String(decoding: digits, as: UTF8.self)) ?? 0
  }

  func parseParenthesized() throws(SyntaxError) -> Expr {
    let open = advance()
    if let close = accept(.rightParen) {
      return Expr(.tuple([]), SourceRange(start: open.range.start, end: close.range.end))
    }
    if kind == .kwYield {
      let value = try parseYield()
      _ = try expect(.rightParen, "invalid syntax")
      return value
    }
    let first = try parseStarNamedExpression()
    if kind == .kwFor || kind == .kwAsync {
      let generators = try parseComprehensionClauses()
      _ = try expect(.rightParen, "invalid syntax")
      return Expr(.generator(element: first, generators: generators), range(from: open.range.start))
    }
    if accept(.rightParen) != nil {
      if case .starred = first.kind { throw failure("cannot use starred expression here", at: first.range) }
      return first
    }
    guard kind == .comma else { throw invalidSyntax() }
    var elements = [first]
    while accept(.comma) != nil, kind != .rightParen { elements.append(try parseStarNamedExpression()) }
    _ = try expect(.rightParen, "invalid syntax")
    return Expr(.tuple(elements), range(from: open.range.start))
  }

  func parseList() throws(SyntaxError) -> Expr {
    let open = advance()
    if accept(.rightBracket) != nil { return Expr(.list([]), range(from: open.range.start)) }
    let first = try parseStarNamedExpression()
    if kind == .kwFor || kind == .kwAsync {
      let generators = try parseComprehensionClauses()
      _ = try expect(.rightBracket, "invalid syntax")
      return Expr(.listComp(element: first, generators: generators), range(from: open.range.start))
    }
    var elements = [first]
    while accept(.comma) != nil, kind != .rightBracket { elements.append(try parseStarNamedExpression()) }
    _ = try expect(.rightBracket, "invalid syntax")
    return Expr(.list(elements), range(from: open.range.start))
  }

  func parseBraces() throws(SyntaxError) -> Expr {
    let open = advance()
    let start = open.range.start
    if accept(.rightBrace) != nil { return Expr(.dict([]), range(from: start)) }
    if kind == .doubleStar { return try parseDictRest(start: start, first: nil) }
    let first = try parseStarNamedExpression()
    if kind == .colon {
      if case .starred = first.kind {
        throw failure("cannot use a starred expression in a dictionary value", at: first.range)
      }
      return try parseDictRest(start: start, first: first)
    }
    if kind == .kwFor || kind == .kwAsync {
      let generators = try parseComprehensionClauses()
      _ = try expect(.rightBrace, "invalid syntax")
      return Expr(.setComp(element: first, generators: generators), range(from: start))
    }
    var elements = [first]
    while accept(.comma) != nil, kind != .rightBrace { elements.append(try parseStarNamedExpression()) }
    _ = try expect(.rightBrace, "invalid syntax")
    return Expr(.set(elements), range(from: start))
  }

  func parseDictRest(start: Int, first: Expr?) throws(SyntaxError) -> Expr {
    var items: [DictItem] = []
    func parseItem(key: Expr?) throws(SyntaxError) -> DictItem {
      if let key {
        _ = try expect(.colon, "invalid syntax")
        return .pair(key: key, value: try parseExpression())
      }
      if kind == .doubleStar {
        advance()
        return .unpack(try parseBinary(minimumPrecedence: 1))
      }
      let key = try parseExpression()
      _ = try expect(.colon, "':' expected after dictionary key")
      return .pair(key: key, value: try parseExpression())
    }
    let firstItem = try parseItem(key: first)
    if kind == .kwFor || kind == .kwAsync {
      guard case .pair(let key, let value) = firstItem else {
        throw failure("dict unpacking cannot be used in dict comprehension", at: range(from: start + 1))
      }
      let generators = try parseComprehensionClauses()
      _ = try expect(.rightBrace, "invalid syntax")
      return Expr(.dictComp(key: key, value: value, generators: generators), range(from: start))
    }
    items.append(firstItem)
    while accept(.comma) != nil, kind != .rightBrace { items.append(try parseItem(key: nil)) }
    _ = try expect(.rightBrace, "invalid syntax")
    return Expr(.dict(items), range(from: start))
  }

  func parseComprehensionClauses() throws(SyntaxError) -> [Comprehension] {
    var clauses: [Comprehension] = []
    while kind == .kwFor || kind == .kwAsync {
      let start = current.range.start
      if kind == .kwAsync {
        unavailable(
          "asynchronous comprehensions are", "coroutines are outside the modelled subset", at: current.range)
        advance()
      }
      _ = try expect(.kwFor)
      let target = try parseForTarget()
      _ = try expect(.kwIn, "invalid syntax")
      let iterable = try parseDisjunction()
      var conditions: [Expr] = []
      while accept(.kwIf) != nil { conditions.append(try parseDisjunction()) }
      clauses.append(
        Comprehension(target: target, iterable: iterable, conditions: conditions, range: range(from: start)))
    }
    return clauses
  }

  // MARK: - Parameters

  /// A `def` or `lambda` parameter list, up to (not including) `closer`.
  func parseParameters(closer: TokenKind, allowAnnotations: Bool) throws(SyntaxError) -> Parameters {
    var parameters = Parameters()
    var sawStar = false
    var sawDefault = false
    var bareStar: SourceRange?
    while kind != closer {
      if kind == .slash {
        let slash = advance()
        if parameters.positional.isEmpty || sawStar || parameters.positionalOnlyCount > 0 {
          throw failure(
            parameters.positional.isEmpty ? "at least one argument must precede /" : "/ may appear only once",
            at: slash.range)
        }
        parameters.positionalOnlyCount = parameters.positional.count
      } else if kind == .star {
        let star = advance()
        if sawStar { throw failure("* argument may appear only once", at: star.range) }
        sawStar = true
        if kind == .comma || kind == closer {
          bareStar = star.range
        } else {
          parameters.varArgs = try parseParameter(allowAnnotations: allowAnnotations, allowDefault: false)
        }
      } else if kind == .doubleStar {
        advance()
        parameters.varKeywords = try parseParameter(allowAnnotations: allowAnnotations, allowDefault: false)
        _ = accept(.comma)
        if kind != closer { throw failure("arguments cannot follow var-keyword argument", at: current.range) }
        break
      } else {
        let parameter = try parseParameter(allowAnnotations: allowAnnotations, allowDefault: true)
        if sawStar {
          bareStar = nil
          parameters.keywordOnly.append(parameter)
        } else {
          if parameter.defaultValue != nil {
            sawDefault = true
          } else if sawDefault {
            throw failure(
              "parameter without a default follows parameter with a default", at: parameter.name.range)
          }
          parameters.positional.append(parameter)
        }
      }
      guard accept(.comma) != nil else { break }
    }
    if let bareStar { throw failure("named arguments must follow bare *", at: bareStar) }
    return parameters
  }

  func parseParameter(allowAnnotations: Bool, allowDefault: Bool) throws(SyntaxError) -> Parameter {
    let name = try expect(.name, "invalid syntax")
    if kind == .colon && allowAnnotations {
      advance()
      let annotation = try parseStarExpression()
      unavailable(
        "annotations are", "they are not evaluated by the model; write the parameter without them",
        at: SourceRange(start: name.range.start, end: annotation.range.end))
    }
    var defaultValue: Expr?
    if kind == .equal {
      let equal = advance()
      if !allowDefault { throw failure("var-positional argument cannot have default value", at: equal.range) }
      defaultValue = try parseExpression()
    }
    return Parameter(name: Identifier(text(name), name.range), defaultValue: defaultValue)
  }
}
