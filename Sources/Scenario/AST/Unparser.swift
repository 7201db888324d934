// Turns an AST back into canonical Python source: four-space indentation,
// single spaces around binary operators, single quotes where possible,
// parentheses only where precedence needs them (and always around tuples and
// `yield`). Parsing the output gives the same tree again (ranges aside), and
// unparsing that tree gives the same text: the canonical form is a fixpoint.
//
// Precedence levels, loosest first (an operand is parenthesised when its
// level is below what its position requires):
//
//     1 lambda  2 if-else  3 or  4 and  5 not  6 comparisons  7 |  8 ^  9 &
//     10 << >>  11 + -  12 * / // % @  13 unary + - ~  14 **  15 primaries  16 atoms

/// Prints ASTs as Python source.
public enum Unparser {
  /// The whole module, one statement per line, ending in a newline.
  public static func unparse(_ module: Module) -> String {
    var printer = SourcePrinter()
    printer.statements(module.body, indent: 0)
    return printer.output
  }

  /// One expression, as it would appear on its own (tuples parenthesised).
  public static func unparse(_ expr: Expr) -> String {
    SourcePrinter().expression(expr, 0)
  }

  /// A statement and everything nested in it, at indentation 0.
  public static func unparse(_ statement: Stmt) -> String {
    var printer = SourcePrinter()
    printer.statement(statement, indent: 0)
    return printer.output
  }
}

/// The state of one unparse: the output so far and the quote that string
/// literals inside an f-string field must avoid.
struct SourcePrinter {
  var output = ""
  /// Inside an f-string field: the enclosing quote, which nested strings avoid.
  var avoidQuote: Character?

  // MARK: - Statements

  mutating func statements(_ body: [Stmt], indent: Int) {
    for statement in body { self.statement(statement, indent: indent) }
  }

  mutating func line(_ text: String, _ indent: Int) {
    output += String(repeating: "    ", count: indent) + text + "\n"
  }

  mutating func block(_ header: String, _ body: [Stmt], _ indent: Int) {
    line(header + ":", indent)
    statements(body, indent: indent + 1)
  }

  mutating func statement(_ statement: Stmt, indent: Int) {
    switch statement.kind {
    case .expression(let value):
      line(expression(value, 0), indent)
    case .assign(let targets, let value):
      line((targets + [value]).map { expression($0, 0) }.joined(separator: " = "), indent)
    case .augmentedAssign(let target, let op, let value):
      line("\(expression(target, 0)) \(op.rawValue)= \(expression(value, 0))", indent)
    case .delete(let targets):
      line("del " + targets.map { expression($0, 7) }.joined(separator: ", "), indent)
    case .pass: line("pass", indent)
    case .break: line("break", indent)
    case .continue: line("continue", indent)
    case .return(let value):
      line(value.map { "return " + expression($0, 0) } ?? "return", indent)
    case .if(let test, let body, let orElse):
      ifChain(keyword: "if", test: test, body: body, orElse: orElse, indent: indent)
    case .while(let test, let body, let orElse):
      block("while " + expression(test, 1), body, indent)
      if !orElse.isEmpty { block("else", orElse, indent) }
    case .for(let target, let iterable, let body, let orElse):
      block("for \(expression(target, 0)) in \(expression(iterable, 0))", body, indent)
      if !orElse.isEmpty { block("else", orElse, indent) }
    case .functionDef(let function):
      for decorator in function.decorators { line("@" + expression(decorator, 1), indent) }
      block("def \(function.name.name)(\(parameters(function.parameters)))", function.body, indent)
    case .classDef(let definition):
      for decorator in definition.decorators { line("@" + expression(decorator, 1), indent) }
      let bases =
        definition.bases.isEmpty
        ? "" : "(" + definition.bases.map { expression($0, 1) }.joined(separator: ", ") + ")"
      block("class \(definition.name.name)\(bases)", definition.body, indent)
    case .global(let names):
      line("global " + names.map(\.name).joined(separator: ", "), indent)
    case .nonlocal(let names):
      line("nonlocal " + names.map(\.name).joined(separator: ", "), indent)
    case .assert(let test, let message):
      line("assert " + expression(test, 1) + (message.map { ", " + expression($0, 1) } ?? ""), indent)
    case .try(let body, let handlers, let orElse, let finally):
      block("try", body, indent)
      for handler in handlers {
        var header = "except"
        if let type = handler.type { header += " " + expression(type, 1) }
        if let name = handler.name { header += " as " + name.name }
        block(header, handler.body, indent)
      }
      if !orElse.isEmpty { block("else", orElse, indent) }
      if !finally.isEmpty { block("finally", finally, indent) }
    case .raise(let exception, let cause):
      var text = "raise"
      if let exception { text += " " + expression(exception, 1) }
      if let cause { text += " from " + expression(cause, 1) }
      line(text, indent)
    case .import(let aliases):
      line("import " + aliases.map(alias).joined(separator: ", "), indent)
    case .importFrom(let module, let names):
      line("from \(module.name) import " + names.map(alias).joined(separator: ", "), indent)
    }
  }

