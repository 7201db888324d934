// `co_stacksize`: the deepest CPython's evaluation stack gets in a code
// object, per version. It sizes every frame — the 3.8–3.10 heap frame
// (`PyFrameObject`, one slot per stack entry) and the 3.11+ interpreter
// frame a generator embeds — so it shows in `sys.getsizeof(generator)` and
// in allocator statistics.
//
// CPython computes it at the end of compilation (`stackdepth` in
// compile.c, `_PyCfg_Stackdepth` in flowgraph.c since 3.12): a walk over
// the basic blocks following every edge with each instruction's
// `stack_effect` (separately for the jump and the fall-through edge of a
// branch), keeping the maximum. We walk our own instructions the same way,
// but our instruction set is not CPython's, so three corrections make the
// result CPython's:
//
// 1. Hidden slots (`CodeBuilder.hiddenSlots`, recorded per instruction by
//    the compiler): stack entries CPython's bytecode has around an
//    instruction and ours does not, or the reverse (negative). They follow
//    the nesting of the source, so the compiler knows them:
//    - 3.11+ calls push a NULL below the callable (PUSH_NULL, or the
//      NULL-pushing LOAD_GLOBAL/LOAD_ATTR) from the start of the callee to
//      the CALL. Calls through LOAD_METHOD already have two slots in both,
//      and decorators, `assert` messages and comprehension calls use the
//      "callable + self" shape without a NULL. 3.11/3.12 pass keyword names
//      with KW_NAMES (off the stack); 3.8–3.10 and 3.13 push the tuple.
//    - Exception handlers: CPython 3.8–3.10 push six values when a
//      SETUP_FINALLY handler is entered (three for the exception, three for
//      the saved exc_info), and an except body still holds the saved three;
//      a `finally` body on the normal path of 3.8 sits above BEGIN_FINALLY's
//      NULL. 3.11+ enter a handler with the exception, PUSH_EXC_INFO adds the
//      previous one, and each handler body is itself protected by a
//      SETUP_CLEANUP whose handler is entered with `lasti` and the exception
//      (and then copies the third entry): those reach three above the
//      handler's entry depth.
//    - A dict display whose keys are all constants (more than one pair)
//      pushes only the values and then one tuple of keys
//      (BUILD_CONST_KEY_MAP); 3.8 passes a lone `**mapping` to
//      CALL_FUNCTION_EX as is, without merging it into a new dict.
//    - 3.12+ inline list/set/dict comprehensions (PEP 709): no function
//      object is made, the comprehension's locals are saved on the stack
//      (LOAD_FAST_AND_CLEAR) and its body runs right above them.
// 2. Peaks (`CodeBuilder.stackPeaks`): depths CPython reaches between two
//    of our instructions (the cleanup handlers above, an inlined
//    comprehension's body), as slots above our depth before an instruction
//    (hidden slots of the enclosing constructs included).
// 3. Version rules per opcode, applied here: MAKE_FUNCTION's operands (code
//    and qualified name in 3.8–3.10, code in 3.11+) are not on our stack;
//    3.12+ compile `x and y` with COPY 1 + POP_JUMP_IF_* instead of
//    JUMP_IF_*_OR_POP (one more slot); 3.12 fuses LOAD_CONST + RETURN_VALUE
//    into RETURN_CONST before measuring (3.13 measures first); generators
//    start with RETURN_GENERATOR (3.11+, one slot) and 3.12+ wrap their
//    body in a handler turning StopIteration into RuntimeError (entered
//    with lasti and the exception: two slots).
//
// What is not modelled: 3.10+ building displays and calls with more than
// 30 stack entries element by element (STACK_USE_GUIDELINE), the
// BUILD_MAP_UNPACK / BUILD_TUPLE_UNPACK shapes of 3.8 star calls beyond a
// lone `**mapping`, and class bodies' own bookkeeping.

import HeapModel

