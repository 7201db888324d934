// A field that makes the struct holding it address-only.
//
// The model's big value types (`Heap`, the interpreter) are several hundred
// bytes of array references. Swift treats such a struct as "loadable", and
// when a mutating method calls one of its non-mutating methods on a stored
// property (`heap.kind(of:)` inside the interpreter), the compiler passes the
// property by value: it memcpys the whole struct to a stack temporary at every
// call. Measured on the benchmarks: 17% of all run time was those copies.
// An existential field makes the type address-only, and an address-only
// value is always passed by reference (its address in the caller's storage),
// so the copies disappear. Copying the struct itself — a timeline checkpoint
// — still works and is as cheap as before.

/// Embed one in a large struct to have it passed by address (see above).
public struct AddressOnly: Sendable {
  private var existential: any Sendable = ()

  public init() {}
}
