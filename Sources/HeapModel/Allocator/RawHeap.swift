// The raw allocator: what `_PyObject_Malloc` falls back to when pymalloc
// declines a request (0 bytes, or more than 512).
//
// CPython hands these to the C library's `malloc` (a 0-byte request becomes
// 1 byte, `_PyMem_RawMalloc`). The model only needs plausible, distinct
// addresses that never fall inside an arena, plus glibc's most visible
// habit: a freed chunk is handed out again, last-freed first, to the next
// request of the same chunk size (tcache). Chunks are carved from a bump
// pointer in the brk heap region (0x5555_5580_0000 upwards); a chunk is the
// request plus an 8-byte size word rounded up to 16 bytes, at least 32, and
// the block starts 16 bytes into it.
//
// `realloc` keeps the block where it is when the new chunk size is not larger,
// else moves it (new chunk, then the old one is freed). Raw blocks are few;
// dictionaries are fine here.

/// A model of the C library's `malloc` for the blocks pymalloc declines.
struct RawHeap: Sendable {
  /// Where the brk heap's chunks start.
  static let base: UInt64 = 0x5555_5580_0000

  /// Live blocks: address → (requested bytes, chunk bytes).
  private(set) var live: [UInt64: (size: Int, chunk: Int)] = [:]
  /// Freed chunks by chunk size, most recently freed last.
  private var freed: [Int: [UInt64]] = [:]
  /// Next never-used chunk address.
  private var top: UInt64 = RawHeap.base
  /// Sum of the requested sizes of live blocks.
  private(set) var bytes = 0

  /// Whether `address` is a live raw block.
  func contains(_ address: UInt64) -> Bool { live[address] != nil }

  /// Requested size of the live block at `address`.
  func size(of address: UInt64) -> Int? { live[address]?.size }

  /// `malloc(nbytes)`; 0 is served as 1 byte.
  mutating func allocate(_ nbytes: Int) -> UInt64 {
    let size = max(nbytes, 1)
    let chunk = Self.chunkSize(for: size)
    let address: UInt64
    if let reused = freed[chunk]?.popLast() {
      address = reused
    } else {
      address = top + 16
      top += UInt64(chunk)
    }
    live[address] = (size, chunk)
    bytes += size
    return address
  }

  /// `free(address)`; the caller has checked that the block is live.
  mutating func free(_ address: UInt64) {
    guard let entry = live.removeValue(forKey: address) else {
      preconditionFailure("raw free of \(Address(address)), which is not a live raw block")
    }
    bytes -= entry.size
    freed[entry.chunk, default: []].append(address)
  }

  /// `realloc(address, nbytes)`: in place when the chunk is big enough.
  mutating func reallocate(_ address: UInt64, to nbytes: Int) -> UInt64 {
    guard let entry = live[address] else {
      preconditionFailure("raw realloc of \(Address(address)), which is not a live raw block")
    }
    let size = max(nbytes, 1)
    if Self.chunkSize(for: size) <= entry.chunk {
      live[address] = (size, entry.chunk)
      bytes += size - entry.size
      return address
    }
    let moved = allocate(size)
    free(address)
    return moved
  }

  /// glibc's chunk size for a request: size word + payload, 16-aligned, ≥ 32.
  static func chunkSize(for size: Int) -> Int { max(32, (size + 8 + 15) & ~15) }
}
