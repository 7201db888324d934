// Raising, matching and reporting exceptions; traceback objects; the
// finalizer and weak-reference hooks of the deallocation cascade.
//
// As in CPython, an exception leaving a frame gains a traceback object
// (`tb_next`, `tb_frame`, `tb_lineno`) for that frame, so the exception
// keeps frames — and their locals — alive: the classic cycle when a handler
// stores the exception in a local.

import BigInt
import Foundation
import HeapModel

extension Interpreter {
  /// Creates an exception of a builtin type and makes it pending.
  mutating func raise(_ type: BuiltinType, _ message: String?) -> PythonRaise {
    let args: ObjectID
    if let message {
      args = heap.newTuple([heap.newStr(message)])
    } else {
      args = retain(heap.emptyTuple)
    }
    setPending(heap.newException(type: heap.typeObject(type), args: args))
    return PythonRaise()
  }

  mutating func raiseKeyError(_ key: ObjectID) -> PythonRaise {
    setPending(heap.newException(type: heap.typeObject(.keyError), args: heap.newTuple([retain(key)])))
    return PythonRaise()
  }

  /// The exception a formatting error stands for, raised; or, for a
  /// result the model cannot hold (a lone surrogate), the stop that ends
  /// the run with a diagnostic.
  mutating func raise(formatting error: FormattingError) -> any Error {
    let type: BuiltinType
    switch error.kind {
    case .unsupported: return InterpreterStop.unsupported(feature: error.message, line: currentLine)
    case .valueError: type = .valueError
    case .typeError: type = .typeError
    case .overflowError: type = .overflowError
    case .zeroDivisionError: type = .zeroDivisionError
    case .keyError: type = .keyError
    case .memoryError: return raise(.memoryError, nil)
    }
    if let errno = error.errno {
      let args = heap.newTuple([heap.newInt(errno), heap.newStr(error.message)])
      setPending(heap.newException(type: heap.typeObject(type), args: args))
      return PythonRaise()
    }
    return raise(type, error.message)
  }

  mutating func setPending(_ exception: ObjectID) {
    if !handledException.isNull, exception != handledException,
      heap.kind(of: exception) == .exception || heap.kind(of: exception) == .stopIteration
        || heap.kind(of: exception) == .attributeError
    {
      setExceptionField(exception, 2, retain(handledException))
    }
    let old = pendingException
    pendingException = exception
    drop(old)
  }

  mutating func clearPending() {
    let old = pendingException
    pendingException = .null
    drop(old)
  }

  mutating func unboundLocal(_ code: Int, _ slot: Int) -> PythonRaise {
    let name = program.codes[code].varNames[slot]
    if version >= .py311 {
      return raise(
        .unboundLocalError, "cannot access local variable '\(name)' where it is not associated with a value")
    }
    return raise(.unboundLocalError, "local variable '\(name)' referenced before assignment")
  }

  func derefName(_ code: Int, _ slot: Int) -> String {
    let object = program.codes[code]
    let index = slot - object.varNames.count
    return index < object.cellNames.count
      ? object.cellNames[index] : object.freeNames[index - object.cellNames.count]
  }

  mutating func freeVariableError(_ code: Int, _ slot: Int) -> PythonRaise {
    let name = derefName(code, slot)
    if version >= .py311 {
      return raise(
        .nameError,
        "cannot access free variable '\(name)' where it is not associated with a value in enclosing scope")
    }
    return raise(.nameError, "free variable '\(name)' referenced before assignment in enclosing scope")
  }

