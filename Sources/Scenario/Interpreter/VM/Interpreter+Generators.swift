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
      return
    }
    let slot = generator.slot
    if slot >= generatorStateBySlot.count {
      let count = max(slot + 1, generatorStateBySlot.count * 2, 64)
      generatorStateBySlot.append(contentsOf: repeatElement(0, count: count - generatorStateBySlot.count))
    }
    generatorStates.append(state)
    generatorStateBySlot[slot] = Int32(generatorStates.count)
  }

  /// `PyErr_WriteUnraisable(object)` for the pending exception, then clears
  /// it. An exception raised in C (no traceback yet) gets one entry for the
  /// Python frame running now.
  private mutating func reportUnraisable(in object: ObjectID) {
    if heap.exceptionField(pendingException, 1).isNull, let frame = frames.last, frame.pc > 0 {
      addTraceback(frameAt: frames.count - 1)
    }
    writeError("Exception ignored in: \((try? repr(object)) ?? "?")\n")
    writeError(tracebackText(pendingException, unraisable: true))
    clearPending()
  }
}
