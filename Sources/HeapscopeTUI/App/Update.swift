import HeapModel

// The one place where input changes state. Pure: no replay, no terminal, no
// clock. What needs the replay comes back as `Effect`s for the app loop.

/// Applies `action` to `state` and returns the work left for the app loop.
public func update(_ state: inout AppState, _ action: Action) -> [Effect] {
  state.message = nil
  switch action {
  case .step: return [.step]
  case .microStep: return [.microStep]
  case .stepBack: return [.stepBack]
  case .continueToBreakpoint:
    state.isRunning = false
    return [.continueToBreakpoint]
  case .runToggle:
    if state.isFinished && !state.isRunning {
      state.message = "the program has finished"
    } else {
      state.isRunning.toggle()
    }
  case .faster: state.speedLevel = min(AppState.speeds.count - 1, state.speedLevel + 1)
  case .slower: state.speedLevel = max(0, state.speedLevel - 1)
  case .tick:
    guard state.isRunning else { return [] }
    if state.isFinished {
      state.isRunning = false
      return []
    }
    return [state.isCollecting ? .microStepToNextPhase : .step]
  case .nextPane, .previousPane:
    let panes = Pane.allCases
    let i = panes.firstIndex(of: state.focus)!
    let delta = action == .nextPane ? 1 : panes.count - 1
    state.focus = panes[(i + delta) % panes.count]
  case .maximise: state.isMaximised.toggle()
  case .zoomIn: zoomIn(&state)
  case .zoomOut: zoomOut(&state)
  case .moveUp: move(&state, dx: 0, dy: -1)
  case .moveDown: move(&state, dx: 0, dy: 1)
  case .moveLeft: move(&state, dx: -1, dy: 0)
  case .moveRight: move(&state, dx: 1, dy: 0)
  case .pageUp: move(&state, dx: 0, dy: -pageRows(state))
  case .pageDown: move(&state, dx: 0, dy: pageRows(state))
  case .whyAlive:
    guard let id = state.selection else {
      state.message = "select an object first (Objects pane or a block in a pool)"
      return []
    }
    return [.whyAlive(id)]
  case .openGoTo: state.input = AppState.InputLine(purpose: .goTo, text: "")
  case .openSearch: state.input = AppState.InputLine(purpose: .search, text: "")
  case .openSeekNext:
    state.isRunning = false
    state.input = AppState.InputLine(
      purpose: .seekEvent(forward: true), text: state.lastEventSearch,
      isOffered: !state.lastEventSearch.isEmpty)
  case .openSeekPrevious:
    state.isRunning = false
    state.input = AppState.InputLine(
      purpose: .seekEvent(forward: false), text: state.lastEventSearch,
      isOffered: !state.lastEventSearch.isEmpty)
  case .inputCharacter(let c):
    if state.input?.isOffered == true { state.input?.text = "" }
    state.input?.isOffered = false
    state.input?.text.append(c)
  case .inputBackspace:
    if state.input?.isOffered == true { state.input?.text = "" }
    state.input?.isOffered = false
    if state.input?.text.isEmpty == false { state.input?.text.removeLast() }
  case .inputCancel: state.input = nil
  case .inputSubmit: return submitInput(&state)
  case .toggleHelp: state.showsHelp.toggle()
  case .closeHelp: state.showsHelp = false
  case .click(let x, let y): click(&state, x: x, y: y)
  case .resize(let size): state.size = size
  case .quit: return [.quit]
  }
  return []
}

