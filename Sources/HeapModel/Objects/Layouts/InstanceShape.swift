// The class-level facts that decide an instance's layout: how many
// `__slots__` it has and whether it has a `__dict__` and a `__weakref__`.
// A class without `__slots__` (or inheriting only from such classes) has
// both; `__slots__` removes them unless named in the slots.

/// The layout-relevant shape of a user class's instances.
public struct InstanceShape: Sendable, Hashable {
  /// Named `__slots__` member slots (excluding `__dict__` and `__weakref__`),
  /// summed over the class and its bases.
  public var slotCount: Int
  /// Instances have a `__dict__` (no `__slots__`, or `'__dict__'` in them).
  public var hasDict: Bool
  /// Instances can be weakly referenced (no `__slots__`, or `'__weakref__'`).
  public var hasWeakref: Bool

  /// Creates a shape.
  public init(slotCount: Int = 0, hasDict: Bool = true, hasWeakref: Bool = true) {
    self.slotCount = slotCount
    self.hasDict = hasDict
    self.hasWeakref = hasWeakref
  }

  /// An ordinary class: `__dict__` and `__weakref__`, no slots.
  public static let plain = InstanceShape()

  /// A class with `__slots__` of `count` names (plus the two special names
  /// if requested).
  public static func slotted(_ count: Int, weakref: Bool = false, dict: Bool = false) -> InstanceShape {
    InstanceShape(slotCount: count, hasDict: dict, hasWeakref: weakref)
  }
}
