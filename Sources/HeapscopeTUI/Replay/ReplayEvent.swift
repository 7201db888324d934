/// One model event (micro-step) of the current line.
public struct ReplayEvent: Sendable, Equatable {
  /// What happened, e.g. "alloc 48 B block 0x7f3a00000030 (class 2)".
  public var text: String
  /// The CPython C function doing it in the modelled version, e.g. `pymalloc_alloc`.
  public var cFunction: String
  /// The CPython source file of that function, e.g. `Objects/obmalloc.c`.
  public var sourceFile: String
  /// Whether it is a phase of a cycle collection (run mode walks those one
  /// by one, and the GC pane shows the phase while the cursor is on it).
  public var isCollectorPhase: Bool

  public init(text: String, cFunction: String, sourceFile: String, isCollectorPhase: Bool = false) {
    self.text = text
    self.cFunction = cFunction
    self.sourceFile = sourceFile
    self.isCollectorPhase = isCollectorPhase
  }
}

/// Memory in use at one step, for the chart.
public struct MemorySample: Sendable, Equatable {
  public var step: Int
  /// Bytes in use (pymalloc blocks plus raw blocks).
  public var bytes: Int

  public init(step: Int, bytes: Int) {
    self.step = step
    self.bytes = bytes
  }
}

/// The events of the current line, built one at a time when read: a line
/// that frees a million objects has a million events, and a frame shows a
/// screenful of them.
public struct ReplayEvents: RandomAccessCollection, Sendable {
  public let count: Int
  private let element: @Sendable (Int) -> ReplayEvent
  private let collectorPhase: @Sendable (Int) -> Bool

  /// Events made on demand; `isCollectorPhase` answers without building the event.
  public init(
    count: Int, element: @escaping @Sendable (Int) -> ReplayEvent,
    isCollectorPhase: @escaping @Sendable (Int) -> Bool
  ) {
    self.count = count
    self.element = element
    self.collectorPhase = isCollectorPhase
  }

  /// Events already built.
  public init(_ events: [ReplayEvent]) {
    self.init(count: events.count, element: { events[$0] }, isCollectorPhase: { events[$0].isCollectorPhase })
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { count }
  public subscript(position: Int) -> ReplayEvent { element(position) }

  /// Whether event `index` is a phase of a cycle collection.
  public func isCollectorPhase(at index: Int) -> Bool { collectorPhase(index) }
}