  func alias(_ alias: ImportAlias) -> String {
    alias.name.name + (alias.alias.map { " as " + $0.name } ?? "")
  }

  mutating func ifChain(keyword: String, test: Expr, body: [Stmt], orElse: [Stmt], indent: Int) {
    block("\(keyword) \(expression(test, 1))", body, indent)
    if orElse.count == 1, case .if(let nextTest, let nextBody, let nextElse) = orElse[0].kind {
      ifChain(keyword: "elif", test: nextTest, body: nextBody, orElse: nextElse, indent: indent)
    } else if !orElse.isEmpty {
      block("else", orElse, indent)
    }
  }

  func parameters(_ parameters: Parameters) -> String {
    var parts: [String] = []
    for (offset, parameter) in parameters.positional.enumerated() {
      parts.append(self.parameter(parameter))
      if offset + 1 == parameters.positionalOnlyCount { parts.append("/") }
    }
    if let varArgs = parameters.varArgs {
      parts.append("*" + varArgs.name.name)
    } else if !parameters.keywordOnly.isEmpty {
      parts.append("*")
    }
    for parameter in parameters.keywordOnly { parts.append(self.parameter(parameter)) }
    if let varKeywords = parameters.varKeywords { parts.append("**" + varKeywords.name.name) }
    return parts.joined(separator: ", ")
  }

  func parameter(_ parameter: Parameter) -> String {
    parameter.name.name + (parameter.defaultValue.map { "=" + expression($0, 1) } ?? "")
  }

  // MARK: - Expressions

  static func level(_ expr: Expr) -> Int {
    switch expr.kind {
    case .lambda: return 1
    case .conditional: return 2
    case .boolean(.or, _): return 3
    case .boolean(.and, _): return 4
    case .unary(.not, _): return 5
    case .compare: return 6
    case .binary(let op, _, _): return binaryLevel(op)
    case .unary: return 13
    case .call, .attribute, .subscript: return 15
    case .starred: return 7
    default: return 16
    }
  }

  static func binaryLevel(_ op: BinaryOperator) -> Int {
    switch op {
    case .bitOr: return 7
    case .bitXor: return 8
    case .bitAnd: return 9
    case .leftShift, .rightShift: return 10
    case .add, .subtract: return 11
    case .multiply, .trueDivide, .floorDivide, .modulo, .matrixMultiply: return 12
    case .power: return 14
    }
  }

  /// `expr` printed so that it parses back as one operand needing `minimum`.
  func expression(_ expr: Expr, _ minimum: Int) -> String {
    let text = bare(expr)
    return SourcePrinter.level(expr) < minimum ? "(" + text + ")" : text
  }

  func list(_ elements: [Expr]) -> String {
    elements.map { expression($0, 1) }.joined(separator: ", ")
  }

