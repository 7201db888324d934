import HeapModel
import Scenario
import Testing

@testable import HeapscopeTUI

/// A real replay (`TimelineDriver`) through a collection: the `]` seek, the
/// phases as micro-steps, the GC pane mid-collection, run mode phase by
/// phase.
@Suite struct CollectionScreenTests {
  static let source = """
    import gc
    class Link:
        pass
    keep = Link()
    a = Link()
    b = Link()
    a.next = b
    b.next = a
    del a, b
    found = gc.collect()
    print(found)
    """

  func driver(_ version: PythonVersion = .py312) throws -> TimelineDriver {
    let file = SourceFile(name: "ring.py", text: Self.source)
    let module = try #require(compileCheck(file).module)
    let interpreter = Interpreter(module: module, path: "ring.py", version: version, recordingEvents: true)
    return TimelineDriver(timeline: Timeline(interpreter: interpreter), sourceName: "ring.py")
  }

  func run(_ actions: [Action], _ state: inout AppState, _ driver: inout TimelineDriver) {
    for action in actions {
      for effect in update(&state, action) { _ = state.perform(effect, on: &driver) }
      state.sync(with: driver)
    }
  }

  func type(_ text: String) -> [Action] { text.map { Action.inputCharacter($0) } }

  /// `]` `g` Enter from the start, then micro-steps to move_unreachable.
  func atMoveUnreachable(_ version: PythonVersion = .py312) throws -> (AppState, TimelineDriver) {
    var driver = try driver(version)
    var state = AppState(size: TerminalSize(width: 120, height: 40))
    state.sync(with: driver)
    run([.openSeekNext] + type("gc") + [.inputSubmit], &state, &driver)
    run([.microStep, .microStep, .microStep, .microStep], &state, &driver)
    return (state, driver)
  }

  @Test func seekingToTheNextCollectionPutsTheCursorOnItsFirstPhase() throws {
    var driver = try driver()
    var state = AppState(size: TerminalSize(width: 120, height: 40))
    state.sync(with: driver)
    run([.openSeekNext], &state, &driver)
    #expect(state.input?.purpose == .seekEvent(forward: true))
    run(type("gc") + [.inputSubmit], &state, &driver)
    let index = try #require(driver.position.eventIndex)
    #expect(driver.events[index].cFunction == "invoke_gc_callback")
    #expect(driver.events[index].isCollectorPhase)
    #expect(driver.timeline.interpreter.gcLog.count == 1)
    #expect(driver.position.line == 11)  // gc.collect() on line 10 just ran
    #expect(state.message?.hasPrefix("GC collection at step \(driver.position.step)") == true)
    #expect(state.lastEventSearch == "gc")
    #expect(driver.gc.collection?.phase == "invoke_gc_callback")
  }

  @Test func theGCPaneShowsEachPhaseWithGCRefsAndSets() throws {
    var (state, driver) = try atMoveUnreachable()
    let collection = try #require(driver.gc.collection)
    #expect(collection.phase == "move_unreachable")
    #expect(collection.sourceFile == "Modules/gcmodule.c")
    let cycle = collection.objects.filter(\.isUnreachable)
    #expect(cycle.count == 2)  // two Links (3.12 keeps their attributes inline, no dicts)
    #expect(cycle.allSatisfy { $0.gcRefs == 0 && $0.set == "tentatively unreachable" })
    #expect(collection.objects.contains { $0.label == "Link <Link object>" && !$0.isUnreachable })
    state.focus = .gc
    state.isMaximised = true
    state.sync(with: driver)
    var buffer = CellBuffer(width: 120, height: 40)
    Screen.render(state, driver, into: &buffer)
    Snapshot.assertMatches(buffer.text, named: "ring-move-unreachable-120x40")
    // Back one micro-step is not a key; a step back leaves the collection.
    run([.stepBack], &state, &driver)
    #expect(driver.gc.collection == nil)
  }

