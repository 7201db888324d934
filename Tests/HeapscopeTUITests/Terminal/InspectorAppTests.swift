import HeapModel
import Testing

@testable import HeapscopeTUI

/// The whole loop on a `MemoryTerminal`: keys in, frames out.
@Suite struct InspectorAppTests {
  @Test func stepsZoomsAndQuitsWithStatusZero() {
    let terminal = MemoryTerminal(
      width: 120, height: 40,
      script: [.key(.character("n")), .key(.character("n")), .key(.character("n")), .key(.character("b"))]
        + [.key(.tab), .key(.enter), .key(.character("l")), .key(.character("l")), .key(.enter)])
    let status = InspectorApp.run(driver: TourScript.driver(), terminal: terminal)
    #expect(status == 0)
    #expect(terminal.frameCount == 10)
    #expect(terminal.text.contains("step 2/11"))
    #expect(terminal.text.contains("pool:2"))
    #expect(terminal.text.contains("arena 0 · pool 2"))
  }

  @Test func quitEndsTheLoopBeforeTheScriptDoes() {
    let terminal = MemoryTerminal(
      width: 80, height: 24, script: [.key(.character("q")), .key(.character("n"))])
    #expect(InspectorApp.run(driver: TourScript.driver(), terminal: terminal) == 0)
    #expect(terminal.script == [.key(.character("n"))])
  }

  @Test func resizeToTooSmallAndBack() {
    let terminal = MemoryTerminal(
      width: 120, height: 40,
      script: [.resize(TerminalSize(width: 40, height: 10)), .key(.character("n"))])
    _ = InspectorApp.run(driver: TourScript.driver(), terminal: terminal)
    #expect(terminal.text.contains("terminal too small"))
    let back = MemoryTerminal(
      width: 120, height: 40,
      script: [.resize(TerminalSize(width: 40, height: 10)), .resize(TerminalSize(width: 100, height: 30))])
    _ = InspectorApp.run(driver: TourScript.driver(), terminal: back)
    #expect(back.frame.width == 100)
    #expect(back.text.contains("Source"))
  }

  @Test func helpOverlayOpensAndCloses() {
    let terminal = MemoryTerminal(width: 120, height: 40, script: [.key(.character("?"))])
    _ = InspectorApp.run(driver: TourScript.driver(), terminal: terminal)
    #expect(terminal.text.contains("keys (? or Esc to close)"))
    let closed = MemoryTerminal(width: 120, height: 40, script: [.key(.character("?")), .key(.escape)])
    _ = InspectorApp.run(driver: TourScript.driver(), terminal: closed)
    #expect(!closed.text.contains("keys (? or Esc to close)"))
  }

  @Test func runModeAdvancesOnTimeouts() {
    let terminal = MemoryTerminal(
      width: 120, height: 40,
      script: [.key(.character("r")), .timeout, .timeout, .key(.character("r")), .timeout])
    _ = InspectorApp.run(driver: TourScript.driver(), terminal: terminal)
    #expect(terminal.text.contains("step 2/11"))
    #expect(terminal.text.contains("paused"))
  }
}
