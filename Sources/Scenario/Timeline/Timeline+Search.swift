// Seeking to the next or previous model event that matches an `EventQuery`.
//
// A position is a step plus an event index into that step's events
// (`currentEvents`); nil means "before the first event", which is where the
// TUI stands after a whole-line step. Forward: the rest of the current
// step's events, then step by step (each step's events are recorded anyway)
// until a step's events match. Backward: the earlier events of the current
// step, then stretch by stretch between checkpoints, newest first — a
// stretch whose step marks cannot hold a match is skipped without running
// anything; otherwise it is re-executed from its checkpoint with the log on,
// the last match in it kept, and the timeline moved there with `seek`.
// Either way a search that finds nothing leaves the timeline where it was.

import HeapModel

extension Timeline {
  /// Moves forward to the first event after (`step`, `eventIndex`) that
  /// matches `query`, and returns where it is; returns nil, back at the
  /// starting step, when the rest of the run holds none.
  public mutating func seekForward(_ query: EventQuery, after eventIndex: Int?) throws(InterpreterStop)
    -> EventMatch?
  {
    try loadCurrentEvents()
    let start = step
    if case .death = query {
    } else if let index = firstMatch(query, from: eventIndex.map { $0 + 1 } ?? 0) {
      return EventMatch(step: step, eventIndex: index)
    }
    do {
      while !isFinished {
        try stepForward()
        if let index = firstMatch(query, from: 0) { return EventMatch(step: step, eventIndex: index) }
        if case .death(let id, let block) = query, isGone(id, block: block) {
          return EventMatch(step: step, eventIndex: nil)
        }
      }
    } catch {
      try? seek(to: start)
      throw error
    }
    try seek(to: start)
    return nil
  }

  /// Moves back to the last event before (`step`, `eventIndex`) that
  /// matches `query`, and returns where it is; returns nil, back at the
  /// starting step, when no earlier event matches.
  public mutating func seekBackward(_ query: EventQuery, before eventIndex: Int?) throws(InterpreterStop)
    -> EventMatch?
  {
    if eventIndex != nil { try loadCurrentEvents() }
    if let eventIndex, let index = lastMatch(query, in: currentEvents, before: eventIndex) {
      return EventMatch(step: step, eventIndex: index)
    }
    let start = step
    // Steps up to `last` are still to search; a stretch runs from the
    // latest checkpoint before `last` up to it.
    var last = start - 1
    while last >= 1 {
      guard let k = checkpoints.lastIndex(where: { $0.steps < last }) else { break }
      let lower = checkpoints[k].steps
      defer { last = lower }
      let stretch = lower..<min(last, records.count)
      guard stretch.contains(where: { !records.marks(at: $0).isDisjoint(with: query.marks) }) else {
        continue
      }
      guard let found = try lastMatch(query, replaying: k, through: last, before: start) else { continue }
      try seek(to: found.step)
      let index = lastMatch(query, in: currentEvents, before: currentEvents.count)
      return EventMatch(step: step, eventIndex: index)
    }
    try seek(to: start)
    return nil
  }

  // MARK: Matching

  private func firstMatch(_ query: EventQuery, from index: Int) -> Int? {
    guard index < currentEvents.count else { return nil }
    return currentEvents[index...].firstIndex { query.matches($0) }
  }

  private func lastMatch(_ query: EventQuery, in events: [AllocatorEvent], before index: Int) -> Int? {
    events.prefix(max(0, min(index, events.count))).lastIndex { query.matches($0) }
  }

  private func isGone(_ id: ObjectID, block: Address) -> Bool {
    let heap = interpreter.heap
    return !heap.isAlive(id) || heap.blocks[id.slot] != block.rawValue
  }

  /// Re-executes from checkpoint `k` through step `last` with the event
  /// log on; the last step there (or just past it, when a step runs on
  /// through several lines, but before `start`) whose events match.
  private func lastMatch(_ query: EventQuery, replaying k: Int, through last: Int, before start: Int)
    throws(InterpreterStop) -> EventMatch?
  {
    var probe = checkpoints[k]
    probe.heap.clearAllocatorLog()
    probe.heap.setEventLog(.full)
    var found: EventMatch?
    while probe.steps < last {
      let finished = try probe.advance(toStep: probe.steps + 1)
      let events = probe.heap.takeAllocatorEvents()
      if probe.steps < start, let index = lastMatch(query, in: events, before: events.count) {
        found = EventMatch(step: probe.steps, eventIndex: index)
      }
      if finished { break }
    }
    return found
  }
}
