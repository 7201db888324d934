// The evaluation loop: one `switch` over the opcode of the current frame's
// next instruction. Operands are owned references on the value stack; each
// case consumes what it pops and pushes what it produces, so reference
// counts move exactly where the instruction moves them.
//
// A Python exception leaves an instruction as `PythonRaise` (the exception
// object in `pendingException`); `unwind` then looks for a handler in the
// current frame's block stack, else pops the frame, adding a traceback
// entry, and tries its caller — until a frame marked `returnsToSwift`
// hands the exception to the Swift caller of the nested `execute`.

import BigInt
import Foundation
import HeapModel

extension Interpreter {
  /// Runs a module or class body to completion and returns its result.
  mutating func execute(code: Int, globals: ObjectID, namespace: ObjectID) throws -> ObjectID {
    try pushFrame(code: code, globals: globals, namespace: namespace, function: .null, arguments: [])
    frames[frames.count - 1].returnsToSwift = true
    return try runLoop()
  }

  /// How deep Python code may run under builtins that run Python code
  /// (`sum()` driving a generator that calls `sum()`…, `map()` calling a
  /// function that calls `map()`…): each such level is a nested `runLoop`
  /// on the Swift stack (3–5 KB of it in a release build, up to ~100 KB in
  /// a debug one), as each is a nested evaluation on CPython's C stack.
  /// 3.12+ stop such nesting with RecursionError at a C-stack limit
  /// whatever `sys.setrecursionlimit` says (~750 `sum()`-driven generator
  /// levels in 3.12), 3.8–3.11 crash when the C stack runs out; heapscope
  /// raises RecursionError here, inside the 512 MB stack it runs on
  /// (ScenarioLoading.swift) in either build.
  static let nestedRunLimit = 3_000

  /// Runs frames until the frame marked `returnsToSwift` returns; gives its result.
  mutating func runLoop() throws -> ObjectID {
    guard let result = try runPausableLoop() else { preconditionFailure("a nested run paused") }
    return result
  }

  /// `runLoop` for the outermost run, which may stop at `pauseAtStep`: nil
  /// when it paused there (the timeline's per-step stop, taken millions of
  /// times a run, so it returns instead of throwing).
  ///
  /// Inlined into `runLoop`, which `sum()` or `next()` enter once per item
  /// of a generator they drive.
  @inline(__always)
  mutating func runPausableLoop() throws -> ObjectID? {
    nestedDepth &+= 1
    defer { nestedDepth &-= 1 }
    while true {
      do {
        if let result = try runUntilReturn() { return result }
        return nil  // paused at `pauseAtStep`
      } catch is PythonRaise {
        if try unwind() { continue }
        throw PythonRaise()
      }
    }
  }

