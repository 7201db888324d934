/// One terminal cell: a character, its semantic style and attributes.
///
/// A wide character (display width 2) occupies its cell and the next one; the
/// next one holds `Cell.continuation` so that text output and the terminal
/// backend skip it. Eight bytes, no references: a buffer of cells is one flat
/// allocation.
public struct Cell: Sendable, Equatable {
  /// The character; `continuationScalar` for the right half of a wide one.
  public var scalar: Unicode.Scalar
  /// Its role.
  public var style: Style
  /// Its attributes.
  public var attributes: Attributes

  /// A cell showing `scalar`.
  public init(_ scalar: Unicode.Scalar, style: Style = .normal, attributes: Attributes = []) {
    self.scalar = scalar
    self.style = style
    self.attributes = attributes
  }

  /// Marks the right half of a wide character.
  public static let continuationScalar: Unicode.Scalar = "\u{0}"
  /// A blank cell.
  public static let blank = Cell(" ")

  /// Whether this cell is the right half of a wide character.
  public var isContinuation: Bool { scalar == Cell.continuationScalar }
}
