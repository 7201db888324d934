// Expression compilation, assignment targets and name access.
//
// Names resolve through the scope analysis: a function's locals are slots
// (`loadFast`), captured variables go through cells (`loadDeref`), module and
// class bodies use their namespace (`loadName`), and everything else is a
// global (`loadGlobal`, falling back to builtins). Operand order and the
// temporaries left on the stack follow CPython's code generator, so the
// values `sys.getrefcount` sees are the same.

import BigInt
import HeapModel

extension Compiler {
  // MARK: Names

  private enum NameAccess {
    case fast(Int)
    case deref(Int)
    case classDeref(Int)
    case name(Int)
    case global(Int)
  }

  private mutating func access(_ name: String, forLoad: Bool) -> NameAccess {
    let scope = builder.scope
    switch scope.binding(of: name) {
    case .local:
      if scope.kind == .module || scope.kind == .classBody {
        return .name(builder.nameSlot(name, heap: &heap))
      }
      return .fast(builder.slotIndex[name]!)
    case .cell:
      return .deref(builder.slotIndex["cell:" + name]!)
    case .free:
      if scope.kind == .classBody {
        if forLoad { return .classDeref(builder.slotIndex["cell:" + name]!) }
        return .deref(builder.slotIndex["cell:" + name]!)
      }
      return .deref(builder.slotIndex["cell:" + name]!)
    case .globalExplicit:
      return .global(builder.nameSlot(name, heap: &heap))
    case .globalImplicit:
      if scope.kind == .module || scope.kind == .classBody {
        return .name(builder.nameSlot(name, heap: &heap))
      }
      return .global(builder.nameSlot(name, heap: &heap))
    }
  }

  mutating func loadName(_ name: String) {
    switch access(name, forLoad: true) {
    case .fast(let slot): builder.emit(.loadFast, slot)
    case .deref(let slot): builder.emit(.loadDeref, slot)
    case .classDeref(let slot): builder.emit(.loadClassDeref, slot)
    case .name(let slot): builder.emit(.loadName, slot)
    case .global(let slot): builder.emit(.loadGlobal, slot)
    }
  }

  mutating func storeName(_ name: String) {
    switch access(name, forLoad: false) {
    case .fast(let slot): builder.emit(.storeFast, slot)
    case .deref(let slot), .classDeref(let slot): builder.emit(.storeDeref, slot)
    case .name(let slot): builder.emit(.storeName, slot)
    case .global(let slot): builder.emit(.storeGlobal, slot)
    }
  }

  mutating func deleteName(_ name: String) {
    switch access(name, forLoad: false) {
    case .fast(let slot): builder.emit(.deleteFast, slot)
    case .deref(let slot), .classDeref(let slot): builder.emit(.deleteDeref, slot)
    case .name(let slot): builder.emit(.deleteName, slot)
    case .global(let slot): builder.emit(.deleteGlobal, slot)
    }
  }

  // MARK: Targets

  mutating func store(_ target: Expr) {
    let outerLocation = builder.location
    builder.location = span(of: target)
    defer { builder.location = outerLocation }
    switch target.kind {
    case .name(let name):
      storeName(name)
    case .attribute(let object, let attribute):
      compile(object)
      builder.emit(
        .storeAttr, builder.nameSlot(attribute.name, heap: &heap), at: attributeSpan(target, name: attribute))
    case .subscript(let object, let index):
      compile(object)
      compileIndex(index)
      builder.emit(.storeSubscript)
    case .tuple(let items), .list(let items):
      if let star = items.firstIndex(where: { if case .starred = $0.kind { true } else { false } }) {
        builder.emit(.unpackEx, star | (items.count - star - 1) << 8)
      } else {
        builder.emit(.unpackSequence, items.count)
      }
      for item in items {
        if case .starred(let inner) = item.kind { store(inner) } else { store(item) }
      }
    case .starred(let inner):
      store(inner)
    default:
      preconditionFailure("the checker lets no other assignment target through: \(target.kind)")
    }
  }

