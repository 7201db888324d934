// The scenario interpreter: a stack machine over the compiled code objects,
// whose every value is a row of the modelled `Heap`.
//
// State is plain values (arrays of ids and small structs), so a whole
// interpreter can be copied as a checkpoint. Python-to-Python calls push a
// `Frame` onto `frames` and keep running in the same loop; only calls that
// CPython makes from C back into Python (`__repr__` from `print`, `__eq__`
// from `list.index`, `__del__` from a deallocation, a generator resumed by
// `next()`) run a nested loop, as CPython's C stack does.
//
// Ownership: every id on the value stack and in a local slot owns one
// reference. Instructions that consume operands release them with `drop`,
// which runs the deallocation cascade — and any `__del__` it reaches — at
// the point CPython would.

import BigInt
import Foundation
import HeapModel

/// An exception raised by the scenario; the exception object is in
/// `Interpreter.pendingException`.
struct PythonRaise: Error {}

/// A generic attribute lookup that missed under `hasattr`/`getattr` with a
/// default: no exception object exists.
struct AttributeProbeMiss: Error {}

/// Why a run stopped without an uncaught Python exception.
public enum InterpreterStop: Error, Sendable, Equatable {
  case stepLimit(Int)
  /// The scenario used something CPython has and the model does not (at
  /// run time: an attribute of a builtin type, e.g. `str.ljust`).
  case unsupported(feature: String, line: Int)

  /// The line the command line prints for a run of `path` that stopped.
  public func diagnostic(path: String) -> String {
    switch self {
    case .stepLimit(let limit):
      return "heapscope: \(path): stopped after --max-steps \(limit) executed lines"
    case .unsupported(let feature, let line):
      return "\(path):\(line): error: '\(feature)' is not available in heapscope scenarios"
        + " (CPython has it; the model does not implement it)"
    }
  }
}

/// One collection the run made.
public struct GCLogRecord: Sendable, Equatable {
  public var step: Int
  public var generation: Int
  public var collected: Int
  public var uncollectable: Int
}

/// One executing (or suspended) Python frame.
struct Frame: Sendable {
  var code: Int
  var pc = 0
  /// Index in `values` of local slot 0; the evaluation stack follows the slots.
  var base: Int
  var stackBase: Int
  var blockBase: Int
  var globals: ObjectID
  /// The namespace dict of a module or class body (null in functions).
  var namespace: ObjectID
  /// The function being run (owned), null for the module.
  var function: ObjectID
  /// The heap frame object (3.8–3.10 always; 3.11+ once something needs one).
  var frameObject: ObjectID = .null
  var line: Int
  /// Values the caller keeps on its stack while this frame runs (3.8–3.10
  /// argument passing); popped from the caller when this frame returns.
  /// 32 bits, which keeps the frame at 96 bytes with `generatorState`.
  var callerKeeps: Int32 = 0
  /// When this frame returns, the instance being initialised replaces the
  /// result (`__init__` frames).
  var initializing: ObjectID = .null
  /// What the class call this `__init__` frame runs made (owned), released
  /// after it.
  var initArguments = InitArguments()
  /// Returning from this frame ends a nested `execute` call.
  var returnsToSwift = false
  /// The generator this frame runs in, null otherwise.
  var generator: ObjectID = .null
  /// The index in `generatorStates` of `generator`'s state (a `yield`
  /// reaches it without the lookup by row).
  var generatorState: Int32 = 0
}

/// The objects a class call makes around `__init__`: the argument tuple and
/// keyword dict `type_call` is given, and the tuple of keyword names
/// `_PyStack_UnpackDict` makes to call `__init__` (null when not made).
struct InitArguments: Sendable {
  var tuple = ObjectID.null
  var dict = ObjectID.null
  var names = ObjectID.null
}

/// A block of the block stack: a `try` waiting for an exception, or a
/// running handler remembering the exception being handled before it.
struct Block: Sendable {
  enum Kind: UInt8, Sendable { case setupExcept, setupFinally, handler }
  var kind: Kind
  var handler: Int
  var level: Int
  var savedException: ObjectID = .null
}

