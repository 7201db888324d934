// `str.format(*args, **kwargs)`: the template is walked by `FormatMarkup`
// (Builtins/Formatting/FormatMarkup.swift) one piece at a time, and each
// field is evaluated before the next piece is parsed, as CPython's
// `do_markup` does, so errors come in CPython's order.
//
// A field's object is `args[i]` or `kwargs[name]`, then each `.attr`
// (getattr) and `[key]` (getitem with an int for digits, else a str) in
// turn; then the conversion (`!r` repr, `!s` str, `!a` ascii); then its spec,
// itself expanded first if it holds fields (sharing the automatic numbering
// of the outer template), is applied as `format(value, spec)`.

import HeapModel

extension Interpreter {
  /// `template.format(*args, **keywords)`.
  mutating func formatMethod(_ template: String, _ args: [ObjectID], _ keywords: [(String, ObjectID)])
    throws -> String
  {
    var numbering = FormatNumbering()
    let scalars = Array(template.unicodeScalars)
    return try expandFormat(scalars[...], args, keywords, depth: 2, &numbering)
  }

  /// `build_string`: one template (or nested spec) at recursion `depth`.
  mutating func expandFormat(
    _ text: ArraySlice<Unicode.Scalar>, _ args: [ObjectID], _ keywords: [(String, ObjectID)], depth: Int,
    _ numbering: inout FormatNumbering
  ) throws -> String {
    guard depth > 0 else { throw raise(.valueError, "Max string recursion exceeded") }
    var markup = FormatMarkup(text)
    var output = String.UnicodeScalarView()
    while true {
      let piece: FormatMarkupPiece?
      do { piece = try markup.next() } catch { throw raise(formatting: error) }
      guard let piece else { break }
      output.append(contentsOf: piece.literal)
      guard let field = piece.field else { continue }
      let object = try formatFieldObject(field.name, args, keywords, &numbering)
      defer { drop(object) }
      var converted = object
      var owned = false
      switch field.conversion {
      case nil: break
      case "r"?:
        converted = heap.newStr(try repr(object))
        owned = true
      case "s"?:
        converted = heap.newStr(try str(object))
        owned = true
      case "a"?:
        converted = heap.newStr(StringRepr.asciiEscaped(try repr(object)))
        owned = true
      case let other?:
        let code = other.value
        throw raise(
          .valueError,
          code > 32 && code < 127
            ? "Unknown conversion specifier \(Character(other))"
            : "Unknown conversion specifier \\x\(String(code, radix: 16))")
      }
      defer { if owned { drop(converted) } }
      let spec =
        field.specHasFields
        ? try expandFormat(field.spec, args, keywords, depth: depth - 1, &numbering)
        : FormatFieldName.string(field.spec)
      output.append(contentsOf: try formatText(converted, spec: spec).unicodeScalars)
    }
    return String(output)
  }

  /// `get_field_object`: the owned object a field name designates.
  mutating func formatFieldObject(
    _ name: ArraySlice<Unicode.Scalar>, _ args: [ObjectID], _ keywords: [(String, ObjectID)],
    _ numbering: inout FormatNumbering
  ) throws -> ObjectID {
    var parts: FormatFieldName
    do { parts = try FormatFieldName(name) } catch { throw raise(formatting: error) }
    var object: ObjectID
    switch parts.first {
    case .keyword(let key):
      guard let value = keywords.first(where: { CodePoints.equal($0.0, key) })?.1 else {
        throw raise(.keyError, key)
      }
      object = retain(value)
    case .automatic, .index:
      let index: Int
      do { index = try numbering.index(for: parts.first) } catch { throw raise(formatting: error) }
      guard index < args.count else {
        throw raise(.indexError, "Replacement index \(index) out of range for positional args tuple")
      }
      object = retain(args[index])
    }
    while true {
      let accessor: FormatFieldName.Accessor?
      do { accessor = try parts.next() } catch {
        drop(object)
        throw raise(formatting: error)
      }
      guard let accessor else { return object }
      defer { drop(object) }
      switch accessor {
      case .attribute(let attribute):
        object = try getAttribute(object, attribute)
      case .index(let index):
        let key = heap.newInt(index)
        defer { drop(key) }
        object = try getItem(object, key)
      case .key(let text):
        let key = heap.newStr(text)
        defer { drop(key) }
        object = try getItem(object, key)
      }
    }
  }
}

/// The automatic field numbering of one `str.format` call (`AutoNumber`):
/// `{}` and `{0}` cannot be mixed.
struct FormatNumbering {
  enum State { case unset, automatic, manual }
  var state = State.unset
  var next = 0

  /// The positional index of `first` (`.automatic` or `.index`).
  mutating func index(for first: FormatFieldName.First) throws(FormattingError) -> Int {
    let automatic = first == .automatic
    if state == .unset { state = automatic ? .automatic : .manual }
    if state == .manual, automatic {
      throw .value("cannot switch from manual field specification to automatic field numbering")
    }
    if state == .automatic, !automatic {
      throw .value("cannot switch from automatic field numbering to manual field specification")
    }
    if case .index(let index) = first { return index }
    next += 1
    return next - 1
  }
}

extension Interpreter {
  /// The str argument a template consisting of one field without a format
  /// spec or with `!s` refers to ("{}", "{0}", "{name!s:}"), nil otherwise
  /// (or when the argument is missing or not a str: the full path reports
  /// errors and formats).
  func loneFormatField(_ template: String, _ args: [ObjectID], _ keywords: [(String, ObjectID)]) -> ObjectID?
  {
    guard template.hasPrefix("{"), template.hasSuffix("}"), template.count >= 2 else { return nil }
    var inner = Substring(template.dropFirst().dropLast())
    if inner.hasSuffix(":") { inner = inner.dropLast() }
    if inner.hasSuffix("!s") { inner = inner.dropLast(2) }
    let value: ObjectID?
    if inner.isEmpty {
      value = args.first
    } else if inner.allSatisfy({ $0.isASCII && $0.isNumber }), let index = Int(inner) {
      value = index < args.count ? args[index] : nil
    } else if inner.unicodeScalars.allSatisfy({ $0.properties.isXIDContinue }),
      let first = inner.unicodeScalars.first, first.properties.isXIDStart || first == "_"
    {
      value = keywords.last { $0.0 == inner }?.1
    } else {
      value = nil
    }
    guard let value, heap.kind(of: value) == .str else { return nil }
    return value
  }
}