  mutating func delete(_ target: Expr) {
    let outerLocation = builder.location
    builder.location = span(of: target)
    defer { builder.location = outerLocation }
    switch target.kind {
    case .name(let name):
      deleteName(name)
    case .attribute(let object, let attribute):
      compile(object)
      builder.emit(
        .deleteAttr, builder.nameSlot(attribute.name, heap: &heap), at: attributeSpan(target, name: attribute)
      )
    case .subscript(let object, let index):
      compile(object)
      compileIndex(index)
      builder.emit(.deleteSubscript)
    case .tuple(let items), .list(let items):
      for item in items { delete(item) }
    default:
      preconditionFailure("the checker lets no other del target through: \(target.kind)")
    }
  }

  /// `target op= value`; the in-place operation sits on the whole
  /// statement, the target's load and store on the target.
  mutating func compileAugmented(target: Expr, op: BinaryOperator, value: Expr) {
    let opIndex = BinaryOperator.allCases.firstIndex(of: op)!
    let targetSpan = span(of: target)
    switch target.kind {
    case .name(let name):
      compile(target)
      compile(value)
      builder.emit(.inplaceOp, opIndex)
      builder.location = targetSpan
      storeName(name)
    case .attribute(let object, let attribute):
      let slot = builder.nameSlot(attribute.name, heap: &heap)
      let attributeAt = attributeSpan(target, name: attribute)
      compile(object)
      builder.emit(.dupTop, at: targetSpan)
      builder.emit(.loadAttr, slot, at: attributeAt)
      compile(value)
      builder.emit(.inplaceOp, opIndex)
      builder.emit(.rotTwo, at: targetSpan)
      builder.emit(.storeAttr, slot, at: attributeAt)
    case .subscript(let object, let index):
      compile(object)
      compileIndex(index)
      builder.emit(.dupTopTwo, at: targetSpan)
      builder.emit(.binarySubscript, at: targetSpan)
      compile(value)
      builder.emit(.inplaceOp, opIndex)
      builder.emit(.rotThree, at: targetSpan)
      builder.emit(.storeSubscript, at: targetSpan)
    default:
      preconditionFailure("the checker lets no other augmented target through: \(target.kind)")
    }
  }

  private mutating func compileIndex(_ index: Expr) {
    if case .slice(let lower, let upper, let step) = index.kind {
      compileOptional(lower)
      compileOptional(upper)
      if let step {
        compile(step)
        builder.emit(.buildSlice, 3)
      } else {
        builder.emit(.buildSlice, 2)
      }
    } else {
      compile(index)
    }
  }

  private mutating func compileOptional(_ expr: Expr?) {
    if let expr { compile(expr) } else { builder.emit(.loadConst, constant(.none)) }
  }

  // MARK: Conditions

  mutating func compileCondition(_ test: Expr, jumpIfFalseTo label: Int) {
    compileJump(test, ifTrue: false, to: label)
  }

  mutating func compileCondition(_ test: Expr, jumpIfTrueTo label: Int) {
    compileJump(test, ifTrue: true, to: label)
  }

  private mutating func compileJump(_ test: Expr, ifTrue: Bool, to label: Int) {
    switch test.kind {
    case .unary(.not, let operand):
      compileJump(operand, ifTrue: !ifTrue, to: label)
    case .boolean(let op, let operands):
      let isOr = op == .or
      if isOr == ifTrue {
        for operand in operands { compileJump(operand, ifTrue: ifTrue, to: label) }
      } else {
        let skip = builder.newLabel()
        for operand in operands.dropLast() { compileJump(operand, ifTrue: !ifTrue, to: skip) }
        compileJump(operands.last!, ifTrue: ifTrue, to: label)
        builder.place(skip)
      }
    default:
      compile(test)
      builder.emitJump(ifTrue ? .popJumpIfTrue : .popJumpIfFalse, to: label)
    }
  }

  // MARK: Expressions

