// The markup of `str.format` (PEP 3101; Objects/stringlib/unicode_format.h):
//
//   literal text, '{{' and '}}' for braces, and replacement fields
//   '{' field_name ['!' conversion] [':' format_spec] '}'
//   field_name   = first ('.' attribute | '[' key ']')*
//   first        = '' (automatic numbering) | digits (positional) | name (keyword)
//
// CPython parses lazily and so does this: `FormatMarkup.next()` returns the
// next literal run and at most one field, and the caller evaluates that field
// before asking for the next piece, so "{0.x}}" raises the AttributeError of
// `.x` before the "Single '}'" error that follows it. Field names are walked
// the same way (`FormatFieldName`): "{0.x.}" looks `x` up, then fails on the
// empty attribute.
//
// Quirks kept on purpose, all measured on 3.8–3.13 (identical in every
// version): a '[' in a field name skips to the next ']' even past ':' or '!';
// a '!' must be followed by one character and then ':' or '}' ("{0!rr}" is
// "expected ':' after conversion specifier"); "{!}" reads '}' as the
// conversion and then fails with "unmatched '{' in format spec"; a format
// spec may hold nested fields (braces are counted), which the caller expands
// one level deep (two levels is "Max string recursion exceeded").

/// One step of a `str.format` template: a literal run, then maybe a field.
public struct FormatMarkupPiece: Equatable, Sendable {
  /// Text to copy to the output (an escaped brace is its single character).
  public var literal: ArraySlice<Unicode.Scalar>
  /// The replacement field after the literal, if any.
  public var field: FormatField?
}

/// `{name!conversion:spec}` before evaluation.
public struct FormatField: Equatable, Sendable {
  /// The field name, parsed by `FormatFieldName`.
  public var name: ArraySlice<Unicode.Scalar>
  /// `r`, `s`, `a` or any other character (which the caller rejects).
  public var conversion: Unicode.Scalar?
  /// The format spec, still holding nested fields if `specHasFields`.
  public var spec: ArraySlice<Unicode.Scalar>
  /// The spec contains a '{' and must be expanded first.
  public var specHasFields: Bool
}

/// Splits a `str.format` template into literal runs and fields, lazily.
public struct FormatMarkup {
  let text: ArraySlice<Unicode.Scalar>
  var position: Int

  public init(_ text: ArraySlice<Unicode.Scalar>) {
    self.text = text
    self.position = text.startIndex
  }

  /// The next piece, or nil at the end of the template.
  public mutating func next() throws(FormattingError) -> FormatMarkupPiece? {
    guard position < text.endIndex else { return nil }
    let start = position
    var brace: Unicode.Scalar?
    while position < text.endIndex {
      let c = text[position]
      position += 1
      if c == "{" || c == "}" {
        brace = c
        break
      }
    }
    let atEnd = position >= text.endIndex
    var literalEnd = position
    if brace == "}", atEnd || text[position] != "}" {
      throw .value("Single '}' encountered in format string")
    }
    if brace == "{", atEnd { throw .value("Single '{' encountered in format string") }
    guard let brace else { return FormatMarkupPiece(literal: text[start..<literalEnd], field: nil) }
    if text[position] == brace {
      // An escaped brace: the literal keeps one, the second is skipped.
      position += 1
      return FormatMarkupPiece(literal: text[start..<literalEnd], field: nil)
    }
    literalEnd -= 1
    return FormatMarkupPiece(literal: text[start..<literalEnd], field: try parseField())
  }

