// Python `str` semantics over Unicode scalars. A Python str is a sequence of
// code points; Swift's String works on grapheme clusters and canonical
// equivalence, so str operations go through code points (here, and through
// `CodePoints` in HeapModel for equality, order, hashing keys and search).
//
// Case mapping (`unicodeobject.c` `do_upper`, `do_lower`, `lower_ucs4`):
// every code point maps to its full Unicode mapping, which may be several
// code points ('ß'.upper() == 'SS', 'ﬁ'.upper() == 'FI', 'İ'.lower() ==
// 'i̇'), except that a capital sigma becomes the final 'ς' when a cased
// letter precedes it and none follows (case-ignorable code points skipped
// both ways: `handle_capital_sigma`). `replace` (`replace()` in
// unicodeobject.c) matches code points, an empty `old` inserts `new` before
// every code point and at the end, and no change at all answers the
// receiver itself.
//
// For rendering tracebacks as CPython's traceback module and C printer
// measure them: `isspace`, `strip`, byte-to-character offsets
// (`_byte_offset_to_character_offset`), display widths (`_display_width`:
// East Asian wide and fullwidth characters take two columns) and
// `textwrap.dedent`/`indent`.

import HeapModel

/// Helpers on text as CPython's `str` sees it: an array of code points.
enum PythonText {
  /// `str.isspace()` for one character.
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
      0x3000:
      return true
    default:
      return false
    }
  }

  static func lstrip(_ text: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
    text.drop(while: isSpace)
  }

  static func rstrip(_ text: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
    var end = text.endIndex
    while end > text.startIndex, isSpace(text[end - 1]) { end -= 1 }
    return text[text.startIndex..<end]
  }

  static func strip(_ text: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> { lstrip(rstrip(text)) }

  static func string<C: Collection>(_ text: C) -> String where C.Element == Unicode.Scalar {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: text)
    return String(view)
  }

  /// `str.upper()`: every code point's full uppercase mapping.
  static func upper(_ text: String) -> String {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.uppercased() }
    var view = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      view.append(contentsOf: scalar.properties.uppercaseMapping.unicodeScalars)
    }
    return String(view)
  }

  /// `str.lower()`: every code point's full lowercase mapping, a capital
  /// sigma final or not by its neighbours.
  static func lower(_ text: String) -> String {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
    let scalars = Array(text.unicodeScalars)
    var view = String.UnicodeScalarView()
    for index in scalars.indices { appendLowercase(of: scalars, at: index, to: &view) }
    return String(view)
  }

  /// Appends the lowercase mapping of `scalars[index]` (`lower_ucs4`).
  static func appendLowercase(
    of scalars: [Unicode.Scalar], at index: Int, to view: inout String.UnicodeScalarView
  ) {
    let scalar = scalars[index]
    if scalar == "\u{3A3}" {
      view.append(isFinalSigma(scalars, at: index) ? "\u{3C2}" : "\u{3C3}")
    } else {
      view.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
    }
  }

  /// Whether the capital sigma at `index` ends a word (`handle_capital_sigma`):
  /// a cased letter before it and none after it, skipping case-ignorables.
  static func isFinalSigma(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
    var before = index - 1
    while before >= 0, scalars[before].properties.isCaseIgnorable { before -= 1 }
    guard before >= 0, scalars[before].properties.isCased else { return false }
    var after = index + 1
    while after < scalars.count, scalars[after].properties.isCaseIgnorable { after += 1 }
    return after == scalars.count || !scalars[after].properties.isCased
  }

  /// `str.replace(old, new, count)` on code points; nil when nothing is
  /// replaced (the receiver is the answer). An empty `old` matches before
  /// every code point and at the end.
  static func replacing(_ text: String, _ old: String, with new: String, count: Int = -1) -> String? {
    if count == 0 { return nil }
    var limit = count < 0 ? Int.max : count
    if old.isEmpty {
      var view = String.UnicodeScalarView()
      for scalar in text.unicodeScalars {
        if limit > 0 {
          view.append(contentsOf: new.unicodeScalars)
          limit -= 1
        }
        view.append(scalar)
      }
      if limit > 0 { view.append(contentsOf: new.unicodeScalars) }
      return String(view)
    }
    guard var found = CodePoints.firstByteOffset(of: old, in: text, from: 0) else { return nil }
    var result = ""
    var start = 0
    let width = old.utf8.count
    let utf8 = text.utf8
    while true {
      result += Substring(
        utf8[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: found)])
      result += new
      start = found + width
      limit -= 1
      guard limit > 0, let next = CodePoints.firstByteOffset(of: old, in: text, from: start) else { break }
      found = next
    }
    result += Substring(utf8[utf8.index(utf8.startIndex, offsetBy: start)...])
    return result
  }

  /// `text` without the whitespace `int()` and `float()` ignore at either
  /// end: Unicode's White_Space, which is `str.isspace` less the ASCII
  /// separators U+001C…U+001F (non-ASCII spaces become ' ' in
  /// `_PyUnicode_TransformDecimalAndSpaceToASCII`, then only C `isspace`
  /// is stripped).
  static func strippedForNumber(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    let isSpace = { (scalar: Unicode.Scalar) in scalar.properties.isWhitespace }
    var end = scalars.count
    while end > 0, isSpace(scalars[end - 1]) { end -= 1 }
    return string(scalars[..<end].drop(while: isSpace))
  }

  /// The number of characters of `text` whose UTF-8 encoding starts before
  /// byte `offset` (`len(text.encode()[:offset].decode(errors="replace"))`:
  /// a character cut in the middle counts as one replacement character).
  static func characterOffset(ofByte offset: Int, in text: [Unicode.Scalar]) -> Int {
    var bytes = 0
    var count = 0
    for scalar in text {
      if bytes >= offset { break }
      bytes += UTF8.width(scalar)
      count += 1
    }
    return count
  }

  /// The columns the first `offset` characters of `text` take on a
  /// terminal (`_display_width`; an ASCII line answers `offset` itself).
  static func displayWidth(_ text: [Unicode.Scalar], upTo offset: Int) -> Int {
    if text.allSatisfy(\.isASCII) { return offset }
    var width = 0
    for scalar in text.prefix(max(offset, 0)) { width += isWide(scalar) ? 2 : 1 }
    return width
  }

  /// East Asian width W or F (Unicode 15.1, as `unicodedata` of 3.13).
  static func isWide(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x1100 { return false }
    var low = 0
    var high = wideRanges.count
    while low < high {
      let mid = (low + high) / 2
      if wideRanges[mid].1 < value { low = mid + 1 } else { high = mid }
    }
    return low < wideRanges.count && wideRanges[low].0 <= value
  }

  /// `textwrap.dedent`: lines of only spaces and tabs become empty, and the
  /// longest run of spaces and tabs common to the other lines is removed.
  static func dedent(_ lines: [[Unicode.Scalar]]) -> [[Unicode.Scalar]] {
    let cleared = lines.map { line in line.allSatisfy { $0 == " " || $0 == "\t" } ? [] : line }
    var margin: [Unicode.Scalar]? = nil
    for line in cleared where !line.isEmpty {
      let indent = Array(line.prefix { $0 == " " || $0 == "\t" })
      guard let current = margin else {
        margin = indent
        continue
      }
      if indent.starts(with: current) { continue }
      if current.starts(with: indent) {
        margin = indent
        continue
      }
      var common = 0
      while common < min(current.count, indent.count), current[common] == indent[common] { common += 1 }
      margin = Array(current.prefix(common))
    }
    guard let margin, !margin.isEmpty else { return cleared }
    return cleared.map { $0.starts(with: margin) ? Array($0.dropFirst(margin.count)) : $0 }
  }

  private static let wideRanges: [(UInt32, UInt32)] = [
    (0x1100, 0x115F), (0x231A, 0x231B), (0x2329, 0x232A), (0x23E9, 0x23EC), (0x23F0, 0x23F0),
    (0x23F3, 0x23F3),
    (0x25FD, 0x25FE), (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F), (0x2693, 0x2693),
    (0x26A1, 0x26A1),
    (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5), (0x26CE, 0x26CE), (0x26D4, 0x26D4),
    (0x26EA, 0x26EA),
    (0x26F2, 0x26F3), (0x26F5, 0x26F5), (0x26FA, 0x26FA), (0x26FD, 0x26FD), (0x2705, 0x2705),
    (0x270A, 0x270B),
    (0x2728, 0x2728), (0x274C, 0x274C), (0x274E, 0x274E), (0x2753, 0x2755), (0x2757, 0x2757),
    (0x2795, 0x2797),
    (0x27B0, 0x27B0), (0x27BF, 0x27BF), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55),
    (0x2E80, 0x2E99),
    (0x2E9B, 0x2EF3), (0x2F00, 0x2FD5), (0x2FF0, 0x303E), (0x3041, 0x3096), (0x3099, 0x30FF),
    (0x3105, 0x312F),
    (0x3131, 0x318E), (0x3190, 0x31E3), (0x31EF, 0x321E), (0x3220, 0x3247), (0x3250, 0x4DBF),
    (0x4E00, 0xA48C),
    (0xA490, 0xA4C6), (0xA960, 0xA97C), (0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFE10, 0xFE19),
    (0xFE30, 0xFE52),
    (0xFE54, 0xFE66), (0xFE68, 0xFE6B), (0xFF01, 0xFF60), (0xFFE0, 0xFFE6), (0x16FE0, 0x16FE4),
    (0x16FF0, 0x16FF1), (0x17000, 0x187F7), (0x18800, 0x18CD5), (0x18D00, 0x18D08), (0x1AFF0, 0x1AFF3),
    (0x1AFF5, 0x1AFFB), (0x1AFFD, 0x1AFFE), (0x1B000, 0x1B122), (0x1B132, 0x1B132), (0x1B150, 0x1B152),
    (0x1B155, 0x1B155), (0x1B164, 0x1B167), (0x1B170, 0x1B2FB), (0x1F004, 0x1F004), (0x1F0CF, 0x1F0CF),
    (0x1F18E, 0x1F18E), (0x1F191, 0x1F19A), (0x1F200, 0x1F202), (0x1F210, 0x1F23B), (0x1F240, 0x1F248),
    (0x1F250, 0x1F251), (0x1F260, 0x1F265), (0x1F300, 0x1F320), (0x1F32D, 0x1F335), (0x1F337, 0x1F37C),
    (0x1F37E, 0x1F393), (0x1F3A0, 0x1F3CA), (0x1F3CF, 0x1F3D3), (0x1F3E0, 0x1F3F0), (0x1F3F4, 0x1F3F4),
    (0x1F3F8, 0x1F43E), (0x1F440, 0x1F440), (0x1F442, 0x1F4FC), (0x1F4FF, 0x1F53D), (0x1F54B, 0x1F54E),
    (0x1F550, 0x1F567), (0x1F57A, 0x1F57A), (0x1F595, 0x1F596), (0x1F5A4, 0x1F5A4), (0x1F5FB, 0x1F64F),
    (0x1F680, 0x1F6C5), (0x1F6CC, 0x1F6CC), (0x1F6D0, 0x1F6D2), (0x1F6D5, 0x1F6D7), (0x1F6DC, 0x1F6DF),
    (0x1F6EB, 0x1F6EC), (0x1F6F4, 0x1F6FC), (0x1F7E0, 0x1F7EB), (0x1F7F0, 0x1F7F0), (0x1F90C, 0x1F93A),
    (0x1F93C, 0x1F945), (0x1F947, 0x1F9FF), (0x1FA70, 0x1FA7C), (0x1FA80, 0x1FA88), (0x1FA90, 0x1FABD),
    (0x1FABF, 0x1FAC5), (0x1FACE, 0x1FADB), (0x1FAE0, 0x1FAE8), (0x1FAF0, 0x1FAF8), (0x20000, 0x2FFFD),
    (0x30000, 0x3FFFD),
  ]
}