  mutating func compile(_ expr: Expr) {
    let outerLocation = builder.location
    let outerLine = builder.line
    builder.location = span(of: expr)
    // 3.8-3.10 number each instruction with the start line of the innermost
    // expression being compiled (`compiler_visit_expr` sets `u_lineno` and
    // restores it), so a traceback names the line of `f(0)` inside a
    // multi-line expression rather than the statement's first line.
    if version < .py311 { builder.line = lineOf(expr.range) }
    defer {
      builder.location = outerLocation
      builder.line = outerLine
    }
    if let key = constantKey(of: expr) {
      builder.emit(.loadConst, constant(key))
      return
    }
    switch expr.kind {
    case .name(let name):
      loadName(name)
    case .int, .float, .string, .bytes, .true, .false, .none, .ellipsis:
      preconditionFailure("constants are handled above")
    case .fstring(let parts):
      compileFString(parts)
    case .tuple(let items):
      if items.contains(where: isStarred) {
        compileStarredSequence(items, build: .buildList, extend: .listExtend, append: .listAppend)
        builder.emit(.listToTuple)
      } else {
        for item in items { compile(item) }
        builder.emit(.buildTuple, items.count)
      }
    case .list(let items):
      let constants = items.compactMap { constantKey(of: $0) }
      if constants.count == items.count, items.count >= 3, version >= .py39 {
        builder.emit(.buildList, 0)
        builder.emit(.loadConst, constant(.tuple(constants)))
        builder.emit(.listExtend, 1)
      } else if items.contains(where: isStarred) {
        compileStarredSequence(items, build: .buildList, extend: .listExtend, append: .listAppend)
      } else {
        for item in items { compile(item) }
        builder.emit(.buildList, items.count)
      }
    case .set(let items):
      let constants = items.compactMap { constantKey(of: $0) }
      if constants.count == items.count, items.count >= 3, version >= .py39 {
        // 3.9+: BUILD_SET 0, a frozenset constant, SET_UPDATE (`starunpack_helper`).
        builder.emit(.buildSet, 0)
        builder.emit(.loadConst, constant(frozensetKey(constants)))
        builder.emit(.setUpdate, 1)
      } else if items.contains(where: isStarred) {
        compileStarredSequence(items, build: .buildSet, extend: .setUpdate, append: .setAdd)
      } else {
        for item in items { compile(item) }
        builder.emit(.buildSet, items.count)
      }
    case .dict(let items):
      compileDict(items)
    case .starred:
      preconditionFailure("the checker allows starred expressions only where they are handled")
    case .listComp(let element, let generators):
      let appendAt = appendSpan(comprehension: expr, element: span(of: element))
      compileComprehension(expr, kind: .comprehension, generators: generators) { compiler in
        compiler.compile(element)
        compiler.builder.emit(.listAppend, generators.count + 1, at: appendAt)
      } start: { compiler in
        compiler.builder.emit(.buildList, 0)
      }
    case .setComp(let element, let generators):
      let appendAt = appendSpan(comprehension: expr, element: span(of: element))
      compileComprehension(expr, kind: .comprehension, generators: generators) { compiler in
        compiler.compile(element)
        compiler.builder.emit(.setAdd, generators.count + 1, at: appendAt)
      } start: { compiler in
        compiler.builder.emit(.buildSet, 0)
      }
    case .dictComp(let key, let value, let generators):
      let pair = SourceRange(start: extents.extent(of: key).start, end: extents.extent(of: value).end)
      let appendAt = appendSpan(comprehension: expr, element: InstructionSpan(pair))
      compileComprehension(expr, kind: .comprehension, generators: generators) { compiler in
        compiler.compile(key)
        compiler.compile(value)
        compiler.builder.emit(.mapAdd, generators.count + 1, at: appendAt)
      } start: { compiler in
        compiler.builder.emit(.buildMap, 0)
      }
    case .generator(let element, let generators):
      let appendAt = appendSpan(comprehension: expr, element: span(of: element))
      compileComprehension(expr, kind: .generatorExpression, generators: generators) { compiler in
        compiler.compile(element)
        compiler.builder.emit(.yieldValue, at: appendAt)
        compiler.builder.emit(.popTop, at: appendAt)
      } start: { _ in
      }
    case .unary(let op, let operand):
      compile(operand)
      switch op {
      case .negate: builder.emit(.unaryNegative)
      case .plus: builder.emit(.unaryPositive)
      case .invert: builder.emit(.unaryInvert)
      case .not: builder.emit(.unaryNot)
      }
    case .binary(let op, let left, let right):
      compile(left)
      compile(right)
      builder.emit(.binaryOp, BinaryOperator.allCases.firstIndex(of: op)!)
    case .boolean(let op, let operands):
      let end = builder.newLabel()
      for operand in operands.dropLast() {
        compile(operand)
        builder.emitJump(op == .and ? .jumpIfFalseOrPop : .jumpIfTrueOrPop, to: end)
      }
      compile(operands.last!)
      builder.place(end)
    case .compare(let first, let rest):
      compileCompare(first, rest)
    case .conditional(let test, let body, let orElse):
      let elseLabel = builder.newLabel()
      let end = builder.newLabel()
      compileCondition(test, jumpIfFalseTo: elseLabel)
      compile(body)
      builder.emitJump(.jump, to: end)
      builder.place(elseLabel)
      compile(orElse)
      builder.place(end)
    case .lambda(let parameters, let body):
      let scope = symbols.scope(for: expr.range)
      let codeIndex = compileNested(
        scope: scope, name: "<lambda>", kind: .lambda, firstLine: lineOf(expr.range), parameters: parameters
      ) { compiler in
        compiler.compile(body)
        compiler.builder.emit(.returnValue)
      }
      makeFunction(codeIndex: codeIndex, parameters: parameters, scope: scope)
    case .call(let function, let arguments):
      compileCall(expr, function, arguments)
    case .attribute(let object, let attribute):
      compile(object)
      builder.emit(
        .loadAttr, builder.nameSlot(attribute.name, heap: &heap), at: attributeSpan(expr, name: attribute))
    case .subscript(let object, let index):
      warnIfBadSubscript(object, index, line: lineOf(expr.range))
      compile(object)
      compileIndex(index)
      builder.emit(.binarySubscript)
    case .slice:
      compileIndex(expr)
    case .yield(let value):
      compileOptional(value)
      builder.emit(.yieldValue)
    }
  }