  func bare(_ expr: Expr) -> String {
    switch expr.kind {
    case .name(let name): return name
    case .int(.small(let value)): return String(value)
    case .int(.big(let value)): return value.description
    case .float(let value): return SourcePrinter.floatText(value)
    case .string(let value): return quoted(value, prefix: "")
    case .bytes(let value): return bytesText(value)
    case .fstring(let parts): return fstring(parts)
    case .true: return "True"
    case .false: return "False"
    case .none: return "None"
    case .ellipsis: return "..."
    case .tuple(let elements):
      if elements.count == 1 { return "(" + expression(elements[0], 1) + ",)" }
      return "(" + list(elements) + ")"
    case .list(let elements): return "[" + list(elements) + "]"
    case .set(let elements):
      return elements.isEmpty ? "{*()}" : "{" + list(elements) + "}"
    case .dict(let items):
      return "{" + items.map(dictItem).joined(separator: ", ") + "}"
    case .starred(let inner): return "*" + expression(inner, 7)
    case .listComp(let element, let generators):
      return "[" + expression(element, 1) + comprehension(generators) + "]"
    case .setComp(let element, let generators):
      return "{" + expression(element, 1) + comprehension(generators) + "}"
    case .dictComp(let key, let value, let generators):
      return "{" + expression(key, 1) + ": " + expression(value, 1) + comprehension(generators) + "}"
    case .generator(let element, let generators):
      return "(" + expression(element, 1) + comprehension(generators) + ")"
    case .unary(.not, let operand): return "not " + expression(operand, 5)
    case .unary(let op, let operand): return op.rawValue + expression(operand, 13)
    case .binary(.power, let left, let right):
      return expression(left, 15) + " ** " + expression(right, 13)
    case .binary(let op, let left, let right):
      let level = SourcePrinter.binaryLevel(op)
      return expression(left, level) + " \(op.rawValue) " + expression(right, level + 1)
    case .boolean(let op, let values):
      let level = op == .or ? 4 : 5
      return values.map { expression($0, level) }.joined(separator: " \(op.rawValue) ")
    case .compare(let first, let comparisons):
      return expression(first, 7)
        + comparisons.map { " \($0.op.rawValue) " + expression($0.operand, 7) }.joined()
    case .conditional(let test, let body, let orElse):
      return expression(body, 3) + " if " + expression(test, 3) + " else " + expression(orElse, 2)
    case .lambda(let parameters, let body):
      let list = self.parameters(parameters)
      return "lambda" + (list.isEmpty ? "" : " " + list) + ": " + expression(body, 1)
    case .call(let function, let arguments):
      var base = expression(function, 15)
      if case .int = function.kind { base = "(" + base + ")" }
      if arguments.count == 1, case .positional(let only) = arguments[0],
        case .generator(let element, let generators) = only.kind
      {
        return base + "(" + expression(element, 1) + comprehension(generators) + ")"
      }
      return base + "(" + arguments.map(argument).joined(separator: ", ") + ")"
    case .attribute(let base, let name):
      var text = expression(base, 15)
      if case .int = base.kind { text = "(" + text + ")" }
      return text + "." + name.name
    case .subscript(let base, let index):
      var text = expression(base, 15)
      if case .int = base.kind { text = "(" + text + ")" }
      return text + "[" + subscriptIndex(index) + "]"
    case .slice(let lower, let upper, let step):
      var text = (lower.map { expression($0, 1) } ?? "") + ":" + (upper.map { expression($0, 1) } ?? "")
      if let step { text += ":" + expression(step, 1) }
      return text
    case .yield(let value):
      return "(yield" + (value.map { " " + expression($0, 0) } ?? "") + ")"
    }
  }

  func subscriptIndex(_ index: Expr) -> String {
    if case .tuple(let elements) = index.kind, !elements.isEmpty {
      let text = elements.map { element -> String in
        if case .starred = element.kind { return expression(element, 1) }
        return expression(element, 1)
      }.joined(separator: ", ")
      return elements.count == 1 ? text + "," : text
    }
    return expression(index, 1)
  }

  func dictItem(_ item: DictItem) -> String {
    switch item {
    case .pair(let key, let value): return expression(key, 1) + ": " + expression(value, 1)
    case .unpack(let value): return "**" + expression(value, 7)
    }
  }

  func argument(_ argument: Argument) -> String {
    switch argument {
    case .positional(let value): return expression(value, 1)
    case .starred(let value): return "*" + expression(value, 1)
    case .keyword(let name, let value): return name.name + "=" + expression(value, 1)
    case .doubleStarred(let value): return "**" + expression(value, 1)
    }
  }

