// The evaluation loop's stacks (values, frames, blocks) in manually
// managed buffers.
//
// A Swift array checks that its buffer is uniquely referenced on every
// mutation (`swift_isUniquelyReferenced_nonNull_native`, then the
// `_makeUniqueAndReserveCapacity` / `_customRemoveLast` slow paths): a push,
// a pop and every store of the running frame's `pc` paid for a call into
// the runtime — 5–10 % of a replay. A `StackBuffer` keeps its elements in
// one `UnsafeMutablePointer` owned by a small class instance (which frees
// it) and keeps the base address, count and capacity inline, so a push is
// a compare and two stores, a pop a load and a store.
//
// Value semantics are kept by hand: copying an `Interpreter` (the
// timeline's checkpoints, and restoring from them) copies the struct and
// shares the buffer, and the copy-on-write check that an array makes per
// mutation is made once, by `makeUnique()`, when a run is entered
// (`Interpreter.advance`), which copies the live elements into a new
// buffer if a checkpoint still shares this one. Nothing between two such
// entries copies the interpreter and mutates both copies; debug builds
// assert it on every mutation.
//
// Elements must be trivial (plain values without references): nothing is
// deinitialised on a pop, and copies are `memcpy`s.

/// A growable stack of trivial values in one manually managed buffer,
/// copied on write only when `makeUnique()` says so.
struct StackBuffer<Element>: @unchecked Sendable {
  /// Owns (and frees) the buffer; shared by copies until `makeUnique`.
  private final class Owner {
    var start: UnsafeMutablePointer<Element>
    init(capacity: Int) { start = .allocate(capacity: capacity) }
    deinit { start.deallocate() }
  }