  private func isStarred(_ expr: Expr) -> Bool {
    if case .starred = expr.kind { return true }
    return false
  }

  private mutating func compileStarredSequence(
    _ items: [Expr], build: Opcode, extend: Opcode, append: Opcode
  ) {
    var pending = 0
    var built = false
    for item in items {
      if case .starred(let inner) = item.kind {
        if !built {
          builder.emit(build, pending)
          built = true
        } else {
          pending = 0
        }
        compile(inner)
        builder.emit(extend, 1)
      } else if built {
        compile(item)
        builder.emit(append, 1)
      } else {
        compile(item)
        pending += 1
      }
    }
    if !built { builder.emit(build, pending) }
  }

  private mutating func compileDict(_ items: [DictItem]) {
    let hasUnpack = items.contains { if case .unpack = $0 { true } else { false } }
    if !hasUnpack {
      let shape = DictDisplayShape(
        constantKeys: items.map {
          if case .pair(let key, _) = $0 { constantKey(of: key) != nil } else { false }
        },
        version: version)
      let savedHidden = builder.hiddenDepth
      for (index, item) in items.enumerated() {
        if case .pair(let key, let value) = item {
          if let peak = shape.peakBefore[index] { builder.notePeak(peak) }
          builder.hiddenDepth = savedHidden + shape.pairHidden[index]
          compile(key)
          compile(value)
        }
      }
      builder.hiddenDepth = savedHidden
      if let peak = shape.peakBefore[items.count] { builder.notePeak(peak) }
      // CPython holds the one dict here where ours holds every pair.
      builder.hiddenDepth = savedHidden + 1 - 2 * items.count
      builder.emit(.buildMap, items.count)
      builder.hiddenDepth = savedHidden
      return
    }
    var pending = 0
    var built = false
    for item in items {
      switch item {
      case .pair(let key, let value):
        compile(key)
        compile(value)
        pending += 1
      case .unpack(let mapping):
        if pending > 0 || !built {
          builder.emit(.buildMap, pending)
          if built { builder.emit(.dictUpdate, 1) }
          built = true
          pending = 0
        }
        compile(mapping)
        builder.emit(.dictUpdate, 1)
      }
    }
    if pending > 0 {
      builder.emit(.buildMap, pending)
      builder.emit(.dictUpdate, 1)
    }
  }

  private mutating func compileCompare(_ first: Expr, _ rest: [Comparison]) {
    var left = first
    for comparison in rest {
      if comparison.op == .is || comparison.op == .isNot {
        warnIfLiteralIdentity(left, comparison, line: lineOf(first.range))
      }
      left = comparison.operand
    }
    compile(first)
    if rest.count == 1 {
      compile(rest[0].operand)
      emitComparison(rest[0].op)
      return
    }
    let cleanup = builder.newLabel()
    let end = builder.newLabel()
    for comparison in rest.dropLast() {
      compile(comparison.operand)
      builder.emit(.dupTop)
      builder.emit(.rotThree)
      emitComparison(comparison.op)
      builder.emitJump(.jumpIfFalseOrPop, to: cleanup)
    }
    compile(rest.last!.operand)
    emitComparison(rest.last!.op)
    builder.emitJump(.jump, to: end)
    builder.place(cleanup)
    builder.emit(.rotTwo)
    builder.emit(.popTop)
    builder.place(end)
  }

