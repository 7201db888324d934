// Helpers shared by the front-end tests: parsing snippets, reading the
// fixture corpora, and `ASTDump`, which prints a tree without source ranges
// in the format of CPython 3.12's `ast.dump` (so precedence tables can be
// compared with Python's own output, and round trips can compare trees
// while ignoring where they came from).

import Foundation

@testable import Scenario

enum FrontEnd {
  static func source(_ text: String, name: String = "t.py") -> SourceFile {
    SourceFile(name: name, text: text)
  }

  static func parse(_ text: String) -> ParseResult {
    Parser.parse(source(text))
  }

  static func check(_ text: String) -> (module: Module?, diagnostics: [Diagnostic]) {
    compileCheck(source(text))
  }

  /// The first diagnostic as (message, line, column).
  static func firstError(_ text: String) -> (String, Int, Int)? {
    let file = source(text)
    guard let first = compileCheck(file).diagnostics.first else { return nil }
    let location = file.location(of: first.range.start)
    return (first.message, location.line, location.column)
  }

  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// Snippets of a corpus file, separated by lines starting with `# ---`.
  static func corpus(_ name: String) -> [String] {
    let url = fixtures.appendingPathComponent(name)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    var snippets: [String] = []
    var current: [Substring] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("# ---") {
        let snippet = current.joined(separator: "\n")
        if !snippet.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
          snippets.append(snippet + "\n")
        }
        current = []
      } else {
        current.append(line)
      }
    }
    let last = current.joined(separator: "\n")
    if !last.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { snippets.append(last + "\n") }
    return snippets
  }
}

/// Prints trees in CPython 3.12's `ast.dump` format, without positions.
enum ASTDump {
  static func module(_ body: [Stmt]) -> String {
    "Module(body=[" + body.map(statement).joined(separator: ", ") + "])"
  }

  static func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

  static func statement(_ statement: Stmt) -> String {
    switch statement.kind {
    case .expression(let value): return "Expr(value=\(expr(value)))"
    case .assign(let targets, let value):
      return "Assign(targets=\(list(targets.map { expr($0, store: true) })), value=\(expr(value)))"
    case .augmentedAssign(let target, let op, let value):
      return "AugAssign(target=\(expr(target, store: true)), op=\(binary(op)), value=\(expr(value)))"
    case .delete(let targets):
      return "Delete(targets=\(list(targets.map { expr($0, store: true, del: true) })))"
    case .pass: return "Pass()"
    case .break: return "Break()"
    case .continue: return "Continue()"
    case .return(let value): return value.map { "Return(value=\(expr($0)))" } ?? "Return()"
    case .if(let test, let body, let orElse):
      return "If(test=\(expr(test)), body=\(block(body)), orelse=\(block(orElse)))"
    case .while(let test, let body, let orElse):
      return "While(test=\(expr(test)), body=\(block(body)), orelse=\(block(orElse)))"
    case .for(let target, let iterable, let body, let orElse):
      return
        "For(target=\(expr(target, store: true)), iter=\(expr(iterable)), body=\(block(body)), orelse=\(block(orElse)))"
    case .functionDef(let function):
      return
        "FunctionDef(name='\(function.name.name)', args=\(arguments(function.parameters)), body=\(block(function.body)), decorator_list=\(list(function.decorators.map { expr($0) })))"
    case .classDef(let definition):
      return
        "ClassDef(name='\(definition.name.name)', bases=\(list(definition.bases.map { expr($0) })), body=\(block(definition.body)), decorator_list=\(list(definition.decorators.map { expr($0) })))"
    case .global(let names): return "Global(names=\(list(names.map { "'\($0.name)'" })))"
    case .nonlocal(let names): return "Nonlocal(names=\(list(names.map { "'\($0.name)'" })))"
    case .assert(let test, let message):
      return "Assert(test=\(expr(test))" + (message.map { ", msg=\(expr($0))" } ?? "") + ")"
    case .try(let body, let handlers, let orElse, let finally):
      let handlerText = handlers.map { handler in
        "ExceptHandler("
          + [handler.type.map { "type=\(expr($0))" }, handler.name.map { "name='\($0.name)'" }]
          .compactMap { $0 }.joined(separator: ", ")
          + (handler.type == nil && handler.name == nil ? "" : ", ")
          + "body=\(block(handler.body)))"
      }
      return
        "Try(body=\(block(body)), handlers=\(list(handlerText)), orelse=\(block(orElse)), finalbody=\(block(finally)))"
    case .raise(let exception, let cause):
      let fields = [exception.map { "exc=\(expr($0))" }, cause.map { "cause=\(expr($0))" }].compactMap { $0 }
      return "Raise(" + fields.joined(separator: ", ") + ")"
    case .import(let names): return "Import(names=\(list(names.map(alias))))"
    case .importFrom(let module, let names):
      return "ImportFrom(module='\(module.name)', names=\(list(names.map(alias))), level=0)"
    }
  }

