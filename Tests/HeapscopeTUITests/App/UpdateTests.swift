import HeapModel
import Testing

@testable import HeapscopeTUI

@Suite struct UpdateTests {
  /// Applies actions like the app loop does: update, perform effects, sync.
  private func run(_ actions: [Action], _ state: inout AppState, _ driver: inout FakeReplayDriver) -> Bool {
    for action in actions {
      for effect in update(&state, action) where !state.perform(effect, on: &driver) { return false }
      state.sync(with: driver)
    }
    return true
  }

  private func fresh(at step: Int = 3) -> (AppState, FakeReplayDriver) {
    let driver = TourScript.driver(at: step)
    var state = AppState(size: TerminalSize(width: 120, height: 40))
    state.sync(with: driver)
    return (state, driver)
  }

  @Test func tabCyclesEveryPaneAndShiftTabGoesBack() {
    var (state, driver) = fresh()
    var seen: [Pane] = [state.focus]
    for _ in 0..<Pane.allCases.count {
      _ = run([.nextPane], &state, &driver)
      seen.append(state.focus)
    }
    #expect(seen == Pane.allCases + [.source])
    _ = run([.previousPane], &state, &driver)
    #expect(state.focus == .stats)
  }

  @Test func zoomGoesArenasArenaPoolAndBack() throws {
    var (state, driver) = fresh()
    state.focus = .heap
    _ = run([.moveRight, .moveRight, .zoomIn], &state, &driver)
    #expect(state.heap.zoom == .arena(ArenaIndex(0)))
    #expect(state.heap.column == 2)
    _ = run([.zoomIn], &state, &driver)
    #expect(state.heap.zoom == .pool(PoolIndex(2)))
    #expect(state.heap.cellCount == driver.allocator.poolSummary(PoolIndex(2)).blockCapacity)
    _ = run([.moveRight, .zoomOut], &state, &driver)
    #expect(state.heap.zoom == .arena(ArenaIndex(0)))
    #expect(state.heap.column == 2)
    _ = run([.zoomOut], &state, &driver)
    #expect(state.heap.zoom == .arenas)
    _ = run([.zoomOut], &state, &driver)
    #expect(state.heap.zoom == .arenas)
  }

  @Test func heapCursorIsClampedToTheGrid() {
    var (state, driver) = fresh()
    state.focus = .heap
    _ = run(Array(repeating: .moveLeft, count: 5) + Array(repeating: .moveUp, count: 5), &state, &driver)
    #expect(state.heap.row == 0)
    #expect(state.heap.column == 0)
    _ = run(Array(repeating: .moveRight, count: 100), &state, &driver)
    #expect(state.heap.column == driver.allocator.arenaSummary(ArenaIndex(0)).totalPools - 1)
    _ = run([.moveDown], &state, &driver)
    #expect(state.heap.row == 0)
  }

  @Test func selectingABlockInAPoolSelectsItsObjectEverywhere() throws {
    var (state, driver) = fresh(at: 4)
    let node = try #require(driver.object(ObjectRef(4)))
    let location = try #require(driver.allocator.locate(node.address))
    state.focus = .heap
    _ = run([.zoomIn], &state, &driver)
    for _ in 0..<location.pool.rawValue % 64 { _ = run([.moveRight], &state, &driver) }
    _ = run([.zoomIn], &state, &driver)
    for _ in 0..<location.block { _ = run([.moveRight], &state, &driver) }
    #expect(state.selection == ObjectRef(4))
    let screen = renderScreen(driver: driver, size: state.size)
    #expect(screen.contains("Node"))
  }

  @Test func maximiseTogglesAndTheLayoutFollows() {
    var (state, driver) = fresh()
    state.focus = .graph
    _ = run([.maximise], &state, &driver)
    let layout = Layout.compute(size: state.size, state: state)
    #expect(layout.panes.map(\.0) == [.graph])
    #expect(layout.panes[0].1 == Rect(x: 0, y: 1, width: 120, height: 38))
    _ = run([.maximise], &state, &driver)
    #expect(Layout.compute(size: state.size, state: state).panes.count == 6)
  }

