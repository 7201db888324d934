// Statement compilation.

import BigInt
import HeapModel

extension Compiler {
  mutating func compileBody(_ body: [Stmt]) {
    for statement in body { compile(statement) }
  }

  mutating func compile(_ statement: Stmt) {
    setLine(statement.range)
    builder.location = span(of: statement)
    if case .functionDef = statement.kind {
    } else if case .classDef = statement.kind {
    } else {
      builder.emit(.line, builder.line)
    }
    switch statement.kind {
    case .expression(let expr):
      compile(expr)
      builder.emit(.popTop)
    case .assign(let targets, let value):
      compile(value)
      for (index, target) in targets.enumerated() {
        if index < targets.count - 1 { builder.emit(.dupTop) }
        store(target)
      }
    case .augmentedAssign(let target, let op, let value):
      compileAugmented(target: target, op: op, value: value)
    case .delete(let targets):
      for target in targets { delete(target) }
    case .pass:
      builder.emit(.nop)
    case .break:
      unwind(untilLoop: true, isContinue: false)
    case .continue:
      unwind(untilLoop: true, isContinue: true)
    case .return(let value):
      if let value { compile(value) } else { builder.emit(.loadConst, constant(.none)) }
      unwindForReturn()
      builder.emit(.returnValue)
    case .if(let test, let body, let orElse):
      let elseLabel = builder.newLabel()
      let end = builder.newLabel()
      compileCondition(test, jumpIfFalseTo: elseLabel)
      compileBody(body)
      if !orElse.isEmpty { builder.emitJump(.jump, to: end) }
      builder.place(elseLabel)
      compileBody(orElse)
      builder.place(end)
    case .while(let test, let body, let orElse):
      let top = builder.newLabel()
      let elseLabel = builder.newLabel()
      let end = builder.newLabel()
      builder.place(top)
      builder.emit(.line, lineOf(test.range))
      compileCondition(test, jumpIfFalseTo: elseLabel)
      builder.blocks.append(.loop(continueTarget: top, breakLabel: end, isFor: false))
      compileBody(body)
      builder.blocks.removeLast()
      // `while cond:` ends in a conditional jump back in CPython; only a
      // constant true test leaves an unconditional JUMP_BACKWARD.
      builder.emitJump(isConstantTrue(test) ? .jumpBackward : .jump, to: top)
      builder.place(elseLabel)
      compileBody(orElse)
      builder.place(end)
    case .for(let target, let iterable, let body, let orElse):
      let iterationAt = iterationSpan(iterable: iterable, whole: span(of: statement))
      compile(iterable)
      builder.emit(.getIter, at: iterationAt)
      let top = builder.newLabel()
      let exhausted = builder.newLabel()
      let end = builder.newLabel()
      builder.place(top)
      builder.line = lineOf(statement.range)
      builder.location = iterationAt
      builder.emitJump(.forIter, to: exhausted)
      builder.location = span(of: statement)
      store(target)
      builder.blocks.append(.loop(continueTarget: top, breakLabel: end, isFor: true))
      compileBody(body)
      builder.blocks.removeLast()
      builder.line = lineOf(statement.range)
      builder.emit(.line, builder.line)
      builder.emitJump(.jumpBackward, to: top)
      builder.place(exhausted)
      compileBody(orElse)
      builder.place(end)
    case .functionDef(let def):
      compileFunctionDef(def, range: statement.range)
    case .classDef(let def):
      compileClassDef(def, range: statement.range)
    case .global, .nonlocal:
      builder.emit(.nop)
    case .assert(let test, let message):
      let end = builder.newLabel()
      compileCondition(test, jumpIfTrueTo: end)
      if version == .py311, let comparison = lastJumpComparison(in: test) {
        builder.location = span(of: comparison)
      }
      builder.emit(.loadAssertionError)
      if let message {
        compile(message)
        builder.emit(.callFunction, 1)
      }
      builder.emit(.raiseVarargs, 1, at: version >= .py313 ? span(of: test) : builder.location)
      builder.place(end)
    case .try(let body, let handlers, let orElse, let final):
      if final.isEmpty {
        compileTryExcept(body: body, handlers: handlers, orElse: orElse)
      } else {
        compileTryFinally(body: body, final: final) { compiler in
          if handlers.isEmpty {
            compiler.compileBody(body)
          } else {
            compiler.compileTryExcept(body: body, handlers: handlers, orElse: orElse)
          }
        }
      }
    case .raise(let exception, let cause):
      var count = 0
      if let exception {
        compile(exception)
        count = 1
        if let cause {
          compile(cause)
          count = 2
        }
      }
      builder.emit(.raiseVarargs, count)
    case .import(let aliases):
      for alias in aliases {
        builder.emit(.importName, builder.nameSlot(alias.name.name, heap: &heap))
        storeName((alias.alias ?? alias.name).name)
      }
    case .importFrom(let module, let aliases):
      builder.emit(.importName, builder.nameSlot(module.name, heap: &heap))
      for alias in aliases {
        builder.emit(.importFrom, builder.nameSlot(alias.name.name, heap: &heap))
        storeName((alias.alias ?? alias.name).name)
      }
      builder.emit(.popTop)
    }
  }