/// A suspended generator's frame.
struct GeneratorState: Sendable {
  var code: Int
  var pc: Int
  var globals: ObjectID
  var function: ObjectID
  var line: Int
  var slotCount: Int
  /// How many values (slots, then the stack) are parked at the front of
  /// the payload's refs while the generator is suspended.
  var parkedCount: Int
  /// Whether the generator is suspended inside a `try`: its blocks are
  /// then in `Interpreter.generatorBlocks` (levels relative to the frame's
  /// base).
  var hasBlocks = false
  /// The exception its own `except` block was handling when it yielded
  /// (`gi_exc_state`, owned); the caller's came back into effect meanwhile.
  var handledException: ObjectID = .null
  var running = false
  var finished = false
  /// The frame object the generator owns while it is not running (3.8–3.10
  /// always, `gi_frame`; 3.11+ once a traceback asked for one); the running
  /// frame holds it meanwhile. Released when the generator finishes.
  var frameObject: ObjectID = .null
  /// While it runs: its refs, where its next `yield` parks the frame's
  /// values (set by each resume).
  var runningRefs = RunningGeneratorRefs.none
}

/// The scenario interpreter for one version profile.
public struct Interpreter: Sendable {
  public internal(set) var heap: Heap
  /// Passes the interpreter by reference to its own methods (`AddressOnly`).
  private var addressOnly = AddressOnly()
  let program: CompiledProgram
  /// The program's instructions and constants in flat buffers (the
  /// evaluation loop's fetch).
  let instructionStore: InstructionStore
  public let source: SourceFile
  let path: String
  public var version: PythonVersion { heap.version }