  /// Executes instructions; returns the result when the Swift-boundary frame
  /// returns, nil when the outermost run pauses at `pauseAtStep`.
  ///
  /// The running frame's registers (`FrameRegisters`: its index, `pc`,
  /// slot base, instructions and its code's entry in the
  /// `InstructionStore`) live in a local, loaded again by each instruction
  /// that changes the top frame (a call, a return, a `yield`, a `for` loop
  /// entering a generator) at its end. The frame's stored `pc` is still
  /// written at every instruction, as anything an instruction runs may look
  /// at it (a traceback, an unraisable exception's report), and before a
  /// collection between instructions; a jump moves only the register.
  ///
  /// The loop keeps few values live from one instruction to the next (the
  /// five registers and `self`), so that they stay in machine registers:
  /// the constants and names are read through the code's entry, and
  /// operations that consume their operands release them in straight-line
  /// code, not in `defer` blocks (which the optimiser outlines into calls).
  private mutating func runUntilReturn() throws -> ObjectID? {
    var r = FrameRegisters(frames, instructionStore)
    try checkBetweenInstructions(r)
    while true {
      let frameIndex = r.frameIndex
      let pc = r.pc
      let instruction = r.instructions[pc]
      r.pc = pc &+ 1
      r.storePC(pc &+ 1, in: frames)
      let arg = Int(instruction.arg)
      switch instruction.op {
      case .nop:
        continue
      case .line:
        if try lineEvent(arg, frame: r.frame(in: frames)) { return nil }
        continue
      case .popTop:
        // As `drop`, and when nothing was freed the checks are skipped.
        let value = pop()
        if value.isNull || !heap.decrementReachesZero(value) { continue }
        deallocate(value)
      case .dupTop:
        push(retain(top()))
        continue
      case .dupTopTwo:
        let b = top()
        let a = top(1)
        push(retain(a))
        push(retain(b))
        continue
      case .rotTwo:
        values.swapAt(values.count - 1, values.count - 2)
        continue
      case .rotThree:
        let v = pop()
        values.insert(v, at: values.count - 2)
      case .rotFour:
        let v = pop()
        values.insert(v, at: values.count - 3)
      case .loadConst:
        push(retain(r.constants[arg]))
        continue
      case .loadFast:
        let value = values[r.base &+ arg]
        if value.isNull { throw unboundLocal(r.code, arg) }
        push(retain(value))
        continue
      case .loadFastLoadFast, .loadFastLoadConst:
        // LOAD_FAST, then LOAD_FAST or LOAD_CONST (`InstructionStore.fused`).
        let value = values[r.base &+ arg]
        if value.isNull { throw unboundLocal(r.code, arg) }
        push(retain(value))
        let second = Int(r.instructions[pc &+ 1].arg)
        if instruction.op == .loadFastLoadConst {
          push(retain(r.constants[second]))
        } else {
          let next = values[r.base &+ second]
          // Unbound: the second slot runs alone and raises.
          if next.isNull { continue }
          push(retain(next))
        }
        r.pc = pc &+ 2
        continue
      case .storeFast:
        let slot = r.base &+ arg
        let old = values[slot]
        values[slot] = pop()
        // As `drop(old)`, and when nothing was freed the checks are skipped.
        if old.isNull || !heap.decrementReachesZero(old) { continue }
        deallocate(old)
      case .deleteFast:
        let slot = r.base &+ arg
        let old = values[slot]
        if old.isNull { throw unboundLocal(r.code, arg) }
        values[slot] = .null
        drop(old)
      case .loadDeref, .loadClassDeref:
        if instruction.op == .loadClassDeref {
          let name = derefName(r.code, arg)
          if let value = try namespaceLookup(frames[frameIndex].namespace, name) {
            push(value)
            break
          }
        }
        let cell = values[r.base + arg]
        let content = heap.fieldsPayload(cell).refs[0]
        if content.isNull { throw freeVariableError(r.code, arg) }
        push(retain(content))
      case .storeDeref:
        let cell = values[r.base + arg]
        let value = pop()
        let old = heap.withFields(cell) { fields in
          let old = fields.refs[0]
          fields.refs[0] = value
          return old
        }
        drop(old)
      case .deleteDeref:
        let cell = values[r.base + arg]
        let old = heap.withFields(cell) { fields in
          let old = fields.refs[0]
          fields.refs[0] = .null
          return old
        }
        if old.isNull { throw freeVariableError(r.code, arg) }
        drop(old)
      case .loadClosure:
        push(retain(values[r.base + arg]))
        continue
      case .loadName:
        push(try loadName(r.entry, arg, frame: frameIndex))
      case .storeName:
        let value = pop()
        try storeName(
          frames[frameIndex].namespace, key: r.nameObjects[arg], value: value,
          site: methodSiteBase[r.code] + arg)
        drop(value)
      case .deleteName:
        let name = r.names[arg]
        if try !dictDelete(frames[frameIndex].namespace, key: r.nameObjects[arg]) {
          throw raiseNameError(name, interned: r.nameObjects[arg])
        }
      case .loadGlobal:
        push(try loadGlobal(r.entry, arg, frame: frameIndex))
      case .storeGlobal:
        let value = pop()
        try storeName(
          frames[frameIndex].globals, key: r.nameObjects[arg], value: value,
          site: methodSiteBase[r.code] + arg)
        drop(value)
      case .deleteGlobal:
        let name = r.names[arg]
        if try !dictDelete(frames[frameIndex].globals, key: r.nameObjects[arg]) {
          throw raiseNameError(name, interned: r.nameObjects[arg])
        }
      case .loadAttr:
        let object = pop()
        let attribute: ObjectID
        do {
          attribute = try getAttribute(
            object, r.names[arg], hash: r.nameHashes[arg], interned: r.nameObjects[arg],
            site: methodSiteBase[r.code] &+ arg)
        } catch {
          drop(object)
          throw error
        }
        push(attribute)
        drop(object)
      case .storeAttr:
        let object = pop()
        let value = pop()
        do {
          try setAttribute(
            object, r.names[arg], value, hash: r.nameHashes[arg], interned: r.nameObjects[arg],
            site: methodSiteBase[r.code] &+ arg)
        } catch {
          drop(object)
          drop(value)
          throw error
        }
        drop(object)
        drop(value)
      case .deleteAttr:
        let object = pop()
        defer { drop(object) }
        try deleteAttribute(object, r.names[arg])
      case .loadMethod:
        let object = pop()
        let site = methodSiteBase[r.code] &+ arg
        if let method = cachedBuiltinMethod(object, site: site) {
          push(retain(method))
          push(object)
          break
        }
        let (method, bound) = try loadMethod(
          object, r.names[arg], hash: r.nameHashes[arg], interned: r.nameObjects[arg], site: site)
        if bound {
          push(method)
          push(object)
        } else {
          drop(object)
          push(.null)
          push(method)
        }
      case .callMethod:
        let selfSlot = values.count - arg - 1
        if values[selfSlot - 1].isNull {
          values.remove(at: selfSlot - 1)
          try call(positional: arg, keywordNames: .null)
        } else {
          try call(positional: arg + 1, keywordNames: .null)
        }
        r.load(frames, instructionStore)
      case .callFunction:
        try call(positional: arg, keywordNames: .null)
        r.load(frames, instructionStore)
      case .callFunctionKw:
        let names = pop()
        try call(positional: arg, keywordNames: names)
        r.load(frames, instructionStore)
      case .callFunctionEx:
        try callEx(hasKeywords: arg == 1)
        r.load(frames, instructionStore)
      case .binarySubscript:
        let index = pop()
        let container = pop()
        let item: ObjectID
        do { item = try getItem(container, index) } catch {
          drop(index)
          drop(container)
          throw error
        }
        push(item)
        drop(index)
        drop(container)
      case .storeSubscript:
        let index = pop()
        let container = pop()
        let value = pop()
        do { try setItem(container, index, value) } catch {
          drop(index)
          drop(container)
          drop(value)
          throw error
        }
        drop(index)
        drop(container)
        drop(value)
      case .deleteSubscript:
        let index = pop()
        let container = pop()
        defer {
          drop(index)
          drop(container)
        }
        try deleteItem(container, index)
      case .buildSlice:
        let step = arg == 3 ? pop() : retain(heap.none)
        let upper = pop()
        let lower = pop()
        push(newSlice(lower, upper, step))
      case .binaryOp, .inplaceOp, .loadConstBinaryOp:
        // The operation's own instruction: this one, or the next slot
        // after a LOAD_CONST fused with it (the constant is the right
        // operand, never pushed).
        var operation = instruction
        var operationPC = pc
        let right: ObjectID
        if instruction.op == .loadConstBinaryOp {
          right = retain(r.constants[arg])
          operationPC = pc &+ 1
          operation = r.instructions[operationPC]
          r.pc = pc &+ 2
          r.storePC(pc &+ 2, in: frames)
        } else {
          right = pop()
        }
        let operatorIndex = Int(operation.arg)
        let left = pop()
        let result: ObjectID
        do {
          if let value = smallIntOperation(binaryOperator(operatorIndex), left, right) {
            result = value  // 64-bit ints: what `binaryOperation` would reach second
          } else if operatorIndex == 0, heap.kind(of: left) == .str, heap.kind(of: right) == .str {
            // arg 0 is `+` (Interpreter+StrConcat.swift)
            result = try concatenateStrings(left, right, pc: operationPC)
          } else {
            result = try binaryOperation(
              binaryOperator(operatorIndex), left, right, inPlace: operation.op == .inplaceOp)
          }
        } catch {
          drop(left)
          drop(right)
          throw error
        }
        push(result)
        drop(left)
        drop(right)
      case .unaryNegative, .unaryPositive, .unaryInvert:
        let operand = pop()
        defer { drop(operand) }
        push(try unaryOperation(instruction.op, operand))
      case .unaryNot:
        let operand = pop()
        let truth = try isTrue(operand)
        drop(operand)
        push(heap.newBool(!truth))
      case .compareOp, .compareJumpIfFalse, .compareJumpIfTrue, .loadConstCompareOp,
        .loadConstCompareJumpIfFalse, .loadConstCompareJumpIfTrue:
        // COMPARE_OP, on its own or fused with the LOAD_CONST of its right
        // operand before it (never pushed) and with the POP_JUMP_IF after.
        let fused = FusedComparison(instruction.op)
        var comparePC = pc
        var comparisonIndex = arg
        let right: ObjectID
        if fused.loadsConstant {
          right = retain(r.constants[arg])
          comparePC = pc &+ 1
          comparisonIndex = Int(r.instructions[comparePC].arg)
          r.pc = pc &+ 2
          r.storePC(pc &+ 2, in: frames)
        } else {
          right = pop()
        }
        let left = pop()
        let comparison = comparisonOperator(comparisonIndex)
        let result: ObjectID
        do {
          if frames.count >= recursionLimit,
            comparisonChecksRecursion(
              left, right, comparison, next: fused.jumps ? fused.jump : r.instructions[comparePC &+ 1].op)
          {
            throw raise(.recursionError, "maximum recursion depth exceeded in comparison")
          }
          if fused.jumps, let truth = compareScalars(left, right, comparison) {
            // Two floats or 64-bit ints: the jump follows from the answer.
            // The bool CPython makes here, the jump drops (its count goes
            // up and back down with nothing run between).
            drop(left)
            drop(right)
            guard !heap.gc.collectionScheduled, maxHeap == nil else {
              push(heap.newBool(truth))
              break
            }
            let jumpPC = comparePC &+ 1
            r.pc = truth == fused.jumpsIfTrue ? Int(r.instructions[jumpPC].arg) : jumpPC &+ 1
            r.storePC(jumpPC &+ 1, in: frames)
            continue  // the checks after the instruction found nothing to do
          }
          result = try richCompare(left, right, comparison)
        } catch {
          drop(left)
          drop(right)
          throw error
        }
        push(result)
        drop(left)
        drop(right)
        // The fused POP_JUMP_IF runs on here unless something has to run
        // between the two (a collection, the memory limit's check), when
        // it runs from its own slot.
        guard fused.jumps, !heap.gc.collectionScheduled, maxHeap == nil else { break }
        let jumpPC = comparePC &+ 1
        r.pc = jumpPC &+ 1
        r.storePC(jumpPC &+ 1, in: frames)
        let value = pop()
        let truth = try isTrue(value)
        drop(value)
        if truth == fused.jumpsIfTrue { r.pc = Int(r.instructions[jumpPC].arg) }
      case .isOp:
        let right = pop()
        let left = pop()
        drop(left)
        drop(right)
        push(heap.newBool((left == right) != (arg == 1)))
      case .containsOp:
        let container = pop()
        let item = pop()
        defer {
          drop(container)
          drop(item)
        }
        if frames.count >= recursionLimit, version <= .py311,
          heap.kind(of: container) == .list || heap.kind(of: container) == .tuple,
          let first = heap.items(container).first, first != item
        {
          // The first item decides: `PyObject_RichCompareBool` answers an
          // identical one at once, else enters `PyObject_RichCompare`'s
          // recursion check.
          throw raise(.recursionError, "maximum recursion depth exceeded in comparison")
        }
        let found = try contains(container, item)
        push(heap.newBool(found != (arg == 1)))
      case .jump:
        r.pc = arg
        continue
      case .jumpBackward:
        r.pc = arg
        if version == .py311 { warmUp(r.code) }
        continue
      case .popJumpIfFalse, .popJumpIfTrue:
        let value = pop()
        let truth = try isTrue(value)
        drop(value)
        if truth == (instruction.op == .popJumpIfTrue) { r.pc = arg }
      case .jumpIfFalseOrPop, .jumpIfTrueOrPop:
        let truth = try isTrue(top())
        if truth == (instruction.op == .jumpIfTrueOrPop) {
          r.pc = arg
        } else {
          drop(pop())
        }
      case .getIter:
        let iterable = pop()
        let iterator: ObjectID
        do { iterator = try getIterator(iterable) } catch {
          drop(iterable)
          throw error
        }
        push(iterator)
        drop(iterable)
      case .forIter:
        let iterator = top()
        if heap.kind(of: iterator) == .generator, enterGenerator(iterator) {
          r.load(frames, instructionStore)  // the generator's frame runs next
          break
        }
        if let next = heap.nextPlainItem(iterator) {
          push(next)  // a range, list or tuple iterator's next item
        } else if let next = try nextItem(iterator) {
          push(next)
        } else {
          drop(pop())
          r.pc = arg
        }
      case .buildTuple:
        let tuple = heap.newTuple(stealing: values.buffer((values.count - arg)..<values.count))
        values.removeLast(arg)
        push(tuple)
      case .buildList:
        let items = values.array(from: values.count - arg)
        values.removeLast(arg)
        push(heap.newList(items))
      case .buildSet:
        let items = values.array(from: values.count - arg)
        values.removeLast(arg)
        let set = newSet(frozen: false)
        push(set)
        for item in items {
          try setAdd(set, item)
          drop(item)
        }
      case .buildMap:
        try buildMap(arg)
      case .buildString:
        let pieces = UnsafeBufferPointer(start: values.start + (values.count - arg), count: arg)
        // The joined str is allocated before the pieces are dropped, last
        // piece first (measured: the next str takes the first piece's block).
        let joined: ObjectID
        if let pending = heap.storeStr(joining: pieces) {
          joined = heap.newStr(pending)
        } else {
          var text = ""
          for id in values[(values.count - arg)...] { text += heap.string(id) }
          joined = heap.newStr(text)
        }
        for _ in 0..<arg { drop(pop()) }
        push(joined)
      case .listAppend:
        let value = pop()
        heap.listAppend(top(arg - 1), value)
      case .setAdd:
        let value = pop()
        defer { drop(value) }
        try setAdd(top(arg - 1), value)
      case .mapAdd:
        let value = pop()
        let key = pop()
        defer {
          drop(key)
          drop(value)
        }
        try dictSet(top(arg - 1), key: key, value: value)
      case .listExtend:
        let iterable = pop()
        defer { drop(iterable) }
        try listExtend(top(arg - 1), iterable)
      case .setUpdate:
        let iterable = pop()
        defer { drop(iterable) }
        try setUpdate(top(arg - 1), iterable)
      case .dictUpdate, .dictMerge:
        let mapping = pop()
        defer { drop(mapping) }
        try dictUpdate(top(arg - 1), mapping)
      case .listToTuple:
        let list = pop()
        let items = heap.items(list)
        for item in items { heap.incref(item) }
        drop(list)
        push(heap.newTuple(items))
      case .formatValue:
        let spec = arg & 4 != 0 ? pop() : ObjectID.null
        let value = pop()
        defer {
          drop(value)
          drop(spec)
        }
        push(try formatValue(value, conversion: arg & 3, spec: spec))
      case .unpackSequence:
        let sequence = pop()
        defer { drop(sequence) }
        let kind = heap.kind(of: sequence)
        if kind == .tuple || kind == .list, heap.itemCount(sequence) == arg {
          // The items straight from the heap's slab, without an array.
          var index = arg - 1
          while index >= 0 {
            push(retain(heap.item(sequence, index)))
            index -= 1
          }
          break
        }
        let items = try collect(sequence)
        if items.count != arg {
          for item in items { drop(item) }
          throw items.count < arg
            ? raise(.valueError, "not enough values to unpack (expected \(arg), got \(items.count))")
            : raise(.valueError, "too many values to unpack (expected \(arg))")
        }
        for item in items.reversed() { push(item) }
      case .unpackEx:
        let before = arg & 0xff
        let after = arg >> 8
        let sequence = pop()
        defer { drop(sequence) }
        let items = try collect(sequence)
        if items.count < before + after {
          for item in items { drop(item) }
          throw raise(
            .valueError,
            "not enough values to unpack (expected at least \(before + after), got \(items.count))")
        }
        for item in items[(items.count - after)...].reversed() { push(item) }
        push(heap.newList(Array(items[before..<(items.count - after)])))
        for item in items[..<before].reversed() { push(item) }
      case .makeFunction:
        try makeFunction(codeIndex: arg >> 4, flags: arg & 0xf, globals: frames[frameIndex].globals)
      case .buildClass:
        try buildClass(codeIndex: arg, globals: frames[frameIndex].globals)
      case .returnValue:
        let result = pop()
        if let finished = try returnFromFrame(result) { return finished }
        r.load(frames, instructionStore)
      case .yieldValue:
        let value = pop()
        let entered = !frames[frameIndex].returnsToSwift
        let generator = frames[frameIndex].generator
        let yielded = suspendGenerator(yielding: value)
        if !entered { return yielded }
        leaveEnteredGenerator(generator)
        push(yielded)  // the `for` loop's next item
        r.load(frames, instructionStore)
      case .setupExcept:
        blocks.append(Block(kind: .setupExcept, handler: arg, level: values.count))
        continue
      case .setupFinally:
        blocks.append(Block(kind: .setupFinally, handler: arg, level: values.count))
        continue
      case .popBlock:
        blocks.removeLast()
        continue
      case .popExcept:
        let block = blocks.removeLast()
        precondition(block.kind == .handler, "popExcept outside a handler")
        let old = handledException
        handledException = block.savedException
        drop(old)
      case .raiseVarargs:
        throw try raiseStatement(count: arg)
      case .reraise:
        let exception = pop()
        let block = blocks.removeLast()
        let old = handledException
        handledException = block.savedException
        drop(old)
        pendingException = exception
        frames[frames.count - 1].pc = -1  // marks: no new traceback entry for this frame
        throw PythonRaise()
      case .checkExceptionMatch:
        let type = pop()
        let exception = pop()
        defer {
          drop(type)
          drop(exception)
        }
        push(heap.newBool(try exceptionMatches(exception, type)))
      case .importName:
        let name = r.names[arg]
        guard let module = moduleObjects[name] else {
          throw raise(.runtimeError, "No module named '\(name)'")
        }
        push(retain(module))
      case .importFrom:
        let name = r.names[arg]
        push(try getAttribute(top(), name))
      case .setupLoop, .breakLoop, .continueLoop, .printExpr:
        preconditionFailure("opcode \(instruction.op) is not emitted")
      case .loadAssertionError:
        push(retain(heap.typeObject(.assertionError)))
      }
      // After an instruction that may have allocated, freed or run other
      // code; one that cannot (`continue` above) leaves nothing new to see.
      try checkBetweenInstructions(r)
    }
  }