  func comprehension(_ generators: [Comprehension]) -> String {
    var text = ""
    for generator in generators {
      text += " for " + target(generator.target) + " in " + expression(generator.iterable, 3)
      for condition in generator.conditions { text += " if " + expression(condition, 3) }
    }
    return text
  }

  /// A `for` target: a tuple is written bare, so `in` cannot bind into it.
  func target(_ target: Expr) -> String {
    expression(target, 0)
  }

  // MARK: - Literals

  static func floatText(_ value: Double) -> String {
    if value.isInfinite { return "1e309" }
    if value.isNaN { return "(1e309 - 1e309)" }
    return value.description
  }

  /// A str literal with `prefix`, quoted and escaped.
  func quoted(_ value: String, prefix: String, braces: Bool = false) -> String {
    var quote: Character = "'"
    if let avoidQuote {
      quote = avoidQuote == "'" ? "\"" : "'"
    } else if value.contains("'") && !value.contains("\"") {
      quote = "\""
    }
    return prefix + String(quote) + escaped(value, quote: quote, braces: braces) + String(quote)
  }

  func escaped(_ value: String, quote: Character, braces: Bool) -> String {
    var text = ""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      case "{" where braces: text += "{{"
      case "}" where braces: text += "}}"
      default:
        if Character(scalar) == quote {
          text += "\\" + String(scalar)
        } else if scalar.value < 0x20 || scalar.value == 0x7F {
          text += "\\x" + SourcePrinter.hex(scalar.value, digits: 2)
        } else if scalar.properties.generalCategory == .lineSeparator
          || scalar.properties.generalCategory == .paragraphSeparator
          || (scalar.value >= 0x80 && scalar.value < 0xA0)
        {
          text += "\\u" + SourcePrinter.hex(scalar.value, digits: 4)
        } else {
          text.unicodeScalars.append(scalar)
        }
      }
    }
    return text
  }

  static func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: Swift.max(0, digits - text.count)) + text
  }

  func bytesText(_ value: [UInt8]) -> String {
    let quote: UInt8 =
      value.contains(UInt8(ascii: "'")) && !value.contains(UInt8(ascii: "\""))
      ? UInt8(ascii: "\"") : UInt8(ascii: "'")
    var text = "b" + String(UnicodeScalar(quote))
    for byte in value {
      switch byte {
      case UInt8(ascii: "\\"): text += "\\\\"
      case UInt8(ascii: "\n"): text += "\\n"
      case UInt8(ascii: "\r"): text += "\\r"
      case UInt8(ascii: "\t"): text += "\\t"
      case quote: text += "\\" + String(UnicodeScalar(byte))
      case 0x20..<0x7F: text.unicodeScalars.append(UnicodeScalar(byte))
      default: text += "\\x" + SourcePrinter.hex(UInt32(byte), digits: 2)
      }
    }
    return text + String(UnicodeScalar(quote))
  }

  func fstring(_ parts: [FStringPart]) -> String {
    var quote: Character = avoidQuote == "'" ? "\"" : "'"
    if avoidQuote == nil,
      parts.contains(where: { part in
        if case .field(_, _, _, let text?) = part { return text.contains("'") }
        return false
      })
    {
      quote = "\""
    }
    return "f" + String(quote) + fstringBody(parts, quote: quote) + String(quote)
  }

  func fstringBody(_ parts: [FStringPart], quote: Character) -> String {
    var text = ""
    for part in parts {
      switch part {
      case .literal(let value):
        text += escaped(value, quote: quote, braces: true)
      case .field(let value, let conversion, let spec, let selfDocumenting):
        let inner = SourcePrinter(avoidQuote: quote)
        var field: String
        if let selfDocumenting {
          field = selfDocumenting
          if let conversion, !(conversion == .repr && spec == nil) {
            field += "!" + String(conversion.rawValue)
          }
        } else {
          field = inner.expression(value, 2)
          if field.hasPrefix("{") { field = " " + field }
          if let conversion { field += "!" + String(conversion.rawValue) }
        }
        if let spec { field += ":" + inner.fstringBody(spec, quote: quote) }
        text += "{" + field + "}"
      }
    }
    return text
  }
}