  /// The value stack: every frame's slots, then its evaluation stack.
  var values = StackBuffer<ObjectID>(capacity: 1024)
  var frames = StackBuffer<Frame>(capacity: 64)
  var blocks = StackBuffer<Block>(capacity: 32)
  /// The exception being raised (owned), null when none.
  var pendingException: ObjectID = .null
  /// `sys.exc_info()`: the exception being handled (owned), null when none.
  var handledException: ObjectID = .null
  /// Generator frames, suspended or running, found through
  /// `generatorStateBySlot` (Interpreter+Generators.swift). Plain values
  /// in a `StackBuffer`, so a resume and a suspend update them in place.
  var generatorStates = StackBuffer<GeneratorState>(capacity: 16)
  /// The blocks of each generator state suspended inside a `try`
  /// (`GeneratorState.hasBlocks`), by state index.
  var generatorBlocks: [[Block]] = []
  /// Per heap row: 1 + the index of its generator state, 0 for none.
  var generatorStateBySlot: [Int32] = []
  /// An array kept for its capacity: builtin calls hand their positional
  /// arguments over in it (`callBuiltinObject`) instead of a new array.
  var argumentScratch: [ObjectID] = []
  /// Each builtin's call traits in this version, by raw value
  /// (`Builtin.callTraitsTable(in:)`).
  let builtinTraits: [BuiltinCallTraits]
  var builtinObjects: [ObjectID] = []
  var moduleObjects: [String: ObjectID] = [:]
  var builtinsByName: [String: ObjectID] = [:]
  var mainModule: ObjectID = .null
  var globals: ObjectID = .null
  var recursionLimit: Int
  var reprInProgress: [ObjectID] = []
  /// Container reprs and comparisons under way, nested (their recursion
  /// checks, Interpreter+RecursionChecks.swift).
  var reprDepth = 0
  var comparisonDepth = 0
  /// `Py_ReprEnter`'s objects, made by the first container repr of the run:
  /// the thread state's dict (owned here, as the thread state owns it) and
  /// the `Py_Repr` list in it (borrowed).
  var threadStateDict: ObjectID = .null
  /// The keyword-name tuples of builtins' static argument parsers, built on
  /// their first call with keywords and kept for the run (3.8–3.11,
  /// `Interpreter.keywordParserNames`).
  var keywordParserTuples: [Builtin: ObjectID] = [:]
  var reprList: ObjectID = .null
  var moduleNamespaces: [ObjectID: ObjectID] = [:]
  var moduleNames: [ObjectID: String] = [:]
  var nestedDepth = 0
  /// Generator frames `forIter` entered in the running loop
  /// (Interpreter+Generators.swift): while one runs, the run cannot pause,
  /// as it could not when such frames ran in a nested loop.
  var enteredGenerators = 0
  var nestedGC = 0
  /// Set once shutdown has emptied `sys.modules`: tracebacks printed from
  /// then on have no source lines (CPython's printer cannot import `io` to
  /// read the file).
  var modulesTornDown = false
  /// 3.8–3.9's empty frozenset singleton, once made.
  var emptyFrozenset: ObjectID = .null
  /// 3.11: warm-up events (calls and loop back edges) per code object, up
  /// to the 8 that quicken it (Interpreter+StrConcat.swift).
  var codeWarmup: [Int32] = []
  /// 3.11+: the specialisation of each `+` site seen on two strs, at
  /// `strConcatSiteBase[code] + pc` (0: not seen yet, else the
  /// `StrConcatSite` raw value + 1).
  var strConcatSites: [UInt8] = []
  var strConcatSiteBase: [Int] = []
  /// The builtin method each `.loadMethod` name found last, per code and
  /// name index (`methodSiteBase[code] + name`): the builtin type's raw
  /// value + 1 in the high half, the method's raw value (0xffff: none) in
  /// the low half, 0 when unused (Interpreter+Attributes.swift).
  var methodSiteCache: [UInt32] = []
  var methodSiteBase: [Int] = []
  /// The builtin each `loadName`/`loadGlobal` name site found, by the
  /// same index as `methodSiteCache` (null until looked up;
  /// Interpreter+Eval.swift).
  var builtinSiteCache: [ObjectID] = []
  /// The class side of each attribute name site, by the same index
  /// (AttributeSite.swift), and of class calls' `__init__` lookups.
  var attributeSites: [AttributeSite] = []
  var initSite = AttributeSite()
  /// `hash("__init__")` in this version, for every class instantiation.
  var initNameHash = 0

  /// Lines executed (`sys.settrace` line events); the timeline's steps.
  public internal(set) var steps = 0
  public var maxSteps: Int? { didSet { stepLimit = maxSteps ?? .max } }
  /// `maxSteps`, `Int.max` without one: a line event tests it with one
  /// comparison, where the optional took a branch-free sequence of seven.
  var stepLimit = Int.max
  public var maxHeap: Int?
  /// Everything the scenario wrote to stdout and stderr.
  public internal(set) var standardOutput: [UInt8] = []
  public internal(set) var standardError: [UInt8] = []
  /// Every collection so far.
  public internal(set) var gcLog: [GCLogRecord] = []
  /// The exit status once the scenario has ended.
  public internal(set) var exitStatus: Int32?
  var pauseAtStep: Int?
  /// The timeline's history while a run records the steps it passes
  /// (`Timeline.recordTallying`, StepRecorder.swift).
  var stepRecorder = StepRecorder()
  /// Reserved bytes when the last MemoryError was raised (the next one
  /// needs the heap to grow again).
  var reservedAtLastMemoryError = 0
  /// Steps at which `breakpoint()` was called.
  public internal(set) var breakpointSteps: [Int] = []
  /// The frame depth at which `hasattr`/`getattr(o, name, default)` probe an
  /// attribute (-1: none): a miss there creates no exception object, as
  /// `_PyObject_LookupAttr` suppresses it for generic attribute lookup.
  var attributeProbeDepth = -1
  /// Source line of the most recent line event.
  public internal(set) var currentLine = 0

