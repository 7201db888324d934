// Bad input is reported as values, never thrown through the interpreter:
// a `Diagnostic` names what is wrong and where (a byte range in the source),
// optionally with notes pointing elsewhere. `DiagnosticFormatter` turns it
// into the compiler-style text users see:
//
//     tour.py:3:5: error: 'with' is not available in heapscope scenarios (...)
//         with open("x") as f:
//         ^~~~
//
// Exit status 2 belongs to the executable, not to this type.

/// One problem found in a scenario before it runs.
public struct Diagnostic: Hashable, Sendable, Error {
  public enum Severity: String, Hashable, Sendable {
    case error
    case note
  }

  /// A secondary location that helps explain the main one.
  public struct Note: Hashable, Sendable {
    public var message: String
    public var range: SourceRange?

    public init(_ message: String, at range: SourceRange? = nil) {
      self.message = message
      self.range = range
    }
  }

  public var severity: Severity
  public var message: String
  public var range: SourceRange
  public var notes: [Note]

  public init(_ message: String, at range: SourceRange, notes: [Note] = []) {
    self.severity = .error
    self.message = message
    self.range = range
    self.notes = notes
  }
}