  @Test func stepBackAndForthMovesTheReplay() {
    var (state, driver) = fresh(at: 0)
    _ = run([.step, .step, .step], &state, &driver)
    #expect(driver.position.step == 3)
    _ = run([.stepBack], &state, &driver)
    #expect(driver.position.step == 2)
    _ = run([.microStep], &state, &driver)
    #expect(driver.position.step == 2)
    #expect(driver.position.eventIndex == driver.events.count - 1)
    #expect(driver.events.first?.cFunction == "allocate_from_new_pool")
    _ = run([.continueToBreakpoint], &state, &driver)
    #expect(driver.position.line == 12)
  }

  @Test func goToTakesAStepNumberOrAnAddress() throws {
    var (state, driver) = fresh(at: 0)
    _ = run([.openGoTo] + "8".map { .inputCharacter($0) } + [.inputSubmit], &state, &driver)
    #expect(driver.position.step == 8)
    #expect(state.input == nil)
    let table = driver.object(ObjectRef(8))
    try #require(table != nil)
    let text = "\(table!.address)"
    _ = run([.openGoTo] + text.map { .inputCharacter($0) } + [.inputSubmit], &state, &driver)
    #expect(state.selection == ObjectRef(8))
    let location = driver.allocator.locate(table!.address)
    #expect(location != nil)
    #expect(state.heap.zoom == .pool(location!.pool))
    #expect(state.heap.column == location!.block)
    _ = run([.openGoTo] + "zz".map { .inputCharacter($0) } + [.inputSubmit], &state, &driver)
    #expect(state.message == "not a step number or 0x address: zz")
  }

  @Test func whileTypingNoOtherBindingFires() {
    var (state, driver) = fresh(at: 2)
    state.focus = .heap
    let keys: [Key] = "qnbz".map { .character($0) } + [.backspace, .character("x")]
    _ = run([.openSearch], &state, &driver)
    for key in keys {
      guard let action = KeyMap.default.action(for: key, in: state) else { continue }
      #expect(run([action], &state, &driver))
    }
    #expect(state.input?.text == "qnbx")
    #expect(driver.position.step == 2)
    #expect(!state.isMaximised)
    _ = run([.inputCancel], &state, &driver)
    #expect(state.input == nil)
  }

  @Test func searchSelectsTheFirstMatchAndRepeatingWalksOn() {
    var (state, driver) = fresh(at: 6)
    _ = run([.openSearch] + "dict".map { .inputCharacter($0) } + [.inputSubmit], &state, &driver)
    #expect(state.focus == .graph)
    let first = state.selection
    #expect(first == ObjectRef(5))
    #expect(state.graph.cursorPath == [ObjectRef(4), ObjectRef(5)])
    #expect(state.message == "match 1 of 2 for dict")
    _ = run([.openSearch] + "dict".map { .inputCharacter($0) } + [.inputSubmit], &state, &driver)
    #expect(state.selection == ObjectRef(7))
    #expect(state.graph.cursorPath == [ObjectRef(6), ObjectRef(7)])
    _ = run([.openSearch] + "nothing-like-it".map { .inputCharacter($0) } + [.inputSubmit], &state, &driver)
    #expect(state.message == "no object matches nothing-like-it")
  }

  @Test func whyAliveExpandsTheChainFromARoot() {
    var (state, driver) = fresh(at: 6)
    state.selection = ObjectRef(5)
    _ = run([.whyAlive], &state, &driver)
    #expect(state.focus == .graph)
    #expect(state.graph.whyAliveChain == ["a", ".__dict__"])
    #expect(state.graph.cursorPath == [ObjectRef(4), ObjectRef(5)])
    #expect(renderScreen(driver: driver, size: state.size).contains("a:") == true)
    _ = run([.zoomOut], &state, &driver)
    #expect(state.graph.whyAliveChain == nil)
  }

