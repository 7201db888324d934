// The heap grid at three zoom levels.
//
//   arenas   a0 ▓▓▓█▓▒░░····       one row per mapped arena, one cell per pool:
//            a1 █████▓▒·······     glyph = fullness, colour = size class
//   arena    ▓  12  48 B 127/340   one cell per pool: class, blocks used/total
//   pool     ██○██·····            one cell per block: used (colour = the type
//                                  holding it), free-listed, never used
//
// Row 0 of the pane describes what is under the cursor, so the grid itself
// can stay one character per pool or block. `geometry` is shared with
// `AppState.sync` so cursor movement and drawing agree on cells per row.

import HeapModel

/// The Heap grid pane.
enum HeapView {
  /// Columns of one pool cell at the arena zoom.
  static let arenaCellWidth = 20

  /// Label width at the arenas zoom ("a12 ").
  static func arenaLabelWidth(arenaCount: Int, lastIndex: Int) -> Int { String(lastIndex).count + 2 }

  /// Cells per grid row at `zoom` in a content rectangle `rect`.
  static func cellsPerRow(zoom: HeapZoom, rect: Rect, labelWidth: Int) -> Int {
    switch zoom {
    case .arenas: return max(1, min(64, rect.width - labelWidth))
    case .arena: return max(1, rect.width / arenaCellWidth)
    case .pool: return max(1, rect.width)
    }
  }

  /// Rows of the content rectangle used by the grid (below the info lines).
  static func gridRows(zoom: HeapZoom, rect: Rect) -> Int {
    switch zoom {
    case .arenas: return max(0, rect.height - 1)
    case .arena: return max(0, rect.height - 1)
    case .pool: return max(0, rect.height - 3)
    }
  }

  /// Where the arenas-level grid puts its rows in content rectangle `rect`.
  struct ArenasGeometry {
    var labelWidth: Int
    var perRow: Int
    var linesPerArena: Int
    /// Index into `heap.arenas` of the first arena shown.
    var first: Int
  }

  static func arenasGeometry(_ heap: AppState.HeapGrid, rect: Rect) -> ArenasGeometry {
    let labelWidth = arenaLabelWidth(
      arenaCount: heap.arenas.count, lastIndex: heap.arenas.last?.rawValue ?? 0)
    let perRow = cellsPerRow(zoom: .arenas, rect: rect, labelWidth: labelWidth)
    let linesPerArena = (64 + perRow - 1) / perRow
    let visibleArenas = max(1, (rect.height - 1) / linesPerArena)
    let row = clamp(heap.row, 0, heap.arenas.count - 1)
    return ArenasGeometry(
      labelWidth: labelWidth, perRow: perRow, linesPerArena: linesPerArena,
      first: max(0, row - visibleArenas + 1))
  }

  /// The cell under (x, y) of content rectangle `rect`: (row, column) as `AppState.HeapGrid` keeps them.
  static func cell(at x: Int, _ y: Int, heap: AppState.HeapGrid, rect: Rect) -> (row: Int, column: Int)? {
    switch heap.zoom {
    case .arenas:
      let g = arenasGeometry(heap, rect: rect)
      let line = y - rect.y - 1
      let dx = x - rect.x - g.labelWidth
      guard line >= 0, dx >= 0, dx < g.perRow else { return nil }
      let row = g.first + line / g.linesPerArena
      let column = (line % g.linesPerArena) * g.perRow + dx
      guard row < heap.arenas.count, column < 64 else { return nil }
      return (row, column)
    case .arena:
      let perRow = cellsPerRow(zoom: heap.zoom, rect: rect, labelWidth: 0)
      let line = y - rect.y - 1
      let dx = (x - rect.x) / arenaCellWidth
      guard line >= 0, x >= rect.x, dx < perRow else { return nil }
      let column = (line + heap.scroll) * perRow + dx
      return column < heap.cellCount ? (heap.row, column) : nil
    case .pool:
      let perRow = cellsPerRow(zoom: heap.zoom, rect: rect, labelWidth: 0)
      let line = y - rect.y - 2
      guard line >= 0, x >= rect.x, x - rect.x < perRow else { return nil }
      let column = (line + heap.scroll) * perRow + (x - rect.x)
      return column < heap.cellCount ? (heap.row, column) : nil
    }
  }

