/// A terminal in memory: scripted input, the last frame kept as cells.
public final class MemoryTerminal: Terminal {
  /// One scripted input.
  public enum Scripted: Sendable, Equatable {
    case key(Key)
    /// The terminal is resized; a `.resize` key is delivered.
    case resize(TerminalSize)
    /// A run-timer timeout.
    case timeout
  }

  public private(set) var size: TerminalSize
  public let colorCount: Int
  public let glyphs: Glyphs
  /// Inputs still to deliver, first first.
  public var script: [Scripted]
  /// The last frame drawn.
  public private(set) var frame: CellBuffer
  /// Frames drawn so far.
  public private(set) var frameCount = 0
  /// Whether `restore()` was called.
  public private(set) var isRestored = false

  /// A `width` × `height` terminal that will deliver `script`.
  public init(
    width: Int, height: Int, colorCount: Int = 256, glyphs: Glyphs = .unicode, script: [Scripted] = []
  ) {
    size = TerminalSize(width: width, height: height)
    self.colorCount = colorCount
    self.glyphs = glyphs
    self.script = script
    frame = CellBuffer(width: width, height: height)
  }

  public func draw(_ buffer: CellBuffer, theme: Theme) {
    frame = buffer
    frameCount += 1
  }

  public func nextInput(timeoutMilliseconds: Int?) -> TerminalInput {
    guard !script.isEmpty else { return .closed }
    switch script.removeFirst() {
    case .key(let key): return .key(key)
    case .resize(let newSize):
      size = newSize
      return .key(.resize)
    case .timeout: return .timeout
    }
  }

  public func restore() { isRestored = true }

  /// The last frame as text.
  public var text: String { frame.text }
}