  private var owner: Owner
  /// The first element (the owner's buffer).
  private(set) var start: UnsafeMutablePointer<Element>
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int = 16) {
    assert(_isPOD(Element.self), "StackBuffer holds trivial values only")
    self.capacity = Swift.max(capacity, 1)
    owner = Owner(capacity: self.capacity)
    start = owner.start
  }

  /// Gives this copy a buffer of its own if another copy (a checkpoint)
  /// shares it. Call before mutating a copy that may be shared.
  mutating func makeUnique() {
    if isKnownUniquelyReferenced(&owner) { return }
    let fresh = Owner(capacity: capacity)
    fresh.start.initialize(from: start, count: count)
    owner = fresh
    start = fresh.start
  }

  /// Whether no other copy shares the buffer (for assertions).
  mutating func isUnique() -> Bool { isKnownUniquelyReferenced(&owner) }

  var isEmpty: Bool { count == 0 }
  var last: Element? { count == 0 ? nil : start[count - 1] }
  var indices: Range<Int> { 0..<count }

  subscript(index: Int) -> Element {
    @inline(__always) unsafeAddress {
      assert(index >= 0 && index < count, "StackBuffer index \(index) out of 0..<\(count)")
      return UnsafePointer(start + index)
    }
    @inline(__always) unsafeMutableAddress {
      assert(index >= 0 && index < count, "StackBuffer index \(index) out of 0..<\(count)")
      assert(isUnique(), "StackBuffer mutated while shared")
      return start + index
    }
  }

  @inline(__always) mutating func append(_ element: Element) {
    assert(isUnique(), "StackBuffer mutated while shared")
    if count == capacity { grow(to: count + 1) }
    (start + count).initialize(to: element)
    count &+= 1  // cannot overflow: it stays below `capacity`
  }

  /// Appends `n` copies of `element`.
  mutating func append(repeating element: Element, count n: Int) {
    assert(isUnique(), "StackBuffer mutated while shared")
    if count + n > capacity { grow(to: count + n) }
    (start + count).initialize(repeating: element, count: n)
    count += n
  }

  /// Appends the elements of a buffer (which must not point into this one).
  mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
    assert(isUnique(), "StackBuffer mutated while shared")
    let n = elements.count
    if n == 0 { return }
    if count + n > capacity { grow(to: count + n) }
    (start + count).initialize(from: elements.baseAddress!, count: n)
    count += n
  }

  mutating func append(contentsOf elements: [Element]) {
    elements.withUnsafeBufferPointer { append(contentsOf: $0) }
  }

  mutating func append(contentsOf elements: ArraySlice<Element>) {
    elements.withUnsafeBufferPointer { append(contentsOf: $0) }
  }

  /// Grows the stack by `n` elements the caller must initialise through
  /// the returned pointer before anything reads them. Inlined: a generator
  /// resume grows the stack by a handful of values through it.
  @inline(__always) mutating func appendUninitialized(_ n: Int) -> UnsafeMutablePointer<Element> {
    assert(isUnique(), "StackBuffer mutated while shared")
    if count + n > capacity { grow(to: count + n) }
    let first = start + count
    count += n
    return first
  }

  @inline(__always) @discardableResult mutating func removeLast() -> Element {
    assert(count > 0, "StackBuffer pop from an empty stack")
    assert(isUnique(), "StackBuffer mutated while shared")
    count &-= 1  // the assertion above: at least one element
    return start[count]
  }

  mutating func popLast() -> Element? { count == 0 ? nil : removeLast() }

  /// Drops the top `n` elements.
  mutating func removeLast(_ n: Int) {
    assert(n >= 0 && n <= count, "StackBuffer cannot drop \(n) of \(count)")
    assert(isUnique(), "StackBuffer mutated while shared")
    count -= n
  }

  /// Drops everything above the first `n` elements.
  mutating func truncate(to n: Int) { removeLast(count - n) }

  mutating func insert(_ element: Element, at index: Int) {
    assert(index >= 0 && index <= count, "StackBuffer insert at \(index) out of 0...\(count)")
    append(element)
    (start + index + 1).update(from: start + index, count: count - 1 - index)
    start[index] = element
  }

  @discardableResult mutating func remove(at index: Int) -> Element {
    assert(index >= 0 && index < count, "StackBuffer remove at \(index) out of 0..<\(count)")
    assert(isUnique(), "StackBuffer mutated while shared")
    let element = start[index]
    (start + index).update(from: start + index + 1, count: count - 1 - index)
    count -= 1
    return element
  }

  mutating func swapAt(_ i: Int, _ j: Int) {
    assert(i >= 0 && i < count && j >= 0 && j < count, "StackBuffer swap out of range")
    assert(isUnique(), "StackBuffer mutated while shared")
    let element = start[i]
    start[i] = start[j]
    start[j] = element
  }

  /// The elements `range` as an array.
  func array(_ range: Range<Int>) -> [Element] {
    assert(range.lowerBound >= 0 && range.upperBound <= count, "StackBuffer range out of bounds")
    return Array(UnsafeBufferPointer(start: start + range.lowerBound, count: range.count))
  }

  /// The elements from `index` to the top as an array.
  func array(from index: Int) -> [Element] { array(index..<count) }

  /// The elements `range` in place; valid until the next mutation.
  func buffer(_ range: Range<Int>) -> UnsafeBufferPointer<Element> {
    assert(range.lowerBound >= 0 && range.upperBound <= count, "StackBuffer range out of bounds")
    return UnsafeBufferPointer(start: start + range.lowerBound, count: range.count)
  }

  private mutating func grow(to minimum: Int) {
    var newCapacity = capacity * 2
    while newCapacity < minimum { newCapacity *= 2 }
    let fresh = Owner(capacity: newCapacity)
    fresh.start.initialize(from: start, count: count)
    owner = fresh
    start = fresh.start
    capacity = newCapacity
  }
}

extension StackBuffer: RandomAccessCollection {
  var startIndex: Int { 0 }
  var endIndex: Int { count }
  func index(after i: Int) -> Int { i + 1 }
  func index(before i: Int) -> Int { i - 1 }
}
