// AST → code objects. One `CodeBuilder` per scope being compiled; the
// `Compiler` owns the module-wide state: the symbol table, the constant cache
// that merges equal constants across the whole file (as CPython's compiler
// does), and the heap in which constant objects are created.
//
// Control flow uses labels patched once their target is known. Structured
// exits (`break`, `continue`, `return`) unwind the compile-time block stack
// (`FrameBlock`), emitting what CPython's compiler_unwind_fblock emits: pop a
// loop's iterator, leave a try block, run a `finally` body inline, leave an
// except handler.

import BigInt
import HeapModel

/// A constant's identity for merging: equal keys share one object (str
/// constants by code points: "\u{E1}" and "a\u{301}" are two constants).
indirect enum ConstantKey: Hashable {
  case int(BigInt)
  case float(UInt64)
  case str(CodePointString)
  case bytes([UInt8])
  case none, `true`, `false`, ellipsis
  case tuple([ConstantKey])
  /// A set display of constants folded by the 3.9+ compiler (items in
  /// source order, duplicates included; Compiler+FrozensetConstants.swift).
  case frozenset([ConstantKey])
}

/// A compiled module: its code objects (index 0 is the module body).
struct CompiledProgram: Sendable {
  var codes: [CodeObject]
  /// Every constant object with the references the compiler's products hold
  /// on it (code objects' co_consts plus the parser arena of a main script).
  var constantObjects: [ObjectID]
  /// Compile-time warnings, in the order CPython's compiler issues them.
  var warnings: [CompileWarning] = []
  /// The interned str `__init__` when a name table holds it (a class body
  /// that defines `__init__`): alive while the program is, it lets a class
  /// call find `__init__` in the class namespace by id (null otherwise).
  var initName = ObjectID.null
}

/// A warning the compiler issues (`SyntaxWarning`), printed to stderr before
/// the module runs as the warnings module formats it.
struct CompileWarning: Sendable, Equatable {
  var line: Int
  var message: String
}

enum FrameBlock {
  case loop(continueTarget: Int, breakLabel: Int, isFor: Bool)
  case tryExcept
  case finallyTry(body: [Stmt])
  case exceptHandler(name: String?)
  case finallyHandler
}

struct CodeBuilder {
  var code: CodeObject
  let scope: Scope
  var constantIndex: [ConstantKey: Int] = [:]
  var nameIndex: [String: Int] = [:]
  var slotIndex: [String: Int] = [:]
  var labels: [Int] = []
  var patches: [(instruction: Int, label: Int)] = []
  var blocks: [FrameBlock] = []
  var line: Int
  /// Where the instructions being emitted come from (CPython's current
  /// location: the innermost expression or statement being compiled).
  var location = InstructionSpan.none
  /// The version whose `co_stacksize` `finish` computes.
  let version: PythonVersion
  /// Stack slots CPython's bytecode holds here that ours does not (negative:
  /// slots ours holds and CPython's does not); recorded per instruction in
  /// `hiddenSlots`. See CodeObject+StackDepth.swift.
  var hiddenDepth = 0
  var hiddenSlots: [Int8] = []
  /// Depths CPython's bytecode reaches between two of ours: (pc, slots above
  /// our depth before instruction pc, hidden slots included).
  var stackPeaks: [(pc: Int, slots: Int)] = []

  init(code: CodeObject, scope: Scope, version: PythonVersion) {
    self.code = code
    self.scope = scope
    self.version = version
    self.line = code.firstLine
    for (index, name) in code.varNames.enumerated() { slotIndex[name] = index }
    for (index, name) in code.cellNames.enumerated() where slotIndex[name] == nil || true {
      slotIndex["cell:" + name] = code.varNames.count + index
    }
    for (index, name) in code.freeNames.enumerated() {
      slotIndex["cell:" + name] = code.varNames.count + code.cellNames.count + index
    }
  }

  mutating func emit(_ op: Opcode, _ arg: Int = 0) {
    code.instructions.append(Instruction(op, arg))
    hiddenSlots.append(Int8(clamping: hiddenDepth))
    code.lines.append(Int32(line))
    code.spans.append(location)
  }

  /// Emits one instruction attributed to `span` instead of the current location.
  mutating func emit(_ op: Opcode, _ arg: Int = 0, at span: InstructionSpan) {
    let saved = location
    location = span
    emit(op, arg)
    location = saved
  }

  mutating func newLabel() -> Int {
    labels.append(-1)
    return labels.count - 1
  }

  mutating func place(_ label: Int) { labels[label] = code.instructions.count }

  /// Emits a jump-like instruction whose argument is a label's position.
  mutating func emitJump(_ op: Opcode, to label: Int) {
    patches.append((code.instructions.count, label))
    emit(op, 0)
  }