private func submitInput(_ state: inout AppState) -> [Effect] {
  guard let input = state.input else { return [] }
  state.input = nil
  let text = String(input.text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  switch input.purpose {
  case .goTo:
    let lower = text.lowercased()
    if lower.hasPrefix("0x"), let address = UInt64(lower.dropFirst(2), radix: 16) {
      return [.selectAddress(address)]
    }
    if let step = Int(text), step >= 0 { return [.seek(step: step)] }
    state.message = "not a step number or 0x address: \(text)"
    return []
  case .search:
    guard !text.isEmpty else { return [] }
    return [.search(text)]
  case .seekEvent(let forward):
    switch EventSearch.parse(text, selection: state.selection) {
    case .success(let search):
      state.lastEventSearch = text
      return [.seekEvent(search, forward: forward)]
    case .failure(let error):
      state.message = error.message
      return []
    }
  }
}

private func pageRows(_ state: AppState) -> Int {
  let layout = Layout.compute(size: state.size, state: state)
  return max(1, (layout.rect(of: state.focus)?.height ?? 10) - 2)
}

private func zoomIn(_ state: inout AppState) {
  switch state.focus {
  case .heap:
    let heap = state.heap
    switch heap.zoom {
    case .arenas:
      guard heap.row < heap.arenas.count else { return }
      state.heap.stack.append(HeapZoomFrame(zoom: heap.zoom, row: heap.row, column: heap.column))
      state.heap.zoom = .arena(heap.arenas[heap.row])
      state.heap.row = 0
      state.heap.scroll = 0
    case .arena:
      guard heap.column < heap.pools.count else { return }
      state.heap.stack.append(HeapZoomFrame(zoom: heap.zoom, row: heap.row, column: heap.column))
      state.heap.zoom = .pool(heap.pools[heap.column])
      state.heap.column = 0
      state.heap.scroll = 0
    case .pool:
      state.message = "deepest zoom: press w for why the selected block's object is alive"
    }
  case .graph:
    let path = state.graph.cursorPath
    guard !path.isEmpty else { return }
    if state.graph.expanded.contains(path) {
      state.graph.expanded.remove(path)
    } else {
      state.graph.expanded.insert(path)
    }
  default: break
  }
}

private func zoomOut(_ state: inout AppState) {
  switch state.focus {
  case .heap:
    if let frame = state.heap.stack.popLast() {
      state.heap.zoom = frame.zoom
      state.heap.row = frame.row
      state.heap.column = frame.column
    } else {
      switch state.heap.zoom {
      case .arenas: return
      case .arena(let a):
        state.heap.row = state.heap.arenas.firstIndex(of: a) ?? 0
        state.heap.zoom = .arenas
      case .pool(let p):
        state.heap.column = 0
        state.heap.zoom = .arena(state.heap.arenaOfPool(p))
      }
    }
    state.heap.scroll = 0
  case .graph:
    if state.graph.whyAliveChain != nil {
      state.graph.whyAliveChain = nil
      return
    }
    collapseOrParent(&state)
  default: break
  }
}

private func collapseOrParent(_ state: inout AppState) {
  let path = state.graph.cursorPath
  if state.graph.expanded.contains(path) {
    state.graph.expanded.remove(path)
  } else if path.count > 1 {
    state.graph.pendingFocus = Array(path.dropLast())
  }
}

private func move(_ state: inout AppState, dx: Int, dy: Int) {
  switch state.focus {
  case .heap:
    var heap = state.heap
    switch heap.zoom {
    case .arenas:
      heap.row = clamp(heap.row + dy, 0, heap.arenas.count - 1)
      heap.column = clamp(heap.column + dx, 0, heap.cellCount - 1)
    case .arena, .pool:
      let step = dx + dy * max(1, heap.cellsPerRow)
      heap.column = clamp(heap.column + step, 0, heap.cellCount - 1)
    }
    state.heap = heap
  case .graph:
    if dx < 0 {
      collapseOrParent(&state)
    } else {
      state.graph.cursor = clamp(state.graph.cursor + dy, 0, state.graph.rowCount - 1)
    }
  case .source:
    state.sourceScroll = max(0, state.sourceScroll + dy)
  case .events, .gc, .stats:
    state.scrolls[state.focus] = max(0, (state.scrolls[state.focus] ?? 0) + dy)
  }
}

private func click(_ state: inout AppState, x: Int, y: Int) {
  if state.showsHelp {
    state.showsHelp = false
    return
  }
  let layout = Layout.compute(size: state.size, state: state)
  guard let (pane, rect) = layout.panes.first(where: { $0.1.contains(x: x, y: y) }) else { return }
  state.focus = pane
  let row = y - rect.y - 1
  guard row >= 0 else { return }
  switch pane {
  case .graph:
    state.graph.cursor = clamp(state.graph.scroll + row, 0, state.graph.rowCount - 1)
  case .heap:
    if let cell = HeapView.cell(at: x, y, heap: state.heap, rect: rect.droppingTop(1)) {
      state.heap.row = cell.row
      state.heap.column = cell.column
    }
  default: break
  }
}

func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int {
  high < low ? low : min(max(value, low), high)
}

extension AppState.HeapGrid {
  /// The arena holding pool `p`: pools are numbered `arena · 64 + i` in every
  /// version (`AllocatorConstants.maxPoolsPerArena`, which the model fixes at 64).
  func arenaOfPool(_ p: PoolIndex) -> ArenaIndex { ArenaIndex(p.rawValue / 64) }
}
