/// What parsing a scenario produced: the module when the text is valid
/// Python of the subset's grammar, and every problem found.
public struct ParseResult: Sendable {
  /// The parsed module; nil whenever `diagnostics` holds an error.
  public var module: Module?
  public var diagnostics: [Diagnostic]

  public init(module: Module?, diagnostics: [Diagnostic]) {
    self.module = module
    self.diagnostics = diagnostics
  }
}
