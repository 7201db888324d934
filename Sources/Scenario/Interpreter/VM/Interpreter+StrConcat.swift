// `a + b` and `a += b` on two strs, with the evaluation loop's trick that
// lets `s += t` grow `s` in place (Heap+StrResize.swift has the object side:
// when a str may be resized, and the realloc).
//
// 3.8–3.10 (`unicode_concatenate` in Python/ceval.c, used by BINARY_ADD and
// INPLACE_ADD whenever both operands are exactly str): if the left operand
// has exactly two references — the value stack's and the variable it was
// loaded from — and the next instruction stores into that very variable,
// the loop unbinds the variable first, leaving the stack as the only owner:
//
//   STORE_FAST x    the local x holds the operand → x = NULL
//   STORE_DEREF x   the cell x holds the operand → cell emptied
//   STORE_NAME x    the frame's locals dict maps x to the operand → del
//                   (module level and class bodies; the name is re-inserted
//                   at the end of the dict by the store that follows)
//
// STORE_GLOBAL (a `global` name in a function) is not handled, so there the
// append always copies. Then `PyUnicode_Append` resizes in place when it
// can — also for a temporary with one reference (`a + b + c` grows a + b).
//
// 3.11–3.13 have no such code in the generic BINARY_OP: `PyUnicode_Concat`
// always builds a new str. Only the specialised instruction
// BINARY_OP_INPLACE_ADD_UNICODE appends in place. The specialiser
// (`_Py_Specialize_BinaryOp`, for `+` and `+=` alike) picks it when the left
// operand is exactly str, the right is too, and the next instruction is
// STORE_FAST (3.11/3.12 also STORE_FAST__LOAD_FAST, formed at quickening) of
// the local that holds the left operand; else BINARY_OP_ADD_UNICODE, which
// never appends in place. The choice sticks while the operands stay strs.
// The specialised instruction drops the stack's reference without
// deallocating, appends to the local's reference and skips the store, so
// the str grows in place exactly when the local is its only owner. Globals,
// cells and module-level names are never grown in place.
//
// When a site gets specialised differs:
//   3.11  a code object is quickened on its 8th warm-up event — each call
//         (RESUME) and each JUMP_BACKWARD (the back edge of a `for` or of a
//         `while` with a constant true test, and `continue`); the back edge
//         of `while cond:` is a conditional jump that does not count. The
//         first execution after quickening specialises. So a function
//         called once whose loop is `while len(s) < n:` never appends in
//         place.
//   3.12+ every instruction carries its own counter from the start: the
//         first execution runs generic, the second specialises.
//   3.13  STORE_FAST followed by LOAD_FAST or STORE_FAST on the same line
//         (both local numbers < 16) is compiled into one superinstruction,
//         which the specialiser does not accept.
//
// The model tracks only executions on two strs: a site first reached with
// other operands and specialised for them is not modelled.

import HeapModel

/// What a `+`/`+=` site on two strs has been specialised to (3.11+).
enum StrConcatSite: UInt8, Sendable {
  /// Executed once unspecialised; the next execution specialises (3.12+).
  case warming
  /// BINARY_OP_INPLACE_ADD_UNICODE.
  case inPlace
  /// BINARY_OP_ADD_UNICODE.
  case plain
}

extension Interpreter {
  /// The warm-up events a 3.11 code object needs before it is quickened
  /// (`QUICKENING_WARMUP_DELAY`).
  static let quickeningWarmupDelay: Int32 = 8

  /// One 3.11 warm-up event (RESUME or JUMP_BACKWARD) of code `code`.
  @inline(__always)
  mutating func warmUp(_ code: Int) {
    if codeWarmup[code] < Interpreter.quickeningWarmupDelay { codeWarmup[code] += 1 }
  }

