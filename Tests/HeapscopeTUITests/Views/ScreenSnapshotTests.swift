import HeapModel
import Testing

@testable import HeapscopeTUI

/// Whole screens of the scripted tour, compared with Snapshots/*.txt.
@Suite struct ScreenSnapshotTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var step: Int
    var width: Int
    var height: Int
    var pane: Pane? = nil
    var zoom: HeapZoom = .arenas
    var ascii = false
    var microSteps = 0
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(name: "tour-step0-80x24", step: 0, width: 80, height: 24),
    Case(name: "tour-step5-80x24", step: 5, width: 80, height: 24),
    Case(name: "tour-step5-120x40", step: 5, width: 120, height: 40),
    Case(name: "tour-step8-200x60", step: 8, width: 200, height: 60),
    Case(name: "tour-toosmall-40x10", step: 5, width: 40, height: 10),
    Case(name: "tour-minimum-60x16", step: 5, width: 60, height: 16),
    Case(
      name: "tour-arena0-120x40", step: 4, width: 120, height: 40, pane: .heap, zoom: .arena(ArenaIndex(0))),
    Case(name: "tour-pool1-120x40", step: 4, width: 120, height: 40, pane: .heap, zoom: .pool(PoolIndex(1))),
    Case(name: "tour-arenas-ascii-80x24", step: 5, width: 80, height: 24, ascii: true),
    Case(name: "tour-gc-phase-120x40", step: 9, width: 120, height: 40, pane: .gc, microSteps: 3),
    Case(name: "tour-after-gc-120x40", step: 10, width: 120, height: 40),
    Case(name: "tour-events-120x40", step: 3, width: 120, height: 40, pane: .events),
    Case(name: "tour-stats-80x24", step: 9, width: 80, height: 24, pane: .stats),
  ]

  @Test(arguments: cases)
  func screen(_ c: Case) {
    var driver = TourScript.driver(at: c.step)
    for _ in 0..<c.microSteps { driver.microStep() }
    let text = renderScreen(
      driver: driver, size: TerminalSize(width: c.width, height: c.height), pane: c.pane, zoom: c.zoom,
      ascii: c.ascii)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == c.height)
    #expect(lines.allSatisfy { displayWidth($0) <= c.width })
    Snapshot.assertMatches(text, named: c.name)
  }

  @Test func theGCPaneHighlightsTheUnreachableCycleDuringACollection() {
    var driver = TourScript.driver(at: 9)
    for _ in 0..<3 { driver.microStep() }
    let text = renderScreen(driver: driver, size: TerminalSize(width: 120, height: 40), pane: .gc)
    #expect(text.contains("collecting gen 2: move_unreachable"))
    #expect(text.components(separatedBy: "unreachable").count >= 5)
    driver.step()
    let after = renderScreen(driver: driver, size: TerminalSize(width: 120, height: 40), pane: .gc)
    #expect(!after.contains("collecting"))
    #expect(after.contains("gen 2 collected 4"))
  }

  @Test(arguments: [(80, 24), (120, 40)])
  func helpOverlay(width: Int, height: Int) {
    let driver = TourScript.driver(at: 2)
    var state = AppState(size: TerminalSize(width: width, height: height))
    state.showsHelp = true
    state.sync(with: driver)
    var buffer = CellBuffer(width: width, height: height)
    Screen.render(state, driver, into: &buffer)
    Snapshot.assertMatches(buffer.text, named: "tour-help-\(width)x\(height)")
  }

  @Test func theTooSmallScreenNamesTheSizeNeeded() {
    let text = renderScreen(driver: TourScript.driver(at: 1), size: TerminalSize(width: 40, height: 10))
    #expect(text.contains("terminal too small"))
    #expect(text.contains("need 60×16, have 40×10"))
  }
}

extension String {
  fileprivate func components(separatedBy separator: String) -> [Substring] {
    split(separator: separator, omittingEmptySubsequences: false)
  }
}
