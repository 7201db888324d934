import Testing

@testable import HeapModel

/// The narrow row columns (issue 3): block addresses as 4-byte codes, sizes
/// in 16 bits, each with a side table for what does not fit, read back
/// exactly.
@Suite struct RowColumnTests {
  @Test func blockAddressesRoundTripThroughTheirCodes() {
    var column = BlockColumn()
    let addresses: [UInt64] = [
      Allocator.heapBase, Allocator.heapBase + 0x30, Allocator.heapBase + (1 << 35) - 16,
      Heap.staticBase, Heap.staticBase + 64 * 500, 0x5555_5580_0010,
      0, Allocator.heapBase + 8, Allocator.heapBase + (1 << 35), 0x1000,
    ]
    for address in addresses { column.append(address) }
    for (slot, address) in addresses.enumerated() { #expect(column[slot] == address) }
    // Arena and low-region addresses take no side entry; the unaligned, the
    // out-of-range and 0 do.
    #expect(column.wide.count == 4)
    // Rewriting a row drops or adds its side entry.
    column[6] = Allocator.heapBase + 0x40
    column[0] = 0x1234
    #expect(column[6] == Allocator.heapBase + 0x40)
    #expect(column[0] == 0x1234)
    #expect(column.wide.count == 4)
    #expect(column.wide[6] == nil && column.wide[0] == 0x1234)
  }

  @Test func sizesPast16BitsGoToTheSideTable() {
    var column = SizeColumn()
    let sizes: [Int32] = [0, 16, 512, 65_534, 65_535, 1 << 20]
    for size in sizes { column.append(size) }
    for (slot, size) in sizes.enumerated() { #expect(column[slot] == size) }
    #expect(column.wide.count == 2)
    column[5] = 40
    column[0] = 100_000
    #expect(column[5] == 40 && column[0] == 100_000)
    #expect(column.wide.keys.sorted() == [0, 4])
  }

  @Test(arguments: PythonVersion.allCases)
  func rowsReadBackTheirBlocksAndSizes(version: PythonVersion) {
    var heap = Heap(version: version)
    let big = heap.newStr(String(repeating: "x", count: 100_000))
    let small = heap.newList([])
    #expect(heap.sizes[big.slot] > 100_000)
    #expect(heap.blocks[big.slot] >= 0x5555_5580_0000 && heap.blocks[big.slot] < Allocator.heapBase)
    #expect(heap.blocks[small.slot] >= Allocator.heapBase)
    #expect(heap.address(of: small) == heap.blocks[small.slot] + UInt64(ObjectLayouts.gcHeadSize))
    #expect(heap.address(of: heap.none) == Heap.staticBase + UInt64(heap.none.slot) * 64)
  }
}
