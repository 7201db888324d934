// Every key binding lives in one table. Key handling, the `?` overlay, the
// status-bar hints and docs/keybindings.md are all read from it, so they
// cannot disagree.
//
// Contexts decide precedence. While an input line (`g`, `/`) is open only
// the `input` context is consulted and every other printable key is text;
// while the help overlay is up only `help` is. Otherwise the focused pane's
// context wins over `global`. Conflicts are designed out: arrows and hjkl
// move, letters act, and no letter used for movement has a global meaning
// (htop dropped its vim keys because `h`/`k` were already taken).

/// Where a binding applies.
public enum KeyContext: String, Sendable, CaseIterable {
  case global
  case heap
  case graph
  case input
  case help

  var title: String {
    switch self {
    case .global: return "Everywhere"
    case .heap: return "Heap grid"
    case .graph: return "Object graph"
    case .input: return "Input line (g, /, ], [)"
    case .help: return "Help overlay"
    }
  }
}

/// One binding: keys, what they do, where, and how help describes it.
public struct KeyBinding: Sendable {
  public var keys: [Key]
  public var action: Action
  public var context: KeyContext
  /// One line for the help overlay and the docs.
  public var help: String
  /// Heading it is listed under.
  public var group: String
  /// Short label for the status bar; nil to leave it out of the hints.
  public var hint: String?
}

/// The table of key bindings.
public struct KeyMap: Sendable {
  public var bindings: [KeyBinding]

  /// The bindings heapscope ships with.
  public static let `default` = KeyMap(bindings: [
    b([.character("n"), .character(" ")], .step, "Step one line", "Replay", hint: "step"),
    b([.character("s")], .microStep, "Micro-step (one event)", "Replay", hint: "micro"),
    b([.character("b")], .stepBack, "Step back (time travel)", "Replay", hint: "back"),
    b([.character("c")], .continueToBreakpoint, "Continue to breakpoint", "Replay", hint: "cont"),
    b([.character("r")], .runToggle, "Run / pause", "Replay", hint: "run"),
    b([.character("+"), .character("=")], .faster, "Run faster", "Replay"),
    b([.character("-")], .slower, "Run slower", "Replay"),
    b([.character("g")], .openGoTo, "Go to step or address", "Replay", hint: "goto"),
    b(
      [.character("]")], .openSeekNext, "Seek next: gc phase arena release pool free class N", "Replay",
      hint: "seek"),
    b([.character("[")], .openSeekPrevious, "Seek back to the previous such event", "Replay"),
    b([.character("/")], .openSearch, "Search type or repr", "Objects", hint: "search"),
    b(
      [.character("w")], .whyAlive, "Why alive (root chain)", "Objects",
      hint: "why"),
    b([.tab], .nextPane, "Focus the next pane", "Panes", hint: "pane"),
    b([.backTab], .previousPane, "Focus the previous pane", "Panes"),
    b([.character("z")], .maximise, "Maximise / restore pane", "Panes", hint: "max"),
    b([.up, .character("k")], .moveUp, "Move up", "Move"),
    b([.down, .character("j")], .moveDown, "Move down", "Move"),
    b([.left, .character("h")], .moveLeft, "Move left", "Move"),
    b([.right, .character("l")], .moveRight, "Move right", "Move"),
    b([.pageUp], .pageUp, "Page up", "Move"),
    b([.pageDown], .pageDown, "Page down", "Move"),
    b([.character("?")], .toggleHelp, "Show this help", "Screen", hint: "help"),
    b([.character("q")], .quit, "Quit", "Screen", hint: "quit"),
    b([.enter], .zoomIn, "Zoom in: arena, pool", "Heap grid", context: .heap, hint: "zoom"),
    b([.escape, .backspace], .zoomOut, "Zoom out", "Heap grid", context: .heap),
    b(
      [.enter, .right, .character("l")], .zoomIn, "Expand / collapse", "Object graph",
      context: .graph, hint: "expand"),
    b(
      [.escape, .backspace], .zoomOut, "Collapse / leave chain", "Object graph",
      context: .graph),
    b([.enter], .inputSubmit, "Accept the input", "Input line", context: .input),
    b([.escape], .inputCancel, "Cancel the input", "Input line", context: .input),
    b([.backspace], .inputBackspace, "Delete a character", "Input line", context: .input),
    b([.escape, .character("?"), .character("q")], .closeHelp, "Close the help", "Help", context: .help),
  ])

  private static func b(
    _ keys: [Key], _ action: Action, _ help: String, _ group: String, context: KeyContext = .global,
    hint: String? = nil
  ) -> KeyBinding {
    KeyBinding(keys: keys, action: action, context: context, help: help, group: group, hint: hint)
  }

  /// The binding for `key` in `context` alone.
  public func binding(for key: Key, in context: KeyContext) -> KeyBinding? {
    bindings.first { $0.context == context && $0.keys.contains(key) }
  }

  /// What `key` means in `state`: input line first (where printable keys are
  /// text), then the help overlay, then the focused pane's context, then global.
  public func action(for key: Key, in state: AppState) -> Action? {
    switch key {
    case .resize: return nil
    case .click(let x, let y): return state.input == nil ? .click(x: x, y: y) : nil
    default: break
    }
    if state.input != nil {
      if let binding = binding(for: key, in: .input) { return binding.action }
      if case .character(let c) = key { return .inputCharacter(c) }
      return nil
    }
    if state.showsHelp {
      return binding(for: key, in: .help)?.action
    }
    if let context = state.focus.keyContext, let binding = binding(for: key, in: context) {
      return binding.action
    }
    return binding(for: key, in: .global)?.action
  }

  /// Status-bar hints for `state`: the focused pane's first, then global ones.
  public func hints(for state: AppState) -> [(key: String, label: String)] {
    if state.input != nil {
      return bindings.filter { $0.context == .input }.map { ($0.keys[0].description, $0.help) }
    }
    let contexts = [state.focus.keyContext, .global].compactMap { $0 }
    return contexts.flatMap { context in
      bindings.filter { $0.context == context && $0.hint != nil }.map {
        ($0.keys[0].description, $0.hint!)
      }
    }
  }
}
