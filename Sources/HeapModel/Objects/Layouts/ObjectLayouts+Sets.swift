// set and frozenset layouts (Objects/setobject.c). Identical in 3.8–3.13.
//
// A set is a 216-byte GC object block that embeds an 8-slot table
// (`smalltable`). A larger table is a separate block of 16 bytes per slot
// (hash + key): 32 slots = 512 bytes (the largest pymalloc request), 128
// slots and up go to the raw allocator.
//
// `set_add_entry` after storing a key: if fill·5 ≥ mask·3 the table is
// resized (`set_table_resize`) to the smallest power of two > used·4
// (used·2 above 50 000 entries). So the 5th element moves to 32 slots, the
// 19th to 128, the 77th to 512. Discards leave dummies and never shrink;
// dummies count in fill, so they alone can trigger a rebuild.
// `set(list)` and 3.8's set displays add one element at a time (same
// sizes); a copy from another set or frozenset (`set(s)`, `s | t`,
// `frozenset(s)`, 3.9+ displays of ≥ 3 constants) first resizes to the power
// of two above 2·n when (fill + n)·5 ≥ mask·3, so a 5-element copy has 16
// slots (472 bytes) where the original has 32 (Heap+Set.swift).
// getsizeof = 216 + (slots > 8 ? 16·slots : 0).

extension ObjectLayouts {
  /// Slots of the table embedded in every set object (`PySet_MINSIZE`).
  public static let setInlineSlots = 8

  /// Request size of a set's separate table block, 0 while the inline table is used.
  @inlinable
  public static func setTableBlockSize(slots: Int) -> Int {
    slots > setInlineSlots ? 16 * slots : 0
  }

  /// `sys.getsizeof` of a set or frozenset with a table of `slots` slots.
  @inlinable
  public static func setGetsizeof(slots: Int) -> Int { 216 + setTableBlockSize(slots: slots) }

  /// Whether a table of `slots` slots with `fill` live-or-dummy slots is
  /// rebuilt after a key took an empty slot (`set_add_entry`: fill·5 ≥ mask·3).
  @inlinable
  public static func setNeedsResize(slots: Int, fill: Int) -> Bool { fill * 5 >= (slots - 1) * 3 }

  /// Slots of the table `set_table_resize(minused)` builds: the smallest
  /// power of two ≥ 8 above `minUsed`.
  @inlinable
  public static func setResizeSlots(minUsed: Int) -> Int {
    var newSlots = setInlineSlots
    while newSlots <= minUsed { newSlots <<= 1 }
    return newSlots
  }

  /// The `minused` `set_add_entry` asks a resize for at `used` live entries.
  @inlinable
  public static func setGrowthMinUsed(used: Int) -> Int { used > 50_000 ? used * 2 : used * 4 }

  /// Table size after adding a new key that brought the set to `used` live
  /// entries and `fill` used-or-dummy slots, in a table of `slots` slots;
  /// returns `slots` unchanged when no resize happens.
  /// - Complexity: O(log n).
  @inlinable
  public static func setSlotsAfterAdd(slots: Int, fill: Int, used: Int) -> Int {
    guard setNeedsResize(slots: slots, fill: fill) else { return slots }
    return setResizeSlots(minUsed: setGrowthMinUsed(used: used))
  }

  /// Whether `set_add_entry` stores a new key in the last dummy slot its
  /// probe met (every version but 3.9, which always takes the empty slot
  /// that ends the probe; measured).
  public var setAddReusesDummy: Bool { version != .py39 }

  /// Table size of a set built by adding `count` distinct keys to `set()`.
  public static func setSlotsAfterAdds(_ count: Int) -> Int {
    var slots = setInlineSlots
    for used in stride(from: 1, through: count, by: 1) {
      slots = setSlotsAfterAdd(slots: slots, fill: used, used: used)
    }
    return slots
  }
}
