// A scenario's text, kept as UTF-8 bytes with a table of line starts so that
// every node of the AST can carry a compact range (two byte offsets) and any
// consumer — diagnostics, tracebacks, the TUI's source pane — can turn an
// offset back into a line and a column.
//
// Columns are 1-based and count Unicode scalars, as CPython's SyntaxError
// offsets do; lines are 1-based. A leading UTF-8 BOM is dropped before the
// bytes are stored, so offset 0 is always the first character of line 1.

/// A half-open range of UTF-8 byte offsets into a `SourceFile`.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
  public var start: Int
  public var end: Int

  public init(start: Int, end: Int) {
    precondition(start <= end, "SourceRange start \(start) after end \(end)")
    self.start = start
    self.end = end
  }

  /// An empty range at an offset (a caret with nothing underlined).
  public static func at(_ offset: Int) -> SourceRange { SourceRange(start: offset, end: offset) }

  /// The smallest range covering both.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(start: Swift.min(start, other.start), end: Swift.max(end, other.end))
  }

  public var description: String { "\(start)..<\(end)" }
}

/// A 1-based line and column (in Unicode scalars) inside a source file.
public struct SourceLocation: Hashable, Sendable {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
}

/// The text of one scenario file plus its line table.
public struct SourceFile: Sendable {
  /// The name shown in diagnostics and tracebacks (usually the path as given).
  public let name: String
  /// The file's bytes, BOM removed.
  public let bytes: [UInt8]
  /// Offsets at which each line starts; `lineStarts[0] == 0`.
  public let lineStarts: [Int]

  /// Wraps already-decoded text (a BOM at its start is dropped).
  public init(name: String, text: String) {
    self.init(name: name, bytes: Array(text.utf8))
  }

  /// Wraps raw bytes (a BOM at the start is dropped). The bytes need not be
  /// valid UTF-8: the lexer reports invalid sequences with their position.
  public init(name: String, bytes: [UInt8]) {
    self.name = name
    var body = bytes
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
    self.bytes = body
    var starts = [0]
    var index = 0
    while index < body.count {
      let byte = body[index]
      if byte == UInt8(ascii: "\n") {
        starts.append(index + 1)
      } else if byte == UInt8(ascii: "\r") {
        if index + 1 < body.count, body[index + 1] == UInt8(ascii: "\n") { index += 1 }
        starts.append(index + 1)
      }
      index += 1
    }
    self.lineStarts = starts
  }

  /// Number of lines (a trailing newline does not start a new line).
  public var lineCount: Int {
    if let last = lineStarts.last, last == bytes.count, lineStarts.count > 1 {
      return lineStarts.count - 1
    }
    return lineStarts.count
  }

  /// The 1-based line containing a byte offset.
  /// - Complexity: O(log lines).
  public func line(containing offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return low + 1
  }

  /// Line and column of a byte offset; the column counts scalars from the
  /// line start (continuation bytes are not counted).
  public func location(of offset: Int) -> SourceLocation {
    let line = line(containing: offset)
    let start = lineStarts[line - 1]
    var column = 1
    var index = start
    let stop = Swift.min(offset, bytes.count)
    while index < stop {
      if bytes[index] & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    return SourceLocation(line: line, column: column)
  }

  /// The byte range of a line's text, without its line terminator.
  public func lineRange(_ line: Int) -> Range<Int> {
    precondition(line >= 1 && line <= lineStarts.count, "line \(line) out of 1...\(lineStarts.count)")
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] : bytes.count
    while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
      end -= 1
    }
    return start..<end
  }

  /// The text of a line without its terminator (invalid UTF-8 is repaired).
  public func lineText(_ line: Int) -> String {
    String(decoding: bytes[lineRange(line)], as: UTF8.self)
  }

  /// The source text of a range.
  public func text(of range: SourceRange) -> String {
    String(decoding: bytes[range.start..<Swift.min(range.end, bytes.count)], as: UTF8.self)
  }
}