  /// `x is 1`: CPython's compiler warns when either side of `is`/`is not`
  /// is a literal (after constant folding) other than None, True, False and
  /// Ellipsis (`check_compare` in compile.c).
  private mutating func warnIfLiteralIdentity(_ left: Expr, _ comparison: Comparison, line: Int) {
    func literalType(_ expr: Expr) -> String? {
      constantTypeName(expr).flatMap { ["NoneType", "bool", "ellipsis"].contains($0) ? nil : $0 }
    }
    guard let type = literalType(left) ?? literalType(comparison.operand) else { return }
    let isNot = comparison.op == .isNot
    let what = version >= .py312 ? "with '\(type)' literal" : "with a literal"
    warnings.append(
      CompileWarning(
        line: line,
        message:
          "SyntaxWarning: \"\(isNot ? "is not" : "is")\" \(what). Did you mean \"\(isNot ? "!=" : "==")\"?"))
  }

  /// The type name of a constant expression (after folding), nil for any
  /// other.
  private func constantTypeName(_ expr: Expr) -> String? {
    switch constantKey(of: expr) {
    case .int?: "int"
    case .float?: "float"
    case .str?: "str"
    case .bytes?: "bytes"
    case .tuple?: "tuple"
    case .none?: "NoneType"
    case .true?, .false?: "bool"
    case .ellipsis?: "ellipsis"
    default: nil
    }
  }

  /// `x[i]` (a load) where the types alone show it fails: CPython's
  /// compiler warns "'int' object is not subscriptable" for a subscripted
  /// None, Ellipsis, number, bool, set display, generator expression or
  /// lambda (`check_subscripter`), and "str indices must be integers or
  /// slices, not str" for a str, bytes or tuple constant, or a tuple, list,
  /// list comprehension or f-string display, indexed by something whose
  /// type is known and neither an int nor a slice (`check_index`). Both
  /// end with "; perhaps you missed a comma?".
  private mutating func warnIfBadSubscript(_ object: Expr, _ index: Expr, line: Int) {
    func inferredType(_ expr: Expr) -> String? {
      switch expr.kind {
      case .tuple where constantKey(of: expr) == nil: return "tuple"
      case .list, .listComp: return "list"
      case .dict, .dictComp: return "dict"
      case .set, .setComp: return "set"
      case .generator: return "generator"
      case .lambda: return "function"
      case .fstring: return "str"
      case .slice: return "slice"
      default: return constantTypeName(expr)
      }
    }
    let objectType = inferredType(object)
    switch (object.kind, objectType) {
    case (.set, _), (.setComp, _), (.generator, _), (.lambda, _), (_, "NoneType"?), (_, "ellipsis"?),
      (_, "int"?),
      (_, "float"?), (_, "bool"?):
      warnings.append(
        CompileWarning(
          line: line,
          message:
            "SyntaxWarning: '\(objectType ?? "object")' object is not subscriptable; perhaps you missed a comma?"
        ))
      return
    default: break
    }
    guard let indexType = inferredType(index), !["int", "bool", "slice"].contains(indexType) else { return }
    switch (object.kind, objectType) {
    case (_, "str"?), (_, "bytes"?), (_, "tuple"?), (.list, _), (.listComp, _):
      warnings.append(
        CompileWarning(
          line: line,
          message:
            "SyntaxWarning: \(objectType ?? "list") indices must be integers or slices, not \(indexType); perhaps you missed a comma?"
        ))
    default: break
    }
  }

  private mutating func emitComparison(_ op: ComparisonOperator) {
    switch op {
    case .is: builder.emit(.isOp, 0)
    case .isNot: builder.emit(.isOp, 1)
    case .in: builder.emit(.containsOp, 0)
    case .notIn: builder.emit(.containsOp, 1)
    default: builder.emit(.compareOp, ComparisonOperator.allCases.firstIndex(of: op)!)
    }
  }

  // MARK: Calls

