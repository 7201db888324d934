import Testing

@testable import HeapscopeTUI

@Suite struct ThemeTests {
  @Test func noColorForcesMonochromeWhateverTheTerminal() {
    #expect(Theme.choose(colors: 256, environment: ["NO_COLOR": "1"]).depth == .monochrome)
    #expect(Theme.choose(colors: 256, environment: [:]).depth == .color256)
    #expect(Theme.choose(colors: 8, environment: [:]).depth == .color8)
    #expect(Theme.choose(colors: 0, environment: [:]).depth == .monochrome)
    #expect(Theme.choose(colors: 256, environment: ["NO_COLOR": ""]).depth == .color256)
  }

  @Test func monochromeUsesNoColoursButKeepsKeyRolesVisible() {
    let theme = Theme(depth: .monochrome)
    for style in Style.allCases {
      #expect(theme.entry(style).foreground == -1)
      #expect(theme.entry(style).background == -1)
    }
    #expect(theme.entry(.cursor).attributes.contains(.reverse))
    #expect(theme.entry(.unreachable).attributes.contains(.bold))
    #expect(theme.entry(.focusedHeader).attributes.contains(.reverse))
  }

  @Test func eightColourThemeStaysInTheBasicColours() {
    let theme = Theme(depth: .color8)
    for style in Style.allCases {
      #expect((-1...7).contains(theme.entry(style).foreground))
      #expect((-1...7).contains(theme.entry(style).background))
    }
  }

  @Test func hueStylesAreDistinctIn256Colours() {
    let theme = Theme(depth: .color256)
    let hues = Set((0..<8).map { theme.entry(Style.hue($0)).foreground })
    #expect(hues.count == 8)
  }

  @Test(arguments: [
    (["LANG": "en_US.UTF-8"], true), (["LANG": "C"], false), (["LC_ALL": "C", "LANG": "en_US.UTF-8"], false),
    (["LC_CTYPE": "de_DE.utf8"], true), ([:], false), (["LANG": "POSIX"], false),
  ])
  func glyphsFollowTheLocale(environment: [String: String], utf8: Bool) {
    #expect(Glyphs.forEnvironment(environment) == (utf8 ? .unicode : .ascii))
  }

  @Test func asciiGlyphsAreAscii() {
    let g = Glyphs.ascii
    let scalars =
      g.fullness + g.bars + [
        g.neverCarved, g.blockUsed, g.blockFree, g.blockNeverUsed, g.vertical,
        g.current, g.breakpoint, g.backEdge, g.expanded, g.collapsed,
      ]
    let nonASCII = scalars.filter { !$0.isASCII }
    #expect(nonASCII.isEmpty)
    let text = g.treeBranch + g.treeLast + g.treeLine + g.arrow
    #expect(text.unicodeScalars.filter { !$0.isASCII }.isEmpty)
  }
}