  /// `left + right` (or `+=`) on two strs at instruction `pc` of the top
  /// frame; the caller keeps its stack references to both and releases them
  /// after. Returns the result, owned.
  mutating func concatenateStrings(_ left: ObjectID, _ right: ObjectID, pc: Int) throws -> ObjectID {
    let frame = frames[frames.count - 1]
    let next =
      pc + 1 < program.codes[frame.code].instructions.count
      ? program.codes[frame.code].instructions[pc + 1] : Instruction(.nop)
    if version <= .py310 {
      if heap.refcount(of: left) == 2 { try unbindStoreTarget(left, next, frame) }
      // The stack's reference is the one handed to PyUnicode_Append.
      return appendStrings(left, right, borrowed: 0)
    }
    let key = strConcatSiteBase[frame.code] + pc
    let seen = strConcatSites[key]
    var site = seen == 0 ? nil : StrConcatSite(rawValue: seen - 1)
    if site == nil || site == .warming {
      let specialises =
        version == .py311
        ? codeWarmup[frame.code] >= Interpreter.quickeningWarmupDelay : site == .warming
      if specialises {
        let storesLeft =
          next.op == .storeFast && values[frame.base + Int(next.arg)] == left
          && !(version >= .py313 && storeFastIsFused(code: frame.code, at: pc + 1))
        site = storesLeft ? .inPlace : .plain
      } else if version >= .py312 {
        site = .warming
      }
      strConcatSites[key] = site.map { $0.rawValue + 1 } ?? 0
    }
    if site == .inPlace, next.op == .storeFast, values[frame.base + Int(next.arg)] == left {
      // The stack's reference is dropped; the local's is appended to.
      return appendStrings(left, right, borrowed: 1)
    }
    return concatenatedString(left, right)
  }

  /// 3.8–3.10: unbinds the variable the next instruction stores into when
  /// it holds `left`, so the value stack owns `left` alone.
  private mutating func unbindStoreTarget(_ left: ObjectID, _ next: Instruction, _ frame: Frame) throws {
    let arg = Int(next.arg)
    switch next.op {
    case .storeFast:
      let slot = frame.base + arg
      guard values[slot] == left else { return }
      values[slot] = .null
      drop(left)
    case .storeDeref:
      let cell = values[frame.base + arg]
      let held = heap.withFields(cell) { fields -> Bool in
        guard fields.refs[0] == left else { return false }
        fields.refs[0] = .null
        return true
      }
      if held { drop(left) }
    case .storeName:
      let namespace = frame.namespace
      guard !namespace.isNull, heap.kind(of: namespace) == .dict else { return }
      let name = program.codes[frame.code].nameObjects[arg]
      if try dictGet(namespace, key: name) == left { _ = try dictDelete(namespace, key: name) }
    default:
      return
    }
  }

  /// 3.13: whether the STORE_FAST at `index` was fused with the LOAD_FAST
  /// or STORE_FAST after it (same line, both locals below 16).
  private func storeFastIsFused(code: Int, at index: Int) -> Bool {
    let codeObject = program.codes[code]
    guard codeObject.instructions[index].arg < 16 else { return false }
    let line = codeObject.lines[index]
    var following = index + 1
    while following < codeObject.instructions.count, codeObject.instructions[following].op == .line {
      if codeObject.instructions[following].arg != line { return false }
      following += 1
    }
    guard following < codeObject.instructions.count, codeObject.lines[following] == line else { return false }
    let instruction = codeObject.instructions[following]
    return (instruction.op == .loadFast || instruction.op == .storeFast) && instruction.arg < 16
  }

  /// `PyUnicode_Append`: grows `left` in place when nothing else sees it
  /// (`borrowed` references of the caller's not counted), else a new str.
  private mutating func appendStrings(_ left: ObjectID, _ right: ObjectID, borrowed: Int) -> ObjectID {
    if left == heap.emptyString { return retain(right) }
    if right == heap.emptyString { return retain(left) }
    if heap.strIsModifiable(left, borrowed: borrowed) && heap.strAppendKeepsRepresentation(left, right) {
      heap.strAppendInPlace(left, right)
      return retain(left)
    }
    return heap.newStr(concatenating: left, right)
  }

  /// `PyUnicode_Concat`: a new str, except that an empty operand gives
  /// the other one back.
  mutating func concatenatedString(_ left: ObjectID, _ right: ObjectID) -> ObjectID {
    if left == heap.emptyString { return retain(right) }
    if right == heap.emptyString { return retain(left) }
    return heap.newStr(concatenating: left, right)
  }
}