  mutating func finish() -> CodeObject {
    for patch in patches {
      let target = labels[patch.label]
      precondition(target >= 0, "unplaced label \(patch.label) in \(code.qualifiedName)")
      code.instructions[patch.instruction].arg = Int32(target)
    }
    code.maxStackDepth = code.computeMaxStackDepth(version: version, hidden: hiddenSlots, peaks: stackPeaks)
    return code
  }

  /// Notes that CPython's bytecode reaches `slots` above its depth before
  /// the next instruction emitted, taken with the current `hiddenDepth`.
  mutating func notePeak(_ slots: Int) {
    stackPeaks.append((code.instructions.count, slots + hiddenDepth))
  }

  mutating func nameSlot(_ name: String, heap: inout Heap) -> Int {
    if let index = nameIndex[name] { return index }
    code.names.append(name)
    code.nameObjects.append(heap.intern(name))
    code.nameHashes.append(PyHash.hash(name, version: heap.version))
    nameIndex[name] = code.names.count - 1
    return code.names.count - 1
  }
}

/// Compiles a checked module for one version profile.
struct Compiler {
  let symbols: SymbolTable
  let version: PythonVersion
  var heap: Heap
  var codes: [CodeObject] = []
  var constantCache: [ConstantKey: ObjectID] = [:]
  var constantOrder: [ObjectID] = []
  /// The key of the first folded set display with these members
  /// (Compiler+FrozensetConstants.swift).
  var frozensetKeys: [Set<ConstantKey>: ConstantKey] = [:]
  var builder: CodeBuilder
  var builderStack: [CodeBuilder] = []
  var warnings: [CompileWarning] = []
  let fileName: String
  let sourceFile: SourceFile
  var extents: NodeExtents

  init(module: Module, heap: Heap) {
    self.sourceFile = module.source
    self.extents = NodeExtents(source: module.source)
    self.version = heap.version
    self.symbols = SymbolTable(module: module, inlinesComprehensions: heap.profile.inlinesComprehensions)
    self.heap = heap
    self.fileName = module.source.name
    let code = CodeObject(name: "<module>", qualifiedName: "<module>", kind: .module, firstLine: 1)
    self.builder = CodeBuilder(code: code, scope: symbols.module, version: heap.version)
  }

  /// Compiles the module; returns the program and the heap holding its constants.
  static func compile(_ module: Module, heap: Heap) -> (CompiledProgram, Heap) {
    var compiler = Compiler(module: module, heap: heap)
    compiler.heap.makeUnique()  // the caller's heap still shares its rows
    compiler.codes.append(CodeObject(name: "", qualifiedName: "", kind: .module, firstLine: 1))
    compiler.compileBody(module.body)
    compiler.builder.emit(.loadConst, compiler.constant(.none))
    compiler.builder.emit(.returnValue)
    compiler.codes[0] = compiler.builder.finish()
    var program = CompiledProgram(
      codes: compiler.codes, constantObjects: compiler.constantOrder, warnings: compiler.warnings)
    for code in program.codes {
      if let index = code.names.firstIndex(of: "__init__") {
        program.initName = code.nameObjects[index]
        break
      }
    }
    return (program, compiler.heap)
  }

  // MARK: Constants

  /// Index in the current code's constants of the object for `key`.
  mutating func constant(_ key: ConstantKey) -> Int {
    if let index = builder.constantIndex[key] { return index }
    let object: ObjectID
    if let cached = constantCache[key] {
      object = cached
      heap.incref(object)
    } else {
      object = makeConstant(key)
      constantCache[key] = object
      constantOrder.append(object)
      heap.incref(object)  // the parser arena of a main script holds one more
    }
    builder.code.constants.append(object)
    builder.constantIndex[key] = builder.code.constants.count - 1
    return builder.code.constants.count - 1
  }

  mutating func makeConstant(_ key: ConstantKey) -> ObjectID {
    switch key {
    case .int(let value): return heap.newInt(big: value)
    case .float(let bits): return heap.newFloat(Double(bitPattern: bits))
    case .str(let key):
      if Compiler.isInternable(key.text) { return heap.intern(key.text) }
      return heap.newStr(key.text)
    case .bytes(let value): return heap.newBytes(value)
    case .none:
      heap.incref(heap.none)
      return heap.none
    case .true: return heap.newBool(true)
    case .false: return heap.newBool(false)
    case .ellipsis:
      heap.incref(heap.ellipsis)
      return heap.ellipsis
    case .tuple(let items):
      var objects: [ObjectID] = []
      for item in items {
        let object = constantCache[item] ?? makeConstant(item)
        if constantCache[item] == nil {
          constantCache[item] = object
          constantOrder.append(object)
        }
        heap.incref(object)
        objects.append(object)
      }
      // The compiler's tuples are tracked like any other (measured:
      // `gc.is_tracked((1, 2))` is True in 3.8–3.11 and 3.13) until a
      // collection sees they hold only atoms. 3.12 runs a generation-0
      // collection at the first eval-breaker check of the main module
      // (gc.get_count() reads (0, 5, 0) there), after the whole file is
      // compiled: every constant tuple is untracked by then.
      let tuple = heap.newTuple(objects)
      if version == .py312 { heap.untrack(tuple) }
      return tuple
    case .frozenset(let items):
      return makeFrozensetConstant(items)
    }
  }

