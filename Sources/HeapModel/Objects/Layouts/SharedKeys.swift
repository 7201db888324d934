// A class's shared attribute keys (`ht_cached_keys`, PEP 412 key-sharing
// dictionaries) and the per-instance value storage sized from them: the
// counting half of a `SharedKeysTable` (which adds the names, the block and
// the reference count, and the 3.8–3.10 conversion rules).
//
// 3.8–3.10: the class owns an 8-slot general keys table from creation. An
// instance gets a split dict (64-byte dict object + values array of
// 8·usable bytes) on its first attribute store or `__dict__` access. A new
// attribute appended to a full shared table grows it: if the storing dict is
// the table's only user the class adopts the regrown table (new keys block and
// a new values array for that dict — the usual case, attributes set in the
// first instance's `__init__`); otherwise that dict becomes an ordinary
// combined dict and the class stops sharing (`CACHED_KEYS = NULL`).
//
// 3.11+: the table has 64 slots but `dk_usable` starts at 30
// (`SHARED_KEYS_MAX_SIZE`). Creating an instance first decrements `usable`
// while it is > 1 (`init_inline_values`), then sizes the instance's values
// for entries + usable keys. New attribute names consume `usable`; with none
// left the instance materialises an ordinary dict. Hence a fresh class's first
// instances get 29, 28, 27 … value slots until the class settles at
// attributes + 1 — the "first instances are bigger" effect (measured:
// 3.11/3.12 values block 264 → 16 bytes, 3.13 instance block 328 → 72).
//
//     state after each event (3.11+, class setting one attribute in __init__)
//     event        entries usable capacity of the new instance
//     class made   0       30
//     instance #1  0       29     29        (then 'a' stored: entries 1, usable 28)
//     instance #2  1       27     28
//     …
//     instance #28 1       1      2         steady state: attrs + 1
//
// 3.13 sizes the instance block from entries + usable *before* the decrement
// (30 value slots for the first instance, 328 bytes), so `Reservation`
// carries both numbers.

/// The shared-keys state of one class, advanced by the interpreter as
/// instances are created and attribute names are added.
public struct SharedKeys: Sendable, Hashable {
  /// Keys stored in the shared table (`dk_nentries`).
  public private(set) var entries: Int
  /// Keys that may still be added (`dk_usable`).
  public private(set) var usable: Int
  /// Hash slots of the shared table.
  public private(set) var slots: Int
  /// False once the class stopped sharing keys (3.8–3.10 after a conflicting resize).
  public private(set) var isSharing: Bool
  /// The version whose rules apply.
  public let version: PythonVersion

  /// The state of a freshly created class.
  public init(version: PythonVersion) {
    self.version = version
    if version >= .py311 {
      entries = 0
      usable = 30
      slots = 64
    } else {
      entries = 0
      usable = ObjectLayouts.dictUsable(slots: ObjectLayouts.dictMinSlots)
      slots = ObjectLayouts.dictMinSlots
    }
    isSharing = true
  }

  /// Request size of the shared keys table block (owned by the class; it
  /// counts in the class's getsizeof).
  public var keysBlockSize: Int {
    ObjectLayouts(version: version).dictKeysBlockSize(
      slots: slots, keys: version >= .py311 ? .unicode : .general)
  }

  /// 3.8–3.10: the state of a dict's own keys table of `slots` slots holding
  /// `entries` keys, adopted by the class as its shared table
  /// (`make_keys_shared`).
  public init(version: PythonVersion, adoptedSlots slots: Int, entries: Int) {
    self.version = version
    self.slots = slots
    self.entries = entries
    self.usable = ObjectLayouts.dictUsable(slots: slots) - entries
    isSharing = true
  }

  /// 3.8–3.10: appends a key to a table that has a usable entry left.
  public mutating func appendKey() {
    precondition(usable > 0, "appending to a full shared keys table")
    usable -= 1
    entries += 1
  }

