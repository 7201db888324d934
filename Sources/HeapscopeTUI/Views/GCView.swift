// The cycle collector: each generation's count against its threshold as a
// gauge, the phase of a collection in progress with every examined object's
// gc_refs (unreachable ones highlighted), then the log of past collections.

/// The GC pane.
enum GCView {
  static func render<D: ReplayDriver>(
    _ state: AppState, _ data: D, in rect: Rect, into buffer: inout CellBuffer
  ) {
    guard !rect.isEmpty else { return }
    let gc = data.gc
    var lines: [(String, Style)] = []
    var y = rect.y
    let g = state.glyphs
    for (i, count) in gc.counts.enumerated() where y < rect.y + rect.height {
      let threshold = i < gc.thresholds.count ? gc.thresholds[i] : 0
      let label = "gen\(i) "
      let numbers = " " + padLeft("\(count)/\(threshold)", 11)
      let barWidth = max(0, rect.width - displayWidth(label) - displayWidth(numbers))
      buffer.put(label, x: rect.x, y: y, clip: rect)
      let filled = threshold > 0 ? min(barWidth, count * barWidth / threshold) : 0
      let over = threshold > 0 && count >= threshold
      for c in 0..<barWidth {
        let fill = c < filled
        buffer.put(
          fill ? g.gaugeFill : g.gaugeEmpty, x: rect.x + 5 + c, y: y,
          style: fill ? (over ? .gaugeOver : .gaugeFill) : .gaugeEmpty, clip: rect)
      }
      buffer.put(numbers, x: rect.x + 5 + barWidth, y: y, clip: rect)
      y += 1
    }
    if let collection = gc.collection {
      let file = collection.sourceFile.map { "  (\($0))" } ?? ""
      lines.append(("collecting gen \(collection.generation): \(collection.phase)\(file)", .gcPhase))
      lines.append((collection.phaseDescription, .dim))
      let unreachable = collection.objects.filter(\.isUnreachable).count
      let more = collection.omitted > 0 ? " (+\(collection.omitted) more not listed)" : ""
      let when = collection.isResult ? "after the phase" : "as the phase starts"
      lines.append(
        ("\(collection.objects.count) objects\(more), \(unreachable) unreachable, \(when)", .dim))
      for entry in collection.objects {
        let object = entry.label == nil ? data.object(entry.id) : nil
        let name = entry.label ?? object.map { "\($0.typeName) \($0.repr)" } ?? "\(entry.id)"
        let address = (entry.address ?? object?.address).map { " \($0)" } ?? ""
        let set = entry.set ?? (entry.isUnreachable ? "unreachable" : nil)
        let text = "  gc_refs \(padLeft(entry.gcRefs, 3))  \(name)\(address)" + (set.map { "  \($0)" } ?? "")
        lines.append((text, entry.isUnreachable ? .unreachable : .reachable))
      }
    }
    lines.append(("collections: \(gc.log.count)", .tableHeader))
    for entry in gc.log.reversed() {
      lines.append(
        (
          "step \(entry.step): gen \(entry.generation) collected \(entry.collected), uncollectable \(entry.uncollectable)",
          .normal
        ))
    }
    let scroll = min(state.scrolls[.gc] ?? 0, max(0, lines.count - 1))
    for (text, style) in lines.dropFirst(scroll) {
      guard y < rect.y + rect.height else { break }
      buffer.put(text, x: rect.x, y: y, style: style, maxWidth: rect.width, clip: rect)
      y += 1
    }
  }
}
