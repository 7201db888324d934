// The block-address column of the object table, four bytes a row.
//
// Every address the model hands out lies in one of two regions, both
// 16-byte aligned: the arenas, mapped upwards from `Allocator.heapBase`
// (0x7f3a_0000_0000), and the low region of the static objects
// (`Heap.staticBase`, 0x5555_5570_0000) and the raw allocator's brk heap
// just above it (0x5555_5580_0000). A row stores its block as a 32-bit code:
//
//   0xxx…x   arena region: (address − heapBase) / 16      (32 GiB of arenas)
//   1xxx…x   low region:   (address − staticBase) / 16    (32 GiB above it)
//   ffff_ffff  anything else (unaligned, 0, out of range): in a side table
//
// so a row costs 4 bytes where a `UInt64` cost 8 (issue 3: ≤ 48 bytes of
// model per object). The code is converted at the boundary: readers and
// writers see `UInt64` addresses through the subscript and never the code.
//
// Invariant: `ObjectTableStorage.wideBlocks` holds exactly the rows whose
// code is `wideCode`.

/// Block start addresses of the object table's rows, stored as 32-bit codes
/// in the table's buffer (Objects/ObjectTable.swift). A view borrowed from
/// the heap for one expression, like `RowColumn`.
public struct BlockColumn: @unchecked Sendable {
  let codes: UnsafeMutablePointer<UInt32>
  /// Number of rows.
  public let count: Int
  /// For the side table and writes (a reference is retained on use, so the
  /// common reads go through `codes`).
  unowned(unsafe) let storage: ObjectTableStorage

  static let wideCode: UInt32 = .max
  static let lowTag: UInt32 = 0x8000_0000
  static let arenaBase = Allocator.heapBase
  static let lowBase = Heap.staticBase

  @inline(__always) init(_ storage: ObjectTableStorage) {
    codes = storage.rows.blockCodes
    count = storage.count
    self.storage = storage
  }

  /// The block address of row `slot`.
  public internal(set) subscript(slot: Int) -> UInt64 {
    @inline(__always) get {
      precondition(UInt(bitPattern: slot) < UInt(bitPattern: count), "row out of range")
      let code = codes[slot]
      if code < Self.lowTag { return Self.arenaBase &+ UInt64(code) &<< 4 }
      if code != Self.wideCode { return Self.lowBase &+ UInt64(code & ~Self.lowTag) &<< 4 }
      return storage.wideBlocks[Int32(slot)]!
    }
    // Mutating: a write reaches it through the heap's `_modify` accessor,
    // which makes the storage unique first.
    set {
      precondition(UInt(bitPattern: slot) < UInt(bitPattern: count), "row out of range")
      storage.setBlock(slot, newValue)
    }
  }

  /// The code of `address`, `wideCode` when it has none.
  @inline(__always) static func code(_ address: UInt64) -> UInt32 {
    if address & 15 == 0 {
      if address >= arenaBase, (address &- arenaBase) >> 4 < UInt64(lowTag) {
        return UInt32(truncatingIfNeeded: (address &- arenaBase) >> 4)
      }
      if address >= lowBase, (address &- lowBase) >> 4 < UInt64(wideCode & ~lowTag) {
        return lowTag | UInt32(truncatingIfNeeded: (address &- lowBase) >> 4)
      }
    }
    return wideCode
  }

  /// The code of an item block address kept elsewhere (a list's header in
  /// the item slab), 0 for address 0. Item blocks are pymalloc or raw
  /// blocks, which always have a code; code 0 would be `heapBase` itself,
  /// where arena 0's first pool header sits, never a block.
  static func shortCode(_ address: UInt64) -> UInt32 {
    if address == 0 { return 0 }
    let code = code(address)
    precondition(code != wideCode && code != 0, "item block \(Address(address)) has no block code")
    return code
  }

  /// The address of a `shortCode`.
  @inline(__always) static func address(shortCode code: UInt32) -> UInt64 {
    if code == 0 { return 0 }
    if code < lowTag { return arenaBase &+ UInt64(code) &<< 4 }
    return lowBase &+ UInt64(code & ~lowTag) &<< 4
  }
}
