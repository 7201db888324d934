/// Work `update` asks the app loop to do outside the pure state: drive the
/// replay, look things up in it, or stop.
public enum Effect: Hashable, Sendable {
  case step
  case microStep
  case stepBack
  case continueToBreakpoint
  case seek(step: Int)
  /// Seek to the next (or previous) model event of a kind.
  case seekEvent(EventSearch, forward: Bool)
  /// Run mode through a collection: the next phase of the line, else the next line.
  case microStepToNextPhase
  /// Find the object at an address and select it.
  case selectAddress(UInt64)
  /// Search objects by type name or repr and select the first match after the current one.
  case search(String)
  /// Show the chain of referrers of the selected object.
  case whyAlive(ObjectRef)
  case quit
}
