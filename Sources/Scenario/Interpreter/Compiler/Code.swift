// The compiled form of a scenario: CPython-style code objects holding a flat
// array of stack-machine instructions. Compiling once to this form keeps the
// evaluation loop free of AST walking and of Swift recursion per Python call
// (a Python call pushes a `Frame`, it does not recurse in Swift), and it makes
// reference-count traffic line up with CPython's own bytecode: values live on
// an evaluation stack exactly when CPython's do, so `sys.getrefcount` sees the
// same temporaries.
//
// Opcodes are named after their CPython counterparts where one exists
// (`LOAD_FAST` → `.loadFast`); the set is heapscope's own and stable across
// versions — version differences live in the compiler and the VM.

import HeapModel

/// One instruction: an opcode and its argument (meaning per opcode).
struct Instruction: Sendable {
  var op: Opcode
  var arg: Int32

  init(_ op: Opcode, _ arg: Int = 0) {
    self.op = op
    self.arg = Int32(arg)
  }
}

enum Opcode: UInt8, Sendable {
  case nop
  case popTop, dupTop, dupTopTwo, rotTwo, rotThree, rotFour
  case loadConst  // constants[arg]
  case loadFast, storeFast, deleteFast  // locals[arg]
  case loadDeref, storeDeref, deleteDeref  // cell in locals[arg]
  case loadClassDeref  // class body: namespace, then cell locals[arg]
  case loadClosure  // push the cell itself
  case loadName, storeName, deleteName  // names[arg] in the frame namespace
  case loadGlobal, storeGlobal, deleteGlobal  // names[arg] in globals, then builtins
  case loadAttr, storeAttr, deleteAttr  // names[arg]
  case loadMethod  // names[arg]; pushes (method, self) or (NULL, bound)
  case callMethod  // arg = positional count
  case binarySubscript, storeSubscript, deleteSubscript
  case buildSlice  // arg = 2 or 3
  case binaryOp, inplaceOp  // arg = BinaryOperator index
  case unaryNegative, unaryPositive, unaryInvert, unaryNot
  case compareOp  // arg = ComparisonOperator index (==, !=, <, <=, >, >=)
  case isOp, containsOp  // arg = 1 for `is not` / `not in`
  case jump, popJumpIfFalse, popJumpIfTrue, jumpIfFalseOrPop, jumpIfTrueOrPop
  case jumpBackward  // a loop's unconditional back edge: CPython 3.11's JUMP_BACKWARD, a warm-up event
  case getIter, forIter  // forIter: arg = jump target when exhausted
  case buildTuple, buildList, buildSet, buildMap  // arg = count (map: pairs)
  case buildString  // arg = pieces
  case listAppend, setAdd, mapAdd  // arg = depth of the container below the values
  case listExtend, setUpdate, dictUpdate, dictMerge  // arg = depth
  case listToTuple
  case formatValue  // arg: bits 0-1 conversion (0 none, 1 str, 2 repr, 3 ascii), bit 2 has spec
  case unpackSequence  // arg = count
  case unpackEx  // arg = before | after << 8
  case callFunction  // arg = positional count
  case callFunctionKw  // arg = total count; TOS is a tuple of keyword names
  case callFunctionEx  // arg = 1 when a kwargs mapping is present
  case makeFunction  // arg: 1 defaults, 2 kw defaults, 8 closure; TOS code index const, then name
  case buildClass  // arg = code index; stack: name, base-or-NULL
  case returnValue
  case yieldValue
  case setupExcept  // arg = handler pc
  case setupFinally  // arg = handler pc (exception path of a finally)
  case popBlock
  case popExcept  // leave an except handler: restore the previous handled exception
  case raiseVarargs  // arg = 0 (re-raise), 1, 2 (with cause)
  case reraise  // re-raise the exception on the stack (end of a finally handler)
  case checkExceptionMatch  // TOS: type; below: exception; pushes bool
  case importName  // names[arg]
  case importFrom  // names[arg]
  case setupLoop, breakLoop, continueLoop
  case printExpr
  case loadAssertionError
  case line  // arg = line number: a line event (a timeline step)
  // Fused pairs (superinstructions): never emitted by the compiler, made
  // only in the evaluation loop's copy of the instructions
  // (`InstructionStore.fused`). Each sits in its pair's first slot, with
  // the first instruction's argument, and reads the second one's argument
  // from the next slot, which keeps its own instruction (a jump may land
  // on it, and the loop runs it alone when the pair cannot run as one).
  case loadFastLoadFast  // LOAD_FAST arg; LOAD_FAST next.arg
  case loadFastLoadConst  // LOAD_FAST arg; LOAD_CONST next.arg
  case compareJumpIfFalse, compareJumpIfTrue  // COMPARE_OP arg; POP_JUMP_IF_FALSE/TRUE next.arg
  case loadConstBinaryOp  // LOAD_CONST arg; BINARY_OP or INPLACE_OP next.arg
  case loadConstCompareOp  // LOAD_CONST arg; COMPARE_OP next.arg
  // LOAD_CONST arg; COMPARE_OP next.arg; POP_JUMP_IF_FALSE/TRUE (the slot after next).arg
  case loadConstCompareJumpIfFalse, loadConstCompareJumpIfTrue
}

