// pymalloc's constants, per CPython version.
//
// Geometry (64-bit Linux release builds; `Objects/obmalloc.c`):
//
//   version    pool     arena    pools/arena   empty tail arena kept   arena map (radix tree)
//   3.8        4 KiB    256 KiB  64            no (thrashes)           no
//   3.9        4 KiB    256 KiB  64            yes (bpo-37257)         no
//   3.10       16 KiB   1 MiB    64 (63)       yes                     yes, 48 address bits
//   3.11–3.13  16 KiB   1 MiB    64 (63)       yes                     yes, 64 address bits
//
// Every version: 16-byte alignment, requests of 1…512 bytes in 32 size
// classes (`(n - 1) >> 4`), a 48-byte pool header, so a pool of class c holds
// `(POOL_SIZE - 48) / (16 * (c + 1))` blocks and wastes the remainder
// ("quantization").
//
// 3.10 raised the pool to 16 KiB because the new arena map no longer needs
// pool == OS page; mmap still only promises 4 KiB alignment, so most arenas
// start off a pool boundary and lose their first partial pool (63 usable
// pools, "bytes lost to arena alignment"). 3.8/3.9 pools are pages, so their
// arenas are always aligned.
//
// The free-list roster is not pymalloc's, but `sys._debugmallocstats()`
// prints it right after pymalloc's block, so it lives here with the text's
// other version-dependent parts.

/// pymalloc's constants for one CPython version, plus the version-dependent
/// parts of the `sys._debugmallocstats()` text.
public struct AllocatorConstants: Sendable, Equatable {
  /// Size-class step and block alignment (`ALIGNMENT`).
  public var alignment: Int
  /// Largest request pymalloc serves (`SMALL_REQUEST_THRESHOLD`).
  public var smallRequestThreshold: Int
  /// Bytes per pool (`POOL_SIZE`).
  public var poolSize: Int
  /// Bytes of pool header before the first block (`POOL_OVERHEAD`).
  public var poolHeaderSize: Int
  /// Bytes per arena (`ARENA_SIZE`).
  public var arenaSize: Int
  /// Whether a wholly free arena that is the last of `usable_arenas` is kept
  /// instead of being returned to the OS (3.9+, bpo-37257).
  public var keepsEmptyTailArena: Bool
  /// Whether a new arena is modelled as starting off a pool boundary, losing
  /// one pool to alignment (3.10+, where pools are bigger than pages).
  public var arenasUsuallyUnaligned: Bool
  /// The radix-tree arena map's node sizes (3.10+), nil before.
  public var arenaMap: ArenaMapFigures?
  /// The free-list lines of `sys._debugmallocstats()`, in printed order.
  public var freeListRoster: [FreeListRosterEntry]

  /// Number of size classes (`NB_SMALL_SIZE_CLASSES`).
  public var sizeClassCount: Int { smallRequestThreshold / alignment }

  /// Pools that fit in an aligned arena (`MAX_POOLS_IN_ARENA`).
  public var maxPoolsPerArena: Int { arenaSize / poolSize }

  /// Block size of size class `index` (`INDEX2SIZE`).
  public func blockSize(ofClass index: Int) -> Int { (index + 1) * alignment }

  /// Blocks in one pool of size class `index` (`NUMBLOCKS`).
  public func blocksPerPool(ofClass index: Int) -> Int {
    (poolSize - poolHeaderSize) / blockSize(ofClass: index)
  }

  /// Bytes wasted at the end of a pool of size class `index`.
  public func quantizationLoss(ofClass index: Int) -> Int {
    (poolSize - poolHeaderSize) % blockSize(ofClass: index)
  }

  /// The constants of `version`.
  public init(_ version: PythonVersion) {
    alignment = 16
    smallRequestThreshold = 512
    poolHeaderSize = 48
    let large = version >= .py310
    poolSize = large ? 16 * 1024 : 4 * 1024
    arenaSize = large ? 1024 * 1024 : 256 * 1024
    keepsEmptyTailArena = version >= .py39
    arenasUsuallyUnaligned = large
    switch version {
    case .py38, .py39: arenaMap = nil
    case .py310:
      arenaMap = ArenaMapFigures(rootBytes: 8192, midNodeBytes: 8192, bottomNodeBytes: 2048, addressBits: 48)
    case .py311, .py312, .py313:
      arenaMap = ArenaMapFigures(
        rootBytes: 262_144, midNodeBytes: 262_144, bottomNodeBytes: 131_072, addressBits: 64)
    }
    freeListRoster = Self.roster(version)
  }

  private static func roster(_ version: PythonVersion) -> [FreeListRosterEntry] {
    var lines: [FreeListRosterEntry] = []
    func add(_ name: String, _ size: Int) { lines.append(FreeListRosterEntry(name: name, size: size)) }
    if version == .py38 { add("PyCFunctionObjects", 56) }
    add("PyDictObjects", 48)
    if version >= .py313 { add("PyDictKeysObjects", 32) }
    add("PyFloatObjects", 24)
    switch version {
    case .py38, .py39: add("PyFrameObjects", 368)
    case .py310: add("PyFrameObjects", 360)
    case .py311, .py312, .py313: break
    }
    add("PyListObjects", 40)
    if version == .py38 { add("PyMethodObjects", 48) }
    let longestTuple = version >= .py311 ? 20 : 19
    for length in 1...longestTuple {
      add("\(length)-sized PyTupleObjects", 24 + 8 * length)
    }
    return lines
  }
}

/// Sizes of the radix-tree arena map that `sys._debugmallocstats()` reports
/// (3.10+, `WITH_PYMALLOC_RADIX_TREE`).
public struct ArenaMapFigures: Sendable, Equatable {
  /// Bytes of the root node (`sizeof(arena_map_root)`).
  public var rootBytes: Int
  /// Bytes per interior node (`sizeof(arena_map_mid_t)`).
  public var midNodeBytes: Int
  /// Bytes per leaf node (`sizeof(arena_map_bot_t)`).
  public var bottomNodeBytes: Int
  /// Address bits the tree distinguishes (3.10 ignores the top 16).
  public var addressBits: Int

  /// Bits of address one leaf node covers: its entry count (8-byte entries)
  /// times the 1 MiB an entry stands for.
  public var bottomNodeShift: Int { log2(bottomNodeBytes / 8) + 20 }
  /// Bits of address one interior node covers.
  public var midNodeShift: Int { bottomNodeShift + log2(midNodeBytes / 8) }

  /// Figures of a tree with these node sizes.
  public init(rootBytes: Int, midNodeBytes: Int, bottomNodeBytes: Int, addressBits: Int) {
    self.rootBytes = rootBytes
    self.midNodeBytes = midNodeBytes
    self.bottomNodeBytes = bottomNodeBytes
    self.addressBits = addressBits
  }

  private func log2(_ value: Int) -> Int { Int.bitWidth - 1 - value.leadingZeroBitCount }
}

/// One free-list line of `sys._debugmallocstats()`: "`N free NAME * SIZE bytes each`".
public struct FreeListRosterEntry: Sendable, Equatable {
  /// The plural name as printed, e.g. "PyDictObjects" or "3-sized PyTupleObjects".
  public var name: String
  /// Bytes per object as printed.
  public var size: Int

  /// A roster line named `name` printing `size` bytes per object.
  public init(name: String, size: Int) {
    self.name = name
    self.size = size
  }
}
