// str.find, rfind, index, rindex and count (Objects/stringlib/find.h,
// unicodeobject.c `any_find_slice`, `unicode_count`).
//
// The optional start and end arguments are slice bounds: None or an int
// (anything else raises the slice-index TypeError); negative values count
// from the end and are clamped at 0, an end past the text is clamped to its
// length, but a start past the end is not clamped — then nothing is found
// (find: −1, count: 0), even the empty string. The needle must be a str
// ("must be str, not int"; 3.13: "find() argument 1 must be str, not int"). index and rindex raise ValueError("substring not
// found") where find and rfind return −1. count counts non-overlapping
// occurrences; the empty string occurs (end − start + 1) times.
//
// str.startswith and endswith (`tailmatch`) take the same bounds, parsed
// first, and a str or a tuple of strs tried in order: the first that
// matches answers True, so a non-str after it is never looked at. A match
// needs the affix to fit between the clamped bounds; the empty affix
// matches wherever it fits, even at the very end ("ab".startswith("", 2)),
// but not past it.

import HeapModel

extension Interpreter {
  /// One of the str search methods on `receiver` with `args`.
  mutating func strSearch(_ builtin: Builtin, _ receiver: ObjectID, _ args: [ObjectID]) throws -> ObjectID {
    guard let needleObject = args.first else {
      throw raise(.typeError, "\(builtin.name)() takes at least 1 argument (0 given)")
    }
    guard heap.kind(of: needleObject) == .str else {
      // 3.13's Argument Clinic names the method and the argument.
      // 3.13's Argument Clinic names the method and the argument, and None as "None".
      if version >= .py313 {
        let shown = needleObject == heap.none ? "None" : try typeName(of: needleObject)
        throw raise(.typeError, "\(builtin.name)() argument 1 must be str, not \(shown)")
      }
      throw raise(.typeError, "must be str, not \(try typeName(of: needleObject))")
    }
    let text = Array(heap.string(receiver).unicodeScalars)
    let needle = Array(heap.string(needleObject).unicodeScalars)
    let (start, end) = try searchBounds(args, count: text.count)
    var positions: [Int] = []
    if end - start >= needle.count {
      var index = start
      while index + needle.count <= end {
        if needle.isEmpty || text[index..<(index + needle.count)].elementsEqual(needle) {
          positions.append(index)
          if builtin == .strFind || builtin == .strIndex { break }
          index += max(needle.count, 1)
          if needle.isEmpty && index > end { break }
        } else {
          index += 1
        }
      }
      if needle.isEmpty && positions.last != end { positions.append(end) }
    }
    switch builtin {
    case .strCount:
      return heap.newInt(positions.count, origin: .machineInt)
    case .strFind, .strIndex:
      if let first = positions.first { return heap.newInt(first, origin: .machineInt) }
    default:
      if let last = lastOccurrence(text, needle, start: start, end: end) {
        return heap.newInt(last, origin: .machineInt)
      }
    }
    if builtin == .strIndex || builtin == .strRindex { throw raise(.valueError, "substring not found") }
    return heap.newInt(-1)
  }

  /// The start and end arguments (positions 1 and 2 of `args`) of a str
  /// search over `count` characters, as `ADJUST_INDICES` clamps them: end
  /// past the text is its length, negatives count from the end and stop at
  /// 0; a start past the end is left as it is.
  mutating func searchBounds(_ args: [ObjectID], count: Int) throws -> (start: Int, end: Int) {
    func bound(_ position: Int) throws -> Int? {
      guard position < args.count, args[position] != heap.none else { return nil }
      let kind = heap.kind(of: args[position])
      guard kind == .int || kind == .bool, let value = heap.intValue(args[position]) else {
        throw raise(.typeError, "slice indices must be integers or None or have an __index__ method")
      }
      return value
    }
    var start = try bound(1) ?? 0
    var end = try bound(2) ?? count
    if end > count { end = count } else if end < 0 { end = max(0, end + count) }
    if start < 0 { start = max(0, start + count) }
    return (start, end)
  }

  /// str.startswith or str.endswith on `receiver` with `args` (affix,
  /// start, end).
  mutating func strTailMatch(_ builtin: Builtin, _ receiver: ObjectID, _ args: [ObjectID]) throws -> Bool {
    let name = builtin == .strStartswith ? "startswith" : "endswith"
    guard let affix = args.first else {
      throw raise(.typeError, "\(name)() takes at least 1 argument (0 given)")
    }
    // The common call, one str and no bounds, compares UTF-8 bytes in place.
    if args.count == 1, heap.kind(of: affix) == .str {
      return heap.withStrBytes(receiver, affix) { text, part in
        guard part.count <= text.count else { return false }
        let start = builtin == .strStartswith ? 0 : text.count - part.count
        return CodePoints.equal(UnsafeBufferPointer(rebasing: text[start..<(start + part.count)]), part)
      }
    }
    let text = Array(heap.string(receiver).unicodeScalars)
    let (start, end) = try searchBounds(args, count: text.count)
    func matches(_ candidate: ObjectID) -> Bool {
      let part = Array(heap.string(candidate).unicodeScalars)
      let last = end - part.count
      guard last >= start else { return false }
      let offset = builtin == .strStartswith ? start : last
      return text[offset..<(offset + part.count)].elementsEqual(part)
    }
    switch heap.kind(of: affix) {
    case .str:
      return matches(affix)
    case .tuple:
      for candidate in heap.items(affix) {
        guard heap.kind(of: candidate) == .str else {
          throw raise(
            .typeError, "tuple for \(name) must only contain str, not \(try typeName(of: candidate))")
        }
        if matches(candidate) { return true }
      }
      return false
    default:
      throw raise(
        .typeError, "\(name) first arg must be str or a tuple of str, not \(try typeName(of: affix))")
    }
  }

  /// The last position in start..<end where `needle` occurs (overlaps allowed).
  private func lastOccurrence(_ text: [Unicode.Scalar], _ needle: [Unicode.Scalar], start: Int, end: Int)
    -> Int?
  {
    guard end - start >= needle.count else { return nil }
    var index = end - needle.count
    while index >= start {
      if text[index..<(index + needle.count)].elementsEqual(needle) { return index }
      index -= 1
    }
    return nil
  }
}