  private mutating func compileCall(_ call: Expr, _ function: Expr, _ arguments: [Argument]) {
    let hasStar = arguments.contains {
      switch $0 {
      case .starred, .doubleStarred: true
      default: false
      }
    }
    builder.location = callSpan(call, function: function, hasStar: hasStar)
    let keywords = arguments.compactMap { argument -> (Identifier, Expr)? in
      if case .keyword(let name, let value) = argument { return (name, value) }
      return nil
    }
    if !hasStar, keywords.isEmpty, case .attribute(let object, let name) = function.kind {
      compile(object)
      // 3.10 numbers LOAD_METHOD and CALL_METHOD with the line the method's
      // name ends on (`maybe_optimize_method_call`).
      let callLine = builder.line
      if version == .py310 { builder.line = sourceFile.line(containing: max(function.range.end - 1, 0)) }
      defer { builder.line = callLine }
      builder.emit(
        .loadMethod, builder.nameSlot(name.name, heap: &heap), at: attributeSpan(function, name: name))
      for case .positional(let value) in arguments { compile(value) }
      builder.emit(.callMethod, arguments.count)
      return
    }
    // 3.11+: a NULL sits below the callable until the call (co_stacksize).
    let nullSlot = version >= .py311 ? 1 : 0
    builder.hiddenDepth += nullSlot
    defer { builder.hiddenDepth -= nullSlot }
    compile(function)
    if !hasStar {
      for case .positional(let value) in arguments { compile(value) }
      if keywords.isEmpty {
        builder.emit(.callFunction, arguments.count)
      } else {
        for (_, value) in keywords { compile(value) }
        let names = ConstantKey.tuple(keywords.map { .str(CodePointString($0.0.name)) })
        // 3.11/3.12 pass the names with KW_NAMES, off the stack.
        let namesSlot = version == .py311 || version == .py312 ? 1 : 0
        builder.hiddenDepth -= namesSlot
        builder.emit(.loadConst, constant(names))
        builder.emit(.callFunctionKw, arguments.count)
        builder.hiddenDepth += namesSlot
      }
      return
    }
    // *args / **kwargs: build a positional tuple and a keyword dict.
    var positional: [Expr] = []
    for argument in arguments {
      switch argument {
      case .positional(let value): positional.append(value)
      case .starred(let value): positional.append(Expr(.starred(value), value.range))
      default: break
      }
    }
    if positional.count == 1, case .starred(let inner) = positional[0].kind {
      compile(inner)
    } else {
      compileStarredSequence(positional, build: .buildList, extend: .listExtend, append: .listAppend)
      builder.emit(.listToTuple)
    }
    var items: [DictItem] = []
    for argument in arguments {
      switch argument {
      case .keyword(let name, let value):
        items.append(.pair(key: Expr(.string(name.name), name.range), value: value))
      case .doubleStarred(let mapping): items.append(.unpack(mapping))
      default: break
      }
    }
    if items.isEmpty {
      builder.emit(.callFunctionEx, 0)
    } else {
      // co_stacksize: CPython makes no empty dict first. Its first piece is
      // the leading keyword pairs (one: key, value, BUILD_MAP 1; more: the
      // values and a tuple of names) or, in 3.8, a lone `**mapping` passed
      // as is. Later pieces are not modelled (3.8 keeps them all on the
      // stack for BUILD_MAP_UNPACK_WITH_CALL).
      let leadingPairs = items.prefix { if case .pair = $0 { true } else { false } }.count
      let loneMapping: Bool
      if version == .py38, items.count == 1, case .unpack = items[0] {
        loneMapping = true
      } else {
        loneMapping = false
      }
      let savedHidden = builder.hiddenDepth
      if loneMapping || leadingPairs > 0 { builder.hiddenDepth -= 1 }
      builder.emit(.buildMap, 0)
      for (index, item) in items.enumerated() {
        if leadingPairs > 1, index < leadingPairs { builder.hiddenDepth = savedHidden + index - 2 }
        if leadingPairs > 1, index == leadingPairs {
          builder.hiddenDepth = savedHidden
          builder.notePeak(leadingPairs)
        }
        switch item {
        case .pair(let key, let value):
          compile(key)
          compile(value)
          builder.emit(.buildMap, 1)
          builder.emit(.dictMerge, 1)
        case .unpack(let mapping):
          compile(mapping)
          builder.emit(.dictMerge, 1)
        }
        if leadingPairs == 1, index == 0 { builder.hiddenDepth = savedHidden }
      }
      if leadingPairs > 1, leadingPairs == items.count {
        builder.hiddenDepth = savedHidden
        builder.notePeak(leadingPairs)
      }
      builder.hiddenDepth = savedHidden
      builder.emit(.callFunctionEx, 1)
    }
  }

