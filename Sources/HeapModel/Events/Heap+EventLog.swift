// The heap's side of the allocator's event log and tally (see
// `AllocatorTally`), for the timeline.

extension Heap {
  /// How much of the allocator's work is logged.
  public var eventLog: EventLogMode { allocator.eventLog }

  /// Sets how much of the allocator's work is logged from now on.
  public mutating func setEventLog(_ mode: EventLogMode) { allocator.eventLog = mode }

  /// The tally of the allocator's work since the last call (zero while the
  /// log is off), and starts a new one.
  public mutating func takeAllocatorTally() -> AllocatorTally { allocator.takeTally() }

  /// Drops the events logged so far; their tally stays.
  public mutating func discardAllocatorEvents() { allocator.discardEvents() }

  /// Drops the events and tally logged so far.
  public mutating func clearAllocatorLog() { allocator.clearLog() }
}
