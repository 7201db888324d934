/// Which arena slots the model maps pool-aligned.
///
/// A pool-aligned arena holds 64 pools; an unaligned one starts a quarter
/// pool past a pool boundary, holds 63 and shows one pool under "bytes lost
/// to arena alignment". In 3.10+ this depends on where mmap puts the arena,
/// so CPython itself varies between runs; the profile's usual case is the
/// default and tests can pin any mix. A slot keeps its alignment for life,
/// because a re-mapped slot gets the same base address.
public enum ArenaAlignmentPolicy: Sendable, Equatable {
  /// Aligned before 3.10, unaligned from 3.10 (`arenasUsuallyUnaligned`).
  case versionDefault
  /// Every arena pool-aligned (64 pools).
  case allAligned
  /// Every arena unaligned (63 pools).
  case allUnaligned
  /// The listed slot numbers aligned, the others unaligned.
  case alignedSlots(Set<Int>)

  /// Whether slot `slot` is aligned under this policy.
  func isAligned(slot: Int, constants: AllocatorConstants) -> Bool {
    switch self {
    case .versionDefault: return !constants.arenasUsuallyUnaligned
    case .allAligned: return true
    case .allUnaligned: return false
    case .alignedSlots(let slots): return slots.contains(slot)
    }
  }
}
