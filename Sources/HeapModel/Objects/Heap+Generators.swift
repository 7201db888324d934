// Generators and PEP 442. A generator's type has a tp_finalize
// (`_PyGen_Finalize`): when the collector finds the generator unreachable,
// or when its refcount reaches zero (`gen_dealloc` →
// PyObject_CallFinalizerFromDealloc), the finalizer closes it — `gen_close`
// throws GeneratorExit into the suspended frame, so `finally` blocks and
// `except GeneratorExit` handlers run, and the frame's locals are released
// when it exits. A generator with nothing to run is left alone: one that is
// running or exhausted; in 3.11+ also one never started (`gen_close` just
// marks a FRAME_CREATED frame completed and its locals live on until the
// generator is freed), while 3.8–3.10 run a fresh frame with the exception
// thrown at entry, which releases its arguments at once.
//
// The heap only keeps whether a close would run Python code (the fields
// payload's `extra`: 1 while the frame can run); the interpreter keeps the
// frame itself and performs the close when asked for the finalizer.
// Not modelled: `gen_dealloc` clears weak references before calling the
// finalizer, where `subtype_dealloc` calls `__del__` first.

extension Heap {
  /// Records whether closing the generator would run its frame (see above).
  public mutating func setGeneratorNeedsClose(_ id: ObjectID, _ needsClose: Bool) {
    withFields(id) { $0.extra = needsClose ? 1 : 0 }
  }

  /// Whether closing the generator would run its frame.
  public func generatorNeedsClose(_ id: ObjectID) -> Bool { fieldsPayload(id).extra != 0 }
}