  /// Compiles a checked module and prepares to run it.
  /// `recordingEvents` starts the allocator's event log before the
  /// compiler creates the module's constants (for traces and timelines).
  public init(module: Module, path: String, version: PythonVersion, recordingEvents: Bool = false) {
    var heap = Heap(version: version)
    heap.recordAllocatorEvents(recordingEvents)
    let (program, compiledHeap) = Compiler.compile(module, heap: heap)
    heap = compiledHeap
    self.heap = heap
    self.heap.makeUnique()  // the local `heap` may still share its rows
    self.program = program
    self.instructionStore = InstructionStore(program.codes)
    self.source = module.source
    self.path = path
    self.recursionLimit = heap.profile.defaultRecursionLimit
    self.builtinTraits = Builtin.callTraitsTable(in: version)
    self.codeWarmup = [Int32](repeating: 0, count: program.codes.count)
    var instructionCount = 0
    for code in program.codes {
      strConcatSiteBase.append(instructionCount)
      instructionCount += code.instructions.count
    }
    self.strConcatSites = [UInt8](repeating: 0, count: version >= .py311 ? instructionCount : 0)
    var siteCount = 0
    for code in program.codes {
      methodSiteBase.append(siteCount)
      siteCount += code.names.count
    }
    self.methodSiteCache = [UInt32](repeating: 0, count: siteCount)
    self.builtinSiteCache = [ObjectID](repeating: .null, count: siteCount)
    self.attributeSites = [AttributeSite](repeating: AttributeSite(), count: siteCount)
    self.initNameHash = PyHash.hash("__init__", version: version)
    setUpModules()
    for warning in program.warnings {
      writeError(
        "\(path):\(warning.line): \(warning.message)\n  \(module.source.lineText(warning.line).trimmingWhitespace())\n"
      )
    }
  }

  /// Runs the whole scenario. Returns its exit status: 0, or 1 after an
  /// uncaught exception was printed to `standardError`.
  public mutating func run() throws(InterpreterStop) -> Int32 {
    while try !advance(toStep: nil) {}
    return exitStatus ?? 0
  }

  /// Runs until line event `step` has happened (the state just before that
  /// line executes) or the scenario ends. Returns true once it has ended;
  /// `exitStatus` then holds its status. A pause can only happen where no
  /// Python code runs under a builtin (CPython's C stack), so inside a
  /// `__repr__` called by `print` the run goes on to the next possible point.
  public mutating func advance(toStep step: Int?) throws(InterpreterStop) -> Bool {
    if exitStatus != nil { return true }
    // A checkpoint of the timeline may share the stacks' buffers and the
    // heap's rows and free lists.
    heap.makeUnique()
    values.makeUnique()
    frames.makeUnique()
    blocks.makeUnique()
    generatorStates.makeUnique()
    pauseAtStep = step
    defer { pauseAtStep = nil }
    do {
      if frames.isEmpty {
        try pushFrame(code: 0, globals: globals, namespace: globals, function: .null, arguments: [])
        frames[0].returnsToSwift = true
      }
      guard let result = try runPausableLoop() else { return false }
      drop(result)
      exitStatus = 0
    } catch let stop as InterpreterStop {
      throw stop
    } catch {
      printUncaught()
      exitStatus = 1
    }
    // Shutdown runs to its end: `__del__` methods called from here run
    // outside the main loop, where a pause could not be resumed.
    pauseAtStep = nil
    do {
      try finalizeMainModule()
    } catch let stop as InterpreterStop {
      throw stop
    } catch {
      clearPending()
    }
    return true
  }

