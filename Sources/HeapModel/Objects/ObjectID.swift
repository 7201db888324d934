// Objects are rows of the object table, named by small integer ids. An id is
// heapscope's own handle, not CPython's `id()` (that is the modelled address,
// see `Heap.address(of:)`). Ids of dead objects are recycled, so a stale id is
// a bug in the caller; debug builds catch it through the generation counter
// kept beside each row.

/// A handle to one modelled Python object.
public struct ObjectID: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var index: Int32

  @inlinable public init(_ index: Int32) { self.index = index }
  @inlinable public init(_ index: Int) { self.index = Int32(truncatingIfNeeded: index) }

  /// The absence of an object (CPython's NULL).
  public static let null = ObjectID(Int32(-1))

  @inlinable public var isNull: Bool { index < 0 }
  @inlinable public var slot: Int { Int(index) }

  public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { lhs.index < rhs.index }
  public var description: String { isNull ? "#null" : "#\(index)" }
}