extension CodeObject {
  /// The deepest the evaluation stack gets (`co_stacksize` of `version`),
  /// found by following every path through the instructions with each
  /// one's effect. `hidden` holds per instruction the slots CPython's
  /// bytecode has there and ours does not; `peaks` the depths CPython
  /// reaches between two of our instructions (slots above our depth before
  /// instruction `pc`, hidden slots included; may be negative).
  func computeMaxStackDepth(
    version: PythonVersion, hidden: [Int8] = [], peaks: [(pc: Int, slots: Int)] = []
  ) -> Int {
    var depthAt = [Int](repeating: -1, count: instructions.count + 1)
    var peakAt = [Int](repeating: Int.min, count: instructions.count + 1)
    for peak in peaks where peak.pc < peakAt.count { peakAt[peak.pc] = max(peakAt[peak.pc], peak.slots) }
    var work: [(Int, Int)] = [(0, 0)]
    var deepest = 0
    if isGenerator, version >= .py311 { deepest = version >= .py312 ? 2 : 1 }
    func flow(_ pc: Int, _ depth: Int, into work: inout [(Int, Int)]) {
      if pc < depthAt.count, depthAt[pc] < depth {
        depthAt[pc] = depth
        work.append((pc, depth))
      }
    }
    while let (pc, depth) = work.popLast() {
      guard pc < instructions.count else { continue }
      let instruction = instructions[pc]
      let arg = Int(instruction.arg)
      var next = depth
      var top = depth
      var branch: (Int, Int)? = nil
      var fallsThrough = true
      switch instruction.op {
      case .nop, .line, .rotTwo, .rotThree, .rotFour, .deleteFast, .deleteDeref, .deleteName, .deleteGlobal,
        .loadAttr, .unaryNegative, .unaryPositive, .unaryInvert, .unaryNot, .getIter, .listToTuple, .popBlock,
        .popExcept, .setupLoop, .breakLoop, .continueLoop, .yieldValue:
        break
      case .popTop, .storeFast, .storeDeref, .storeName, .storeGlobal, .deleteAttr, .binarySubscript,
        .binaryOp,
        .inplaceOp, .compareOp, .isOp, .containsOp, .listAppend, .setAdd, .listExtend, .setUpdate,
        .dictUpdate,
        .dictMerge, .printExpr, .checkExceptionMatch:
        next -= 1
      case .loadConst:
        if version == .py312, pc + 1 < instructions.count, instructions[pc + 1].op == .returnValue {
          // RETURN_CONST: the constant never reaches the stack.
          fallsThrough = false
        } else {
          next += 1
        }
      case .dupTop, .loadFast, .loadDeref, .loadClassDeref, .loadClosure, .loadName, .loadGlobal,
        .loadMethod, .importName, .importFrom, .loadAssertionError:
        next += 1
      case .dupTopTwo: next += 2
      case .loadFastLoadFast, .loadFastLoadConst, .compareJumpIfFalse, .compareJumpIfTrue, .loadConstBinaryOp,
        .loadConstCompareOp, .loadConstCompareJumpIfFalse, .loadConstCompareJumpIfTrue:
        preconditionFailure("fused instructions exist only in the InstructionStore")
      case .storeAttr, .deleteSubscript, .mapAdd: next -= 2
      case .storeSubscript: next -= 3
      case .callMethod: next -= arg + 1
      case .callFunction: next -= arg
      case .callFunctionKw: next -= arg + 1
      case .callFunctionEx: next -= 1 + arg
      case .buildSlice: next -= arg - 1
      case .buildTuple, .buildList, .buildSet, .buildString: next += 1 - arg
      case .buildMap: next += 1 - 2 * arg
      case .formatValue: next -= (arg & 4) != 0 ? 1 : 0
      case .unpackSequence: next += arg - 1
      case .unpackEx: next += (arg & 0xff) + (arg >> 8)
      case .makeFunction:
        next += 1 - ((arg & 1) + ((arg >> 1) & 1) + ((arg >> 3) & 1))
        top = depth + (version <= .py310 ? 2 : 1)
      case .buildClass: next -= 2
      case .returnValue, .reraise:
        fallsThrough = false
      case .raiseVarargs:
        fallsThrough = false
      case .jump, .jumpBackward:
        fallsThrough = false
        branch = (arg, depth)
      case .popJumpIfFalse, .popJumpIfTrue:
        next -= 1
        branch = (arg, depth - 1)
      case .jumpIfFalseOrPop, .jumpIfTrueOrPop:
        next -= 1
        branch = (arg, depth)
        if version >= .py312 { top = depth + 1 }
      case .forIter:
        next += 1
        branch = (arg, depth - 1)
      case .setupExcept, .setupFinally:
        branch = (arg, depth + 1)
      }
      let slots = pc < hidden.count ? Int(hidden[pc]) : 0
      deepest = max(deepest, max(top, next) + slots)
      if peakAt[pc] != Int.min { deepest = max(deepest, depth + peakAt[pc]) }
      if let (target, targetDepth) = branch { flow(target, targetDepth, into: &work) }
      if fallsThrough { flow(pc + 1, next, into: &work) }
    }
    return deepest
  }
}
