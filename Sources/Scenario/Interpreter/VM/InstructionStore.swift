// Every code object's instructions, constants and names copied once into
// flat, immutable buffers, so the evaluation loop can keep pointers to the
// running code's instructions, constants and names in locals and fetch an
// instruction with one load. Reading `program.codes[code].instructions[pc]`
// instead is a chain of four dependent loads and two bounds checks per
// instruction (the code array, the code object's instruction array, its
// count, the element), which the profile showed as a fifth of the loop's own
// time — and whenever the optimiser does not inline the array's subscript,
// it copies the whole `CodeObject` (a retain and a release of each of its
// twenty arrays) to read one name.
//
// The buffers are allocated when the interpreter is made and never change:
// a compiled program is immutable, and copies of an interpreter (timeline
// checkpoints) share the one store, which frees the buffers when the last
// copy goes.

import HeapModel

/// The compiled program's instructions, constants and names in flat
/// buffers, indexed by code object.
final class InstructionStore: @unchecked Sendable {
  private let instructionBuffer: Buffer<Instruction>
  private let constantBuffer: Buffer<ObjectID>
  private let nameBuffer: Buffer<String>
  private let nameHashBuffer: Buffer<Int>
  private let nameObjectBuffer: Buffer<ObjectID>

  /// Per code object, its index and the five pointers below in one entry (what the
  /// evaluation loop loads when the running frame changes).
  private let entries: UnsafeMutablePointer<CodePointers>

  init(_ codes: [CodeObject]) {
    instructionBuffer = Buffer(codes.map { Self.fused($0.instructions) })
    constantBuffer = Buffer(codes.map(\.constants))
    nameBuffer = Buffer(codes.map(\.names))
    nameHashBuffer = Buffer(codes.map(\.nameHashes))
    nameObjectBuffer = Buffer(codes.map(\.nameObjects))
    entries = .allocate(capacity: max(codes.count, 1))
    for code in codes.indices {
      (entries + code).initialize(
        to: CodePointers(
          code: code, instructions: instructionBuffer.start(of: code),
          constants: constantBuffer.start(of: code),
          names: nameBuffer.start(of: code), nameHashes: nameHashBuffer.start(of: code),
          nameObjects: nameObjectBuffer.start(of: code)))
    }
  }

  /// The instructions as the evaluation loop runs them: the first slot of
  /// each pair that occurs often holds the pair's fused instruction
  /// (`Opcode.loadFastLoadFast` and the others after `line`); every other
  /// slot, the second slots included, keeps its instruction and argument,
  /// so instruction indices (jump targets, line and location tables, a
  /// generator's saved `pc`) mean the same as in the code object. Chains
  /// overlap: in LOAD_FAST LOAD_FAST LOAD_FAST the first two slots are
  /// both fused, and the loop, after running the first pair, goes on at
  /// the third slot.
  ///
  /// Readers of the store that look at a neighbouring instruction's opcode
  /// must expect a fused one where the code object has the pair's first
  /// instruction (only LOAD_FAST, LOAD_CONST and COMPARE_OP start pairs).
  static func fused(_ instructions: [Instruction]) -> [Instruction] {
    var fused = instructions
    func isOperation(_ pc: Int) -> Bool {
      guard pc < instructions.count else { return false }
      let op = instructions[pc].op
      return op == .binaryOp || op == .inplaceOp || op == .compareOp
    }
    for pc in instructions.indices.dropLast() {
      let next = instructions[pc + 1].op
      switch (instructions[pc].op, next) {
      case (.loadFast, .loadFast): fused[pc].op = .loadFastLoadFast
      // LOAD_FAST LOAD_CONST BINARY_OP (or COMPARE_OP): the constant
      // pairs with the operation (which saves a push and a pop besides a
      // dispatch).
      case (.loadFast, .loadConst) where !isOperation(pc + 2): fused[pc].op = .loadFastLoadConst
      case (.loadConst, .binaryOp), (.loadConst, .inplaceOp): fused[pc].op = .loadConstBinaryOp
      case (.loadConst, .compareOp):
        let jump = pc + 2 < instructions.count ? instructions[pc + 2].op : .nop
        fused[pc].op =
          jump == .popJumpIfFalse
          ? .loadConstCompareJumpIfFalse
          : jump == .popJumpIfTrue ? .loadConstCompareJumpIfTrue : .loadConstCompareOp
      case (.compareOp, .popJumpIfFalse): fused[pc].op = .compareJumpIfFalse
      case (.compareOp, .popJumpIfTrue): fused[pc].op = .compareJumpIfTrue
      default: break
      }
    }
    return fused
  }

  deinit {
    entries.deallocate()
    instructionBuffer.free()
    constantBuffer.free()
    nameBuffer.free()
    nameHashBuffer.free()
    nameObjectBuffer.free()
  }

  /// The pointers into the store for code object `code`; valid for the
  /// store's life.
  @inline(__always) func pointers(of code: Int) -> CodePointers { entries[code] }

  /// Where code object `code`'s pointers are kept (valid for the store's
  /// life): the evaluation loop keeps this one address in a register and
  /// reads the pointer an instruction needs through it.
  @inline(__always) func entry(of code: Int) -> UnsafePointer<CodePointers> { UnsafePointer(entries + code) }

  /// Where one code object's instructions, constants and names start.
  struct CodePointers {
    /// The code object's index in the program.
    var code: Int
    var instructions: UnsafePointer<Instruction>
    var constants: UnsafePointer<ObjectID>
    var names: UnsafePointer<String>
    var nameHashes: UnsafePointer<Int>
    var nameObjects: UnsafePointer<ObjectID>
  }

  /// One flat buffer holding a list of arrays back to back.
  private struct Buffer<Element> {
    let storage: UnsafeMutableBufferPointer<Element>
    let starts: [Int]

    init(_ parts: [[Element]]) {
      var starts: [Int] = []
      var count = 0
      for part in parts {
        starts.append(count)
        count += part.count
      }
      // At least one element, so that every start is a valid address.
      storage = .allocate(capacity: max(count, 1))
      for (index, part) in parts.enumerated() {
        _ = UnsafeMutableBufferPointer(rebasing: storage[starts[index]...]).initialize(from: part)
      }
      self.starts = starts + [count]
    }

    func start(of part: Int) -> UnsafePointer<Element> { UnsafePointer(storage.baseAddress! + starts[part]) }

    func free() {
      storage.baseAddress!.deinitialize(count: starts[starts.count - 1])
      storage.deallocate()
    }
  }
}
