// The object graph as an expandable tree from the roots:
//
//   ▾ cycle: Node <Node a>  48 B · rc 2 · gen 0 · 0x7f3a00000030
//     └─▸ .next: Node <Node b>  48 B · rc 1 · gen 0 · 0x7f3a00000060
//         └─↺ .next: Node (back to an ancestor: a cycle)

/// The Objects pane.
enum GraphView {
  static func render<D: ReplayDriver>(
    _ state: AppState, _ data: D, in rect: Rect, into buffer: inout CellBuffer
  ) {
    guard !rect.isEmpty else { return }
    var list = rect
    if let chain = state.graph.whyAliveChain, rect.height >= 3 {
      list = Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - 1)
      let text = "why alive: " + chain.joined(separator: state.glyphs.arrow)
      buffer.put(
        text, x: rect.x, y: rect.y + rect.height - 1, style: .message, maxWidth: rect.width, clip: rect)
    }
    let rows = GraphTree.rows(
      data, expanded: state.graph.expanded, glyphs: state.glyphs, limit: state.graph.scroll + list.height)
    if rows.isEmpty {
      buffer.put("no roots yet", x: rect.x, y: rect.y, style: .dim, clip: rect)
      return
    }
    let g = state.glyphs
    for (i, row) in rows.enumerated().dropFirst(state.graph.scroll) {
      let y = list.y + i - state.graph.scroll
      guard y < list.y + list.height else { break }
      let isCursor = i == state.graph.cursor && state.focus == .graph
      let id = row.path.last!
      let object = data.object(id)
      var x = list.x + buffer.put(row.prefix, x: list.x, y: y, style: .dim, clip: list)
      let marker: Unicode.Scalar =
        row.isBackEdge ? g.backEdge : (row.hasChildren ? (row.isExpanded ? g.expanded : g.collapsed) : " ")
      x += buffer.put(marker, x: x, y: y, style: row.isBackEdge ? .backEdge : .normal, clip: list)
      x += buffer.put(" ", x: x, y: y, clip: list)
      let isSelected = state.selection == id
      let labelStyle: Style = isCursor ? .cursor : (isSelected ? .selected : .normal)
      x += buffer.put(row.label + ":", x: x, y: y, style: labelStyle, attributes: .bold, clip: list)
      guard let object else {
        buffer.put(" <freed>", x: x, y: y, style: .dim, clip: list)
        continue
      }
      if row.isBackEdge {
        buffer.put(
          " \(object.typeName) (back to an ancestor: a cycle)", x: x, y: y, style: .backEdge, clip: list)
        continue
      }
      x += buffer.put(" " + object.typeName, x: x, y: y, style: typeHue(object.typeName), clip: list)
      x += buffer.put(" " + object.repr, x: x, y: y, clip: list)
      let details =
        "  \(object.size) B · rc \(object.refcount) · \(generationText(object.generation)) · \(object.address)"
      buffer.put(details, x: x, y: y, style: .dim, clip: list)
    }
  }
}
