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
//
// `weakref.KeyedRef` (Lib/weakref.py: a `ref` subclass with `__slots__ =
// ("key",)`, what a WeakValueDictionary stores) is the same fields object
// with its class as type, `refs` = [callback or null, key] and 8 more bytes.
// A weakref's hash (`weakref_hash`) is the referent's, computed once and
// cached in the object (`hash` field): `extra` holds it, `step` is 1 once
// it is set — so a dead weakref keeps hashing to its referent's hash.

extension Heap {
  /// A new weak reference to `referent` (+1 reference to the weakref; the
  /// callback's reference is stolen). Size: `sys.getsizeof(weakref.ref(o))`.
  public mutating func newWeakref(to referent: ObjectID, callback: ObjectID = .null) -> ObjectID {
    let size = version >= .py311 ? 80 : 72
    let id = newFieldsObject(
      kind: .weakref, type: .weakref, refs: callback.isNull ? [] : [callback],
      index: Int(referent.index), size: size)
    addToWeakrefList(referent, id)
    return id
  }

  /// A new `KeyedRef` (+1) of class `keyedRefClass` to `referent`, with
  /// `callback` and `key` (both references stolen).
  public mutating func newKeyedRef(
    to referent: ObjectID, callback: ObjectID, key: ObjectID, keyedRefClass: ObjectID
  ) -> ObjectID {
    let size = (version >= .py311 ? 80 : 72) + 8
    let id = newFieldsObject(
      kind: .weakref, typeObject: keyedRefClass, refs: [callback, key], index: Int(referent.index), size: size
    )
    addToWeakrefList(referent, id)
    return id
  }

  /// The `key` slot of a KeyedRef (borrowed), null for a plain weakref.
  public func keyedRefKey(_ weakref: ObjectID) -> ObjectID {
    guard kinds[weakref.slot] == .weakref else { return .null }
    let refs = fields[Int(payloads[weakref.slot])].refs
    return refs.count > 1 ? refs[1] : .null
  }

  /// The cached hash of a weakref, nil until it has been hashed.
  public func weakrefCachedHash(_ weakref: ObjectID) -> Int? {
    let payload = fields[Int(payloads[weakref.slot])]
    return payload.step == 1 ? payload.extra : nil
  }

  /// Caches a weakref's hash (`self->hash` in weakref_hash).
  public mutating func cacheWeakrefHash(_ weakref: ObjectID, _ hash: Int) {
    let slot = Int(payloads[weakref.slot])
    fields[slot].extra = hash
    fields[slot].step = 1
  }

  /// Turns a new weakref into a `weakref.proxy` (same layout); a proxy to
  /// a callable object is a `CallableProxyType` (`PyWeakref_NewProxy`).
  public mutating func markAsProxy(_ weakref: ObjectID, callable: Bool = false) {
    kinds[weakref.slot] = .weakproxy
    types[weakref.slot] = typeObject(callable ? .weakCallableProxy : .weakProxy)
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
      if list.isEmpty, kinds[referent.slot] != .type { weaklyReferencedNonClasses -= 1 }
    }
  }

  /// Appends `weakref` to `referent`'s list (the newest last).
  mutating func addToWeakrefList(_ referent: ObjectID, _ weakref: ObjectID) {
    if weakrefLists[referent] == nil, kinds[referent.slot] != .type { weaklyReferencedNonClasses += 1 }
    weakrefLists[referent, default: []].append(weakref)
  }

  /// Takes a weakref's callback out (the caller owns the reference), as
  /// `handle_callback` leaves `wr_callback` NULL after calling it.
  public mutating func takeWeakrefCallback(_ weakref: ObjectID) -> ObjectID {
    let slot = Int(payloads[weakref.slot])
    guard let callback = fields[slot].refs.first, !callback.isNull else { return .null }
    if fields[slot].refs.count > 1 {
      fields[slot].refs[0] = .null  // a KeyedRef keeps its key
    } else {
      fields[slot].refs = []
    }
    return callback
  }
}
