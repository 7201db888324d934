// After the replay moves (or the screen changes size) the parts of the state
// that mirror the replay are refreshed here: the arenas and pools the heap
// cursor walks over, the rows of the object tree, the scroll positions that
// keep cursors and the current line in view, and the shared selection.
// Cursors are clamped, never reset, so stepping keeps your place.

import HeapModel

extension AppState {
  /// Refreshes the mirrored parts of the state from `data`.
  public mutating func sync<D: ReplayDriver>(with data: D) {
    let position = data.position
    isFinished = position.isFinished
    isCollecting = data.hasCollectorPhaseAhead || data.gc.collection != nil
    if isRunning && isFinished { isRunning = false }
    let layout = Layout.compute(size: size, state: self)
    syncSource(position, lineCount: data.sourceLines.count, layout: layout)
    syncHeap(data.allocator, layout: layout)
    syncGraph(data, layout: layout)
    if focus == .heap, case .pool(let pool) = heap.zoom {
      let blocks = data.allocator.blockSummaries(in: pool)
      if heap.column < blocks.count, blocks[heap.column].state == .inUse,
        let owner = data.owner(of: blocks[heap.column].address)
      {
        selection = owner.object.id
      }
    }
    if let id = selection, data.object(id) == nil { selection = nil }
  }

  private mutating func syncSource(_ position: ReplayPosition, lineCount: Int, layout: Layout) {
    guard position.line != lastLine else { return }
    lastLine = position.line
    guard let line = position.line, let rect = layout.rect(of: .source) else { return }
    let rows = max(1, rect.height - 1)
    sourceScroll = clamp(line - 1 - rows / 2, 0, max(0, lineCount - rows))
  }

  private mutating func syncHeap(_ allocator: Allocator, layout: Layout) {
    heap.arenas = allocator.arenaSummaries().map(\.index)
    let mapped = Set(heap.arenas)
    let zoomedArena: ArenaIndex?
    switch heap.zoom {
    case .arenas: zoomedArena = nil
    case .arena(let a): zoomedArena = a
    case .pool(let p): zoomedArena = heap.arenaOfPool(p)
    }
    if let zoomedArena, !mapped.contains(zoomedArena) {
      heap.zoom = .arenas
      heap.stack = []
      message = "\(zoomedArena) was released"
    }
    let rect = layout.rect(of: .heap)?.droppingTop(1) ?? Rect(x: 0, y: 0, width: 80, height: 20)
    switch heap.zoom {
    case .arenas:
      heap.row = clamp(heap.row, 0, heap.arenas.count - 1)
      heap.cellCount = heap.arenas.isEmpty ? 0 : allocator.arenaSummary(heap.arenas[heap.row]).totalPools
      heap.pools = []
      heap.cellsPerRow = 64
    case .arena(let a):
      heap.pools = allocator.poolSummaries(in: a).map(\.index)
      heap.cellCount = heap.pools.count
      heap.cellsPerRow = HeapView.cellsPerRow(zoom: heap.zoom, rect: rect, labelWidth: 0)
    case .pool(let p):
      heap.cellCount = allocator.poolSummary(p).blockCapacity
      heap.cellsPerRow = HeapView.cellsPerRow(zoom: heap.zoom, rect: rect, labelWidth: 0)
    }
    heap.column = clamp(heap.column, 0, heap.cellCount - 1)
    let visible = max(1, HeapView.gridRows(zoom: heap.zoom, rect: rect))
    let cursorRow = heap.column / max(1, heap.cellsPerRow)
    if cursorRow < heap.scroll { heap.scroll = cursorRow }
    if cursorRow >= heap.scroll + visible { heap.scroll = cursorRow - visible + 1 }
  }

  private mutating func syncGraph<D: ReplayDriver>(_ data: D, layout: Layout) {
    let height = max(1, (layout.rect(of: .graph)?.height ?? 10) - 1 - (graph.whyAliveChain == nil ? 0 : 1))
    if let target = graph.pendingFocus {
      for i in 1..<target.count { graph.expanded.insert(Array(target.prefix(i))) }
      let rows = GraphTree.rows(data, expanded: graph.expanded, glyphs: glyphs, limit: 100_000)
      if let row = rows.firstIndex(where: { $0.path == target }) { graph.cursor = row }
      graph.pendingFocus = nil
    }
    let rows = GraphTree.rows(
      data, expanded: graph.expanded, glyphs: glyphs, limit: max(graph.cursor, graph.scroll) + 2 * height + 1)
    graph.rowCount = rows.count
    graph.cursor = clamp(graph.cursor, 0, rows.count - 1)
    graph.cursorPath = rows.isEmpty ? [] : rows[graph.cursor].path
    if graph.cursor < graph.scroll { graph.scroll = graph.cursor }
    if graph.cursor >= graph.scroll + height { graph.scroll = graph.cursor - height + 1 }
    if focus == .graph, let id = graph.cursorPath.last { selection = id }
  }
}