/// The source an instruction is attributed to, as two UTF-8 byte offsets
/// into the scenario file (the start and end line and column of CPython's
/// location table follow from them). 8 bytes per instruction.
struct InstructionSpan: Hashable, Sendable {
  var start: UInt32
  var end: UInt32

  init(_ range: SourceRange) {
    start = UInt32(range.start)
    end = UInt32(range.end)
  }

  private init(start: UInt32, end: UInt32) {
    self.start = start
    self.end = end
  }

  /// No location (CPython's `None` positions).
  static let none = InstructionSpan(start: .max, end: .max)

  var isNone: Bool { start == .max }
  var range: SourceRange { SourceRange(start: Int(start), end: Int(end)) }
}

/// What kind of scope a code object runs.
enum CodeKind: UInt8, Sendable {
  case module, function, lambda, classBody, comprehension, generatorExpression
}

/// A compiled function body, module or class body.
struct CodeObject: Sendable {
  var name: String
  var qualifiedName: String
  var kind: CodeKind
  var instructions: [Instruction] = []
  /// Source line of each instruction.
  var lines: [Int32] = []
  /// Source extent of each instruction (`co_positions()` of 3.11+): what a
  /// traceback underlines when that instruction raises. Read only when a
  /// traceback is printed.
  var spans: [InstructionSpan] = []
  var firstLine: Int
  var constants: [ObjectID] = []
  /// Names used by name/global/attribute instructions, their interned str
  /// objects (the keys CPython's dict lookups use) and the str hashes of the
  /// version, computed once here instead of at every lookup.
  var names: [String] = []
  var nameObjects: [ObjectID] = []
  var nameHashes: [Int] = []
  /// Local variable names: parameters first, in CPython's order.
  var varNames: [String] = []
  /// Locals that nested functions capture (each slot holds a cell).
  var cellNames: [String] = []
  /// Variables captured from enclosing scopes (slots hold the cells).
  var freeNames: [String] = []
  /// For each cell, the parameter index it is initialised from, or -1.
  var cellFromArgument: [Int] = []
  var argumentCount = 0
  var positionalOnlyCount = 0
  var keywordOnlyCount = 0
  var hasVarArgs = false
  var hasVarKeywords = false
  var isGenerator = false
  var maxStackDepth = 0
  /// Whether the body mentions `super` or `__class__` (gets a `__class__` cell).
  var needsClassCell = false
  /// 3.12+ inline list/set/dict comprehensions into the enclosing code
  /// (PEP 709): a traceback names the enclosing function, not `<listcomp>`.
  var isInlined = false
  /// The name a traceback shows for this code (the enclosing one's when inlined).
  var tracebackName: String

  init(name: String, qualifiedName: String, kind: CodeKind, firstLine: Int) {
    self.name = name
    self.qualifiedName = qualifiedName
    self.kind = kind
    self.firstLine = firstLine
    self.tracebackName = name
  }

  /// Total local slots: variables, cells, free variables.
  var slotCount: Int { varNames.count + cellNames.count + freeNames.count }
}
