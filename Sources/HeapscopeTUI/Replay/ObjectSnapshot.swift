import HeapModel

/// An object of the modelled heap, opaque to the inspector.
public struct ObjectRef: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The engine's object number (`HeapModel.ObjectID.index`).
  public var rawValue: Int
  public init(_ rawValue: Int) { self.rawValue = rawValue }
  public var description: String { "#\(rawValue)" }
  public static func < (lhs: ObjectRef, rhs: ObjectRef) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What the inspector shows of one live object.
public struct ObjectSnapshot: Sendable, Equatable {
  public var id: ObjectRef
  /// `type(o).__name__`.
  public var typeName: String
  /// A short repr, already cut to a sensible length.
  public var repr: String
  /// `sys.getsizeof(o)`.
  public var size: Int
  /// `sys.getrefcount(o) - 1`, or the immortal count in 3.12+.
  public var refcount: Int
  /// GC generation if tracked by the collector, nil if untracked.
  public var generation: Int?
  /// `id(o)`.
  public var address: Address
  /// Start of the object's block (`id(o)` minus the GC header and any
  /// pre-header); nil for objects outside pymalloc (static ones).
  public var block: Address?

  public init(
    id: ObjectRef, typeName: String, repr: String, size: Int, refcount: Int, generation: Int?,
    address: Address, block: Address? = nil
  ) {
    self.block = block ?? address
    self.id = id
    self.typeName = typeName
    self.repr = repr
    self.size = size
    self.refcount = refcount
    self.generation = generation
    self.address = address
  }
}

/// The object a block belongs to.
public struct BlockOwner: Sendable, Equatable {
  public var object: ObjectSnapshot
  /// What the block is to the object when it is not its header: "items", "keys"…; nil for the header.
  public var part: String?

  public init(object: ObjectSnapshot, part: String? = nil) {
    self.object = object
    self.part = part
  }
}

/// A named reference to an object: a root ("x", "f() local y") or a
/// referent ("[0]", ".next", "['key']").
public struct GraphEdge: Sendable, Equatable {
  public var label: String
  public var target: ObjectRef

  public init(label: String, target: ObjectRef) {
    self.label = label
    self.target = target
  }
}
