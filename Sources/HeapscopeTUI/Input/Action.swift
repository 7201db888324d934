/// An intent: what the user asked for, before `update` decides what it means now.
public enum Action: Hashable, Sendable {
  // Replay
  case step
  case microStep
  case stepBack
  case continueToBreakpoint
  case runToggle
  case faster
  case slower
  /// The run timer fired.
  case tick
  // Navigation
  case nextPane
  case previousPane
  case zoomIn
  case zoomOut
  case moveUp
  case moveDown
  case moveLeft
  case moveRight
  case pageUp
  case pageDown
  case maximise
  case whyAlive
  // Prompts
  case openGoTo
  case openSearch
  /// `]`: prompt for a kind of model event and seek forward to it.
  case openSeekNext
  /// `[`: the same, backward.
  case openSeekPrevious
  case inputCharacter(Character)
  case inputBackspace
  case inputSubmit
  case inputCancel
  // Screen
  case toggleHelp
  case closeHelp
  case click(x: Int, y: Int)
  case resize(TerminalSize)
  case quit

  /// Every action a user can bind, for the reachability test (payload cases use a sample value).
  static let bindable: [Action] = [
    .step, .microStep, .stepBack, .continueToBreakpoint, .runToggle, .faster, .slower, .nextPane,
    .previousPane, .zoomIn, .zoomOut, .moveUp, .moveDown, .moveLeft, .moveRight, .pageUp, .pageDown,
    .maximise, .whyAlive, .openGoTo, .openSearch, .openSeekNext, .openSeekPrevious, .inputBackspace,
    .inputSubmit, .inputCancel,
    .toggleHelp, .closeHelp, .quit,
  ]
}
