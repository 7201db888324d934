// A cell's look is a semantic role, not a colour: views say "this is a full
// pool" or "this object is unreachable", and a `Theme` decides what that looks
// like on the terminal at hand (256 colours, 8 colours or none). Keeping the
// role a one-byte enum keeps `Cell` small, so a 200×60 frame is a flat array
// of 12,000 eight-byte values with no per-cell allocation.

/// The semantic role of a cell, resolved to colours by a `Theme`.
public enum Style: UInt8, Sendable, CaseIterable {
  case normal
  case dim
  case title
  case paneHeader
  case focusedHeader
  case separator
  case statusBar
  case statusKey
  case message
  case inputLine
  case helpBox
  case helpKey
  case helpGroup
  case tooSmall
  case lineNumber
  case currentLine
  case breakpoint
  case bytesAllocated
  case bytesFreed
  case cursor
  case selected
  case poolNeverCarved
  case poolEmpty
  case blockFree
  case blockNeverUsed
  case hue0
  case hue1
  case hue2
  case hue3
  case hue4
  case hue5
  case hue6
  case hue7
  case gaugeFill
  case gaugeOver
  case gaugeEmpty
  case unreachable
  case reachable
  case backEdge
  case gcPhase
  case eventCurrent
  case cFunction
  case chart
  case tableHeader

  /// One of eight distinguishable hues, for size classes and object types.
  public static func hue(_ n: Int) -> Style {
    Style(rawValue: Style.hue0.rawValue + UInt8(truncatingIfNeeded: n & 7))!
  }
}
