// Weak references as the collector sees them.
//
// A weakref object (kind `.weakref`, or `.weakproxy`) is a fields object:
// `refs` holds its callback (a strong reference; empty when there is none),
// `index` the referent's row index while the referent is alive and -1 once
// cleared (`wr_object` → None; a weak reference, never counted). The
// referent's weakrefs are listed, oldest first, in `Heap.weakrefLists` (its
// tp_weaklist). CPython's list is newest-first for weakrefs with callbacks
// (`insert_head`, after any basic ref/proxy), so callbacks for one referent
// run newest first — both when it dies by refcount and in a collection
// (measured 3.8–3.13: three callbacks on one object fire 3, 2, 1).

extension Heap {
  /// A new weak reference to `referent` (+1 reference to the weakref; the
  /// callback's reference is stolen). Size: `sys.getsizeof(weakref.ref(o))`.
  public mutating func newWeakref(to referent: ObjectID, callback: ObjectID = .null) -> ObjectID {
    let size = version >= .py311 ? 80 : 72
    let id = newFieldsObject(
      kind: .weakref, type: .weakref, refs: callback.isNull ? [] : [callback],
      index: Int(referent.index), size: size)
    weakrefLists[referent, default: []].append(id)
    return id
  }

  /// Turns a new weakref into a `weakref.proxy` (same layout).
  public mutating func markAsProxy(_ weakref: ObjectID) {
    kinds[weakref.slot] = .weakproxy
    types[weakref.slot] = typeObject(.weakProxy)
  }

  /// The live referent of a weakref, or null once it has been cleared.
  public func weakrefReferent(_ weakref: ObjectID) -> ObjectID {
    let index = fields[Int(payloads[weakref.slot])].index
    return index < 0 ? .null : ObjectID(index)
  }

  /// The callback of a weakref, or null.
  public func weakrefCallback(_ weakref: ObjectID) -> ObjectID {
    fields[Int(payloads[weakref.slot])].refs.first ?? .null
  }

  /// Unlinks a weakref from its referent (`_PyWeakref_ClearRef`): the
  /// referent becomes None; the callback is kept.
  public mutating func clearWeakref(_ weakref: ObjectID) {
    let slot = Int(payloads[weakref.slot])
    let index = fields[slot].index
    guard index >= 0 else { return }
    fields[slot].index = -1
    let referent = ObjectID(index)
    if var list = weakrefLists[referent] {
      list.removeAll { $0 == weakref }
      weakrefLists[referent] = list.isEmpty ? nil : list
    }
  }

  /// Takes a weakref's callback out (the caller owns the reference), as
  /// `handle_callback` leaves `wr_callback` NULL after calling it.
  public mutating func takeWeakrefCallback(_ weakref: ObjectID) -> ObjectID {
    let slot = Int(payloads[weakref.slot])
    guard let callback = fields[slot].refs.first else { return .null }
    fields[slot].refs = []
    return callback
  }
}
