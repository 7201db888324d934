// More str methods (Objects/unicodeobject.c, Objects/stringlib/split.h):
// rsplit, splitlines, casefold, expandtabs, isidentifier, isprintable,
// isascii, removeprefix/removesuffix (3.9+), and encode
// (Interpreter+Codecs.swift). What they allocate:
// - split and rsplit make their list first, with room for
//   `PREALLOC_SIZE(maxcount)` = min(maxcount + 1, 12) items, and append past
//   that (list growth). 3.12+ bound an unlimited maxcount by what the text
//   can hold — (len − 1) / 2 + 1 pieces on whitespace, len / len(sep) + 1
//   with a separator — so `'a b c'.split()` has 4 slots there and 12 before.
//   rsplit makes its pieces right to left and reverses the list in place.
//   When nothing splits, an exact str is its own only piece.
// - splitlines starts from an empty list and appends (no preallocation).
// - expandtabs and removeprefix/removesuffix return the receiver itself
//   when nothing changes (`unicode_result_unchanged`); casefold always
//   builds a new string.

import Foundation
import HeapModel

extension Interpreter {
  /// The str methods of this file and of Interpreter+Codecs; nil for any
  /// other builtin.
  mutating func strTextMethod(
    _ builtin: Builtin, _ receiver: ObjectID, _ args: [ObjectID], keywords: [(String, ObjectID)]
  ) throws -> ObjectID? {
    switch builtin {
    case .strRsplit:
      let bound = try bindArguments(builtin, args, keywords, names: ["sep", "maxsplit"])
      return try strRsplit(receiver, separator: bound[0], maxSplit: bound[1])
    case .strSplitlines:
      let bound = try bindArguments(builtin, args, keywords, names: ["keepends"])
      let keepEnds = try bound[0].map { try isTrue($0) } ?? false
      return strSplitlines(receiver, keepEnds: keepEnds)
    case .strEncode:
      return try strEncode(receiver, args, keywords: keywords)
    case .strCasefold:
      return heap.newUncachedStr(Interpreter.casefold(heap.string(receiver)))
    case .strExpandtabs:
      let bound = try bindArguments(builtin, args, keywords, names: ["tabsize"])
      let tabSize = try bound[0].map { try integerArgument($0) } ?? 8
      let text = heap.string(receiver)
      guard text.utf8.contains(UInt8(ascii: "\t")) else { return retain(receiver) }
      return heap.newStr(Interpreter.expandTabs(text, tabSize: tabSize))
    case .strIsidentifier:
      return heap.newBool(Interpreter.isIdentifier(heap.string(receiver)))
    case .strIsprintable:
      let version = version
      return heap.newBool(
        heap.string(receiver).unicodeScalars.allSatisfy {
          UnicodePrintability.isPrintable($0, version: version)
        })
    case .strIsascii:
      return heap.newBool(heap.string(receiver).utf8.allSatisfy { $0 < 0x80 })
    case .strRemoveprefix, .strRemovesuffix:
      let affix = args[0]
      guard heap.kind(of: affix) == .str else {
        throw raise(.typeError, "\(builtin.name)() argument must be str, not \(try typeName(of: affix))")
      }
      let text = heap.string(receiver)
      let part = heap.string(affix)
      let prefix = builtin == .strRemoveprefix
      guard !part.isEmpty, Interpreter.matchesAsCodePoints(text, part, atStart: prefix) else {
        return retain(receiver)
      }
      let scalars = Array(text.unicodeScalars)
      let count = part.unicodeScalars.count
      return heap.newStr(
        Interpreter.string(prefix ? scalars[count...] : scalars[..<(scalars.count - count)]))
    default:
      return nil
    }
  }

  /// `hasPrefix`/`hasSuffix` compare grapheme clusters; CPython compares
  /// code points (`'e\u0301'.removeprefix('e')` removes the `e`).
  static func matchesAsCodePoints(_ text: String, _ part: String, atStart: Bool) -> Bool {
    let textScalars = Array(text.unicodeScalars)
    let partScalars = Array(part.unicodeScalars)
    guard partScalars.count <= textScalars.count else { return false }
    return atStart
      ? textScalars.prefix(partScalars.count).elementsEqual(partScalars)
      : textScalars.suffix(partScalars.count).elementsEqual(partScalars)
  }

