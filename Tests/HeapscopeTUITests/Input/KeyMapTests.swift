import HeapModel
import Testing

@testable import HeapscopeTUI

@Suite struct KeyMapTests {
  @Test func noKeyIsBoundTwiceInAContext() {
    for context in KeyContext.allCases {
      var seen: [Key: Action] = [:]
      for binding in KeyMap.default.bindings where binding.context == context {
        for key in binding.keys {
          #expect(seen[key] == nil, "\(key) bound twice in \(context)")
          seen[key] = binding.action
        }
      }
    }
  }

  @Test func everyActionIsReachableFromSomeKey() {
    let bound = Set(KeyMap.default.bindings.map(\.action))
    for action in Action.bindable {
      #expect(bound.contains(action), "\(action) has no key")
    }
  }

  @Test func specKeysDoWhatTheSpecSays() {
    let state = AppState(size: TerminalSize(width: 120, height: 40))
    let expected: [(Key, Action)] = [
      (.character("n"), .step), (.character(" "), .step), (.character("s"), .microStep),
      (.character("b"), .stepBack), (.character("c"), .continueToBreakpoint), (.character("r"), .runToggle),
      (.character("+"), .faster), (.character("-"), .slower), (.character("g"), .openGoTo),
      (.character("/"), .openSearch), (.character("w"), .whyAlive), (.tab, .nextPane),
      (.backTab, .previousPane),
      (.character("z"), .maximise), (.character("?"), .toggleHelp), (.character("q"), .quit),
      (.up, .moveUp), (.character("k"), .moveUp), (.character("j"), .moveDown), (.character("h"), .moveLeft),
      (.character("l"), .moveRight),
    ]
    for (key, action) in expected {
      #expect(KeyMap.default.action(for: key, in: state) == action, "\(key)")
    }
  }

  @Test func paneContextsOverrideGlobalBindings() {
    var state = AppState(size: TerminalSize(width: 120, height: 40))
    state.focus = .heap
    #expect(KeyMap.default.action(for: .enter, in: state) == .zoomIn)
    #expect(KeyMap.default.action(for: .escape, in: state) == .zoomOut)
    #expect(KeyMap.default.action(for: .backspace, in: state) == .zoomOut)
    #expect(KeyMap.default.action(for: .character("l"), in: state) == .moveRight)
    state.focus = .graph
    #expect(KeyMap.default.action(for: .character("l"), in: state) == .zoomIn)
    #expect(KeyMap.default.action(for: .character("n"), in: state) == .step)
    state.focus = .source
    #expect(KeyMap.default.action(for: .enter, in: state) == nil)
  }

  @Test func anOpenInputLineSwallowsEveryPrintableKey() {
    var state = AppState(size: TerminalSize(width: 120, height: 40))
    state.input = AppState.InputLine(purpose: .search, text: "")
    for c in "nsbcrqgzw?/hjkl +-" {
      #expect(KeyMap.default.action(for: .character(c), in: state) == .inputCharacter(c))
    }
    #expect(KeyMap.default.action(for: .enter, in: state) == .inputSubmit)
    #expect(KeyMap.default.action(for: .escape, in: state) == .inputCancel)
    #expect(KeyMap.default.action(for: .tab, in: state) == nil)
    #expect(KeyMap.default.action(for: .click(x: 1, y: 1), in: state) == nil)
  }

  @Test func theHelpOverlayOnlyListensForItsOwnKeys() {
    var state = AppState(size: TerminalSize(width: 120, height: 40))
    state.showsHelp = true
    #expect(KeyMap.default.action(for: .character("n"), in: state) == nil)
    #expect(KeyMap.default.action(for: .character("q"), in: state) == .closeHelp)
    #expect(KeyMap.default.action(for: .escape, in: state) == .closeHelp)
  }

  @Test func statusHintsComeFromTheTable() {
    var state = AppState(size: TerminalSize(width: 120, height: 40))
    state.focus = .heap
    let hints = KeyMap.default.hints(for: state)
    #expect(hints.first.map { $0.key + " " + $0.label } == "Enter zoom")
    #expect(hints.contains { $0.key == "q" && $0.label == "quit" })
    let labels = Set(hints.map(\.label))
    let fromTable = Set(
      KeyMap.default.bindings.filter { $0.context == .global || $0.context == .heap }.compactMap(\.hint))
    #expect(labels == fromTable)
  }

  @Test func theCommittedDocsAreTheGeneratedText() throws {
    let file = #filePath
    var root = file
    for _ in 0..<4 { root = String(root[..<root.lastIndex(of: "/")!]) }
    let path = root + "/docs/keybindings.md"
    if Snapshot.isRecording {
      Snapshot.write(KeyMap.default.markdown(), to: path)
      Issue.record("wrote docs/keybindings.md")
      return
    }
    let committed = try #require(Snapshot.read(path), "docs/keybindings.md missing")
    #expect(committed == KeyMap.default.markdown())
  }

  @Test func theHelpOverlayListsEveryBinding() {
    let driver = TourScript.driver(at: 2)
    var state = AppState(size: TerminalSize(width: 200, height: 60))
    state.showsHelp = true
    state.sync(with: driver)
    var buffer = CellBuffer(width: 200, height: 60)
    Screen.render(state, driver, into: &buffer)
    let text = buffer.text
    for binding in KeyMap.default.bindings {
      #expect(text.contains(binding.help), "help lacks \(binding.help)")
    }
  }
}
