import Testing

@testable import HeapscopeTUI

@Suite struct LayoutTests {
  @Test(arguments: [(80, 24), (120, 40), (200, 60), (60, 16), (149, 30), (150, 30), (333, 101)])
  func panesTileTheBodyWithoutOverlap(width: Int, height: Int) {
    let size = TerminalSize(width: width, height: height)
    let layout = Layout.compute(size: size, state: AppState(size: size))
    #expect(layout.tooSmall == nil)
    #expect(Set(layout.panes.map(\.0)) == Set(Pane.allCases))
    var covered = [Bool](repeating: false, count: width * height)
    for rect in layout.panes.map(\.1) + layout.separators + [layout.title, layout.status] {
      #expect(rect.x >= 0 && rect.y >= 0 && rect.x + rect.width <= width && rect.y + rect.height <= height)
      #expect(rect.height >= 2 || rect == layout.title || rect == layout.status)
      for y in rect.y..<(rect.y + rect.height) {
        for x in rect.x..<(rect.x + rect.width) {
          #expect(!covered[y * width + x])
          covered[y * width + x] = true
        }
      }
    }
    #expect(covered.allSatisfy { $0 })
  }

  @Test(arguments: [(59, 40), (120, 15), (40, 10), (1, 1)])
  func belowTheMinimumTheLayoutSaysTooSmall(width: Int, height: Int) {
    let size = TerminalSize(width: width, height: height)
    let layout = Layout.compute(size: size, state: AppState(size: size))
    #expect(layout.tooSmall == Layout.minimumSize)
    #expect(layout.panes.isEmpty)
  }

  @Test func splitSumsExactly() {
    #expect(Layout.split(10, [1, 1, 1]) == [4, 3, 3])
    #expect(Layout.split(37, [45, 25, 30]).reduce(0, +) == 37)
  }

  @Test func sizesParseAsRenderTakesThem() {
    #expect(TerminalSize(parsing: "120x40") == TerminalSize(width: 120, height: 40))
    #expect(TerminalSize(parsing: "80×24") == TerminalSize(width: 80, height: 24))
    #expect(TerminalSize(parsing: "80") == nil)
    #expect(TerminalSize(parsing: "0x5") == nil)
    #expect(HeapZoom(parsing: "pool:12") == .pool(.init(12)))
    #expect(HeapZoom(parsing: "arena:3") == .arena(.init(3)))
    #expect(HeapZoom(parsing: "arenas") == .arenas)
    #expect(HeapZoom(parsing: "block:1") == nil)
    #expect(Pane(name: "objects") == .graph)
    #expect(Pane(name: "GC") == .gc)
    #expect(Pane(name: "nope") == nil)
  }
}