  static func render<D: ReplayDriver>(
    _ state: AppState, _ data: D, in rect: Rect, into buffer: inout CellBuffer
  ) {
    guard !rect.isEmpty else { return }
    let allocator = data.allocator
    let selected = state.selection.flatMap { data.object($0) }
    let selectedLocation = selected.flatMap { $0.block }.flatMap {
      allocator.isLive($0) ? allocator.locate($0) : nil
    }
    let focused = state.focus == .heap
    switch state.heap.zoom {
    case .arenas:
      renderArenas(state, allocator, selectedLocation, focused, rect, &buffer)
    case .arena(let arena):
      renderArena(state, arena, allocator, selectedLocation, focused, rect, &buffer)
    case .pool(let pool):
      renderPool(state, data, pool, allocator, selected, focused, rect, &buffer)
    }
  }

  static func poolGlyph(_ pool: PoolSummary, _ g: Glyphs) -> (Unicode.Scalar, Style) {
    switch pool.state {
    case .neverCarved: return (g.neverCarved, .poolNeverCarved)
    case .empty: return (g.fullness[0], .poolEmpty)
    case .full: return (g.fullness[3], sizeClassHue(pool.sizeClass?.index ?? 0))
    case .used:
      let half = pool.blocksInUse * 2 < pool.blockCapacity
      return (half ? g.fullness[1] : g.fullness[2], sizeClassHue(pool.sizeClass?.index ?? 0))
    }
  }

  static func poolDescription(_ pool: PoolSummary) -> String {
    switch pool.state {
    case .neverCarved: return "\(pool.index) never carved"
    case .empty:
      let last = pool.sizeClass.map { ", last served \($0.blockSize) B" } ?? ""
      return "\(pool.index) empty\(last)"
    case .used, .full:
      let size = pool.sizeClass?.blockSize ?? 0
      let state = pool.state == .full ? "full" : "used"
      return "\(pool.index) \(state) · \(size) B blocks · \(pool.blocksInUse)/\(pool.blockCapacity) in use"
    }
  }

  private static func renderArenas(
    _ state: AppState, _ allocator: Allocator, _ selected: BlockLocation?, _ focused: Bool, _ rect: Rect,
    _ buffer: inout CellBuffer
  ) {
    let arenas = state.heap.arenas
    let g = state.glyphs
    guard !arenas.isEmpty else {
      buffer.put("no arenas mapped yet", x: rect.x, y: rect.y, style: .dim, clip: rect)
      return
    }
    let geometry = arenasGeometry(state.heap, rect: rect)
    let (labelWidth, perRow, linesPerArena, first) = (
      geometry.labelWidth, geometry.perRow, geometry.linesPerArena, geometry.first
    )
    let grid = rect.droppingTop(1)
    let row = clamp(state.heap.row, 0, arenas.count - 1)
    var y = grid.y
    var cursorInfo = ""
    for i in first..<arenas.count {
      guard y + linesPerArena <= grid.y + grid.height || y == grid.y else { break }
      let arena = arenas[i]
      buffer.put("a\(arena.rawValue)", x: grid.x, y: y, style: .lineNumber, clip: grid)
      for (p, pool) in allocator.poolSummaries(in: arena).enumerated() {
        var (glyph, style) = poolGlyph(pool, g)
        var attributes: Attributes = []
        if selected?.pool == pool.index { style = .selected }
        if focused && i == row && p == state.heap.column {
          attributes = .reverse
          cursorInfo = "\(arena) · " + poolDescription(pool)
        }
        buffer.put(
          glyph, x: grid.x + labelWidth + p % perRow, y: y + p / perRow, style: style, attributes: attributes,
          clip: grid)
      }
      y += linesPerArena
    }
    let info =
      cursorInfo.isEmpty
      ? "\(arenas.count) arenas · \(allocator.blocksInUse) blocks in use" : cursorInfo
    buffer.put(info, x: rect.x, y: rect.y, style: .dim, maxWidth: rect.width, clip: rect)
  }