  /// `raise`, `raise X`, `raise X from Y`.
  mutating func raiseStatement(count: Int) throws -> PythonRaise {
    if count == 0 {
      guard !handledException.isNull else { return raise(.runtimeError, "No active exception to reraise") }
      setPending(retain(handledException))
      // A bare `raise` re-raises without a traceback entry for this frame
      // (RAISE_VARARGS 0 jumps past PyTraceBack_Here).
      frames[frames.count - 1].pc = -1
      return PythonRaise()
    }
    let cause = count == 2 ? pop() : ObjectID.null
    let value = pop()
    var exception = value
    switch heap.kind(of: value) {
    case .type, .builtinType:
      exception = try callObject(value, [])
      drop(value)
    default:
      break
    }
    guard [.exception, .stopIteration, .attributeError].contains(heap.kind(of: exception)) else {
      drop(exception)
      drop(cause)
      return raise(.typeError, "exceptions must derive from BaseException")
    }
    if !cause.isNull {
      // `do_raise`: a class is instantiated, an instance or None taken as
      // it is; anything else is a TypeError instead of the raise. `from
      // None` keeps None as the cause: no cause, context suppressed
      // (CPython's NULL cause with __suppress_context__ set).
      var causeObject = cause
      if isClass(cause), inherits(cause, from: heap.typeObject(.baseException)) {
        do {
          causeObject = try callObject(cause, [])
        } catch {
          drop(cause)
          drop(exception)
          throw error
        }
        drop(cause)
      } else if cause != heap.none,
        ![.exception, .stopIteration, .attributeError].contains(heap.kind(of: cause))
      {
        drop(cause)
        drop(exception)
        return raise(.typeError, "exception causes must derive from BaseException")
      }
      setExceptionField(exception, 3, causeObject)
    }
    setPending(exception)
    return PythonRaise()
  }

  /// Sets field `index` of an exception (0 args, 1 traceback, 2 context,
  /// 3 cause), stealing `value`.
  mutating func setExceptionField(_ exception: ObjectID, _ index: Int, _ value: ObjectID) {
    drop(heap.replaceExceptionField(exception, index, with: value))
  }

  /// Assigns one of BaseException's own attributes (`BaseException_getset`):
  /// `args` becomes a tuple of the value's items, `__traceback__` takes a
  /// traceback or None, `__context__` and `__cause__` an exception or None
  /// (a `__cause__` of None records suppression, as `raise ... from None`
  /// does). Returns false for any other name, which goes to the instance's
  /// `__dict__` as usual.
  mutating func setExceptionAttribute(_ exception: ObjectID, _ name: String, _ value: ObjectID) throws
    -> Bool
  {
    let isNone = value == heap.none
    let isException = [.exception, .stopIteration, .attributeError].contains(heap.kind(of: value))
    switch name {
    case "args":
      let args = heap.kind(of: value) == .tuple ? retain(value) : heap.newTuple(try collect(value))
      setExceptionField(exception, 0, args)
    case "__traceback__":
      guard isNone || heap.kind(of: value) == .traceback else {
        throw raise(.typeError, "__traceback__ must be a traceback or None")
      }
      // 3.8–3.11 keep the None itself (`gc.get_referents` lists it); a
      // later raise discards it (`_PyErr_Restore`). 3.12+ store NULL.
      setExceptionField(exception, 1, isNone && version >= .py312 ? .null : retain(value))
    case "__context__":
      guard isNone || isException else {
        throw raise(.typeError, "exception context must be None or derive from BaseException")
      }
      setExceptionField(exception, 2, isNone ? .null : retain(value))
    case "__cause__":
      guard isNone || isException else {
        throw raise(.typeError, "exception cause must be None or derive from BaseException")
      }
      setExceptionField(exception, 3, retain(value))
    case "__suppress_context__":
      // Not a field of the model's own: it follows the cause (see
      // `exceptionAttribute`).
      throw InterpreterStop.unsupported(
        feature: "setting BaseException.__suppress_context__", line: currentLine)
    default:
      return false
    }
    return true
  }

