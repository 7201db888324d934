// The object graph flattened into the rows the Objects pane shows: a
// depth-first walk from the roots that descends only into expanded nodes.
// A node whose object already appears on the path above it is a cycle's
// back-edge: it is marked and never expanded, so the walk always ends.
// Only the rows needed are produced (`limit`), so a list of a million items
// costs as much as the screen shows.

/// One visible row of the object tree.
struct GraphRow: Equatable {
  /// Object ids from the root's target down to this node.
  var path: [ObjectRef]
  /// The edge's label ("x", "[0]", ".next").
  var label: String
  /// Tree prefix ("│ ├─") before the marker.
  var prefix: String
  /// Whether the node closes a cycle (its object is an ancestor).
  var isBackEdge: Bool
  var isExpanded: Bool
  var hasChildren: Bool
}

enum GraphTree {
  /// At most `limit` rows of the tree of `data` with `expanded` nodes open.
  static func rows<D: ReplayDriver>(_ data: D, expanded: Set<[ObjectRef]>, glyphs: Glyphs, limit: Int)
    -> [GraphRow]
  {
    var rows: [GraphRow] = []
    let roots = data.roots
    for (i, edge) in roots.enumerated() {
      guard rows.count < limit else { break }
      visit(
        data, edge: edge, path: [edge.target], prefix: "", isLast: i == roots.count - 1, expanded: expanded,
        glyphs: glyphs, limit: limit, depth: 0, into: &rows)
    }
    return rows
  }

  private static func visit<D: ReplayDriver>(
    _ data: D, edge: GraphEdge, path: [ObjectRef], prefix: String, isLast: Bool, expanded: Set<[ObjectRef]>,
    glyphs: Glyphs, limit: Int, depth: Int, into rows: inout [GraphRow]
  ) {
    let isBackEdge = path.dropLast().contains(edge.target)
    let count = isBackEdge ? 0 : data.referentCount(of: edge.target)
    let isExpanded = count > 0 && expanded.contains(path)
    let branch = depth == 0 ? "" : (isLast ? glyphs.treeLast : glyphs.treeBranch)
    rows.append(
      GraphRow(
        path: path, label: edge.label, prefix: prefix + branch, isBackEdge: isBackEdge,
        isExpanded: isExpanded, hasChildren: count > 0))
    guard isExpanded else { return }
    let childPrefix = depth == 0 ? "" : prefix + (isLast ? "  " : glyphs.treeLine)
    let children = data.referents(of: edge.target, in: 0..<min(count, limit - rows.count))
    for (i, child) in children.enumerated() {
      guard rows.count < limit else { return }
      visit(
        data, edge: child, path: path + [child.target], prefix: childPrefix, isLast: i == count - 1,
        expanded: expanded, glyphs: glyphs, limit: limit, depth: depth + 1, into: &rows)
    }
  }
}