  /// The value storage an instance gets when it is created.
  public struct Reservation: Sendable, Hashable {
    /// Value slots usable by the instance (`values->capacity`): keys with an
    /// index below this can be stored without materialising a dict.
    public let capacity: Int
    /// Value slots the allocation is sized for: pass to
    /// `ObjectLayouts.instanceBlockSize(_:valueCapacity:)` (3.13) and
    /// `instanceValuesBlockSize(capacity:)`. 3.13 sizes the instance block
    /// before `dk_usable` is decremented, so its first instance reserves one
    /// slot more than it may use; elsewhere equal to `capacity`.
    public let reserved: Int
  }

  /// Records the creation of an instance and returns the value storage it
  /// gets. 3.11+: its values array (3.11/3.12) or inline values (3.13).
  /// 3.8–3.10: the capacity of the values array its split dict will get when
  /// created (0 once the class stopped sharing).
  public mutating func instanceCreated() -> Reservation {
    if version >= .py311 {
      let before = entries + usable
      if usable > 1 { usable -= 1 }
      let capacity = entries + usable
      return Reservation(capacity: capacity, reserved: version >= .py313 ? before : capacity)
    }
    let capacity = isSharing ? ObjectLayouts.dictUsable(slots: slots) : 0
    return Reservation(capacity: capacity, reserved: capacity)
  }

  /// What happened when an instance stored an attribute name new to the class.
  public enum Insertion: Sendable, Hashable {
    /// The key was appended to the shared table at `index`; the instance
    /// stores the value in its values array if `index` < its capacity.
    case stored(index: Int)
    /// 3.8–3.10: the shared table was regrown to `slots` slots (a new keys
    /// block of `keysBlockSize` bytes; the old one is freed) and the storing
    /// dict got a new values array of `valuesCapacity` entries.
    case regrown(slots: Int, keysBlockSize: Int, valuesCapacity: Int)
    /// The storing instance's dict became (3.11+: was materialised as) an
    /// ordinary combined dict: a keys table of `slots` slots,
    /// `keysBlockSize` bytes (3.11+: plus a 64-byte dict object).
    case unshared(slots: Int, keysBlockSize: Int)
  }

  /// Records an attribute name new to the shared table, stored by an
  /// instance that already holds `instanceAttributes` attributes and whose
  /// values capacity is `instanceCapacity`. `soleUser` (3.8–3.10) says
  /// whether that instance's dict is the only dict using the shared table.
  public mutating func insertKey(
    instanceAttributes: Int, instanceCapacity: Int, soleUser: Bool
  ) -> Insertion {
    let layouts = ObjectLayouts(version: version)
    if version >= .py311 {
      if usable > 0 && entries < instanceCapacity {
        usable -= 1
        entries += 1
        return .stored(index: entries - 1)
      }
      // Measured: the materialised dict is at least 16 slots.
      let slots = max(16, ObjectLayouts.dictSlotsAfterGrowth(used: instanceAttributes))
      return .unshared(slots: slots, keysBlockSize: layouts.dictKeysBlockSize(slots: slots, keys: .unicode))
    }
    if !isSharing {
      // Not a shared-keys event any more: an ordinary dict growing.
      let grown = ObjectLayouts.dictSlotsAfterGrowth(used: instanceAttributes)
      return .unshared(slots: grown, keysBlockSize: layouts.dictKeysBlockSize(slots: grown, keys: .general))
    }
    if usable > 0 {
      usable -= 1
      entries += 1
      return .stored(index: entries - 1)
    }
    let newSlots = ObjectLayouts.dictSlotsAfterGrowth(used: instanceAttributes)
    let bytes = layouts.dictKeysBlockSize(slots: newSlots, keys: .general)
    if soleUser {
      slots = newSlots
      entries += 1
      usable = ObjectLayouts.dictUsable(slots: newSlots) - entries
      return .regrown(
        slots: newSlots, keysBlockSize: bytes, valuesCapacity: ObjectLayouts.dictUsable(slots: newSlots))
    }
    isSharing = false
    return .unshared(slots: newSlots, keysBlockSize: bytes)
  }
}
