// Where each pane goes, as a pure function of the terminal size and the
// state. Row 0 is the title bar and the last row the status bar; the body
// between them is split into columns of panes with a one-column separator.
//
//   ≥ 150 columns:  Source / Events │ Heap / Objects │ GC / Stats
//   otherwise:      Source / Events / GC │ Heap / Objects / Stats
//
// A maximised pane takes the whole body. Below `minimumSize` nothing fits
// sensibly, so the screen says so instead of drawing garbage.

/// The computed screen layout.
public struct Layout: Sendable, Equatable {
  /// The smallest terminal the inspector draws in.
  public static let minimumSize = TerminalSize(width: 60, height: 16)

  /// The title bar.
  public var title: Rect
  /// The status bar.
  public var status: Rect
  /// Each visible pane and its rectangle (header row included).
  public var panes: [(Pane, Rect)]
  /// Columns where a vertical separator is drawn, with its rows.
  public var separators: [Rect]
  /// Set when the terminal is below `minimumSize`: the size needed.
  public var tooSmall: TerminalSize?

  /// The rectangle of `pane`, if visible.
  public func rect(of pane: Pane) -> Rect? { panes.first { $0.0 == pane }?.1 }

  public static func == (lhs: Layout, rhs: Layout) -> Bool {
    lhs.title == rhs.title && lhs.status == rhs.status && lhs.separators == rhs.separators
      && lhs.tooSmall == rhs.tooSmall && lhs.panes.map(\.0) == rhs.panes.map(\.0)
      && lhs.panes.map(\.1) == rhs.panes.map(\.1)
  }

  /// The layout for `size` in `state`.
  public static func compute(size: TerminalSize, state: AppState) -> Layout {
    let w = size.width
    let h = size.height
    guard w >= minimumSize.width, h >= minimumSize.height else {
      return Layout(
        title: Rect(x: 0, y: 0, width: 0, height: 0), status: Rect(x: 0, y: 0, width: 0, height: 0),
        panes: [], separators: [], tooSmall: minimumSize)
    }
    let title = Rect(x: 0, y: 0, width: w, height: 1)
    let status = Rect(x: 0, y: h - 1, width: w, height: 1)
    let body = Rect(x: 0, y: 1, width: w, height: h - 2)
    if state.isMaximised {
      return Layout(title: title, status: status, panes: [(state.focus, body)], separators: [], tooSmall: nil)
    }
    let columns: [(weight: Int, panes: [(Pane, Int)])]
    if w >= 150 {
      columns = [
        (30, [(.source, 60), (.events, 40)]),
        (40, [(.heap, 55), (.graph, 45)]),
        (30, [(.gc, 45), (.stats, 55)]),
      ]
    } else {
      columns = [
        (45, [(.source, 45), (.events, 25), (.gc, 30)]),
        (55, [(.heap, 42), (.graph, 33), (.stats, 25)]),
      ]
    }
    let usable = w - (columns.count - 1)
    let widths = split(usable, columns.map(\.weight))
    var panes: [(Pane, Rect)] = []
    var separators: [Rect] = []
    var x = 0
    for (i, column) in columns.enumerated() {
      let heights = split(body.height, column.panes.map(\.1))
      var y = body.y
      for (j, entry) in column.panes.enumerated() {
        panes.append((entry.0, Rect(x: x, y: y, width: widths[i], height: heights[j])))
        y += heights[j]
      }
      x += widths[i]
      if i < columns.count - 1 {
        separators.append(Rect(x: x, y: body.y, width: 1, height: body.height))
        x += 1
      }
    }
    return Layout(title: title, status: status, panes: panes, separators: separators, tooSmall: nil)
  }

  /// Splits `total` into parts proportional to `weights`, summing exactly to `total`.
  static func split(_ total: Int, _ weights: [Int]) -> [Int] {
    let sum = weights.reduce(0, +)
    var parts = weights.map { total * $0 / sum }
    var rest = total - parts.reduce(0, +)
    var i = 0
    while rest > 0 {
      parts[i % parts.count] += 1
      rest -= 1
      i += 1
    }
    return parts
  }
}
