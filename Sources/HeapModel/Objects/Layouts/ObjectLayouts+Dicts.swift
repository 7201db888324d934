// dict layouts (Objects/dictobject.c).
//
// A dict is a 64-byte GC object block (48 + GC head) plus a keys table
// (`PyDictKeysObject`) in its own block. `{}` shares a static empty table and
// allocates nothing more until the first insertion; `dict()` in 3.8/3.9
// allocates an 8-slot table at once (getsizeof 232 vs 64).
//
// Keys table of `slots` hash slots (a power of two ≥ 8):
//
//     header | indices: slots × ixsize | entries: usable × entrySize
//     usable = slots·2/3;   ixsize = 1 (slots ≤ 128), 2 (≤ 2^15), 4 (≤ 2^31), 8
//
//     version    header  entry (general)  entry (all keys exact str)
//     3.8–3.10   40      24               24
//     3.11+      32      24               16  ("unicode" table: key + value only)
//
// Growth: an insertion into a table with no usable entry left calls
// `dictresize` to the smallest power of two ≥ used·3 (GROWTH_RATE, all
// versions), so 5 → 8 slots, 6–10 → 16, 11–21 → 32, 22–42 → 64 … — except
// that 3.10+ (`calculate_keysize`) gives 16, not 8, for 1–2 live entries
// (`dictSlotsForGrowth`).
// Deleting never shrinks; deleted entries still use up `usable` until the
// next resize, which is sized from the live count, so churn can shrink.
// Presized tables (displays with n items, `BUILD_MAP`/`BUILD_CONST_KEY_MAP`,
// `_PyDict_NewPresized`) use the smallest power of two ≥ (3n+1)/2, 8 for n ≤ 5.
//
// Split tables (instance dicts, see +Instances and SharedKeysTable): the keys
// are shared by the class and each dict has a values array: 8·usable bytes
// in 3.8–3.10. getsizeof(dict) = 64 + (split ? 8·values (3.11+: entries +
// usable of the shared keys) + the shared keys if this dict is their last
// holder : keys table size).

extension ObjectLayouts {
  /// The entry layout of a keys table.
  public enum DictKeysKind: UInt8, Sendable, Hashable {
    /// Every key is an exact `str` (3.11+: 16-byte entries without the hash).
    case unicode
    /// Any other key (24-byte entries: hash, key, value).
    case general
  }

  /// The smallest keys table (`PyDict_MINSIZE`).
  public static let dictMinSlots = 8

  /// Entries a table of `slots` can hold before it must grow (`USABLE_FRACTION`).
  @inlinable
  public static func dictUsable(slots: Int) -> Int { (slots << 1) / 3 }

  /// Bytes per index of a table of `slots` (`DK_IXSIZE`).
  @inlinable
  public static func dictIndexSize(slots: Int) -> Int {
    if slots <= 0xff { return 1 }
    if slots <= 0xffff { return 2 }
    if slots <= 0xffff_ffff { return 4 }
    return 8
  }

  /// Request size of a keys table with `slots` slots.
  /// - Complexity: O(1).
  @inlinable
  public func dictKeysBlockSize(slots: Int, keys: DictKeysKind) -> Int {
    let modern = version >= .py311
    let header = modern ? 32 : 40
    let entry = (modern && keys == .unicode) ? 16 : 24
    return header + Self.dictIndexSize(slots: slots) * slots + entry * Self.dictUsable(slots: slots)
  }

  /// Smallest power of two ≥ `minimum`, at least 8.
  @inlinable
  public static func dictSlots(atLeast minimum: Int) -> Int {
    var slots = dictMinSlots
    while slots < minimum { slots <<= 1 }
    return slots
  }

  /// Table size chosen by `insertion_resize` when a dict holding `used` live
  /// entries runs out of usable slots (GROWTH_RATE = used·3).
  @inlinable
  public static func dictSlotsAfterGrowth(used: Int) -> Int { dictSlots(atLeast: used * 3) }

  /// Table size of a dict presized for `count` entries (displays,
  /// `_PyDict_NewPresized`): 8 for ≤ 5, else the power of two ≥ (3n+1)/2.
  @inlinable
  public static func dictSlotsPresized(for count: Int) -> Int {
    count <= dictUsable(slots: dictMinSlots) ? dictMinSlots : dictSlots(atLeast: (count * 3 + 1) / 2)
  }

  /// Table size `insertion_resize` picks for a dict holding `used` live
  /// entries, as this version computes it. Up to 3.9 the smallest power of
  /// two ≥ used·3 (at least 8); from 3.10 `calculate_keysize` rounds
  /// ((used·3) | 8) − 1 up to a power of two, which gives 16 rather than 8
  /// when 1 ≤ used ≤ 2 (a dict emptied by deletions, a split instance dict
  /// converted early). Equal for every larger `used`.
  @inlinable
  public func dictSlotsForGrowth(used: Int) -> Int {
    guard version >= .py310 else { return Self.dictSlotsAfterGrowth(used: used) }
    let rounded = (((used * 3) | Self.dictMinSlots) - 1) | (Self.dictMinSlots - 1)
    return 1 << (Int.bitWidth - rounded.leadingZeroBitCount)
  }

  /// Table size after inserting `count` keys one by one into `{}`.
  @inlinable
  public static func dictSlotsAfterInserts(_ count: Int) -> Int {
    var slots = 0
    for used in 0..<count where used == (slots == 0 ? 0 : dictUsable(slots: slots)) {
      slots = slots == 0 ? dictMinSlots : dictSlotsAfterGrowth(used: used)
    }
    return slots
  }

  /// Whether `dict()` (the type called with no arguments) allocates an
  /// 8-slot keys table immediately (3.8/3.9) rather than sharing the empty one.
  public var dictConstructorAllocatesKeys: Bool { version <= .py39 }

  /// `sys.getsizeof` of a combined dict whose table has `slots` slots
  /// (0 = the shared empty table).
  @inlinable
  public func dictGetsizeof(slots: Int, keys: DictKeysKind) -> Int {
    slots == 0 ? 64 : 64 + dictKeysBlockSize(slots: slots, keys: keys)
  }

  /// `sys.getsizeof` of a split (instance) dict with a values array of
  /// `valuesCapacity` entries; the shared keys are not counted.
  @inlinable
  public static func splitDictGetsizeof(valuesCapacity: Int) -> Int { 64 + 8 * valuesCapacity }
}
