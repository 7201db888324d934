// The in-memory screen that every view draws into. Views never talk to the
// terminal: they write cells here, and a `Renderer` hands the finished buffer
// to a `Terminal` (ncurses diffs it against what is on screen, so a full
// redraw per frame costs only what changed).
//
// Invariants: `cells.count == width * height`; a wide character at column x
// < width - 1 is followed by a continuation cell at x + 1; a wide character
// never starts in the last column (a space is written instead); writes outside
// the buffer or the clip rectangle are dropped.

/// A width × height grid of cells, stored row-major in one flat array.
public struct CellBuffer: Sendable, Equatable {
  /// Columns.
  public private(set) var width: Int
  /// Rows.
  public private(set) var height: Int
  /// The cells, row-major.
  public internal(set) var cells: [Cell]

  /// A blank buffer.
  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = [Cell](repeating: .blank, count: self.width * self.height)
  }

  /// The cell at column `x`, row `y`.
  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
    set { cells[y * width + x] = newValue }
  }

  /// Blanks every cell, keeping the storage.
  public mutating func clear() {
    for i in cells.indices { cells[i] = .blank }
  }

  /// Resizes (and blanks) the buffer, reusing storage where it can.
  public mutating func resize(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    let count = self.width * self.height
    if cells.count != count {
      cells = [Cell](repeating: .blank, count: count)
    } else {
      clear()
    }
  }

  /// Fills `rect` (clipped to the buffer) with `scalar` in `style`.
  public mutating func fill(
    _ rect: Rect, with scalar: Unicode.Scalar = " ", style: Style = .normal, attributes: Attributes = []
  ) {
    let x0 = max(0, rect.x)
    let y0 = max(0, rect.y)
    let x1 = min(width, rect.x + rect.width)
    let y1 = min(height, rect.y + rect.height)
    guard x0 < x1, y0 < y1 else { return }
    let cell = Cell(scalar, style: style, attributes: attributes)
    for y in y0..<y1 {
      let row = y * width
      for x in x0..<x1 { cells[row + x] = cell }
    }
  }

  /// Sets the style and attributes of the cells of `rect`, keeping their characters.
  public mutating func restyle(_ rect: Rect, style: Style, attributes: Attributes = []) {
    let x0 = max(0, rect.x)
    let y0 = max(0, rect.y)
    let x1 = min(width, rect.x + rect.width)
    let y1 = min(height, rect.y + rect.height)
    guard x0 < x1, y0 < y1 else { return }
    for y in y0..<y1 {
      for x in x0..<x1 {
        cells[y * width + x].style = style
        cells[y * width + x].attributes = attributes
      }
    }
  }

  /// Puts one scalar at (x, y) if it lies inside `clip`; returns the columns it took.
  @discardableResult
  public mutating func put(
    _ scalar: Unicode.Scalar, x: Int, y: Int, style: Style = .normal, attributes: Attributes = [],
    clip: Rect? = nil
  ) -> Int {
    let columns = displayWidth(scalar)
    guard columns > 0 else { return 0 }
    let right = min(width, clip.map { $0.x + $0.width } ?? width)
    let left = max(0, clip?.x ?? 0)
    guard y >= max(0, clip?.y ?? 0), y < min(height, clip.map { $0.y + $0.height } ?? height),
      x >= left, x < right
    else { return columns }
    if columns == 2 {
      guard x + 1 < right else {
        cells[y * width + x] = Cell(" ", style: style, attributes: attributes)
        return 1
      }
      cells[y * width + x] = Cell(scalar, style: style, attributes: attributes)
      cells[y * width + x + 1] = Cell(Cell.continuationScalar, style: style, attributes: attributes)
      return 2
    }
    cells[y * width + x] = Cell(scalar, style: style, attributes: attributes)
    return 1
  }

  /// Writes `text` from (x, y) on one row, cut at `maxWidth` columns (and the
  /// clip); returns the columns written.
  @discardableResult
  public mutating func put(
    _ text: some StringProtocol, x: Int, y: Int, style: Style = .normal, attributes: Attributes = [],
    maxWidth: Int = .max, clip: Rect? = nil
  ) -> Int {
    var column = 0
    for scalar in text.unicodeScalars {
      let w = displayWidth(scalar)
      if w == 0 { continue }
      if column + w > maxWidth { break }
      put(scalar, x: x + column, y: y, style: style, attributes: attributes, clip: clip)
      column += w
    }
    return column
  }
}
