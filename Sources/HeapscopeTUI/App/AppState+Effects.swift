// Carrying out `Effect`s: the only place the inspector drives the replay or
// looks something up that `update` could not know.

import HeapModel

extension AppState {
  /// Performs `effect` on `data`; returns false when the inspector should quit.
  public mutating func perform<D: ReplayDriver>(_ effect: Effect, on data: inout D) -> Bool {
    switch effect {
    case .step: data.step()
    case .microStep: data.microStep()
    case .stepBack: data.stepBack()
    case .continueToBreakpoint: data.continueToBreakpoint()
    case .seek(let step): data.seek(step: step)
    case .seekEvent(let search, let forward):
      data.seekEvent(search, forward: forward)
      if data.notice == nil {
        let place = data.position.eventIndex.map { "event \($0 + 1)" } ?? "end of line"
        message = "\(search) at step \(data.position.step), \(place)"
        scrolls[.events] = nil
      }
    case .microStepToNextPhase: data.microStepToNextPhase()
    case .selectAddress(let raw): selectAddress(Address(raw), in: data)
    case .search(let query): search(query, in: data)
    case .whyAlive(let id): showWhyAlive(id, in: data)
    case .quit: return false
    }
    return true
  }

  private mutating func selectAddress<D: ReplayDriver>(_ address: Address, in data: D) {
    guard let owner = data.owner(of: address) else {
      message = "no live object at \(address)"
      return
    }
    selection = owner.object.id
    if let location = data.allocator.locate(address) {
      heap.stack = [
        HeapZoomFrame(zoom: .arenas, row: heap.arenas.firstIndex(of: location.arena) ?? 0, column: 0),
        HeapZoomFrame(zoom: .arena(location.arena), row: 0, column: location.pool.rawValue % 64),
      ]
      heap.zoom = .pool(location.pool)
      heap.column = location.block
    }
    let chain = data.whyAlive(owner.object.id)
    if !chain.isEmpty { graph.pendingFocus = chain.map(\.target) }
    message = "\(owner.object.typeName) \(owner.object.repr) at \(owner.object.address)"
  }

  private mutating func showWhyAlive<D: ReplayDriver>(_ id: ObjectRef, in data: D) {
    let chain = data.whyAlive(id)
    let name = data.object(id).map { "\($0.typeName) \($0.repr)" } ?? "\(id)"
    guard !chain.isEmpty else {
      message = "\(name) is reachable from no root: garbage until the cycle collector finds it"
      graph.whyAliveChain = nil
      return
    }
    graph.pendingFocus = chain.map(\.target)
    graph.whyAliveChain = chain.map(\.label)
    focus = .graph
  }

  /// Breadth-first from the roots, so the first match is the one nearest a
  /// root; the search starts after the current selection so repeating it
  /// walks through the matches. Bounded so a huge heap cannot stall a frame.
  private mutating func search<D: ReplayDriver>(_ query: String, in data: D) {
    let needle = query.lowercased()
    var seen = Set<ObjectRef>()
    var queue: [[ObjectRef]] = data.roots.map { [$0.target] }
    var head = 0
    var matches: [[ObjectRef]] = []
    while head < queue.count, seen.count < 200_000, matches.count < 1000 {
      let path = queue[head]
      head += 1
      let id = path.last!
      guard seen.insert(id).inserted, let object = data.object(id) else { continue }
      if object.typeName.lowercased() == needle || object.repr.lowercased().contains(needle) {
        matches.append(path)
      }
      let count = min(data.referentCount(of: id), 10_000)
      for edge in data.referents(of: id, in: 0..<count) where !seen.contains(edge.target) {
        queue.append(path + [edge.target])
      }
    }
    guard !matches.isEmpty else {
      message = "no object matches \(query)"
      return
    }
    let current = matches.firstIndex { $0.last == selection }
    let index = current.map { ($0 + 1) % matches.count } ?? 0
    let path = matches[index]
    graph.pendingFocus = path
    selection = path.last
    focus = .graph
    let more = matches.count >= 1000 ? "+" : ""
    message = "match \(index + 1) of \(matches.count)\(more) for \(query)"
  }
}