  @Test func subtractRefsShowsReferencesFromOutside() throws {
    var (_, driver) = try atMoveUnreachable(.py313)
    driver.seekEvent(.collection, forward: false)
    #expect(driver.position.eventIndex == 0)
    let step = driver.position.step
    var phases: [String: GCCollection] = [:]
    while driver.position.step == step, !driver.position.isFinished {
      if let i = driver.position.eventIndex, driver.events[i].isCollectorPhase, let c = driver.gc.collection {
        phases[c.phase] = phases[c.phase] ?? c
      }
      driver.microStep()
    }
    let update = try #require(phases["update_refs"])
    let subtract = try #require(phases["subtract_refs"])
    #expect(update.sourceFile == "Python/gc.c")
    let keep = try #require(update.objects.first { $0.label == "Link <Link object>" })
    // `keep`'s only reference comes from the module's globals dict, which is
    // in the generation too: gc_refs 0 after subtract_refs, yet reachable
    // after move_unreachable, through the dict.
    #expect(update.objects.first { $0.id == keep.id }?.gcRefs == 1)
    #expect(subtract.objects.first { $0.id == keep.id }?.gcRefs == 0)
    let move = try #require(phases["move_unreachable"])
    #expect(move.objects.first { $0.id == keep.id }?.set == "reachable")
    #expect(move.objects.first { $0.id == keep.id }?.gcRefs == 1)
    #expect(update.objects.allSatisfy { $0.set == "collecting" })
    let delete = try #require(phases["delete_garbage"])
    #expect(delete.objects.filter { $0.set == "unreachable" }.count == 2)
    #expect(!delete.isResult)
  }

  @Test func runModeWalksTheCollectionPhaseByPhase() throws {
    var driver = try driver()
    var state = AppState(size: TerminalSize(width: 120, height: 40))
    state.sync(with: driver)
    // Step to just before the collecting line, then run.
    while driver.position.line != 10, !driver.position.isFinished { driver.step() }
    state.sync(with: driver)
    run([.runToggle, .tick], &state, &driver)
    #expect(driver.position.line == 11)
    #expect(state.isCollecting)
    var seen: [String] = []
    for _ in 0..<30 where state.isCollecting {
      run([.tick], &state, &driver)
      if let phase = driver.gc.collection?.phase { seen.append(phase) }
    }
    #expect(
      Array(seen.prefix(5)) == [
        "invoke_gc_callback", "gc_list_merge", "update_refs", "subtract_refs", "move_unreachable",
      ])
    #expect(seen.contains("delete_garbage"))
    #expect(!state.isCollecting)
  }

  @Test func noMatchStaysPutWithANotice() throws {
    var driver = try driver()
    var state = AppState(size: TerminalSize(width: 120, height: 40))
    state.sync(with: driver)
    run([.step, .step, .step], &state, &driver)
    let step = driver.position.step
    run([.openSeekNext] + type("release") + [.inputSubmit], &state, &driver)
    #expect(driver.position.step == step)
    #expect(driver.notice == "no later arena release (stayed at step \(step))")
    run([.openSeekPrevious] + type("gc") + [.inputSubmit], &state, &driver)
    #expect(driver.position.step == step)
    #expect(driver.notice?.hasPrefix("no earlier GC collection") == true)
    run([.openSeekNext] + type("class") + [.inputSubmit], &state, &driver)
    #expect(state.message == "class needs a size class index, e.g. class 3")
    // The last search is offered again: Enter repeats it.
    run([.openSeekPrevious], &state, &driver)
    #expect(state.input?.text == "gc")
    run([.inputSubmit], &state, &driver)
    #expect(driver.notice?.hasPrefix("no earlier GC collection") == true)
  }

  @Test func freeOfTheSelectedObjectSeeksToItsDeath() throws {
    var driver = try driver()
    var state = AppState(size: TerminalSize(width: 120, height: 40))
    while driver.position.line != 9, !driver.position.isFinished { driver.step() }  // a and b bound
    state.sync(with: driver)
    let a = try #require(driver.roots.first { $0.label == "a" }?.target)
    state.selection = a
    run([.openSeekNext] + type("free") + [.inputSubmit], &state, &driver)
    // `del a, b` leaves the cycle alive; the collection frees it.
    #expect(driver.timeline.interpreter.gcLog.count == 1)
    #expect(driver.object(a) == nil)
    let index = try #require(driver.position.eventIndex)
    #expect(driver.events[index].cFunction == "pymalloc_free")
    let delete = try #require(driver.events.firstIndex { $0.cFunction == "delete_garbage" })
    #expect(delete < index)
  }
}