  func exceptionAttribute(_ exception: ObjectID, _ name: String) -> ObjectID? {
    let refs = (0..<4).map { heap.exceptionField(exception, $0) }
    let value: ObjectID
    switch name {
    case "args": value = refs[0]
    case "__traceback__": value = refs[1]
    case "__context__": value = refs[2]
    case "__cause__": value = refs[3]
    // Set with the cause (`raise ... from`, an assigned `__cause__`): the
    // model keeps the flag as the cause field being set, None included.
    case "__suppress_context__": return refs[3].isNull ? heap.falseObject : heap.trueObject
    case "name", "obj": return nameErrorAttribute(exception, name)
    // StopIteration_init keeps its first argument (None without one).
    case "value" where inherits(heap.type(of: exception), from: heap.typeObject(.stopIteration)):
      let args = refs[0]
      return heap.kind(of: args) == .tuple && heap.itemCount(args) > 0 ? heap.item(args, 0) : heap.none
    default: return nil
    }
    return value.isNull ? heap.none : value
  }

  /// Whether `exception` is an instance of `type` or of a class in tuple
  /// `type`. Every class named must derive from BaseException, checked
  /// before any is matched (`check_except_type_valid`).
  mutating func exceptionMatches(_ exception: ObjectID, _ type: ObjectID) throws -> Bool {
    let exceptionType = heap.type(of: exception)
    guard heap.kind(of: type) == .tuple else {
      try checkCatchable(type)
      return inherits(exceptionType, from: type)
    }
    let named = heap.items(type)
    for cls in named { try checkCatchable(cls) }
    return named.contains { inherits(exceptionType, from: $0) }
  }

  /// The TypeError of an `except` naming something that is not a class
  /// deriving from BaseException.
  private mutating func checkCatchable(_ cls: ObjectID) throws {
    guard !isClass(cls) || !inherits(cls, from: heap.typeObject(.baseException)) else { return }
    throw raise(.typeError, "catching classes that do not inherit from BaseException is not allowed")
  }

  /// Adds a traceback entry for frame `index` to the pending exception
  /// (3.11+ give the frame a frame object now). The entry keeps the line
  /// (`tb_lineno`: in 3.11+ the start line of the raising instruction's
  /// location), the code and the instruction (`tb_lasti`), whose location
  /// the printer underlines.
  ///
  /// A 3.12+ inlined comprehension runs in its own model frame but is part
  /// of its caller's frame in CPython: its entry stands for the caller (the
  /// caller's frame object, the caller's name when printed) and the caller
  /// adds none of its own.
  mutating func addTraceback(frameAt index: Int) {
    guard !pendingException.isNull else { return }
    let code = frames[index].code
    let pc = max(frames[index].pc - 1, 0)
    var owner = index
    if program.codes[code].isInlined, index > 0 {
      owner = index - 1
      frames[owner].pc = -1  // marks: no entry of its own
    }
    if frames[owner].frameObject.isNull {
      frames[owner].frameObject = newFrameObject(code: frames[owner].code)
    }
    let frameObject = frames[owner].frameObject
    var line = Int(program.codes[code].lines[pc])
    if version >= .py311, case let span = program.codes[code].spans[pc], !span.isNone {
      line = source.line(containing: Int(span.start))
    }
    let current = tracebackField(of: pendingException)
    if !frameObject.isNull { heap.incref(frameObject) }
    let traceback = heap.newFieldsObject(
      kind: .traceback, type: .traceback, refs: [current, frameObject], index: line, extra: code,
      size: heap.layouts.fixedBlockSize(.traceback)!)
    heap.withFields(traceback) { $0.step = pc }
    // The old traceback is the new one's tb_next; an assigned None is dropped.
    let old = heap.replaceExceptionField(pendingException, 1, with: traceback)
    if old != current { drop(old) }
  }

  /// An exception's traceback, null for none (3.8–3.11 keep an assigned
  /// None in the field).
  func tracebackField(of exception: ObjectID) -> ObjectID {
    let traceback = heap.exceptionField(exception, 1)
    return traceback == heap.none ? .null : traceback
  }