  /// What happens between two instructions: a scheduled collection, and
  /// the memory limit's check. `r.pc` is the next instruction.
  @inline(__always) private mutating func checkBetweenInstructions(_ r: FrameRegisters) throws {
    if heap.gc.collectionScheduled {
      r.storePC(r.pc, in: frames)  // a jump moved only the register
      try collectIfScheduled()
    }
    if let maxHeap, heap.allocator.reservedBytes > max(maxHeap, reservedAtLastMemoryError) {
      // The allocation that crossed the limit fails, as malloc would.
      r.storePC(r.pc, in: frames)
      reservedAtLastMemoryError = heap.allocator.reservedBytes
      throw raise(.memoryError, nil)
    }
  }

  /// Counts a line event of the running frame `frame` (the top one); true
  /// when the run must pause here.
  @inline(__always) mutating func lineEvent(_ line: Int, frame: UnsafeMutablePointer<Frame>) throws -> Bool {
    frame.pointee.line = line
    currentLine = line
    steps &+= 1  // one per line event: no run gets near 2^63
    if steps > stepLimit { throw InterpreterStop.stepLimit(stepLimit) }
    if let pauseAtStep, nestedDepth == 1, enteredGenerators == 0 {
      // A point where the run can pause: the end of a timeline step.
      if steps >= pauseAtStep { return true }
      if stepRecorder.isRecording { recordStretch() }
    }
    return false
  }