  static func alias(_ alias: ImportAlias) -> String {
    "alias(name='\(alias.name.name)'" + (alias.alias.map { ", asname='\($0.name)'" } ?? "") + ")"
  }

  static func block(_ body: [Stmt]) -> String { list(body.map(statement)) }

  static func arguments(_ parameters: Parameters) -> String {
    func arg(_ parameter: Parameter) -> String { "arg(arg='\(parameter.name.name)')" }
    let positionalOnly = parameters.positional.prefix(parameters.positionalOnlyCount)
    let positional = parameters.positional.dropFirst(parameters.positionalOnlyCount)
    var fields = [
      "posonlyargs=\(list(positionalOnly.map(arg)))", "args=\(list(positional.map(arg)))",
    ]
    if let varArgs = parameters.varArgs { fields.append("vararg=\(arg(varArgs))") }
    fields.append("kwonlyargs=\(list(parameters.keywordOnly.map(arg)))")
    fields.append(
      "kw_defaults=\(list(parameters.keywordOnly.map { $0.defaultValue.map { expr($0) } ?? "None" }))")
    if let varKeywords = parameters.varKeywords { fields.append("kwarg=\(arg(varKeywords))") }
    fields.append("defaults=\(list(parameters.positional.compactMap { $0.defaultValue.map { expr($0) } }))")
    return "arguments(" + fields.joined(separator: ", ") + ")"
  }

  static func binary(_ op: BinaryOperator) -> String {
    switch op {
    case .add: "Add()"
    case .subtract: "Sub()"
    case .multiply: "Mult()"
    case .trueDivide: "Div()"
    case .floorDivide: "FloorDiv()"
    case .modulo: "Mod()"
    case .power: "Pow()"
    case .leftShift: "LShift()"
    case .rightShift: "RShift()"
    case .bitAnd: "BitAnd()"
    case .bitOr: "BitOr()"
    case .bitXor: "BitXor()"
    case .matrixMultiply: "MatMult()"
    }
  }

  static func comparison(_ op: ComparisonOperator) -> String {
    switch op {
    case .equal: "Eq()"
    case .notEqual: "NotEq()"
    case .less: "Lt()"
    case .lessEqual: "LtE()"
    case .greater: "Gt()"
    case .greaterEqual: "GtE()"
    case .is: "Is()"
    case .isNot: "IsNot()"
    case .in: "In()"
    case .notIn: "NotIn()"
    }
  }

