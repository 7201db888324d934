// The model's copy of one `pool_header` (obmalloc.c), 16 bytes.
//
// A pool is in exactly one of four states:
//
//   never carved ──carve──▶ used ⇄ full
//                            │ ▲
//                last free ▼ │ first alloc (same class: old free list kept)
//                          empty
//
//   used  — 0 < count < capacity; in `usedpools[class]`; freeHead is valid.
//   full  — count == capacity; in no list; freeHead == none, nextVirgin == capacity.
//   empty — count == 0; in its arena's `freepools` (singly linked via `next`);
//           `sizeClass` still names the class it last served.
//   never carved — beyond the arena's carve mark; the record is stale.
//
// `nextVirgin` is CPython's `nextoffset` counted in blocks: blocks at and
// after it were never handed out since the pool was last initialised.

/// One pool's header fields (`pool_header`): list links, use count, the head
/// of its block free list and the never-used mark.
struct PoolHeader: Sendable {
  /// Marks "no block" in `freeHead` and in block links (`NULL`).
  static let noBlock: UInt16 = .max
  /// Marks "never initialised" in `sizeClass` (`DUMMY_SIZE_IDX`).
  static let noClass: UInt8 = .max

  /// Next pool in `usedpools[class]` or in the arena's `freepools`; -1 at the end.
  var next: Int32 = -1
  /// Previous pool in `usedpools[class]`; -1 at the head.
  var prev: Int32 = -1
  /// Blocks in use (`ref.count`).
  var count: UInt16 = 0
  /// First block of the free list (`freeblock`), as a block index.
  var freeHead: UInt16 = noBlock
  /// First never-used block (`nextoffset`), as a block index.
  var nextVirgin: UInt16 = 0
  /// Size class served (`szidx`).
  var sizeClass: UInt8 = noClass
}