  // MARK: Exceptions

  mutating func compileTryExcept(body: [Stmt], handlers: [ExceptHandler], orElse: [Stmt]) {
    let handlerLabel = builder.newLabel()
    let elseLabel = builder.newLabel()
    let end = builder.newLabel()
    builder.emitJump(.setupExcept, to: handlerLabel)
    builder.blocks.append(.tryExcept)
    compileBody(body)
    builder.blocks.removeLast()
    builder.emit(.popBlock)
    builder.emitJump(.jump, to: elseLabel)
    builder.place(handlerLabel)
    // The VM enters here with the exception on the stack and an
    // except-handler block pushed. CPython holds more there (co_stacksize,
    // CodeObject+StackDepth.swift): 3.8–3.10 six entries while matching and
    // three in the body; 3.11+ the previous exception too, and a cleanup
    // handler reaching three above the entry depth.
    let legacy = version <= .py310
    let matching = legacy ? 5 : 1
    let inBody = legacy ? 3 : 1
    if !legacy { builder.notePeak(3) }
    builder.hiddenDepth += matching
    for handler in handlers {
      setLine(handler.range)
      builder.location = InstructionSpan(handler.range)
      builder.emit(.line, builder.line)
      let next = builder.newLabel()
      if let type = handler.type {
        builder.emit(.dupTop)
        compile(type)
        builder.emit(.checkExceptionMatch)
        builder.emitJump(.popJumpIfFalse, to: next)
      }
      if let name = handler.name {
        // The body runs under a SETUP_FINALLY/SETUP_CLEANUP whose handler
        // stores None into the name, deletes it and re-raises, so an
        // exception leaving the body does not leave the caught one bound
        // (a frame kept by a traceback would hold it): 3.8–3.10 reach nine
        // above the entry.
        builder.notePeak((legacy ? 9 : 3) - matching)
        store(Expr(.name(name.name), name.range))
        builder.hiddenDepth += inBody - matching
        let cleanup = builder.newLabel()
        builder.emitJump(.setupFinally, to: cleanup)
        builder.blocks.append(.exceptHandler(name: name.name))
        compileBody(handler.body)
        builder.blocks.removeLast()
        builder.emit(.popBlock)
        builder.hiddenDepth -= inBody
        builder.emit(.popExcept)
        clearHandlerName(name.name)
        builder.emitJump(.jump, to: end)
        builder.place(cleanup)
        builder.hiddenDepth += inBody
        clearHandlerName(name.name)
        builder.emit(.reraise)
        builder.hiddenDepth -= inBody
      } else {
        builder.emit(.popTop)
        builder.hiddenDepth += inBody - matching
        builder.blocks.append(.exceptHandler(name: nil))
        compileBody(handler.body)
        builder.blocks.removeLast()
        builder.emit(.popExcept)
        builder.hiddenDepth -= inBody
        builder.emitJump(.jump, to: end)
      }
      builder.hiddenDepth += matching
      builder.place(next)
    }
    builder.emit(.reraise)
    builder.hiddenDepth -= matching
    builder.place(elseLabel)
    compileBody(orElse)
    builder.place(end)
  }