  /// The list `split`/`rsplit` return: `pieces` (owned, in final order)
  /// in a list of `slots` preallocated slots, appended past them. (CPython
  /// makes the list before the pieces; the model makes it after, with the
  /// same blocks.)
  /// `split()`/`rsplit()` in unicodeobject.c answer a separator longer than
  /// the str, or of a wider kind, with a one-slot list of the str itself
  /// before any preallocation.
  func separatorCannotOccur(in text: ObjectID, _ separator: ObjectID) -> Bool {
    let (haystack, needle) = (heap.str(text), heap.str(separator))
    func width(_ kind: ObjectLayouts.StrKind) -> Int {
      switch kind {
      case .ascii, .latin1: return 1
      case .ucs2: return 2
      default: return 4
      }
    }
    return haystack.length < needle.length || width(haystack.storageKind) < width(needle.storageKind)
  }

  mutating func newSplitList(preallocating slots: Int, pieces: [ObjectID]) -> ObjectID {
    let head = Array(pieces.prefix(slots))
    let list = heap.newList(head, capacity: slots)
    for piece in pieces.dropFirst(head.count) { heap.listAppend(list, piece) }
    return list
  }

  /// New str objects for `pieces`, made right to left as rsplit does;
  /// the receiver itself when it is the only piece.
  mutating func rsplitPieces(_ pieces: [String], receiver: ObjectID, whole: Bool) -> [ObjectID] {
    if pieces.count == 1, whole { return [retain(receiver)] }
    var objects = Array(repeating: ObjectID.null, count: pieces.count)
    for index in pieces.indices.reversed() { objects[index] = heap.newStr(pieces[index]) }
    return objects
  }

  /// `PREALLOC_SIZE(maxcount)` of split/rsplit, with 3.12's bound for an
  /// unlimited count (`length` in code points or bytes).
  func splitPreallocation(maxSplit: Int, length: Int, separatorLength: Int?, boundsByLength: Bool) -> Int {
    var maxCount = maxSplit
    if maxCount < 0 {
      if boundsByLength {
        maxCount = separatorLength.map { length / $0 + 1 } ?? (length - 1) / 2 + 1
      } else {
        maxCount = Int.max
      }
    }
    return maxCount >= 12 ? 12 : maxCount + 1
  }

  /// A `maxsplit` argument (an index; −1 without one).
  mutating func maxSplitArgument(_ value: ObjectID?) throws -> Int {
    guard let value else { return -1 }
    guard heap.kind(of: value) == .int || heap.kind(of: value) == .bool, let count = heap.intValue(value)
    else {
      throw raise(.typeError, "'\(try typeName(of: value))' object cannot be interpreted as an integer")
    }
    return count
  }

  private mutating func strRsplit(_ receiver: ObjectID, separator: ObjectID?, maxSplit: ObjectID?) throws
    -> ObjectID
  {
    let text = heap.string(receiver)
    let limit = try maxSplitArgument(maxSplit)
    let length = heap.str(receiver).length
    if let separator, separator != heap.none {
      guard heap.kind(of: separator) == .str else {
        throw raise(.typeError, "must be str or None, not \(try typeName(of: separator))")
      }
      let needle = Array(heap.string(separator).unicodeScalars)
      if needle.isEmpty { throw raise(.valueError, "empty separator") }
      if separatorCannotOccur(in: receiver, separator) {
        return heap.newList([retain(receiver)], capacity: 1)
      }
      let slots = splitPreallocation(
        maxSplit: limit, length: length, separatorLength: needle.count, boundsByLength: version >= .py312)
      let pieces = Interpreter.rsplit(Array(text.unicodeScalars), on: needle, maxSplit: limit)
      return newSplitList(
        preallocating: slots, pieces: rsplitPieces(pieces, receiver: receiver, whole: pieces.count == 1))
    }
    let slots = splitPreallocation(
      maxSplit: limit, length: length, separatorLength: nil, boundsByLength: version >= .py312)
    let scalars = Array(text.unicodeScalars)
    let pieces = Interpreter.rsplitOnWhitespace(scalars, maxSplit: limit)
    let whole = pieces.count == 1 && pieces[0].unicodeScalars.count == scalars.count
    return newSplitList(preallocating: slots, pieces: rsplitPieces(pieces, receiver: receiver, whole: whole))
  }

  private mutating func strSplitlines(_ receiver: ObjectID, keepEnds: Bool) -> ObjectID {
    let scalars = Array(heap.string(receiver).unicodeScalars)
    let lines = Interpreter.splitLines(scalars, keepEnds: keepEnds)
    let list = heap.newList([], capacity: 0)
    if lines.count == 1, lines[0].count == scalars.count {
      heap.listAppend(list, retain(receiver))
      return list
    }
    for line in lines { heap.listAppend(list, heap.newStr(Interpreter.string(line))) }
    return list
  }

