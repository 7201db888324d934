// Closing a generator: its finalizer (`_PyGen_Finalize`, PEP 442), which
// runs when the generator's refcount reaches zero and when the collector
// finds it in unreachable garbage (finalize_garbage, before anything is
// cleared). `gen_close` throws GeneratorExit into the frame at the `yield`
// it is suspended at: `finally` blocks and `except` handlers run, and when
// the exception leaves the frame the generator is exhausted and the frame
// releases its locals — which is what breaks a cycle running through a
// suspended generator's frame, so that reference counting can free the rest
// before the collector clears anything (gc.collect() then counts only what
// is still unreachable after finalization; measured: a generator whose
// frame alone holds a list holding the generator collects 0 objects, in
// 3.8–3.13).
//
// GeneratorExit or StopIteration leaving the frame is the normal end; a
// generator that yields again gets RuntimeError("generator ignored
// GeneratorExit"); any other exception is reported as unraisable
// ("Exception ignored in: <generator object …>") and dropped. The exception
// being handled by the code that triggered the finalizer is set aside
// meanwhile (PyErr_Fetch/PyErr_Restore).
//
// Running a generator: its frame's slots and stack are parked at the front
// of the generator payload's refs while it is suspended (what the collector
// traverses), its scalar state in `generatorStates`. A resume moves the
// parked values onto the value stack, leaving nulls in their places, and
// pushes a frame; `yield` moves them back, in place when the stack is as
// deep as at the last `yield` (HeapModel's Heap+Generators.swift). `next()`, `sum()` and the other C callers run the frame in a nested
// loop (`resumeGenerator`), as `gen_send_ex` recurses into the evaluation
// loop; a `for` loop over a generator pushes the frame into the running loop
// (`enterGenerator`, 3.12's FOR_ITER_GEN) with the same reference moves, so
// a pipeline of generators costs no Swift recursion per item. Such an
// entered frame hands a yielded value to the loop's frame, and its return
// or exception ends the loop (Interpreter+Eval.swift).
//
// Versions: a generator that never started has no frame to run in 3.11+
// (`gen_close` marks it completed and its locals stay until it is freed);
// 3.8–3.10 run the fresh frame with the exception thrown at entry, which
// releases its arguments at once. See HeapModel's Heap+Generators.swift for
// when the heap asks for the finalizer.

import HeapModel

extension Interpreter {
  /// `gen_close` as the finalizer calls it.
  mutating func closeGenerator(_ generator: ObjectID) {
    guard let index = generatorStateIndex(generator), !generatorStates[index].finished,
      !generatorStates[index].running
    else { return }
    if generatorStates[index].pc == 0, version >= .py312 {
      generatorStates[index].finished = true
      heap.setGeneratorNeedsClose(generator, false)
      return
    }
    let saved = pendingException
    pendingException = .null
    let exit = heap.newException(type: heap.typeObject(.generatorExit), args: retain(heap.emptyTuple))
    do {
      if let value = try resumeGenerator(generator, throwing: exit) {
        drop(value)
        _ = raise(.runtimeError, "generator ignored GeneratorExit")
        reportUnraisable(in: generator)
      }
    } catch is PythonRaise {
      let type = heap.type(of: pendingException)
      if type == heap.typeObject(.generatorExit) || type == heap.typeObject(.stopIteration) {
        clearPending()
      } else {
        reportUnraisable(in: generator)
      }
    } catch {
      clearPending()
    }
    pendingException = saved
  }

  // MARK: Running

  mutating func newGenerator(function: ObjectID, code: Int, slots: [ObjectID], globals: ObjectID) -> ObjectID
  {
    let (shape, firstLine) = program.codes.withUnsafeBufferPointer { codes in
      let codeObject = codes[code]
      return (
        CodeShape(
          locals: codeObject.varNames.count, cells: codeObject.cellNames.count,
          frees: codeObject.freeNames.count, stackSize: codeObject.maxStackDepth),
        codeObject.firstLine
      )
    }
    let size = heap.layouts.generatorBlockSize(shape)
    // 3.8–3.10: the call made a frame (the code's zombie frame, a free-listed
    // one or a new block) before the generator that owns it; it is tracked
    // once the generator is.
    var frameObject = ObjectID.null
    if heap.layouts.generatorsHaveSeparateFrames {
      frameObject = newFrameObject(code: code)
      heap.untrack(frameObject)
    }
    // 3.11+: the generator's embedded frame owns the function (`f_funcobj`)
    // until it finishes; 3.8–3.10's separate frame does not, so a generator
    // expression's function is freed as soon as the call returns.
    let ownsFunction = !heap.layouts.generatorsHaveSeparateFrames
    if ownsFunction { heap.incref(function) }
    let generator = heap.newFieldsObject(
      kind: .generator, type: .generator, refs: ownsFunction ? slots + [function] : slots, index: code,
      size: size)
    if !frameObject.isNull { heap.track(frameObject) }
    setGeneratorState(
      GeneratorState(
        code: code, pc: 0, globals: globals, function: function, line: firstLine,
        slotCount: slots.count, parkedCount: slots.count, frameObject: frameObject),
      of: generator)
    // Closing a never-started generator runs its frame only in 3.8–3.11.
    if version <= .py311 { heap.setGeneratorNeedsClose(generator, true) }
    return generator
  }