  mutating func compileTryFinally(body: [Stmt], final: [Stmt], compileProtected: (inout Compiler) -> Void) {
    let handlerLabel = builder.newLabel()
    let end = builder.newLabel()
    builder.emitJump(.setupFinally, to: handlerLabel)
    builder.blocks.append(.finallyTry(body: final))
    compileProtected(&self)
    builder.blocks.removeLast()
    builder.emit(.popBlock)
    // co_stacksize: 3.8 runs the normal-path finally body above
    // BEGIN_FINALLY's NULL; the exception path holds five more entries
    // (3.8–3.10) or the previous exception plus a cleanup handler (3.11+)
    // than ours (CodeObject+StackDepth.swift).
    let normalPath = version == .py38 ? 1 : 0
    builder.hiddenDepth += normalPath
    compileBody(final)
    builder.hiddenDepth -= normalPath
    builder.emitJump(.jump, to: end)
    builder.place(handlerLabel)
    let handlerSlots = version <= .py310 ? 5 : 1
    if version >= .py311 { builder.notePeak(3) }
    builder.hiddenDepth += handlerSlots
    builder.blocks.append(.finallyHandler)
    compileBody(final)
    builder.blocks.removeLast()
    builder.emit(.reraise)
    builder.hiddenDepth -= handlerSlots
    builder.place(end)
  }

  /// `name = None; del name`: what an `except ... as name` handler leaves.
  private mutating func clearHandlerName(_ name: String) {
    builder.emit(.loadConst, constant(.none))
    storeName(name)
    deleteName(name)
  }

  /// Emits the unwinding for `break`/`continue` up to the innermost loop.
  mutating func unwind(untilLoop: Bool, isContinue: Bool) {
    let saved = builder.blocks
    while let block = builder.blocks.popLast() {
      switch block {
      case .loop(let continueTarget, let breakLabel, let isFor):
        if isContinue {
          builder.emitJump(.jumpBackward, to: continueTarget)
        } else {
          if isFor { builder.emit(.popTop) }
          builder.emitJump(.jump, to: breakLabel)
        }
        builder.blocks = saved
        return
      default:
        unwindOne(block, preservingTop: false)
      }
    }
    builder.blocks = saved
  }

  /// Emits the unwinding for `return` (the value is on the stack).
  mutating func unwindForReturn() {
    let saved = builder.blocks
    while let block = builder.blocks.popLast() {
      if case .loop(_, _, let isFor) = block {
        if isFor {
          builder.emit(.rotTwo)
          builder.emit(.popTop)
        }
      } else {
        unwindOne(block, preservingTop: true)
      }
    }
    builder.blocks = saved
  }

  private mutating func unwindOne(_ block: FrameBlock, preservingTop: Bool) {
    switch block {
    case .loop: break
    case .tryExcept:
      builder.emit(.popBlock)
    case .finallyTry(let final):
      builder.emit(.popBlock)
      compileBody(final)
    case .exceptHandler(let name):
      if let name {
        builder.emit(.popBlock)  // the cleanup handler
        builder.emit(.popExcept)
        clearHandlerName(name)
      } else {
        builder.emit(.popExcept)
      }
    case .finallyHandler:
      // Leaving a finally body run for an exception drops that exception.
      if preservingTop { builder.emit(.rotTwo) }
      builder.emit(.popExcept)
      builder.emit(.popTop)
    }
  }

  // MARK: Definitions

  mutating func compileFunctionDef(_ def: FunctionDef, range: SourceRange) {
    for decorator in def.decorators {
      setLine(decorator.range)
      builder.emit(.line, builder.line)
      compile(decorator)
    }
    setLine(range)
    if def.decorators.isEmpty { builder.emit(.line, builder.line) }
    let scope = symbols.scope(for: range)
    let firstLine = def.decorators.first.map { lineOf($0.range) } ?? lineOf(range)
    let codeIndex = compileNested(
      scope: scope, name: def.name.name, kind: .function, firstLine: firstLine,
      parameters: def.parameters
    ) { compiler in
      compiler.compileBody(def.body)
      if compiler.builder.code.instructions.last?.op != .returnValue {
        compiler.builder.emit(.loadConst, compiler.constant(.none))
        compiler.builder.emit(.returnValue)
      }
    }
    makeFunction(codeIndex: codeIndex, parameters: def.parameters, scope: scope)
    for decorator in def.decorators.reversed() { builder.emit(.callFunction, 1, at: span(of: decorator)) }
    storeName(def.name.name)
  }