  /// The builtin `name` (borrowed), nil when there is none; remembered
  /// per name site (`methodSiteBase[code] + name index`), as the builtins
  /// never change once the interpreter is set up.
  @inline(__always) mutating func builtin(named name: String, site: Int) -> ObjectID? {
    let cached = builtinSiteCache[site]
    if !cached.isNull { return cached }
    guard let value = builtinsByName[name] else { return nil }
    builtinSiteCache[site] = value
    return value
  }

  // MARK: Frames

  /// A generator frame entered by `forIter` has yielded, returned or
  /// raised: the reference `enterGenerator` took goes, as `gen_send_ex`'s
  /// caller drops its own after the nested run.
  @inline(__always) mutating func leaveEnteredGenerator(_ generator: ObjectID) {
    enteredGenerators -= 1
    // The `for` loop's frame still holds the generator, so the count does
    // not reach zero here but at its end.
    releaseResumedGenerator(generator)
  }

  /// Pushes a frame for `code` with its arguments already bound to slots
  /// (owned references, one per slot of `arguments`).
  mutating func pushFrame(
    code: Int, globals: ObjectID, namespace: ObjectID, function: ObjectID, arguments: [ObjectID]
  ) throws {
    if frames.count >= recursionLimit {
      for argument in arguments { drop(argument) }
      drop(function)
      throw raise(.recursionError, "maximum recursion depth exceeded")
    }
    let base = values.count
    values.append(contentsOf: arguments)
    openFrame(code: code, globals: globals, namespace: namespace, function: function, base: base)
  }

