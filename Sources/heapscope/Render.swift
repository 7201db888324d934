import ArgumentParser
import Foundation
import HeapscopeTUI
import Scenario

/// `heapscope render FILE --step N --size WxH`: a headless screenshot.
struct Render: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Print the inspector screen at a step as plain text.")

  @OptionGroup var options: CommonOptions

  @ArgumentParser.Argument(help: "The scenario file (default: the bundled tour).")
  var file: String?

  @Option(help: "The step to show (0 is before the first line).")
  var step: Int = 0

  @Option(
    help: "Screen size as WIDTHxHEIGHT.",
    transform: { text in
      guard let size = TerminalSize(parsing: text) else {
        throw ValidationError("--size must look like 120x40, got '\(text)'")
      }
      return size
    })
  var size: TerminalSize = TerminalSize(width: 120, height: 40)

  @Option(
    help: "Maximise one pane: source, heap, graph, gc, events, stats.",
    transform: { text in
      guard let pane = Pane(name: text) else { throw ValidationError("unknown pane '\(text)'") }
      return pane
    })
  var pane: Pane?

  @Option(
    help: "Heap grid zoom: arenas, arena:N or pool:N.",
    transform: { text in
      guard let zoom = HeapZoom(parsing: text) else { throw ValidationError("unknown zoom '\(text)'") }
      return zoom
    })
  var zoom: HeapZoom = .arenas

  @Flag(help: "Use ASCII glyphs only.")
  var ascii = false

  func run() throws {
    guard step >= 0 else { throw ValidationError("--step must be 0 or more") }
    let driver = try makeDriver(file: file, options: options)
    let target = step
    let screen = onLargeStack { [driver, size, pane, zoom, ascii] () -> String in
      var driver = driver
      driver.seek(step: target)
      return renderScreen(driver: driver, size: size, pane: pane, zoom: zoom, ascii: ascii)
    }
    print(screen)
  }
}
