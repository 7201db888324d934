// Everything the inspector remembers between frames, as one value. `update`
// changes it in response to an `Action`; `sync(with:)` refreshes the parts
// that mirror the replay (how many arenas there are, which rows the tree
// shows, what is selected) after the replay moved; views only read it.

import HeapModel

/// The inspector's state.
public struct AppState: Sendable, Equatable {
  /// What an open input line is for.
  public enum InputPurpose: Sendable, Equatable {
    case goTo
    case search
    /// `]` / `[`: the kind of model event to seek to, forward or back.
    case seekEvent(forward: Bool)
  }

  /// An open input line.
  public struct InputLine: Sendable, Equatable {
    public var purpose: InputPurpose
    public var text: String
    /// The text is an offer (the last search): Enter takes it, typing or
    /// Backspace replaces it.
    public var isOffered = false
  }

  /// The heap grid's zoom and cursor.
  public struct HeapGrid: Sendable, Equatable {
    public var zoom: HeapZoom = .arenas
    /// At `.arenas`: index into `arenas`; otherwise unused.
    public var row = 0
    /// At `.arenas`: pool within the arena; at `.arena`: pool; at `.pool`: block.
    public var column = 0
    /// Mapped arenas, mirrored from the replay by `sync`.
    public var arenas: [ArenaIndex] = []
    /// Cells at the current level (pools of the arena, blocks of the pool), from `sync`.
    public var cellCount = 0
    /// Cells per grid row at the current level, from the last layout.
    public var cellsPerRow = 1
    /// At `.arena`: its pools, from `sync`.
    public var pools: [PoolIndex] = []
    /// At `.arena` and `.pool`: first grid row shown, from `sync`.
    public var scroll = 0
    /// Zoom levels to return to, with their cursors.
    var stack: [HeapZoomFrame] = []
  }

  /// The object tree's expansion and cursor.
  public struct Graph: Sendable, Equatable {
    /// Expanded nodes, as the object-id path from the root edge's target.
    public var expanded: Set<[ObjectRef]> = []
    /// Cursor row in the flattened tree.
    public var cursor = 0
    /// First row shown.
    public var scroll = 0
    /// Rows in the flattened tree (capped), from `sync`.
    public var rowCount = 0
    /// The path of the node under the cursor, from `sync`.
    public var cursorPath: [ObjectRef] = []
    /// A path to move the cursor to at the next `sync` (search, why-alive, go-to).
    public var pendingFocus: [ObjectRef]?
    /// The last why-alive chain shown, as text.
    public var whyAliveChain: [String]?
  }

  /// Terminal size.
  public var size: TerminalSize
  /// The focused pane.
  public var focus: Pane = .source
  /// Whether the focused pane fills the screen.
  public var isMaximised = false
  /// Whether the help overlay is up.
  public var showsHelp = false
  /// The open input line, if any.
  public var input: InputLine?
  /// Whether the replay runs by itself.
  public var isRunning = false
  /// Run speed, an index into `AppState.speeds`.
  public var speedLevel = 2
  /// A one-shot message for the status bar.
  public var message: String?
  /// The heap grid.
  public var heap = HeapGrid()
  /// The object tree.
  public var graph = Graph()
  /// The selected object, shared by every pane.
  public var selection: ObjectRef?
  /// First source line shown (0-based), kept near the current line by `sync`.
  public var sourceScroll = 0
  /// Whether the replay has finished, from `sync`.
  public var isFinished = false
  /// Whether the replay stands inside a cycle collection, or on a line
  /// whose events still hold collection phases ahead of the micro-step
  /// cursor, from `sync`; run mode then advances phase by phase so each can
  /// be watched.
  public var isCollecting = false
  /// Scroll offsets of the list panes (events, GC, stats).
  public var scrolls: [Pane: Int] = [:]
  /// The glyph set (UTF-8 or ASCII).
  public var glyphs: Glyphs = .unicode
  /// The last event search typed at the `]` / `[` prompt, offered again.
  public var lastEventSearch = ""
  /// The replay line the source pane last centred on.
  var lastLine: Int?

  /// Steps per second at each speed level.
  public static let speeds = [1, 2, 5, 10, 25, 60]

  /// Milliseconds between run ticks at the current speed.
  public var tickMilliseconds: Int { 1000 / AppState.speeds[speedLevel] }

  /// A fresh state for a terminal of `size`.
  public init(size: TerminalSize) {
    self.size = size
  }
}

/// A zoom level to return to.
struct HeapZoomFrame: Sendable, Equatable {
  var zoom: HeapZoom
  var row: Int
  var column: Int
}