  /// Runs a generator until it yields (the value, owned) or finishes (nil).
  /// With `exception` (owned), throws it in at the point of suspension
  /// instead of sending None (`gen_send_ex` with `exc`, as `gen_close` does).
  /// The generator's frame runs in a nested loop, as CPython's C caller
  /// (`next()`, `sum()`, a finalizer) runs `gen_send_ex`; a `for` loop over
  /// a generator enters it in the running loop instead (`enterGenerator`).
  ///
  /// Once per item when `sum()`, `list()` or `next()` drive a generator:
  /// the reference held over the run is released in straight-line code on
  /// both exits, not in a `defer` (which the optimiser outlines into a call).
  mutating func resumeGenerator(_ generator: ObjectID, throwing exception: ObjectID = .null) throws
    -> ObjectID?
  {
    var returned = ObjectID.null
    let item = try resumeGenerator(generator, throwing: exception, returnValue: &returned)
    drop(returned)
    return item
  }

  /// `resumeGenerator` that hands back what the generator returned (owned;
  /// null for None or when it yielded), which `gen_send_ex` puts in the
  /// StopIteration it raises.
  mutating func resumeGenerator(
    _ generator: ObjectID, throwing exception: ObjectID = .null, returnValue: inout ObjectID
  ) throws -> ObjectID? {
    guard let index = generatorStateIndex(generator) else { return nil }
    let state = generatorStates.start + index
    if state.pointee.finished { return nil }
    if state.pointee.running { throw raise(.valueError, "generator already executing") }
    if exception.isNull, frames.count >= recursionLimit || nestedDepth >= Interpreter.nestedRunLimit {
      // `gen_send_ex` evaluates the frame as a call does: the recursion
      // check at its entry (a generator resumed from C inside one resumed
      // from C… is a recursion like any other).
      throw raise(.recursionError, "maximum recursion depth exceeded")
    }
    let first = pushGeneratorFrame(generator, index: index, returnsToSwift: true)
    heap.incref(generator)
    let result: ObjectID
    do {
      result = try runResumedFrame(first: first, throwing: exception)
    } catch {
      releaseResumedGenerator(generator)
      throw error
    }
    releaseResumedGenerator(generator)
    if generatorStates[index].finished {
      if result == heap.none { drop(result) } else { returnValue = result }
      return nil
    }
    return result
  }

  /// Runs the generator frame `resumeGenerator` pushed until it yields or
  /// returns, sending None into it (nothing on its `first` run) or, with
  /// `exception` (owned), raising that at its `yield`.
  @inline(__always)
  private mutating func runResumedFrame(first: Bool, throwing exception: ObjectID) throws -> ObjectID {
    if exception.isNull {
      if !first { push(retain(heap.none)) }
    } else {
      setPending(exception)
      guard try unwind() else { throw PythonRaise() }
    }
    return try runLoop()
  }

  /// The reference a resume took for the generator's run goes, as
  /// `gen_send_ex`'s caller drops its own after the run: `drop` without its
  /// call (a generator is never null), once per item.
  @inline(__always)
  mutating func releaseResumedGenerator(_ generator: ObjectID) {
    if heap.decrementReachesZero(generator) { deallocate(generator) }
  }

  /// `FOR_ITER` over a generator that can run: pushes its frame to run in
  /// the current loop (CPython 3.12's `FOR_ITER_GEN`; earlier versions
  /// recurse through `gen_send_ex`, with the same reference moves). The
  /// caller's loop goes on in the generator's frame; `yield` hands the value
  /// to the `for` loop's frame (`yieldFromEnteredGenerator`), a return
  /// ends the loop (`returnFromEnteredGenerator`). Returns false, having
  /// changed nothing, when the generator is exhausted or running, which the
  /// general path (`nextItem`) handles.
  mutating func enterGenerator(_ generator: ObjectID) -> Bool {
    guard let index = generatorStateIndex(generator) else { return false }
    let state = generatorStates.start + index
    guard !state.pointee.finished, !state.pointee.running else { return false }
    let first = pushGeneratorFrame(generator, index: index, returnsToSwift: false)
    heap.incref(generator)
    enteredGenerators += 1
    if !first { push(retain(heap.none)) }
    return true
  }

