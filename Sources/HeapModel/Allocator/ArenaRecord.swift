// The model's copy of one `arena_object` (obmalloc.c).
//
// An arena slot is either associated (mapped, `isAllocated`) or on the
// unused-slot stack (`unused_arena_objects`). An associated arena with at
// least one free pool is on `usable_arenas`, linked through `next`/`prev` and
// kept sorted by ascending `freePools`; an arena with no free pool is on no
// list. Pools are carved in address order: pools `0..<carvedPools` have been
// initialised at least once, the rest are counted as free without being on
// the `freepools` list.

/// One arena slot's bookkeeping (`arena_object`).
struct ArenaRecord: Sendable {
  /// Address the arena's memory starts at (`address`); fixed per slot.
  var base: UInt64
  /// First pool-aligned address in the arena.
  var firstPool: UInt64
  /// Head of the empty-pool list (`freepools`), a global pool index; -1 if none.
  var freePoolHead: Int32 = -1
  /// Next arena in `usable_arenas` or in the unused-slot stack; -1 at the end.
  var next: Int32 = -1
  /// Previous arena in `usable_arenas`; -1 at the head.
  var prev: Int32 = -1
  /// Usable pools (`ntotalpools`): 64, or 63 when the base is not pool-aligned.
  var totalPools: UInt8
  /// Empty plus never-carved pools (`nfreepools`).
  var freePools: UInt8 = 0
  /// Pools carved so far (`pool_address`, counted in pools).
  var carvedPools: UInt8 = 0
  /// Whether the slot is associated with mapped memory (`address != 0`).
  var isAllocated = false
  /// Whether the base is pool-aligned (no pool lost to alignment).
  var isAligned: Bool
}
