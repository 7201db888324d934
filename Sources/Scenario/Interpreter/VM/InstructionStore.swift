// Every code object's instructions and constants copied once into two flat,
// immutable buffers, so the evaluation loop can keep a pointer to the
// running code's instructions in a local and fetch an instruction with one
// load. Reading `program.codes[code].instructions[pc]` instead is a chain of
// four dependent loads and two bounds checks per instruction (the code
// array, the code object's instruction array, its count, the element),
// which the profile showed as a fifth of the loop's own time.
//
// The buffers are allocated when the interpreter is made and never change:
// a compiled program is immutable, and copies of an interpreter (timeline
// checkpoints) share the one store, which frees the buffers when the last
// copy goes.

import HeapModel

/// The compiled program's instructions and constants in flat buffers,
/// indexed by code object.
final class InstructionStore: @unchecked Sendable {
  private let instructionBuffer: UnsafeMutableBufferPointer<Instruction>
  private let constantBuffer: UnsafeMutableBufferPointer<ObjectID>
  private let instructionStarts: [Int]
  private let constantStarts: [Int]

  init(_ codes: [CodeObject]) {
    var instructionStarts: [Int] = []
    var constantStarts: [Int] = []
    var instructionCount = 0
    var constantCount = 0
    for code in codes {
      instructionStarts.append(instructionCount)
      constantStarts.append(constantCount)
      instructionCount += code.instructions.count
      constantCount += code.constants.count
    }
    // At least one element each, so that every start is a valid address.
    instructionBuffer = .allocate(capacity: max(instructionCount, 1))
    constantBuffer = .allocate(capacity: max(constantCount, 1))
    for (index, code) in codes.enumerated() {
      _ = UnsafeMutableBufferPointer(rebasing: instructionBuffer[instructionStarts[index]...])
        .initialize(from: code.instructions)
      _ = UnsafeMutableBufferPointer(rebasing: constantBuffer[constantStarts[index]...])
        .initialize(from: code.constants)
    }
    self.instructionStarts = instructionStarts
    self.constantStarts = constantStarts
  }

  deinit {
    instructionBuffer.deallocate()
    constantBuffer.deallocate()
  }

  /// The first instruction of code object `code`; valid for the store's life.
  func instructions(of code: Int) -> UnsafePointer<Instruction> {
    UnsafePointer(instructionBuffer.baseAddress! + instructionStarts[code])
  }

  /// The first constant of code object `code`; valid for the store's life.
  func constants(of code: Int) -> UnsafePointer<ObjectID> {
    UnsafePointer(constantBuffer.baseAddress! + constantStarts[code])
  }
}