  /// Pushes a frame whose first slots, from `base` to the top of `values`,
  /// are already filled (owned); the other slots start empty.
  mutating func openFrame(code: Int, globals: ObjectID, namespace: ObjectID, function: ObjectID, base: Int) {
    let (slotCount, firstLine) = program.codes.withUnsafeBufferPointer {
      ($0[code].slotCount, $0[code].firstLine)
    }
    let filled = values.count - base
    if filled < slotCount {
      values.append(repeating: .null, count: slotCount - filled)
    }
    var frame = Frame(
      code: code, base: base, stackBase: base + slotCount, blockBase: blocks.count, globals: globals,
      namespace: namespace, function: function, line: firstLine)
    frame.frameObject = allocateFrameObject(code: code)
    frames.append(frame)
    if version == .py311 { warmUp(code) }  // RESUME
  }

  /// Leaves the current frame with `result`. Returns the result when the
  /// frame was a Swift boundary; otherwise pushes it onto the caller's stack.
  mutating func returnFromFrame(_ result: ObjectID) throws -> ObjectID? {
    let frame = frames.removeLast()
    if !frame.generator.isNull {
      finishGenerator(frame)
      if frame.returnsToSwift { return result }
      // A generator entered by `forIter` is exhausted: its loop ends.
      drop(result)
      leaveEnteredGenerator(frame.generator)
      drop(pop())
      let caller = frames.count - 1
      let forIter = instructionStore.pointers(of: frames[caller].code).instructions[frames[caller].pc - 1]
      assert(forIter.op == .forIter, "an entered generator returns to a `for` loop")
      frames[caller].pc = Int(forIter.arg)
      return nil
    }
    keepLocalsInFrameObject(frame)
    releaseFrame(frame)
    var result = result
    if !frame.initializing.isNull {
      if result != heap.none {
        let typeName = try typeName(of: result)
        drop(result)
        drop(frame.initializing)
        releaseInitArguments(frame.initArguments)
        throw raise(.typeError, "__init__() should return None, not '\(typeName)'")
      }
      drop(result)
      result = frame.initializing
    }
    releaseInitArguments(frame.initArguments)
    for _ in 0..<frame.callerKeeps { drop(pop()) }
    if frame.returnsToSwift { return result }
    push(result)
    return nil
  }