  /// Makes a suspended generator's frame the running frame: its parked
  /// slots and stack move from the front of the payload's refs to the value
  /// stack (nulls stay in their places, then the function, 3.11+), and its
  /// blocks return to the block stack. Returns whether it is the
  /// generator's first run.
  ///
  /// Once per item of a generator pipeline, so inlined into its two callers
  /// and kept to reads and writes through the state's address: the frame
  /// is built straight into `frames`, the values are copied straight into
  /// the grown value stack, and the blocks of a generator suspended inside
  /// a `try` are restored out of line.
  @inline(__always)
  private mutating func pushGeneratorFrame(_ generator: ObjectID, index: Int, returnsToSwift: Bool) -> Bool {
    let state = generatorStates.start + index
    state.pointee.running = true
    let pc = state.pointee.pc
    let code = state.pointee.code
    let base = values.count
    let parkedCount = state.pointee.parkedCount
    state.pointee.runningRefs = heap.unparkGeneratorValues(
      generator, count: parkedCount, into: values.appendUninitialized(parkedCount))
    let blockBase = blocks.count
    if state.pointee.hasBlocks { restoreGeneratorBlocks(index, base: base) }
    if !state.pointee.handledException.isNull { enterGeneratorExceptionState(index, blockBase: blockBase) }
    let frameObject = state.pointee.frameObject
    state.pointee.frameObject = .null
    frames.append(
      Frame(
        code: code, pc: pc, base: base, stackBase: base &+ state.pointee.slotCount, blockBase: blockBase,
        globals: state.pointee.globals, namespace: .null, function: .null, frameObject: frameObject,
        line: state.pointee.line, returnsToSwift: returnsToSwift, generator: generator,
        generatorState: Int32(truncatingIfNeeded: index)))
    if version == .py311 { warmUp(code) }  // RESUME
    // Set once: only finishing the generator clears it again.
    if pc == 0 { heap.setGeneratorNeedsClose(generator, true) }
    return pc == 0
  }

  /// The blocks of generator state `index`, suspended inside a `try`, go
  /// back onto the block stack above a frame based at `base`.
  @inline(never)
  private mutating func restoreGeneratorBlocks(_ index: Int, base: Int) {
    for var block in generatorBlocks[index] {
      block.level += base
      blocks.append(block)
    }
  }

  /// `yield`: parks the top frame in its generator and hands `value` out.
  mutating func suspendGenerator(yielding value: ObjectID) -> ObjectID {
    let frame = frames.start + (frames.count - 1)
    let generator = frame.pointee.generator
    let base = frame.pointee.base
    let blockBase = frame.pointee.blockBase
    let index = Int(frame.pointee.generatorState)
    assert(generatorStateIndex(generator) == index, "generator \(generator) yields with another's state")
    let state = generatorStates.start + index
    state.pointee.pc = frame.pointee.pc
    state.pointee.line = frame.pointee.line
    state.pointee.running = false
    state.pointee.frameObject = frame.pointee.frameObject
    frames.removeLast(1)  // the frame's fields are read above, not copied out
    let parked = values.buffer(base..<values.count)
    state.pointee.parkedCount = parked.count
    if blocks.count > blockBase || state.pointee.hasBlocks {
      leaveGeneratorExceptionState(index, blockBase: blockBase)
      saveGeneratorBlocks(index, base: base, blockBase: blockBase)
    }
    // The frame's slots and stack go before the payload's refs (the function).
    heap.parkGeneratorValues(generator, parked, into: state.pointee.runningRefs)
    values.truncate(to: base)
    return value
  }

  /// A generator has an exception state of its own (`gi_exc_state`, pushed
  /// on the thread's exception stack while it runs): yielding inside an
  /// `except` block hands the caller back the exception it was handling
  /// (the one saved by the frame's lowest handler block) and keeps the
  /// generator's; resuming swaps them again, so whoever resumes it next
  /// gets their own back when that handler ends. Without a handler of its
  /// own the generator sees its caller's exception, as CPython's topmost
  /// lookup skips empty entries.
  @inline(never)
  private mutating func leaveGeneratorExceptionState(_ index: Int, blockBase: Int) {
    guard let bottom = blocks[blockBase...].firstIndex(where: { $0.kind == .handler }) else { return }
    generatorStates[index].handledException = handledException
    handledException = blocks[bottom].savedException
    blocks[bottom].savedException = .null
  }