  /// Interpreter shutdown as far as the scenario can see it
  /// (`Py_FinalizeEx`): the atexit hooks run (`weakref.finalize`), a full
  /// collection runs if the collector is enabled (`_PyGC_CollectIfEnabled`)
  /// while an uncaught exception is still kept as `sys.last_value` (with
  /// its traceback and frames), then that is dropped and `sys.modules` lets go of `__main__`, whose dict goes with the
  /// module (`module_dealloc`) — by reference counting if nothing else holds
  /// it, releasing its values in insertion order; otherwise it is garbage in
  /// a cycle with the scenario's functions (`__globals__`) and the last,
  /// unconditional collection (`_PyGC_CollectNoFail`, which tells no
  /// gc.callbacks) finalizes and frees it with everything only it held,
  /// in the collector's list order. The module is gone by then, so nothing
  /// sets its globals to None (`_PyModule_ClearDict` only clears modules
  /// still alive). The `weakref` module goes too, with the finalizers still
  /// registered; `gc.callbacks` and `gc.garbage` live in the collector's
  /// state and keep what they hold. Tracebacks printed from then on have no
  /// source lines.
  mutating func finalizeMainModule() throws {
    runFinalizersAtExit()
    if heap.gc.isEnabled { _ = try collectGarbage(generation: 2, automatic: false, recorded: false) }
    clearPending()  // sys.last_value and friends, set to None before the modules go
    let namespace = globals
    globals = .null
    modulesTornDown = true
    dropFinalizerRegistry()
    drop(namespace)
    _ = try collectGarbage(generation: 2, automatic: false, callbacks: false, recorded: false)
  }

  // MARK: Stack

  @inline(__always) mutating func push(_ id: ObjectID) { values.append(id) }
  @inline(__always) mutating func pop() -> ObjectID { values.removeLast() }
  @inline(__always) func top(_ depth: Int = 0) -> ObjectID { values[values.count - 1 - depth] }

  /// Releases one owned reference, running any deallocation it causes.
  mutating func drop(_ id: ObjectID) {
    if id.isNull { return }
    guard heap.decrementReachesZero(id) else { return }
    deallocate(id)
  }

  /// Runs the deallocation cascade of an object whose refcount reached zero.
  ///
  /// Never inlined, and nothing to do after either call: `drop` then is a
  /// test, a decrement and a tail call, and this a kind test and a tail
  /// call, neither saving a register (drops outnumber deallocations
  /// several times over).
  @inline(never)
  mutating func deallocate(_ id: ObjectID) {
    // A leaf (int, float, str: most objects that die) is freed in one
    // call, without the cascade's bookkeeping.
    if heap.isLeaf(id) {
      let freed = heap.deallocateIfLeaf(id)
      assert(freed, "a leaf's deallocation declined")
    } else {
      runDeallocCascade(id)
    }
  }

  /// `deallocate` of an object that is not a leaf: the cascade, driven
  /// until it is done, running the finalizers and weakref callbacks it
  /// asks for.
  @inline(never)
  mutating func runDeallocCascade(_ id: ObjectID) {
    let base = heap.deallocDepth
    heap.beginDealloc(id)
    while let request = heap.stepDealloc(downTo: base) {
      switch request {
      case .finalize(let object):
        runFinalizer(object)
        heap.finishFinalizer(object)
      case .clearWeakrefs(let object):
        clearWeakrefs(to: object)
      }
    }
  }

  @inline(__always) mutating func retain(_ id: ObjectID) -> ObjectID {
    heap.incref(id)
    return id
  }

  /// Takes `argumentScratch` (empty, with its capacity) to pass arguments
  /// in; give it back with `returnArgumentScratch`. A nested call taking it
  /// meanwhile gets a new, empty array.
  @inline(__always) mutating func takeArgumentScratch() -> [ObjectID] {
    var array: [ObjectID] = []
    swap(&array, &argumentScratch)
    return array
  }

  /// Empties `array` (keeping its capacity) and keeps it as
  /// `argumentScratch`. Emptied one element at a time: argument lists are
  /// short, and `removeAll(keepingCapacity:)` goes through the generic
  /// `replaceSubrange`.
  @inline(__always) mutating func returnArgumentScratch(_ array: inout [ObjectID]) {
    while !array.isEmpty { array.removeLast() }
    swap(&array, &argumentScratch)
  }

  // MARK: Output

  mutating func write(_ text: String) { standardOutput.append(contentsOf: text.utf8) }
  mutating func writeError(_ text: String) { standardError.append(contentsOf: text.utf8) }
}