  private static func renderArena(
    _ state: AppState, _ arena: ArenaIndex, _ allocator: Allocator, _ selected: BlockLocation?,
    _ focused: Bool, _ rect: Rect, _ buffer: inout CellBuffer
  ) {
    let summary = allocator.arenaSummary(arena)
    let pools = allocator.poolSummaries(in: arena)
    buffer.put(
      "\(arena) @\(summary.base) · \(summary.totalPools) pools, \(summary.freePools) free", x: rect.x,
      y: rect.y, style: .dim, maxWidth: rect.width, clip: rect)
    let grid = rect.droppingTop(1)
    let perRow = cellsPerRow(zoom: .arena(arena), rect: rect, labelWidth: 0)
    let scroll = state.heap.scroll
    for (p, pool) in pools.enumerated() {
      let gridRow = p / perRow - scroll
      guard gridRow >= 0 else { continue }
      guard gridRow < grid.height else { break }
      let x = grid.x + (p % perRow) * arenaCellWidth
      let y = grid.y + gridRow
      var (glyph, style) = poolGlyph(pool, state.glyphs)
      if selected?.pool == pool.index { style = .selected }
      let isCursor = focused && p == state.heap.column
      let attributes: Attributes = isCursor ? .reverse : []
      buffer.put(glyph, x: x, y: y, style: style, attributes: attributes, clip: grid)
      let offset = pool.index.rawValue % 64
      var text = padLeft(offset, 3)
      if let sizeClass = pool.sizeClass, pool.state != .empty {
        text +=
          padLeft("\(sizeClass.blockSize) B", 6) + " "
          + padLeft("\(pool.blocksInUse)/\(pool.blockCapacity)", 8)
      } else {
        text += pool.state == .empty ? "  empty" : "  ·"
      }
      buffer.put(
        text, x: x + 1, y: y, style: isCursor ? .cursor : .normal, maxWidth: arenaCellWidth - 2, clip: grid)
    }
  }

  private static func renderPool<D: ReplayDriver>(
    _ state: AppState, _ data: D, _ pool: PoolIndex, _ allocator: Allocator, _ selected: ObjectSnapshot?,
    _ focused: Bool, _ rect: Rect, _ buffer: inout CellBuffer
  ) {
    let summary = allocator.poolSummary(pool)
    buffer.put(
      "\(summary.arena) · " + poolDescription(summary), x: rect.x, y: rect.y, style: .dim,
      maxWidth: rect.width, clip: rect)
    let blocks = allocator.blockSummaries(in: pool)
    let grid = Rect(
      x: rect.x, y: rect.y + 2, width: rect.width, height: gridRows(zoom: .pool(pool), rect: rect))
    let perRow = cellsPerRow(zoom: .pool(pool), rect: rect, labelWidth: 0)
    let g = state.glyphs
    var legend: [String: Style] = [:]
    var cursorText = blocks.isEmpty ? "no blocks: pool never carved" : ""
    for block in blocks {
      let gridRow = block.index / perRow - state.heap.scroll
      let isCursor = focused && block.index == state.heap.column
      var glyph: Unicode.Scalar
      var style: Style
      switch block.state {
      case .inUse:
        let owner = data.ownerType(of: block.address)
        glyph = g.blockUsed
        style = owner.map { typeHue($0.typeName) } ?? .dim
        if let owner, legend.count < 8 { legend[owner.typeName] = style }
        if owner != nil, owner?.id == selected?.id { style = .selected }
      case .free:
        glyph = g.blockFree
        style = .blockFree
      case .neverUsed:
        glyph = g.blockNeverUsed
        style = .blockNeverUsed
      }
      if isCursor {
        cursorText = blockText(block, block.state == .inUse ? data.owner(of: block.address) : nil)
      }
      guard gridRow >= 0, gridRow < grid.height else { continue }
      buffer.put(
        glyph, x: grid.x + block.index % perRow, y: grid.y + gridRow, style: style,
        attributes: isCursor ? .reverse : [], clip: grid)
    }
    buffer.put(cursorText, x: rect.x, y: rect.y + 1, maxWidth: rect.width, clip: rect)
    if rect.height >= 4 {
      var x = rect.x
      let y = rect.y + rect.height - 1
      for (name, style) in legend.sorted(by: { $0.key < $1.key }) {
        guard x + displayWidth(name) + 3 <= rect.x + rect.width else { break }
        buffer.put(g.blockUsed, x: x, y: y, style: style, clip: rect)
        x += 1 + buffer.put(" \(name) ", x: x + 1, y: y, style: .dim, clip: rect)
      }
      let rest = "\(g.blockFree) free  \(g.blockNeverUsed) never used"
      if x + displayWidth(rest) <= rect.x + rect.width {
        buffer.put(rest, x: x, y: y, style: .dim, clip: rect)
      }
    }
  }

  private static func blockText(_ block: BlockSummary, _ owner: BlockOwner?) -> String {
    let head = "block \(block.index) @\(block.address): "
    switch block.state {
    case .inUse:
      guard let owner else { return head + "in use" }
      let o = owner.object
      let part = owner.part.map { " (\($0))" } ?? ""
      return head + "\(o.typeName)\(part) \(o.repr) · \(o.size) B · rc \(o.refcount)"
    case .free(let position): return head + "free, #\(position) on the free list"
    case .neverUsed: return head + "never used"
    }
  }
}