  /// Drops a finished frame's slots, stack and blocks, then its function.
  mutating func releaseFrame(_ frame: Frame) {
    popBlocks(downTo: frame.blockBase)
    releaseValues(from: frame.base)
    releaseFrameObject(frame.frameObject, code: frame.code)
    drop(frame.function)
  }

  /// Pops a frame's blocks; leaving a running handler restores the
  /// exception that was being handled before it.
  mutating func popBlocks(downTo base: Int) {
    while blocks.count > base {
      let block = blocks.removeLast()
      if block.kind == .handler {
        let old = handledException
        handledException = block.savedException
        drop(old)
      }
    }
  }

  /// A frame object something still holds (a traceback) keeps the frame's
  /// locals alive after the frame ends: they move into it.
  mutating func keepLocalsInFrameObject(_ frame: Frame) {
    guard !frame.frameObject.isNull, heap.refcount(of: frame.frameObject) > 1 else { return }
    let locals = values.array(frame.base..<frame.stackBase)
    for index in frame.base..<frame.stackBase { values[index] = .null }
    heap.withFields(frame.frameObject) { $0.refs = locals }
  }

  /// Drops the values from `base` up, lowest slot first, as CPython clears
  /// a frame's locals and stack. They are dropped in place, each entry
  /// cleared first, and the stack shrinks after the last: a `__del__` run
  /// by a drop pushes its frame above them.
  mutating func releaseValues(from base: Int) {
    let top = values.count
    var index = base
    while index < top {
      let value = values[index]
      values[index] = .null
      drop(value)
      index += 1
    }
    values.truncate(to: base)
  }

