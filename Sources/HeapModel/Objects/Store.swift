// A slab of payloads of one kind, addressed by the index kept in an object's
// payload column. Freed slots are recycled LIFO, so a long replay that creates
// and drops millions of objects keeps the slab as large as its peak, not its
// total.

/// A recycling array of payload values.
@usableFromInline struct Store<Element>: Sendable where Element: Sendable {
  // Internal, not `private(set)`, so that the subscript can be inlined into
  // the interpreter (a generator's resume and yield).
  @usableFromInline var elements: [Element] = []
  private(set) var free: [Int32] = []

  /// Stores a value and returns its slot.
  /// - Complexity: amortised O(1).
  mutating func insert(_ element: Element) -> Int {
    if let slot = free.popLast() {
      elements[Int(slot)] = element
      return Int(slot)
    }
    elements.append(element)
    return elements.count - 1
  }

  /// Releases a slot, leaving `filler` behind so no references are retained.
  mutating func remove(_ slot: Int, filler: Element) {
    elements[slot] = filler
    free.append(Int32(slot))
  }

  @inlinable subscript(slot: Int) -> Element {
    _read { yield elements[slot] }
    _modify { yield &elements[slot] }
  }

  var liveCount: Int { elements.count - free.count }
}
