// str methods that pad, strip, partition, change case and classify
// (Objects/unicodeobject.c, Objects/stringlib/). What matters for the heap:
// - a result equal to the receiver is the receiver itself, one more
//   reference and no allocation (`unicode_result_unchanged`): `s.strip()`
//   with nothing to strip, `s.ljust(w)`/`rjust`/`center`/`zfill` with
//   `len(s) >= w`; `partition` with no match returns `(s, '', '')`;
// - a found separator is the argument object itself in `partition`'s tuple;
// - empty and one-character latin-1 results are the interpreter's singletons
//   (`Heap.newStr` hands those out);
// - case changes always build a new string, even when nothing changes.
// Whitespace is Py_UNICODE_ISSPACE (`splitOnWhitespace`'s set); the
// classifiers are False for the empty string.

import HeapModel

extension Interpreter {
  /// The padding, stripping, partitioning, case and classifying methods of
  /// str; nil for any other builtin.
  mutating func strMethod(_ builtin: Builtin, _ receiver: ObjectID, _ args: [ObjectID]) throws -> ObjectID? {
    let text = heap.string(receiver)
    switch builtin {
    case .strStrip, .strLstrip, .strRstrip:
      let scalars = Array(text.unicodeScalars)
      let strip: (Unicode.Scalar) -> Bool
      if let chars = args.first, chars != heap.none {
        guard heap.kind(of: chars) == .str else {
          throw raise(.typeError, "\(builtin.name) arg must be None or str")
        }
        let set = Set(heap.string(chars).unicodeScalars)
        strip = { set.contains($0) }
      } else {
        strip = Interpreter.isSpace
      }
      var start = 0
      var end = scalars.count
      if builtin != .strRstrip { while start < end, strip(scalars[start]) { start += 1 } }
      if builtin != .strLstrip { while end > start, strip(scalars[end - 1]) { end -= 1 } }
      if start == 0, end == scalars.count { return retain(receiver) }
      return heap.newStr(Interpreter.string(scalars[start..<end]))
    case .strLjust, .strRjust, .strCenter:
      let width = try integerArgument(args[0])
      var fill: Unicode.Scalar = " "
      if args.count > 1 {
        guard heap.kind(of: args[1]) == .str else {
          throw raise(
            .typeError, "The fill character must be a unicode character, not \(try typeName(of: args[1]))")
        }
        let fillText = Array(heap.string(args[1]).unicodeScalars)
        guard fillText.count == 1 else {
          throw raise(.typeError, "The fill character must be exactly one character long")
        }
        fill = fillText[0]
      }
      let scalars = Array(text.unicodeScalars)
      guard width > scalars.count else { return retain(receiver) }
      let margin = width - scalars.count
      let left: Int
      switch builtin {
      case .strLjust: left = 0
      case .strRjust: left = margin
      default: left = margin / 2 + (margin & width & 1)
      }
      var view = String.UnicodeScalarView()
      view.append(contentsOf: repeatElement(fill, count: left))
      view.append(contentsOf: scalars)
      view.append(contentsOf: repeatElement(fill, count: margin - left))
      return heap.newStr(String(view))
    case .strZfill:
      let width = try integerArgument(args[0])
      var scalars = Array(text.unicodeScalars)
      guard width > scalars.count else { return retain(receiver) }
      let fill = width - scalars.count
      scalars.insert(contentsOf: repeatElement("0", count: fill), at: 0)
      if fill < scalars.count, scalars[fill] == "+" || scalars[fill] == "-" {
        scalars[0] = scalars[fill]
        scalars[fill] = "0"
      }
      return heap.newStr(Interpreter.string(scalars[...]))
    case .strPartition, .strRpartition:
      let separator = args[0]
      guard heap.kind(of: separator) == .str else {
        throw raise(.typeError, "must be str, not \(try typeName(of: separator))")
      }
      let needle = Array(heap.string(separator).unicodeScalars)
      guard !needle.isEmpty else { throw raise(.valueError, "empty separator") }
      let scalars = Array(text.unicodeScalars)
      let found = Interpreter.position(of: needle, in: scalars, last: builtin == .strRpartition)
      guard let found else {
        return builtin == .strPartition
          ? heap.newTuple([retain(receiver), heap.newStr(""), heap.newStr("")])
          : heap.newTuple([heap.newStr(""), heap.newStr(""), retain(receiver)])
      }
      let head = heap.newStr(Interpreter.string(scalars[..<found]))
      let tail = heap.newStr(Interpreter.string(scalars[(found + needle.count)...]))
      return heap.newTuple([head, retain(separator), tail])
    case .strCapitalize, .strTitle, .strSwapcase:
      var view = String.UnicodeScalarView()
      var previousCased = false
      let scalars = Array(text.unicodeScalars)
      for (index, scalar) in scalars.enumerated() {
        let lower: Bool
        switch builtin {
        case .strCapitalize:
          lower = index != 0
        case .strTitle:
          lower = previousCased
          previousCased = scalar.properties.isCased  // `do_title`: an apostrophe ends a word
        default:
          guard scalar.properties.isUppercase else {
            let mapped = scalar.properties.isLowercase ? scalar.properties.uppercaseMapping : String(scalar)
            view.append(contentsOf: mapped.unicodeScalars)
            continue
          }
          lower = true
        }
        if lower {
          PythonText.appendLowercase(of: scalars, at: index, to: &view)
        } else {
          view.append(contentsOf: scalar.properties.titlecaseMapping.unicodeScalars)
        }
      }
      return heap.newUncachedStr(String(view))
    case .strIsdigit, .strIsalpha, .strIsalnum, .strIsspace, .strIsdecimal, .strIsupper, .strIslower:
      let scalars = Array(text.unicodeScalars)
      guard !scalars.isEmpty else { return heap.newBool(false) }
      func isDigit(_ s: Unicode.Scalar) -> Bool {
        s.properties.numericType == .decimal || s.properties.numericType == .digit
      }
      func isAlpha(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
      }
      let result: Bool
      switch builtin {
      case .strIsdigit: result = scalars.allSatisfy(isDigit)
      case .strIsdecimal: result = scalars.allSatisfy { $0.properties.numericType == .decimal }
      case .strIsalpha: result = scalars.allSatisfy(isAlpha)
      case .strIsalnum: result = scalars.allSatisfy { isAlpha($0) || $0.properties.numericType != nil }
      case .strIsspace: result = scalars.allSatisfy(Interpreter.isSpace)
      case .strIsupper:
        result =
          !scalars.contains { $0.properties.isLowercase || $0.properties.generalCategory == .titlecaseLetter }
          && scalars.contains { $0.properties.isUppercase }
      default:
        result =
          !scalars.contains { $0.properties.isUppercase || $0.properties.generalCategory == .titlecaseLetter }
          && scalars.contains { $0.properties.isLowercase }
      }
      return heap.newBool(result)
    default:
      return nil
    }
  }

