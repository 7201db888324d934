// The text of `sys._debugmallocstats()` (`_PyObject_DebugMallocStats` in
// Objects/obmalloc.c, then `_PyObject_DebugTypeStats`), byte for byte:
//
//   Small block threshold = 512, in 32 size classes.
//   <blank>
//   class   size   num pools   blocks in use  avail blocks
//   -----   ----   ---------   -------------  ------------
//   "%5u %6u %11zu %15zu %13zu" per class with a used or full pool
//   <blank>
//   arena block, byte accounting (label padded to 35, "=", value with thousands
//   commas right-justified in 21), 3.10+: the arena-map block,
//   <blank>
//   free-list lines: "%d free %ss * %zd bytes each" right-justified to 48,
//   a space, then the same "=" value column.
//
// The free-list counts belong to the object layer, so the caller passes them.

extension Allocator {
  /// The exact text `sys._debugmallocstats()` writes to stderr in the
  /// modelled version, ending with a newline.
  ///
  /// - Parameter freeListLines: counts for members of
  ///   `constants.freeListRoster`, by roster name (e.g. "PyFloatObjects",
  ///   "3-sized PyTupleObjects"); a line's `size` overrides the roster's.
  ///   Members not given print 0. Lines always come out in roster order; a
  ///   name outside the roster is a caller bug (precondition failure).
  public func debugMallocStats(freeListLines: [(name: String, count: Int, size: Int)] = []) -> String {
    let stats = statistics()
    var out = ""
    out +=
      "Small block threshold = \(constants.smallRequestThreshold), in \(constants.sizeClassCount) size classes.\n"
    out += "\n"
    out += "class   size   num pools   blocks in use  avail blocks\n"
    out += "-----   ----   ---------   -------------  ------------\n"
    for row in stats.sizeClasses where row.pools > 0 {
      out += Self.padLeft(String(row.sizeClass.index), 5) + " "
      out += Self.padLeft(String(row.sizeClass.blockSize), 6) + " "
      out += Self.padLeft(String(row.pools), 11) + " "
      out += Self.padLeft(String(row.blocksInUse), 15) + " "
      out += Self.padLeft(String(row.availableBlocks), 13) + "\n"
    }
    out += "\n"
    out += Self.line("# arenas allocated total", stats.arenasAllocatedTotal)
    out += Self.line("# arenas reclaimed", stats.arenasReclaimed)
    out += Self.line("# arenas highwater mark", stats.arenasHighwater)
    out += Self.line("# arenas allocated current", stats.arenasCurrent)
    out += Self.line("\(stats.arenasCurrent) arenas * \(constants.arenaSize) bytes/arena", stats.arenaBytes)
    out += "\n"
    out += Self.line("# bytes in allocated blocks", stats.allocatedBytes)
    out += Self.line("# bytes in available blocks", stats.availableBytes)
    out += Self.line(
      "\(stats.unusedPools) unused pools * \(constants.poolSize) bytes",
      stats.unusedPools * constants.poolSize)
    out += Self.line("# bytes lost to pool headers", stats.poolHeaderBytes)
    out += Self.line("# bytes lost to quantization", stats.quantizationBytes)
    out += Self.line("# bytes lost to arena alignment", stats.arenaAlignmentBytes)
    out += Self.line("Total", stats.accountedBytes)
    if let map = constants.arenaMap {
      out += "\narena map counts\n"
      out += Self.line("# arena map mid nodes", stats.arenaMapMidNodes)
      out += Self.line("# arena map bot nodes", stats.arenaMapBottomNodes)
      out += "\n"
      let mid = map.midNodeBytes * stats.arenaMapMidNodes
      let bottom = map.bottomNodeBytes * stats.arenaMapBottomNodes
      out += Self.line("# bytes lost to arena map root", map.rootBytes)
      out += Self.line("# bytes lost to arena map mid", mid)
      out += Self.line("# bytes lost to arena map bot", bottom)
      out += Self.line("Total", map.rootBytes + mid + bottom)
    }
    out += "\n"
    var given: [String: (count: Int, size: Int)] = [:]
    for line in freeListLines {
      precondition(
        constants.freeListRoster.contains { $0.name == line.name },
        "free list \"\(line.name)\" is not printed by \(version); roster: "
          + constants.freeListRoster.map(\.name).joined(separator: ", "))
      given[line.name] = (line.count, line.size)
    }
    for entry in constants.freeListRoster {
      let (count, size) = given[entry.name] ?? (0, entry.size)
      let label = "\(count) free \(entry.name) * \(size) bytes each"
      out += Self.line(Self.padLeft(label, 48) + " ", count * size)
    }
    return out
  }

  /// One `printone` line: label padded to 35, "=", value in 21 columns.
  static func line(_ label: String, _ value: Int) -> String {
    let padded = label.count < 35 ? label + String(repeating: " ", count: 35 - label.count) : label
    return padded + "=" + padLeft(withThousandsCommas(value), 21) + "\n"
  }

  /// `1234567` → `"1,234,567"`.
  static func withThousandsCommas(_ value: Int) -> String {
    let digits = Array(String(value.magnitude))
    var out = ""
    for (offset, digit) in digits.enumerated() {
      if offset > 0 && (digits.count - offset) % 3 == 0 { out.append(",") }
      out.append(digit)
    }
    return value < 0 ? "-" + out : out
  }

  static func padLeft(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
  }
}
