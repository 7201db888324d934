import HeapModel
import Testing

@testable import HeapscopeTUI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Building one 200×60 frame of a big heap at each zoom level. A benchmark,
/// not a timed test: it prints the figures and checks only that the frames
/// show the heap. `HEAPSCOPE_BENCH_OBJECTS` sets the heap size (default
/// 100,000; the figure is for 1,000,000 in a release build:
/// `HEAPSCOPE_BENCH_OBJECTS=1000000 swift test -c release --filter FrameBenchmark`).
@Suite struct FrameBenchmarkTests {
  @Test func frameOfABigHeap() throws {
    let count = getenv("HEAPSCOPE_BENCH_OBJECTS").flatMap { Int(String(cString: $0)) } ?? 100_000
    let driver = FakeReplayDriver.bigHeap(count: count)
    let arena = try #require(driver.allocator.arenaSummaries().last).index
    let pool = try #require(driver.allocator.poolSummaries(in: arena).first).index
    let size = TerminalSize(width: 200, height: 60)
    for zoom in [HeapZoom.arenas, .arena(arena), .pool(pool)] {
      let nanoseconds = benchmarkFrame(driver: driver, size: size, zoom: zoom, iterations: 20)
      print("frame 200×60, \(count) objects, zoom \(zoom): \(Int(nanoseconds / 1000)) µs")
      #expect(nanoseconds > 0)
    }
    let text = renderScreen(driver: driver, size: size)
    #expect(text.contains("data: list [<\(count - count / 8) items>]"))
    #expect(text.contains("\(driver.allocator.arenaCount) arenas"))
  }
}
