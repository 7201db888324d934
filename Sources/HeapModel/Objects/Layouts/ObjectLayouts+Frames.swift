// Frames and generators (Objects/frameobject.c, genobject.c).
//
// 3.8–3.10: every Python call runs in a heap `PyFrameObject` (GC, variable
// size): block = base + 8·(stack + locals + cells + frees) with base 384
// (3.8/3.9) or 376 (3.10); getsizeof is 8 less (`frame_sizeof` counts one
// slot fewer than is allocated). Frames are recycled: each code object keeps
// one "zombie" frame, and up to 200 more sit on a free list (a recycled frame
// keeps its larger block when reused for a smaller code). A generator is a
// separate object (112 bytes in 3.8/3.9, 104 in 3.10) that owns its frame.
//
// 3.11+: calls run in `_PyInterpreterFrame`s on a per-thread stack (no heap
// block). A `PyFrameObject` is created only when Python code asks for one
// (`sys._getframe`, a traceback, `gi_frame`): block = base + 8·(nlocalsplus +
// stack), base 136 (3.11/3.12) or 152 (3.13); getsizeof = block. A
// generator embeds its interpreter frame: one block of
// 168 (3.11) / 160 (3.12+) + 8·(nlocalsplus + stack).
// A generator expression also keeps its function object alive in 3.11+ (the
// frame references it).

extension ObjectLayouts {
  /// Whether Python calls allocate heap frame objects (3.8–3.10).
  public var callsAllocateFrames: Bool { version <= .py310 }

  /// Request size of a `PyFrameObject` for `code`, GC head included.
  /// - Complexity: O(1).
  @inlinable
  public func frameBlockSize(_ code: CodeShape) -> Int {
    switch version {
    case .py38, .py39: return 384 + 8 * code.legacySlots
    case .py310: return 376 + 8 * code.legacySlots
    case .py311, .py312: return 136 + 8 * code.localsPlusAndStack
    case .py313: return 152 + 8 * code.localsPlusAndStack
    }
  }

  /// `sys.getsizeof` of a frame object for `code`.
  @inlinable
  public func frameGetsizeof(_ code: CodeShape) -> Int {
    version <= .py310 ? frameBlockSize(code) - 8 : frameBlockSize(code)
  }

  /// Request size of a generator (or coroutine) object for `code`: the
  /// generator alone in 3.8–3.10 (its frame is `frameBlockSize`), generator
  /// plus embedded frame in 3.11+. Equals its getsizeof.
  @inlinable
  public func generatorBlockSize(_ code: CodeShape) -> Int {
    switch version {
    case .py38, .py39: return 112
    case .py310: return 104
    case .py311: return 168 + 8 * code.localsPlusAndStack
    case .py312, .py313: return 160 + 8 * code.localsPlusAndStack
    }
  }

  /// Whether a generator needs a separate frame block (3.8–3.10).
  public var generatorsHaveSeparateFrames: Bool { version <= .py310 }
}
