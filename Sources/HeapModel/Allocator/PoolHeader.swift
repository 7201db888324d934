// The model's copy of one `pool_header` (obmalloc.c), 32 bytes.
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
//
// Two things CPython keeps in the pool's blocks live here, so that `free`
// and `malloc` touch one cache line in the common case: the in-use bits of
// blocks 0…63 (every block of 16 KiB pools' classes from 256 bytes up, 4 KiB
// pools' from 64; the rest are in
// `Allocator.inUseBits`), and the link of the free-list head (`*freeblock`),
// so pushing a block on a full pool's empty list, and popping it again,
// writes no link at all. The hot fields fill the first 16 bytes; the list
// links and `firstBlock` (the address of block 0, so that handing a block
// out computes its address from the header alone) fill the other half. The
// header array is 64-byte aligned (`AllocatorStorage`), so a header never
// straddles a cache line. `nextVirgin` (≤ 1021) and `sizeClass` (≤ 31, or
// `noClass`) share 16 bits.

/// One pool's header fields (`pool_header`): list links, use count, the head
/// of its block free list and the never-used mark.
struct PoolHeader: Sendable {
  /// Marks "no block" in `freeHead`, `headNext` and in block links (`NULL`).
  static let noBlock: UInt16 = .max
  /// Marks "never initialised" in `sizeClass` (`DUMMY_SIZE_IDX`).
  static let noClass: UInt8 = 63

  /// In-use bits of blocks 0…63 (bit k: block k is handed out).
  var lowBits: UInt64 = 0
  /// Blocks in use (`ref.count`).
  var count: UInt16 = 0
  /// First block of the free list (`freeblock`), as a block index.
  var freeHead: UInt16 = noBlock
  /// The second block of the free list (the head's link), `noBlock` if none.
  var headNext: UInt16 = noBlock
  /// `nextVirgin` in the low 10 bits, `sizeClass` in the high 6.
  var shape: UInt16 = UInt16(noClass) &<< 10
  /// Next pool in `usedpools[class]` or in the arena's `freepools`; -1 at the end.
  var next: Int32 = -1
  /// Previous pool in `usedpools[class]`; -1 at the head.
  var prev: Int32 = -1
  /// Address of block 0 (the pool's address plus the header size), set
  /// when the pool is carved; 0 before. Pads the stride to 32 bytes.
  var firstBlock: UInt64 = 0

  /// First never-used block (`nextoffset`), as a block index.
  var nextVirgin: UInt16 {
    @inline(__always) get { shape & 0x3FF }
    @inline(__always) set { shape = shape & ~0x3FF | newValue }
  }

  /// Size class served (`szidx`).
  var sizeClass: UInt8 {
    @inline(__always) get { UInt8(truncatingIfNeeded: shape &>> 10) }
    @inline(__always) set { shape = shape & 0x3FF | UInt16(newValue) &<< 10 }
  }
}