  /// The other half of `leaveGeneratorExceptionState`, once the blocks are
  /// back on the stack.
  @inline(never)
  private mutating func enterGeneratorExceptionState(_ index: Int, blockBase: Int) {
    guard let bottom = blocks[blockBase...].firstIndex(where: { $0.kind == .handler }) else { return }
    blocks[bottom].savedException = handledException
    handledException = generatorStates[index].handledException
    generatorStates[index].handledException = .null
  }

  /// A `yield` inside a `try` (or the first one after leaving it): the
  /// frame's blocks above `blockBase` move to generator state `index`,
  /// their levels made relative to the frame's `base`.
  @inline(never)
  private mutating func saveGeneratorBlocks(_ index: Int, base: Int, blockBase: Int) {
    let hasBlocks = blocks.count > blockBase
    generatorBlocks[index].removeAll(keepingCapacity: true)
    generatorStates[index].hasBlocks = hasBlocks
    if hasBlocks {
      for var block in blocks[blockBase...] {
        block.level -= base
        generatorBlocks[index].append(block)
      }
      blocks.truncate(to: blockBase)
    }
  }

  /// PEP 479: a StopIteration leaving a generator's frame would end the
  /// caller's iteration silently, so it becomes `RuntimeError: generator
  /// raised StopIteration`, caused by it (`_PyErr_FormatFromCause`: cause
  /// and context both).
  mutating func replaceStopIterationLeavingGenerator() {
    let exception = pendingException
    guard !exception.isNull, inherits(heap.type(of: exception), from: heap.typeObject(.stopIteration)) else {
      return
    }
    let error = heap.newException(
      type: heap.typeObject(.runtimeError),
      args: heap.newTuple([heap.newStr("generator raised StopIteration")]))
    setExceptionField(error, 2, retain(exception))
    setExceptionField(error, 3, retain(exception))
    pendingException = error
    drop(exception)
  }

  /// A generator frame returned or raised: the generator is exhausted.
  mutating func finishGenerator(_ frame: Frame) {
    let state = generatorStates.start + Int(frame.generatorState)
    state.pointee.finished = true
    state.pointee.running = false
    heap.setGeneratorNeedsClose(frame.generator, false)
    popBlocks(downTo: frame.blockBase)
    // The exhausted generator lets go of its frame (`gi_frame` cleared);
    // a traceback still holding the frame object keeps the locals in it.
    keepLocalsInFrameObject(frame)
    releaseValues(from: frame.base)
    releaseFrameObject(frame.frameObject, code: frame.code)
    // 3.11+: clearing the embedded frame releases its function.
    drop(heap.takeFinishedGeneratorFunction(frame.generator))
  }

  // MARK: The state table

  /// The index in `generatorStates` of generator `id`'s state, nil when
  /// its row never held a generator.
  @inline(__always) func generatorStateIndex(_ id: ObjectID) -> Int? {
    let slot = id.slot
    guard slot < generatorStateBySlot.count else { return nil }
    let index = Int(generatorStateBySlot[slot])
    return index == 0 ? nil : index - 1
  }

  /// Gives a new generator its state. A row's state entry outlives the
  /// generator that had it: the next generator made in the same row (the
  /// old one has been freed) takes the entry over, so the table needs no
  /// free list and holds one entry per row that ever held a generator.
  mutating func setGeneratorState(_ state: GeneratorState, of generator: ObjectID) {
    if let index = generatorStateIndex(generator) {
      generatorStates[index] = state
      generatorBlocks[index].removeAll()
      return
    }
    let slot = generator.slot
    if slot >= generatorStateBySlot.count {
      let count = max(slot + 1, generatorStateBySlot.count * 2, 64)
      generatorStateBySlot.append(contentsOf: repeatElement(0, count: count - generatorStateBySlot.count))
    }
    generatorStates.append(state)
    generatorBlocks.append([])
    generatorStateBySlot[slot] = Int32(generatorStates.count)
  }

  /// `PyErr_WriteUnraisable(object)` for the pending exception, then clears
  /// it. An exception raised in C (no traceback yet) gets one entry for the
  /// Python frame running now.
  private mutating func reportUnraisable(in object: ObjectID) {
    if tracebackField(of: pendingException).isNull, let frame = frames.last, frame.pc > 0 {
      addTraceback(frameAt: frames.count - 1)
    }
    writeError("Exception ignored in: \((try? repr(object)) ?? "?")\n")
    writeError(tracebackText(pendingException, unraisable: true))
    clearPending()
  }
}
