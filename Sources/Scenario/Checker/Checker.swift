// The checker's public face; the work is done by `StaticChecker`.

/// Static checks run on a parsed module before it executes.
public enum Checker {
  /// The compiler-level errors CPython would raise for this module, and the
  /// constructs outside heapscope's subset that the parser did not already
  /// reject, in source order.
  public static func check(_ module: Module) -> [Diagnostic] {
    let checker = StaticChecker(source: module.source)
    checker.checkModule(module.body)
    return checker.diagnostics.enumerated().sorted {
      ($0.element.range.start, $0.offset) < ($1.element.range.start, $1.offset)
    }.map(\.element)
  }
}

/// Parses and checks a scenario in one step.
///
/// - Returns: the module when it parsed and passed every check (nil
///   otherwise), and all diagnostics in source order.
public func compileCheck(_ source: SourceFile) -> (module: Module?, diagnostics: [Diagnostic]) {
  let tree = Parser.parseTree(source)
  guard tree.isWhole else { return (nil, tree.diagnostics) }
  let module = Module(body: tree.body, source: source)
  let diagnostics = Parser.sorted(tree.diagnostics + Checker.check(module))
  return (diagnostics.isEmpty ? module : nil, diagnostics)
}
