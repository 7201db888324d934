// The inputs of frame and generator sizes: the counts CPython reads from a
// code object when it sizes a frame (`co_nlocals`, `co_cellvars`,
// `co_freevars`, `co_stacksize`).

/// The frame-relevant counts of a code object.
public struct CodeShape: Sendable, Hashable {
  /// `co_nlocals`: parameters and local variables.
  public var locals: Int
  /// `len(co_cellvars)`: variables captured by inner functions.
  public var cells: Int
  /// `len(co_freevars)`: variables captured from enclosing functions.
  public var frees: Int
  /// Cell variables that are also parameters; 3.11+ keep them in one slot
  /// (`co_nlocalsplus` = locals + cells + frees − cellParameters).
  public var cellParameters: Int
  /// `co_stacksize`: the deepest evaluation stack the code needs.
  public var stackSize: Int

  /// Creates a code shape.
  public init(locals: Int, cells: Int = 0, frees: Int = 0, cellParameters: Int = 0, stackSize: Int) {
    self.locals = locals
    self.cells = cells
    self.frees = frees
    self.cellParameters = cellParameters
    self.stackSize = stackSize
  }

  /// 3.8–3.10 frame slots: stack + locals + cells + frees.
  public var legacySlots: Int { stackSize + locals + cells + frees }

  /// 3.11+ `co_nlocalsplus` + `co_stacksize`.
  public var localsPlusAndStack: Int { locals + cells + frees - cellParameters + stackSize }
}
