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
//
// While a generator is suspended its frame's slots and stack are parked at
// the front of the payload's refs, before the function (3.11+), which is
// what the collector traverses; the interpreter moves them to its value
// stack on a resume and back on a `yield` through the two calls below (no
// array built; the handful of values copied in a loop, not through `memcpy`
// and `memset` calls). A resume and a yield happen once per item of a
// generator pipeline, so both are inlined into the interpreter: the resume
// pays the payload lookup and the two copy-on-write checks (the fields
// store's, the refs'), and hands the refs' address to the `yield`, which
// refills them without either (RunningGeneratorRefs.swift says why that
// address stays valid).
//
// Not modelled: `gen_dealloc` clears weak references before calling the
// finalizer, where `subtype_dealloc` calls `__del__` first.

extension Heap {
  /// Records whether closing the generator would run its frame (see above).
  public mutating func setGeneratorNeedsClose(_ id: ObjectID, _ needsClose: Bool) {
    withFields(id) { $0.extra = needsClose ? 1 : 0 }
  }

  /// Whether closing the generator would run its frame.
  public func generatorNeedsClose(_ id: ObjectID) -> Bool { fieldsPayload(id).extra != 0 }

  /// Resume: moves the `count` values parked at the front of a suspended
  /// generator's refs into `destination` (uninitialised), leaving nulls in
  /// their places: the running generator's refs are nulls (which nothing
  /// reads: the collector skips them) and then the function (3.11+), so
  /// that the next `yield` at the same stack depth refills them in place,
  /// through the returned address (valid while the generator runs).
  /// - Complexity: O(count); inlined into the interpreter's resume.
  @inlinable @inline(__always)
  public mutating func unparkGeneratorValues(
    _ generator: ObjectID, count: Int, into destination: UnsafeMutablePointer<ObjectID>
  ) -> RunningGeneratorRefs {
    let slot = Int(payloads[generator.slot])
    var running = RunningGeneratorRefs.none
    fields[slot].refs.withUnsafeMutableBufferPointer { buffer in
      precondition(count <= buffer.count, "more parked values than refs")
      // One at a time (a frame parks a handful: fewer than make the
      // `memcpy` and `memset` calls worth it).
      var index = 0
      while index < count {
        destination[index] = buffer[index]
        buffer[index] = .null
        index &+= 1
      }
      running = RunningGeneratorRefs(buffer)
    }
    return running
  }

  /// `yield`: parks `values` (the frame's slots and stack) at the front of
  /// the running generator's refs, before the function (3.11+); `refs` is
  /// what the resume returned.
  /// - Complexity: O(values); inlined into the interpreter's `yield`.
  @inlinable @inline(__always)
  public mutating func parkGeneratorValues(
    _ generator: ObjectID, _ values: UnsafeBufferPointer<ObjectID>, into refs: RunningGeneratorRefs
  ) {
    assert(
      fields[Int(payloads[generator.slot])].refs.withUnsafeMutableBufferPointer {
        $0.baseAddress == refs.buffer.baseAddress && $0.count == refs.buffer.count
      }, "generator \(generator)'s refs moved or were shared while it ran")
    // Running, the refs are nulls and at most the function, which is never
    // null: it is there when the last ref is not null. The shape of the
    // last park (the usual case) is refilled in place, one value at a time
    // as in the resume.
    let buffer = refs.buffer
    let kept = buffer.last.map { $0.isNull ? 0 : 1 } ?? 0
    guard buffer.count - kept == values.count else {
      return Heap.repark(values, in: &fields[Int(payloads[generator.slot])].refs)
    }
    var index = 0
    while index < values.count {
      buffer[index] = values[index]
      index &+= 1
    }
  }

  /// A running generator's frame finished: empties its refs and returns
  /// the function they held (null in 3.8–3.10), which the caller releases.
  public mutating func takeFinishedGeneratorFunction(_ generator: ObjectID) -> ObjectID {
    let slot = Int(payloads[generator.slot])
    let function = fields[slot].refs.last ?? .null
    fields[slot].refs.removeAll()
    return function
  }

  /// `yield` at another stack depth than the last: the refs are rebuilt.
  @usableFromInline @inline(never)
  static func repark(_ values: UnsafeBufferPointer<ObjectID>, in refs: inout [ObjectID]) {
    let kept = refs.last.map { $0.isNull ? 0 : 1 } ?? 0
    let function = kept == 1 ? refs[refs.count - 1] : .null
    refs.removeAll(keepingCapacity: true)
    refs.append(contentsOf: values)
    if kept == 1 { refs.append(function) }
  }
}