  // MARK: Exceptions

  /// Finds a handler for `pendingException`, unwinding frames. Returns true
  /// when execution can continue in a handler; false when the exception
  /// leaves the current Swift boundary (after popping that frame).
  mutating func unwind() throws -> Bool {
    while true {
      let index = frames.count - 1
      if frames[index].pc >= 0 {
        addTraceback(frameAt: index)
      } else {
        frames[index].pc = 0
      }
      while blocks.count > frames[index].blockBase {
        let block = blocks.removeLast()
        if block.kind == .handler {
          let old = handledException
          handledException = block.savedException
          drop(old)
          continue
        }
        while values.count > block.level { drop(values.removeLast()) }
        let exception = pendingException
        pendingException = .null
        blocks.append(
          Block(kind: .handler, handler: 0, level: values.count, savedException: handledException))
        handledException = retain(exception)
        push(exception)
        frames[index].pc = block.handler
        return true
      }
      var frame = frames.removeLast()
      if !frame.generator.isNull {
        finishGenerator(frame)
        replaceStopIterationLeavingGenerator()
        if frame.returnsToSwift { return false }
        // Entered by `forIter`: the exception goes on in the loop's frame.
        leaveEnteredGenerator(frame.generator)
        continue
      }
      keepLocalsInFrameObject(frame)
      releaseFrame(frame)
      frame.frameObject = .null
      drop(frame.initializing)
      releaseInitArguments(frame.initArguments)
      for _ in 0..<frame.callerKeeps { drop(pop()) }
      if frame.returnsToSwift { return false }
    }
  }
}