  /// Emits the defaults, closure and MAKE_FUNCTION for a compiled code.
  mutating func makeFunction(codeIndex: Int, parameters: Parameters?, scope: Scope) {
    var flags = 0
    if let parameters {
      let defaults = parameters.positional.compactMap(\.defaultValue)
      if !defaults.isEmpty {
        if let key = constantKey(of: Expr(.tuple(defaults), SourceRange.at(0))) {
          builder.emit(.loadConst, constant(key))
        } else {
          for value in defaults { compile(value) }
          builder.emit(.buildTuple, defaults.count)
        }
        flags |= 1
      }
      let keywordDefaults = parameters.keywordOnly.filter { $0.defaultValue != nil }
      if !keywordDefaults.isEmpty {
        let shape = DictDisplayShape(
          constantKeys: keywordDefaults.map { _ in true }, version: version, forceConstantKeyMap: true)
        let savedHidden = builder.hiddenDepth
        for (index, parameter) in keywordDefaults.enumerated() {
          builder.hiddenDepth = savedHidden + shape.pairHidden[index]
          builder.emit(.loadConst, constant(.str(CodePointString(parameter.name.name))))
          compile(parameter.defaultValue!)
        }
        builder.hiddenDepth = savedHidden
        if let peak = shape.peakBefore[keywordDefaults.count] { builder.notePeak(peak) }
        builder.hiddenDepth = savedHidden + 1 - 2 * keywordDefaults.count
        builder.emit(.buildMap, keywordDefaults.count)
        builder.hiddenDepth = savedHidden
        flags |= 2
      }
    }
    if !scope.frees.isEmpty {
      for name in scope.frees { loadClosure(name) }
      builder.emit(.buildTuple, scope.frees.count)
      flags |= 8
    }
    builder.emit(.makeFunction, codeIndex << 4 | flags)
  }

  mutating func loadClosure(_ name: String) {
    guard let slot = builder.slotIndex["cell:" + name] else {
      preconditionFailure("no cell for \(name) in \(builder.code.qualifiedName)")
    }
    builder.emit(.loadClosure, slot)
  }

  mutating func compileClassDef(_ def: ClassDef, range: SourceRange) {
    for decorator in def.decorators { compile(decorator) }
    setLine(range)
    builder.emit(.line, builder.line)
    let scope = symbols.scope(for: range)
    let codeIndex = compileNested(
      scope: scope, name: def.name.name, kind: .classBody, firstLine: lineOf(range), parameters: nil
    ) { compiler in
      compiler.builder.emit(.loadName, compiler.builder.nameSlot("__name__", heap: &compiler.heap))
      compiler.builder.emit(.storeName, compiler.builder.nameSlot("__module__", heap: &compiler.heap))
      compiler.builder.emit(
        .loadConst, compiler.constant(.str(CodePointString(compiler.builder.code.qualifiedName))))
      compiler.builder.emit(.storeName, compiler.builder.nameSlot("__qualname__", heap: &compiler.heap))
      compiler.compileBody(def.body)
      if compiler.builder.code.cellNames.contains("__class__") {
        compiler.builder.emit(.loadClosure, compiler.builder.slotIndex["cell:__class__"]!)
      } else {
        compiler.builder.emit(.loadConst, compiler.constant(.none))
      }
      compiler.builder.emit(.returnValue)
    }
    // Stack for BUILD_CLASS: closure tuple or None, name, base or None.
    if !scope.frees.isEmpty {
      for name in scope.frees { loadClosure(name) }
      builder.emit(.buildTuple, scope.frees.count)
    } else {
      builder.emit(.loadConst, constant(.none))
    }
    builder.emit(.loadConst, constant(.str(CodePointString(def.name.name))))
    if let base = def.bases.first {
      compile(base)
    } else {
      builder.emit(.loadConst, constant(.none))
    }
    builder.emit(.buildClass, codeIndex)
    for decorator in def.decorators.reversed() { builder.emit(.callFunction, 1, at: span(of: decorator)) }
    storeName(def.name.name)
  }
}
