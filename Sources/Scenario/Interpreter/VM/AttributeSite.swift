// What an attribute instruction learnt about the class side of `obj.name`
// the last time it ran, in the spirit of CPython's specialising interpreter
// (3.11+ LOAD_ATTR_INSTANCE_VALUE, STORE_ATTR_INSTANCE_VALUE, LOAD_METHOD
// with a type version tag). One entry per (code object, name) — the index
// `methodSiteBase[code] + name` the name caches use — shared by LOAD_ATTR,
// STORE_ATTR and LOAD_METHOD of that name, since what they need of the
// class is the same: the class attribute `_PyType_Lookup` finds (a property
// takes over loads and stores), and whether the name is a `__slots__` slot.
//
// Validity: an entry holds for the class it was filled for while
// `Heap.classEpoch` is the one it was filled at. The epoch grows whenever
// any class namespace may change (a store or replacement in a class dict, a
// class created, a class dict cleared), so a class attribute added, removed
// or replaced anywhere along the chain, or a dead class's id reused,
// refills the entry. One global epoch instead of CPython's per-type tags:
// programs mutate classes rarely once running, and the check is one load.
// The class attribute is borrowed: its class dict holds it for as long as
// the epoch stays.
//
// The instance side is never trusted: `position` is only a hint (the inline
// value or dict entry where the name was last found), checked against the
// instance itself by key identity before use. Instances of the same class
// set their attributes in the same order, so the hint usually holds.

import HeapModel

/// One attribute site's cached class-side answer (see the essay above).
struct AttributeSite {
  /// The class the entry describes (null: empty entry).
  var cls = ObjectID.null
  /// `Heap.classEpoch` when filled.
  var epoch = -1
  /// The class attribute `name` names along the class chain (borrowed),
  /// null when none.
  var classAttribute = ObjectID.null
  /// The `__slots__` index of `name`, −1 when it is no slot.
  var slot: Int32 = -1
  /// Where the name was last found on an instance (inline position or dict
  /// entry position): a hint.
  var position: Int32 = 0
  /// A load may skip the class side: no property, and not `__class__` or
  /// `__dict__`, which the generic getattr answers specially.
  var loadsFromInstance = false
  /// A store may skip the class side: no property.
  var storesToInstance = false
}
