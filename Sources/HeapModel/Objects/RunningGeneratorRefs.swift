// A running generator's refs, as its resume left them: the nulls its frame's
// values left behind, then the function (3.11+). The resume
// (`Heap.unparkGeneratorValues`) reaches them through the fields store and
// the refs array, each with its copy-on-write check, which makes them
// unique; the `yield` that ends the run refills them through this address
// without either check or the payload lookup (Heap+Generators.swift).
//
// Valid while the generator runs, because nothing moves or shares the refs
// meanwhile:
//
// * only the generator's own resume, `yield` and end write its refs, and a
//   running generator is neither deallocated (its frame holds it) nor
//   cleared (a generator has no tp_clear);
// * nothing copies the heap in the middle of a run (the invariant the
//   object table's columns and the interpreter's stacks already rely on,
//   ObjectTable.swift), and a run cannot pause while a generator runs, so
//   no timeline checkpoint can come to share the refs.
//
// Debug builds check the address against a fresh, checked access on every
// `yield`.

/// The address of a running generator's refs (see above).
public struct RunningGeneratorRefs: @unchecked Sendable {
  @usableFromInline let buffer: UnsafeMutableBufferPointer<ObjectID>

  @inlinable init(_ buffer: UnsafeMutableBufferPointer<ObjectID>) { self.buffer = buffer }

  /// No refs: the state of a generator that has not run yet.
  public static let none = RunningGeneratorRefs(UnsafeMutableBufferPointer(start: nil, count: 0))
}
