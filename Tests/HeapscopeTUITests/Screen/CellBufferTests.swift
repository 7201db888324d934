import Testing

@testable import HeapscopeTUI

@Suite struct CellBufferTests {
  @Test func textHasExactlyHeightLinesWithTrailingSpacesTrimmed() {
    var buffer = CellBuffer(width: 10, height: 3)
    buffer.put("ab", x: 1, y: 0)
    buffer.put("c", x: 9, y: 2)
    let lines = buffer.text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines == [" ab", "", "         c"])
  }

  @Test func wideCharactersTakeTwoColumnsAndAContinuationCell() {
    var buffer = CellBuffer(width: 6, height: 1)
    let used = buffer.put("日本x", x: 0, y: 0)
    #expect(used == 5)
    #expect(buffer[1, 0].isContinuation)
    #expect(buffer[3, 0].isContinuation)
    #expect(buffer[4, 0].scalar == "x")
    #expect(buffer.text == "日本x")
    #expect(displayWidth(buffer.text) == 5)
  }

  @Test func aWideCharacterNeverStartsInTheLastColumn() {
    var buffer = CellBuffer(width: 5, height: 1)
    buffer.put("abcd🐍", x: 0, y: 0)
    #expect(buffer.text == "abcd")
    #expect(!buffer[4, 0].isContinuation)
    #expect(buffer[4, 0].scalar == " ")
  }

  @Test(arguments: [
    ("ascii", 5), ("日本語", 6), ("🐍py", 4), ("e\u{301}", 1), ("│▓█", 3), ("ｆｕｌｌ", 8),
  ])
  func displayWidths(text: String, width: Int) {
    #expect(displayWidth(text) == width)
  }

  @Test func writesAreClippedToTheClipRectangleAndTheBuffer() {
    var buffer = CellBuffer(width: 8, height: 2)
    let clip = Rect(x: 2, y: 0, width: 3, height: 1)
    buffer.put("abcdefgh", x: 0, y: 0, clip: clip)
    buffer.put("xyz", x: 6, y: 1)
    buffer.put("out", x: 0, y: 5)
    #expect(buffer.text == "  cde\n      xy")
  }

  @Test func maxWidthCutsAtDisplayColumnsNotCharacters() {
    var buffer = CellBuffer(width: 10, height: 1)
    let used = buffer.put("ab日本語", x: 0, y: 0, maxWidth: 5)
    #expect(used == 4)
    #expect(buffer.text == "ab日")
  }

  @Test func everyRenderedLineFitsTheWidthWithWideSource() {
    let source = "s = '日本語テキスト' * 40  # 🐍🐍🐍🐍🐍🐍🐍🐍🐍🐍🐍🐍🐍🐍🐍🐍🐍🐍🐍🐍🐍🐍🐍🐍\nt = 1"
    let driver = FakeReplayDriver(source: source, script: [FakeStep(line: 1, ops: [])])
    for size in [TerminalSize(width: 61, height: 16), TerminalSize(width: 97, height: 31)] {
      let lines = renderScreen(driver: driver, size: size).split(
        separator: "\n", omittingEmptySubsequences: false)
      #expect(lines.count == size.height)
      for line in lines { #expect(displayWidth(line) <= size.width) }
      #expect(lines.contains { $0.contains("日本語") })
    }
  }

  @Test func cellsStaySmall() {
    #expect(MemoryLayout<Cell>.stride <= 8)
  }
}

@Suite struct ASCIIFallbackTests {
  @Test func anASCIIScreenHoldsOnlyASCII() {
    let driver = TourScript.driver(at: 5)
    for size in [TerminalSize(width: 80, height: 24), TerminalSize(width: 40, height: 10)] {
      let text = renderScreen(driver: driver, size: size, ascii: true)
      #expect(text.unicodeScalars.filter { !$0.isASCII }.isEmpty)
      #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == size.height)
    }
  }

  @Test func wideCharactersBecomeOneQuestionMarkPerColumn() {
    var buffer = CellBuffer(width: 8, height: 1)
    buffer.put("a日·b", x: 0, y: 0)
    buffer.transliterateToASCII()
    #expect(buffer.text == "a??.b")
  }
}