/// The operator of a `binaryOp` or `inplaceOp` argument (its index in
/// `BinaryOperator.allCases`, the order of declaration, which is the enum's
/// tag), without the static array.
@inline(__always) private func binaryOperator(_ index: Int) -> BinaryOperator {
  assert(index >= 0 && index < BinaryOperator.allCases.count, "binary operator \(index)")
  return unsafeBitCast(UInt8(truncatingIfNeeded: index), to: BinaryOperator.self)
}

/// What a comparison instruction fuses: the LOAD_CONST of its right
/// operand before it, the POP_JUMP_IF after it (and which one). Flags, not
/// an optional opcode: the optimiser hoisted the optional's constant into
/// the loop's dispatch.
private struct FusedComparison {
  var loadsConstant: Bool
  var jumps: Bool
  var jumpsIfTrue: Bool

  @inline(__always) init(_ op: Opcode) {
    loadsConstant =
      op == .loadConstCompareOp || op == .loadConstCompareJumpIfFalse || op == .loadConstCompareJumpIfTrue
    jumpsIfTrue = op == .compareJumpIfTrue || op == .loadConstCompareJumpIfTrue
    jumps = jumpsIfTrue || op == .compareJumpIfFalse || op == .loadConstCompareJumpIfFalse
  }

  /// The fused jump (when `jumps`).
  var jump: Opcode { jumpsIfTrue ? .popJumpIfTrue : .popJumpIfFalse }
}

/// The operator of a `compareOp` argument, as `binaryOperator`.
@inline(__always) private func comparisonOperator(_ index: Int) -> ComparisonOperator {
  assert(index >= 0 && index < ComparisonOperator.allCases.count, "comparison operator \(index)")
  return unsafeBitCast(UInt8(truncatingIfNeeded: index), to: ComparisonOperator.self)
}

/// The running frame's registers in the evaluation loop: its index in
/// `frames`, the index of its next instruction, the index of its slot 0 in
/// `values`, its instructions, and its code's entry in the
/// `InstructionStore` (the code index, constants and names).
private struct FrameRegisters {
  var frameIndex = 0
  /// `frameIndex` times the stride of a frame, so that storing the running
  /// frame's `pc` is one store.
  var frameOffset = 0
  var pc = 0
  var base = 0
  var instructions: UnsafePointer<Instruction>
  var entry: UnsafePointer<InstructionStore.CodePointers>

  var code: Int { entry.pointee.code }
  var constants: UnsafePointer<ObjectID> { entry.pointee.constants }
  var names: UnsafePointer<String> { entry.pointee.names }
  var nameHashes: UnsafePointer<Int> { entry.pointee.nameHashes }
  var nameObjects: UnsafePointer<ObjectID> { entry.pointee.nameObjects }

  /// The registers of the top frame.
  @inline(__always) init(_ frames: StackBuffer<Frame>, _ store: InstructionStore) {
    entry = store.entry(of: 0)
    instructions = entry.pointee.instructions
    load(frames, store)
  }

  /// Loads the registers of the top frame.
  @inline(__always) mutating func load(_ frames: StackBuffer<Frame>, _ store: InstructionStore) {
    frameIndex = frames.count - 1
    frameOffset = frameIndex &* MemoryLayout<Frame>.stride
    let frame = frames.start + frameIndex
    pc = frame.pointee.pc
    base = frame.pointee.base
    entry = store.entry(of: frame.pointee.code)
    instructions = entry.pointee.instructions
  }

  /// The running frame (valid until `frames` next grows).
  @inline(__always) func frame(in frames: StackBuffer<Frame>) -> UnsafeMutablePointer<Frame> {
    (UnsafeMutableRawPointer(frames.start) + frameOffset).assumingMemoryBound(to: Frame.self)
  }

  /// Writes `pc` into the running frame (`frames` may have moved since the
  /// registers were loaded: the offset is taken from its current start).
  @inline(__always) func storePC(_ pc: Int, in frames: StackBuffer<Frame>) {
    frame(in: frames).pointee.pc = pc
  }
}
