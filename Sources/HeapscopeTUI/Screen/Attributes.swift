/// Text attributes of a cell, on top of its style's colours.
public struct Attributes: OptionSet, Sendable, Hashable {
  public var rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let bold = Attributes(rawValue: 1)
  public static let underline = Attributes(rawValue: 2)
  public static let reverse = Attributes(rawValue: 4)
  public static let dim = Attributes(rawValue: 8)
}
