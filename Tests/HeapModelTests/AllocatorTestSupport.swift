@testable import HeapModel

/// Helpers shared by the allocator tests.
extension Allocator {
  /// Address of pool `i` of arena slot `arena`.
  func testPoolAddress(arena: Int, pool: Int) -> Address {
    Address(poolAddress(arena << 6 | pool))
  }

  /// Allocates exactly enough blocks of `nbytes` to fill `count` whole pools,
  /// assuming no used pool of that class exists; returns the blocks per pool.
  mutating func fillPools(_ count: Int, requestBytes nbytes: Int) -> [[Address]] {
    let capacity = constants.blocksPerPool(ofClass: SizeClass(requestBytes: nbytes).index)
    return (0..<count).map { _ in (0..<capacity).map { _ in allocate(nbytes) } }
  }
}