  /// `PyNumber_AsSsize_t` of a width argument, with CPython's messages.
  /// `_PyEval_SliceIndexNotNone`: an int (clamped to the machine range,
  /// never an OverflowError), else a TypeError.
  mutating func sliceIndexArgument(_ value: ObjectID) throws -> Int {
    guard heap.kind(of: value) == .int || heap.kind(of: value) == .bool else {
      throw raise(.typeError, "slice indices must be integers or have an __index__ method")
    }
    if let n = heap.intValue(value) { return n }
    return heap.bigIntValue(value).sign == .minus ? Int.min / 2 : Int.max / 2
  }

  mutating func integerArgument(_ value: ObjectID) throws -> Int {
    switch heap.kind(of: value) {
    case .int, .bool:
      guard let n = heap.intValue(value) else {
        throw raise(.overflowError, "Python int too large to convert to C ssize_t")
      }
      return n
    case .float where version <= .py39:
      throw raise(.typeError, "integer argument expected, got float")
    default:
      throw raise(.typeError, "'\(try typeName(of: value))' object cannot be interpreted as an integer")
    }
  }

  /// Py_UNICODE_ISSPACE: Unicode's White_Space plus the four ASCII
  /// information separators U+001C…U+001F.
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
  }

  static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars)
    return String(view)
  }

  /// The first (or last) start of `needle` in `haystack`.
  static func position(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], last: Bool) -> Int? {
    guard needle.count <= haystack.count else { return nil }
    let starts = 0...(haystack.count - needle.count)
    let matches = { (start: Int) in haystack[start..<start + needle.count].elementsEqual(needle) }
    return last ? starts.reversed().first(where: matches) : starts.first(where: matches)
  }
}