  /// The pieces of `rsplit(sep)`, left to right.
  static func rsplit(_ scalars: [Unicode.Scalar], on needle: [Unicode.Scalar], maxSplit: Int) -> [String] {
    var pieces: [String] = []
    var end = scalars.count
    var index = scalars.count - needle.count
    while index >= 0, maxSplit < 0 || pieces.count < maxSplit {
      if scalars[index..<index + needle.count].elementsEqual(needle) {
        pieces.append(string(scalars[(index + needle.count)..<end]))
        end = index
        index -= needle.count
      } else {
        index -= 1
      }
    }
    pieces.append(string(scalars[0..<end]))
    return pieces.reversed()
  }

  /// The pieces of `rsplit()`, left to right: runs of whitespace separate;
  /// after `maxSplit` splits the rest keeps its leading whitespace.
  static func rsplitOnWhitespace(_ scalars: [Unicode.Scalar], maxSplit: Int) -> [String] {
    var pieces: [String] = []
    var index = scalars.count
    while index > 0 {
      while index > 0, isSpace(scalars[index - 1]) { index -= 1 }
      if index == 0 { break }
      if maxSplit >= 0, pieces.count == maxSplit {
        pieces.append(string(scalars[0..<index]))
        break
      }
      let end = index
      while index > 0, !isSpace(scalars[index - 1]) { index -= 1 }
      pieces.append(string(scalars[index..<end]))
    }
    return pieces.reversed()
  }

  /// Line boundaries of `str.splitlines` (`\r\n` is one).
  static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029: return true
    default: return false
    }
  }

  static func splitLines(_ scalars: [Unicode.Scalar], keepEnds: Bool) -> [ArraySlice<Unicode.Scalar>] {
    var lines: [ArraySlice<Unicode.Scalar>] = []
    var index = 0
    while index < scalars.count {
      let start = index
      while index < scalars.count, !isLineBreak(scalars[index]) { index += 1 }
      var end = index
      if index < scalars.count {
        if scalars[index] == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" {
          index += 2
        } else {
          index += 1
        }
        if keepEnds { end = index }
      }
      lines.append(scalars[start..<end])
    }
    return lines
  }

  /// `str.expandtabs`: each tab pads to the next multiple of `tabSize`
  /// columns (none when `tabSize` ≤ 0); `\n` and `\r` reset the column.
  static func expandTabs(_ text: String, tabSize: Int) -> String {
    var view = String.UnicodeScalarView()
    var column = 0
    for scalar in text.unicodeScalars {
      if scalar == "\t" {
        if tabSize > 0 {
          let pad = tabSize - column % tabSize
          view.append(contentsOf: repeatElement(" ", count: pad))
          column += pad
        }
      } else {
        view.append(scalar)
        column += 1
        if scalar == "\n" || scalar == "\r" { column = 0 }
      }
    }
    return String(view)
  }

  /// `str.isidentifier`: XID_Start or `_`, then XID_Continue.
  static func isIdentifier(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, first == "_" || first.properties.isXIDStart else {
      return false
    }
    return text.unicodeScalars.dropFirst().allSatisfy { $0.properties.isXIDContinue }
  }

  /// Unicode full case folding (`str.casefold`): lowercase, with the
  /// foldings that are not plain lowercasing.
  static func casefold(_ text: String) -> String {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
    var view = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if let special = specialFoldings[scalar.value] {
        view.append(contentsOf: special.unicodeScalars)
      } else {
        view.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
      }
    }
    return String(view)
  }

  /// CaseFolding.txt entries (status C/F) that differ from the lowercase
  /// mapping, for the common scripts.
  static let specialFoldings: [UInt32: String] = [
    0xDF: "ss", 0x130: "i\u{307}", 0x149: "\u{2BC}n", 0x17F: "s", 0x1F0: "j\u{30C}", 0x345: "\u{3B9}",
    0x390: "\u{3B9}\u{308}\u{301}", 0x3B0: "\u{3C5}\u{308}\u{301}", 0x3C2: "\u{3C3}", 0x3D0: "\u{3B2}",
    0x3D1: "\u{3B8}", 0x3D5: "\u{3C6}", 0x3D6: "\u{3C0}", 0x3F0: "\u{3BA}", 0x3F1: "\u{3C1}",
    0x3F5: "\u{3B5}", 0x587: "\u{565}\u{582}", 0x1E96: "h\u{331}", 0x1E97: "t\u{308}", 0x1E98: "w\u{30A}",
    0x1E99: "y\u{30A}", 0x1E9A: "a\u{2BE}", 0x1E9B: "\u{1E61}", 0x1E9E: "ss", 0x1FBE: "\u{3B9}",
    0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st",
  ]
}
