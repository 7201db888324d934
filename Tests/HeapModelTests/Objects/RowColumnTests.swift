import Testing

@testable import HeapModel

/// The narrow row columns (issue 3): block addresses as 4-byte codes, sizes
/// in 16 bits, each with a side table for what does not fit, read back
/// exactly.
@Suite struct RowColumnTests {
  @Test func blockAddressesRoundTripThroughTheirCodes() {
    let storage = ObjectTableStorage()
    let addresses: [UInt64] = [
      Allocator.heapBase, Allocator.heapBase + 0x30, Allocator.heapBase + (1 << 35) - 16,
      Heap.staticBase, Heap.staticBase + 64 * 500, 0x5555_5580_0010,
      0, Allocator.heapBase + 8, Allocator.heapBase + (1 << 35), 0x1000,
    ]
    for address in addresses { storage.setBlock(storage.takeRow(), address, wasSet: false) }
    var column = BlockColumn(storage)
    for (slot, address) in addresses.enumerated() { #expect(column[slot] == address) }
    // Arena and low-region addresses take no side entry; the unaligned, the
    // out-of-range and 0 do.
    #expect(storage.wideBlocks.count == 4)
    // Rewriting a row drops or adds its side entry.
    column[6] = Allocator.heapBase + 0x40
    column[0] = 0x1234
    #expect(column[6] == Allocator.heapBase + 0x40)
    #expect(column[0] == 0x1234)
    #expect(storage.wideBlocks.count == 4)
    #expect(storage.wideBlocks[6] == nil && storage.wideBlocks[0] == 0x1234)
  }

  @Test func sizesPast16BitsGoToTheSideTable() {
    let storage = ObjectTableStorage()
    let sizes: [Int32] = [0, 16, 512, 65_534, 65_535, 1 << 20]
    for size in sizes { storage.setSize(storage.takeRow(), size, wasSet: false) }
    var column = SizeColumn(storage)
    for (slot, size) in sizes.enumerated() { #expect(column[slot] == size) }
    #expect(storage.wideSizes.count == 2)
    column[5] = 40
    column[0] = 100_000
    #expect(column[5] == 40 && column[0] == 100_000)
    #expect(storage.wideSizes.keys.sorted() == [0, 4])
  }

  /// Freed rows are reused most recent first; the table grows past its
  /// capacity keeping every row.
  @Test func rowsAreRecycledLastFreedFirstAndSurviveGrowth() {
    let storage = ObjectTableStorage()
    for value in 0..<1000 {
      let row = storage.takeRow()
      #expect(row == value)
      storage.rows.payloads[row] = Int64(value) * 3
      storage.setBlock(row, Allocator.heapBase + UInt64(value) * 16, wasSet: false)
    }
    #expect(storage.capacity >= 1000)
    storage.pushFreeRow(17)
    storage.pushFreeRow(400)
    #expect(storage.takeRow() == 400)
    #expect(storage.takeRow() == 17)
    #expect(storage.takeRow() == 1000)
    #expect(storage.rows.payloads[999] == 2997 && storage.block(999) == Allocator.heapBase + 999 * 16)
  }

  /// A copy of the heap shares the table until `makeUnique()` gives the side
  /// about to write its own rows (a timeline checkpoint keeps what it saw).
  @Test(arguments: PythonVersion.allCases)
  func copiesOfTheHeapKeepTheirOwnRows(version: PythonVersion) {
    var heap = Heap(version: version)
    let float = heap.newFloat(1.5)
    let second = heap.newFloat(2.5)
    let tuple = heap.newTuple(float, second)
    let checkpoint = heap
    heap.makeUnique()  // the per-object operations do not check
    heap.incref(tuple)
    let third = heap.newFloat(3.5)
    heap.decref(tuple)
    heap.decref(tuple)
    #expect(checkpoint.refcount(of: tuple) == 1 && checkpoint.isAlive(tuple))
    #expect(checkpoint.isTracked(tuple) && checkpoint.kind(of: float) == .float)
    #expect(checkpoint.liveObjectCount == heap.liveObjectCount + 2)
    #expect(!heap.isAlive(tuple) && !heap.isAlive(float) && heap.isAlive(third))
    #expect(checkpoint.floatValue(float) == 1.5 && checkpoint.items(tuple) == [float, second])
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