  /// `parse_field`: after the opening '{'.
  mutating func parseField() throws(FormattingError) -> FormatField {
    let nameStart = position
    var last: Unicode.Scalar = "\0"
    scan: while position < text.endIndex {
      last = text[position]
      position += 1
      switch last {
      case "{": throw .value("unexpected '{' in field name")
      case "[":
        while position < text.endIndex, text[position] != "]" { position += 1 }
      case "}", ":", "!": break scan
      default: continue
      }
    }
    let name = text[nameStart..<max(nameStart, position - 1)]
    guard last == "!" || last == ":" else {
      if last != "}" { throw .value("expected '}' before end of string") }
      return FormatField(name: name, conversion: nil, spec: text[position..<position], specHasFields: false)
    }
    var conversion: Unicode.Scalar?
    if last == "!" {
      guard position < text.endIndex else {
        throw .value("end of string while looking for conversion specifier")
      }
      conversion = text[position]
      position += 1
      if position < text.endIndex {
        let c = text[position]
        position += 1
        if c == "}" {
          return FormatField(
            name: name, conversion: conversion, spec: text[position..<position], specHasFields: false)
        }
        if c != ":" { throw .value("expected ':' after conversion specifier") }
      }
    }
    let specStart = position
    var depth = 1
    var hasFields = false
    while position < text.endIndex {
      let c = text[position]
      position += 1
      if c == "{" {
        hasFields = true
        depth += 1
      } else if c == "}" {
        depth -= 1
        if depth == 0 {
          return FormatField(
            name: name, conversion: conversion, spec: text[specStart..<position - 1], specHasFields: hasFields
          )
        }
      }
    }
    throw .value("unmatched '{' in format spec")
  }
}

/// The parts of a field name, walked lazily (`FieldNameIterator`).
public struct FormatFieldName {
  /// What the part before the first '.' or '[' names.
  public enum First: Equatable, Sendable {
    /// `{}`: the next automatic index.
    case automatic
    /// `{0}`: a positional index.
    case index(Int)
    /// `{name}`: a keyword argument.
    case keyword(String)
  }

  /// One '.attribute' or '[key]' step.
  public enum Accessor: Equatable, Sendable {
    case attribute(String)
    /// `[digits]`: an integer index.
    case index(Int)
    /// `[text]`: a str key.
    case key(String)
  }

  public let first: First
  let text: ArraySlice<Unicode.Scalar>
  var position: Int

  /// Splits off the first part; fails only on a too long number.
  public init(_ text: ArraySlice<Unicode.Scalar>) throws(FormattingError) {
    var end = text.startIndex
    while end < text.endIndex, text[end] != ".", text[end] != "[" { end += 1 }
    let head = text[text.startIndex..<end]
    if head.isEmpty {
      first = .automatic
    } else if let index = try FormatFieldName.integer(head) {
      first = .index(index)
    } else {
      first = .keyword(FormatFieldName.string(head))
    }
    self.text = text
    self.position = end
  }

  /// The next accessor, or nil at the end of the name.
  public mutating func next() throws(FormattingError) -> Accessor? {
    guard position < text.endIndex else { return nil }
    let c = text[position]
    position += 1
    let start = position
    let part: ArraySlice<Unicode.Scalar>
    switch c {
    case ".":
      while position < text.endIndex, text[position] != ".", text[position] != "[" { position += 1 }
      part = text[start..<position]
    case "[":
      while position < text.endIndex, text[position] != "]" { position += 1 }
      guard position < text.endIndex else { throw .value("Missing ']' in format string") }
      part = text[start..<position]
      position += 1
    default:
      throw .value("Only '.' or '[' may follow ']' in format field specifier")
    }
    if part.isEmpty { throw .value("Empty attribute in format string") }
    if c == "." { return .attribute(FormatFieldName.string(part)) }
    if let index = try FormatFieldName.integer(part) { return .index(index) }
    return .key(FormatFieldName.string(part))
  }

  /// `get_integer`: the value of an all-decimal-digit part, else nil.
  static func integer(_ part: ArraySlice<Unicode.Scalar>) throws(FormattingError) -> Int? {
    var value = 0
    for c in part {
      guard let digit = c.properties.numericType == .decimal ? c.properties.numericValue : nil else {
        return nil
      }
      let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times.addingReportingOverflow(Int(digit))
      if overflow1 || overflow2 { throw .value("Too many decimal digits in format string") }
      value = sum
    }
    return value
  }

  static func string(_ part: ArraySlice<Unicode.Scalar>) -> String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: part)
    return String(view)
  }
}