  static func pyString(_ value: String) -> String {
    let quote = value.contains("'") && !value.contains("\"") ? "\"" : "'"
    var text = quote
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\t": text += "\\t"
      case "\r": text += "\\r"
      default:
        if String(scalar) == quote {
          text += "\\" + quote
        } else if scalar.value < 0x20 || scalar.value == 0x7F {
          text += "\\x" + String(format: "%02x", scalar.value)
        } else {
          text.unicodeScalars.append(scalar)
        }
      }
    }
    return text + quote
  }

  static func float(_ value: Double) -> String {
    if value.isInfinite { return "inf" }
    var text = value.description
    if let e = text.firstIndex(of: "e"), text[text.index(after: e)] != "-" {
      text.insert("+", at: text.index(after: e))
    }
    return text
  }

  static func expr(_ e: Expr, store: Bool = false, del: Bool = false) -> String {
    let context = del ? "Del()" : store ? "Store()" : "Load()"
    func load(_ inner: Expr) -> String { expr(inner) }
    func items(_ elements: [Expr]) -> String { list(elements.map { expr($0, store: store, del: del) }) }
    switch e.kind {
    case .name(let name): return "Name(id='\(name)', ctx=\(context))"
    case .int(.small(let value)): return "Constant(value=\(value))"
    case .int(.big(let value)): return "Constant(value=\(value))"
    case .float(let value): return "Constant(value=\(float(value)))"
    case .string(let value): return "Constant(value=\(pyString(value)))"
    case .bytes(let value):
      return "Constant(value=b\(pyString(String(decoding: value, as: UTF8.self))))"
    case .fstring(let parts): return "JoinedStr(values=\(list(parts.map(fstringPart))))"
    case .true: return "Constant(value=True)"
    case .false: return "Constant(value=False)"
    case .none: return "Constant(value=None)"
    case .ellipsis: return "Constant(value=Ellipsis)"
    case .tuple(let elements): return "Tuple(elts=\(items(elements)), ctx=\(context))"
    case .list(let elements): return "List(elts=\(items(elements)), ctx=\(context))"
    case .set(let elements): return "Set(elts=\(list(elements.map(load))))"
    case .dict(let entries):
      var keys: [String] = []
      var values: [String] = []
      for entry in entries {
        switch entry {
        case .pair(let key, let value):
          keys.append(expr(key))
          values.append(expr(value))
        case .unpack(let value):
          keys.append("None")
          values.append(expr(value))
        }
      }
      return "Dict(keys=\(list(keys)), values=\(list(values)))"
    case .starred(let inner): return "Starred(value=\(expr(inner, store: store, del: del)), ctx=\(context))"
    case .listComp(let element, let generators):
      return "ListComp(elt=\(load(element)), generators=\(comprehensions(generators)))"
    case .setComp(let element, let generators):
      return "SetComp(elt=\(load(element)), generators=\(comprehensions(generators)))"
    case .dictComp(let key, let value, let generators):
      return "DictComp(key=\(load(key)), value=\(load(value)), generators=\(comprehensions(generators)))"
    case .generator(let element, let generators):
      return "GeneratorExp(elt=\(load(element)), generators=\(comprehensions(generators)))"
    case .unary(let op, let operand):
      let name = ["-": "USub()", "+": "UAdd()", "~": "Invert()", "not": "Not()"][op.rawValue]!
      return "UnaryOp(op=\(name), operand=\(load(operand)))"
    case .binary(let op, let left, let right):
      return "BinOp(left=\(load(left)), op=\(binary(op)), right=\(load(right)))"
    case .boolean(let op, let values):
      return "BoolOp(op=\(op == .and ? "And()" : "Or()"), values=\(list(values.map(load))))"
    case .compare(let first, let comparisons):
      return
        "Compare(left=\(load(first)), ops=\(list(comparisons.map { comparison($0.op) })), comparators=\(list(comparisons.map { load($0.operand) })))"
    case .conditional(let test, let body, let orElse):
      return "IfExp(test=\(load(test)), body=\(load(body)), orelse=\(load(orElse)))"
    case .lambda(let parameters, let body):
      return "Lambda(args=\(arguments(parameters)), body=\(load(body)))"
    case .call(let function, let arguments):
      var positional: [String] = []
      var keywords: [String] = []
      for argument in arguments {
        switch argument {
        case .positional(let value): positional.append(load(value))
        case .starred(let value): positional.append("Starred(value=\(load(value)), ctx=Load())")
        case .keyword(let name, let value):
          keywords.append("keyword(arg='\(name.name)', value=\(load(value)))")
        case .doubleStarred(let value): keywords.append("keyword(value=\(load(value)))")
        }
      }
      return "Call(func=\(load(function)), args=\(list(positional)), keywords=\(list(keywords)))"
    case .attribute(let base, let name):
      return "Attribute(value=\(load(base)), attr='\(name.name)', ctx=\(context))"
    case .subscript(let base, let index):
      return "Subscript(value=\(load(base)), slice=\(load(index)), ctx=\(context))"
    case .slice(let lower, let upper, let step):
      let fields = [
        lower.map { "lower=\(load($0))" }, upper.map { "upper=\(load($0))" }, step.map { "step=\(load($0))" },
      ]
      return "Slice(" + fields.compactMap { $0 }.joined(separator: ", ") + ")"
    case .yield(let value): return value.map { "Yield(value=\(load($0)))" } ?? "Yield()"
    }
  }

  static func fstringPart(_ part: FStringPart) -> String {
    switch part {
    case .literal(let text): return "Constant(value=\(pyString(text)))"
    case .field(let value, let conversion, let spec, let selfDocumenting):
      var text =
        "FormattedValue(value=\(expr(value)), conversion=\(conversion.map { Int($0.rawValue.asciiValue!) } ?? -1)"
      if let spec { text += ", format_spec=JoinedStr(values=\(list(spec.map(fstringPart))))" }
      if let selfDocumenting { text += ", selfDocumenting=\(pyString(selfDocumenting))" }
      return text + ")"
    }
  }

  static func comprehensions(_ generators: [Comprehension]) -> String {
    list(
      generators.map {
        "comprehension(target=\(expr($0.target, store: true)), iter=\(expr($0.iterable)), ifs=\(list($0.conditions.map { expr($0) })), is_async=0)"
      })
  }
}