  // MARK: f-strings

  private mutating func compileFString(_ parts: [FStringPart]) {
    var pieces = 0
    for part in parts {
      switch part {
      case .literal(let text):
        if text.isEmpty { continue }
        builder.emit(.loadConst, constant(.str(CodePointString(text))))
        pieces += 1
      case .field(let value, let conversion, let spec, let selfDocumenting):
        if let selfDocumenting {
          builder.emit(.loadConst, constant(.str(CodePointString(selfDocumenting))))
          pieces += 1
        }
        compile(value)
        var arg = 0
        switch conversion {
        case .str?: arg = 1
        case .repr?: arg = 2
        case .ascii?: arg = 3
        case nil: arg = (selfDocumenting != nil && spec == nil) ? 2 : 0
        }
        if let spec {
          compileFString(spec)
          arg |= 4
        }
        // 3.11 formats on the whole f-string (the current location), 3.12+ on the field.
        builder.emit(.formatValue, arg, at: version >= .py312 ? fieldSpan(value) : builder.location)
        pieces += 1
      }
    }
    if pieces != 1 { builder.emit(.buildString, pieces) }
  }

  // MARK: Comprehensions

  private mutating func compileComprehension(
    _ expr: Expr, kind: CodeKind, generators: [Comprehension],
    element: @escaping (inout Compiler) -> Void, start: (inout Compiler) -> Void
  ) {
    let scope = symbols.scope(for: expr.range)
    let line = lineOf(expr.range)
    let whole = span(of: expr)
    let codeIndex = compileNested(
      scope: scope, name: scope.name, kind: kind, firstLine: line, parameters: nil
    ) { compiler in
      compiler.builder.location = whole
      start(&compiler)
      compiler.compileGenerators(generators, index: 0, whole: whole, element: element)
      if kind == .generatorExpression {
        compiler.builder.emit(.loadConst, compiler.constant(.none))
      }
      compiler.builder.emit(.returnValue)
    }
    // 3.12+ run a list/set/dict comprehension inline (co_stacksize): no
    // function object, its locals saved on the stack below its body.
    let inlined = codes[codeIndex].isInlined
    if inlined {
      let saved = scope.bound.filter { name in
        guard !scope.parameters.contains(name) else { return false }
        switch scope.binding(of: name) {
        case .local, .cell: return true
        default: return false
        }
      }
      builder.notePeak(saved.count + codes[codeIndex].maxStackDepth)
      builder.hiddenDepth -= 1
    }
    makeFunction(codeIndex: codeIndex, parameters: nil, scope: scope)
    compile(generators[0].iterable)
    builder.emit(.getIter, at: iterationSpan(iterable: generators[0].iterable, whole: whole))
    builder.emit(.callFunction, 1)
    if inlined { builder.hiddenDepth += 1 }
  }

  /// Where a comprehension appends (or a generator expression yields) its
  /// element: the whole comprehension in 3.11, the element in 3.12+.
  private mutating func appendSpan(comprehension: Expr, element: InstructionSpan) -> InstructionSpan {
    version >= .py312 ? element : span(of: comprehension)
  }

  private mutating func compileGenerators(
    _ generators: [Comprehension], index: Int, whole: InstructionSpan, element: (inout Compiler) -> Void
  ) {
    let generator = generators[index]
    let iterationAt = iterationSpan(iterable: generator.iterable, whole: whole)
    if index == 0 {
      builder.emit(.loadFast, 0)
    } else {
      compile(generator.iterable)
      builder.emit(.getIter, at: iterationAt)
    }
    let top = builder.newLabel()
    let exhausted = builder.newLabel()
    builder.place(top)
    builder.location = iterationAt
    builder.emitJump(.forIter, to: exhausted)
    builder.location = whole
    store(generator.target)
    for condition in generator.conditions { compileCondition(condition, jumpIfFalseTo: top) }
    if index + 1 < generators.count {
      compileGenerators(generators, index: index + 1, whole: whole, element: element)
    } else {
      element(&self)
    }
    builder.emitJump(.jump, to: top)
    builder.place(exhausted)
  }
}
