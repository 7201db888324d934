// Totals, the size-class table as `sys._debugmallocstats()` prints it, and a
// memory-over-time chart drawn with eighth-block characters:
//
//   arenas 3 (peak 3) · pools 40 · blocks 1234 · 59.2 KB in blocks
//   class  size  pools  full  in use  avail
//       2    48      3     1     700     20
//   ▁▂▃▅▆▇███▇▆▅▃▃▂  1.2 MB peak

import HeapModel

/// The Stats pane.
enum StatsView {
  static func render<D: ReplayDriver>(
    _ state: AppState, _ data: D, in rect: Rect, into buffer: inout CellBuffer
  ) {
    guard !rect.isEmpty else { return }
    let stats = data.allocator.statistics()
    let chartHeight = rect.height >= 8 ? max(2, rect.height / 3) : (rect.height >= 4 ? 1 : 0)
    var lines: [(String, Style)] = [
      (
        "arenas \(stats.arenasCurrent) (peak \(stats.arenasHighwater)) · pools \(stats.poolsInUse) · "
          + "blocks \(stats.blocksInUse) · \(formatBytes(stats.allocatedBytes)) in blocks · "
          + "raw \(stats.rawBlocks) (\(formatBytes(stats.rawBytes)))", .normal
      ),
      ("class  size  pools  full   in use   avail", .tableHeader),
    ]
    for row in stats.sizeClasses where row.pools > 0 {
      let text =
        padLeft(row.sizeClass.index, 5) + padLeft(row.sizeClass.blockSize, 6) + padLeft(row.pools, 7)
        + padLeft(row.fullPools, 6) + padLeft(row.blocksInUse, 9) + padLeft(row.availableBlocks, 8)
      lines.append((text, sizeClassHue(row.sizeClass.index)))
    }
    let tableRect = Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - chartHeight)
    let scroll = min(state.scrolls[.stats] ?? 0, max(0, lines.count - 2))
    var y = tableRect.y
    for (i, (text, style)) in lines.enumerated() where i < 2 || i >= 2 + scroll {
      guard y < tableRect.y + tableRect.height else { break }
      buffer.put(text, x: rect.x, y: y, style: style, maxWidth: rect.width, clip: tableRect)
      y += 1
    }
    if chartHeight > 0 {
      drawChart(
        data.memorySeries(points: max(1, rect.width - 16)), glyphs: state.glyphs,
        in: rect.bottom(chartHeight), into: &buffer)
    }
  }

  /// A bar per sample, `rect.height` rows of eight levels each, plus the peak.
  static func drawChart(
    _ series: [MemorySample], glyphs: Glyphs, in rect: Rect, into buffer: inout CellBuffer
  ) {
    let peak = series.map(\.bytes).max() ?? 0
    let label = " \(formatBytes(peak)) peak"
    let columns = min(series.count, rect.width - displayWidth(label))
    guard columns > 0 else { return }
    let levels = rect.height * 8
    let samples = series.suffix(columns)
    for (c, sample) in samples.enumerated() {
      let height = peak > 0 ? (sample.bytes * levels + peak - 1) / peak : 0
      for r in 0..<rect.height {
        let filled = height - r * 8
        guard filled > 0 else { break }
        let glyph = glyphs.bars[min(7, filled - 1)]
        buffer.put(glyph, x: rect.x + c, y: rect.y + rect.height - 1 - r, style: .chart, clip: rect)
      }
    }
    buffer.put(label, x: rect.x + columns, y: rect.y, style: .dim, clip: rect)
  }
}