  /// Writes the pending exception as CPython's default hook does: causes
  /// and contexts first, each traceback from the outermost frame in.
  mutating func printUncaught() {
    var chain: [(ObjectID, String?)] = []
    var exception = pendingException
    var seen: Set<ObjectID> = []
    var link: String? = nil
    while !exception.isNull, !seen.contains(exception) {
      seen.insert(exception)
      chain.append((exception, link))
      let refs = (0..<4).map { heap.exceptionField(exception, $0) }
      if !refs[3].isNull, refs[3] != heap.none {
        exception = refs[3]
        link = "\nThe above exception was the direct cause of the following exception:\n\n"
      } else if !refs[2].isNull, !suppressesContext(exception) {
        exception = refs[2]
        link = "\nDuring handling of the above exception, another exception occurred:\n\n"
      } else {
        exception = .null
      }
    }
    var text = ""
    for (exception, _) in chain.reversed() {
      let index = chain.firstIndex { $0.0 == exception }!
      text += tracebackText(exception)
      if let link = chain[index].1 { text += link }
    }
    writeError(text)
  }

  func suppressesContext(_ exception: ObjectID) -> Bool {
    heap.exceptionField(exception, 3) == heap.none
  }

  /// One exception's traceback block; `unraisable` for an "Exception
  /// ignored in" report (`sys.unraisablehook`, printed in C even in 3.13).
  mutating func tracebackText(_ exception: ObjectID, unraisable: Bool = false) -> String {
    var text = ""
    var traceback = tracebackField(of: exception)
    if !traceback.isNull { text += "Traceback (most recent call last):\n" }
    var last: (Int, String)? = nil
    var count = 0
    func flushRepeats() {
      if count > 3 {
        text += "  [Previous line repeated \(count - 3) more time\(count - 3 == 1 ? "" : "s")]\n"
      }
    }
    while !traceback.isNull {
      let fields = heap.fieldsPayload(traceback)
      let code = program.codes[fields.extra]
      let key = (fields.index, code.tracebackName)
      if let last, last == key {
        count += 1
      } else {
        flushRepeats()
        last = key
        count = 1
      }
      if count <= 3 {
        text += "  File \"\(path)\", line \(fields.index), in \(code.tracebackName)\n"
        let span = fields.step < code.spans.count ? code.spans[fields.step] : .none
        let location = span.isNone ? nil : CodeLocation(span.range, in: source)
        if !modulesTornDown {
          text += TracebackCarets.sourceLines(
            in: source, line: fields.index, location: location, version: version, unraisable: unraisable)
        }
      }
      traceback = fields.refs[0]
    }
    flushRepeats()
    let suggestion = unraisable ? "" : suggestionSuffix(for: exception)
    return text + exceptionSummary(exception) + suggestion + "\n"
  }

  /// `TypeError: message` as the last traceback line shows it: the class
  /// (a scenario's class by its `__name__` in 3.8, its `__qualname__` from
  /// 3.9, such as `f.<locals>.Inner`; prefixed with `__main__.` up to 3.10,
  /// while 3.11+ leave out the `__main__` and `builtins` modules, in the C
  /// printer and in `traceback.py` alike) and `str()` of the exception, which runs a
  /// `__str__` the class defines; one that raises prints
  /// `<exception str() failed>`.
  mutating func exceptionSummary(_ exception: ObjectID) -> String {
    let cls = heap.type(of: exception)
    var name = typeDisplayName(cls)
    if heap.kind(of: cls) == .type {
      if version >= .py39 { name = heap.classPayload(cls).qualifiedName }
      if version < .py311 { name = "__main__." + name }
    }
    let saved = pendingException
    pendingException = .null
    let message: String
    do {
      message = try str(exception)
    } catch {
      message = "<exception str() failed>"
      clearPending()
    }
    pendingException = saved
    return message.isEmpty ? name : "\(name): \(message)"
  }

  // MARK: Hooks of the deallocation cascade

  /// Runs `__del__` of an object being deallocated; exceptions are reported
  /// as "Exception ignored in" and swallowed, as CPython does.
  mutating func runFinalizer(_ object: ObjectID) {
    if heap.kind(of: object) == .generator {
      closeGenerator(object)
      return
    }
    guard let method = try? lookupType(heap.type(of: object), "__del__") else { return }
    callIgnoringErrors(method, [object])
  }
}
