/// A terminal size in cells.
public struct TerminalSize: Hashable, Sendable, CustomStringConvertible {
  /// Columns.
  public var width: Int
  /// Rows.
  public var height: Int

  /// A size of `width` columns by `height` rows.
  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }

  /// Parses `WxH` (also with `×`), as `heapscope render --size` takes it.
  public init?(parsing text: String) {
    let parts = text.split(whereSeparator: { $0 == "x" || $0 == "X" || $0 == "×" })
    guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0 else {
      return nil
    }
    self.init(width: w, height: h)
  }

  public var description: String { "\(width)×\(height)" }
}

/// A rectangle of cells: origin at the top-left, y growing downwards.
public struct Rect: Hashable, Sendable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// Whether the point lies inside.
  public func contains(x px: Int, y py: Int) -> Bool {
    px >= x && px < x + width && py >= y && py < y + height
  }

  /// The rectangle minus `top` rows at the top.
  func droppingTop(_ top: Int) -> Rect {
    Rect(x: x, y: y + top, width: width, height: height - top)
  }

  /// The first `rows` rows.
  func top(_ rows: Int) -> Rect {
    Rect(x: x, y: y, width: width, height: min(rows, height))
  }

  /// The last `rows` rows.
  func bottom(_ rows: Int) -> Rect {
    let r = min(rows, height)
    return Rect(x: x, y: y + height - r, width: width, height: r)
  }

  var isEmpty: Bool { width <= 0 || height <= 0 }
}