  /// CPython interns string constants made only of ASCII letters, digits
  /// and underscores (`all_name_chars` in codeobject.c).
  static func isInternable(_ text: String) -> Bool {
    text.utf8.allSatisfy { byte in
      (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        || byte == 0x5F
    }
  }

  /// Whether `expr` is a constant whose truth value is true (`while True:`,
  /// `while 1:`), which CPython's compiler turns into an unconditional jump.
  func isConstantTrue(_ expr: Expr) -> Bool {
    switch constantKey(of: expr) {
    case .true?: return true
    case .int(let value)?: return value != 0
    case .float(let bits)?: return Double(bitPattern: bits) != 0
    case .str(let key)?: return !key.text.isEmpty
    case .bytes(let value)?: return !value.isEmpty
    case .ellipsis?: return true
    case .tuple(let items)?: return !items.isEmpty
    default: return false
    }
  }

  /// The constant key of an expression made only of constants, if it is one.
  func constantKey(of expr: Expr) -> ConstantKey? {
    switch expr.kind {
    case .int(.small(let value)): return .int(BigInt(value))
    case .int(.big(let value)): return .int(value)
    case .float(let value): return .float(value.bitPattern)
    case .string(let text): return .str(CodePointString(text))
    case .bytes(let value): return .bytes(value)
    case .none: return ConstantKey.none
    case .true: return .true
    case .false: return .false
    case .ellipsis: return .ellipsis
    case .tuple(let items):
      var keys: [ConstantKey] = []
      for item in items {
        guard let key = constantKey(of: item) else { return nil }
        keys.append(key)
      }
      return .tuple(keys)
    case .binary(let op, let left, let right):
      guard let a = constantKey(of: left), let b = constantKey(of: right) else { return nil }
      return ConstantFolder.fold(op, a, b, version: version)
    case .unary(.invert, let operand):
      if case .int(let value)? = constantKey(of: operand) { return .int(~value) }
      return nil
    case .unary(.plus, let operand):
      switch constantKey(of: operand) {
      case .int(let value)?: return .int(value)
      case .float(let bits)?: return .float(bits)
      default: return nil
      }
    case .unary(.negate, let operand):
      switch constantKey(of: operand) {
      case .int(let value)?: return .int(-value)
      case .float(let bits)?: return .float((-Double(bitPattern: bits)).bitPattern)
      default: return nil
      }
    default: return nil
    }
  }

  // MARK: Scopes

  /// Compiles a nested scope's body into a new code object; returns its index.
  mutating func compileNested(
    scope: Scope, name: String, kind: CodeKind, firstLine: Int, parameters: Parameters?,
    body: (inout Compiler) -> Void
  ) -> Int {
    var code = CodeObject(
      name: name, qualifiedName: qualifiedName(for: name, kind: kind), kind: kind, firstLine: firstLine)
    code.varNames = scope.varNames
    code.cellNames = scope.cells
    code.freeNames = scope.frees
    code.cellFromArgument = scope.cells.map { scope.parameters.firstIndex(of: $0) ?? -1 }
    code.isGenerator = scope.isGenerator
    code.needsClassCell = scope.cells.contains("__class__")
    if kind == .comprehension, heap.profile.inlinesComprehensions {
      code.isInlined = true
      code.tracebackName = builder.code.tracebackName
    }
    if let parameters {
      code.argumentCount = parameters.positional.count
      code.positionalOnlyCount = parameters.positionalOnlyCount
      code.keywordOnlyCount = parameters.keywordOnly.count
      code.hasVarArgs = parameters.varArgs != nil
      code.hasVarKeywords = parameters.varKeywords != nil
    } else if kind == .comprehension || kind == .generatorExpression {
      code.argumentCount = 1
    }
    let index = codes.count
    codes.append(code)
    builderStack.append(builder)
    builder = CodeBuilder(code: code, scope: scope, version: version)
    body(&self)
    codes[index] = builder.finish()
    builder = builderStack.removeLast()
    return index
  }

  private func qualifiedName(for name: String, kind: CodeKind) -> String {
    var parts: [String] = []
    var scopes = builderStack.map(\.scope) + [builder.scope]
    scopes.removeFirst()
    for scope in scopes {
      parts.append(scope.name)
      if scope.kind != .classBody { parts.append("<locals>") }
    }
    parts.append(name)
    return parts.joined(separator: ".")
  }

  mutating func setLine(_ range: SourceRange) {
    builder.line = lineOf(range)
  }

  func lineOf(_ range: SourceRange) -> Int { sourceFile.line(containing: range.start) }
}