  @Test func whyAliveOfGarbageSaysSo() {
    var (state, driver) = fresh(at: 7)
    state.selection = ObjectRef(4)
    _ = run([.whyAlive], &state, &driver)
    #expect(state.message?.contains("reachable from no root") == true)
  }

  @Test func expandingATreeNodeShowsItsReferents() {
    var (state, driver) = fresh(at: 6)
    state.focus = .graph
    let before = state.graph.rowCount
    _ = run([.moveDown, .moveDown, .moveDown, .zoomIn], &state, &driver)
    #expect(state.graph.cursorPath == [ObjectRef(4)])
    #expect(state.graph.rowCount == before + 1)
    _ = run([.moveDown, .zoomIn, .moveDown, .zoomIn, .moveDown, .zoomIn, .moveDown], &state, &driver)
    let rows = GraphTree.rows(driver, expanded: state.graph.expanded, glyphs: .unicode, limit: 100)
    #expect(rows.contains { $0.isBackEdge && $0.path.last == ObjectRef(4) })
    _ = run([.moveLeft], &state, &driver)
    #expect(state.graph.cursorPath == [ObjectRef(4), ObjectRef(5), ObjectRef(6), ObjectRef(7)])
  }

  @Test func runModeStepsOnTicksAndStopsAtTheEnd() {
    var (state, driver) = fresh(at: 9)
    _ = run([.runToggle], &state, &driver)
    #expect(state.isRunning)
    _ = run([.faster, .faster], &state, &driver)
    #expect(state.tickMilliseconds == 1000 / AppState.speeds[4])
    _ = run([.tick], &state, &driver)
    #expect(driver.position.step == 10)
    _ = run([.tick, .tick], &state, &driver)
    #expect(driver.position.isFinished)
    #expect(!state.isRunning)
    _ = run([.runToggle], &state, &driver)
    #expect(state.message == "the program has finished")
  }

  @Test func runModeMicroStepsThroughACollection() {
    var (state, driver) = fresh(at: 9)
    _ = run([.microStep, .runToggle], &state, &driver)
    #expect(state.isCollecting)
    _ = run([.tick], &state, &driver)
    #expect(driver.gc.collection?.phase == "subtract_refs")
    _ = run([.tick], &state, &driver)
    #expect(driver.gc.collection?.phase == "move_unreachable")
    #expect(driver.position.step == 9)
  }

  @Test func clickFocusesThePaneUnderThePointer() {
    var (state, driver) = fresh()
    let layout = Layout.compute(size: state.size, state: state)
    let rect = layout.rect(of: .stats)!
    _ = run([.click(x: rect.x + 2, y: rect.y + 2)], &state, &driver)
    #expect(state.focus == .stats)
  }

  @Test func quitIsAnEffect() {
    var (state, _) = fresh()
    #expect(update(&state, .quit) == [.quit])
  }
}

@Suite struct MouseTests {
  @Test func clickingAHeapCellMovesTheCursorThere() throws {
    var driver = TourScript.driver(at: 4)
    var state = AppState(size: TerminalSize(width: 120, height: 40))
    state.focus = .heap
    state.sync(with: driver)
    let rect = try #require(Layout.compute(size: state.size, state: state).rect(of: .heap))
    // Arenas level: the label "a0 " then one cell per pool, from row 2 of the pane (header, info line).
    for effect in update(&state, .click(x: rect.x + 3 + 5, y: rect.y + 2)) {
      _ = state.perform(effect, on: &driver)
    }
    state.sync(with: driver)
    #expect(state.heap.row == 0)
    #expect(state.heap.column == 5)
    _ = update(&state, .zoomIn)
    state.sync(with: driver)
    _ = update(&state, .zoomIn)
    state.sync(with: driver)
    #expect(state.heap.zoom == .pool(PoolIndex(5)))
    // Pool level: the grid starts below the info and cursor lines.
    _ = update(&state, .click(x: rect.x + 1, y: rect.y + 3))
    state.sync(with: driver)
    #expect(state.heap.column == 1)
    _ = update(&state, .click(x: rect.x + 200, y: rect.y + 3))
    #expect(state.heap.column == 1)
  }
}
