// "Did you mean" suggestions: the closest name to a failing one.
//
// Since 3.10, when CPython *displays* an uncaught NameError or
// AttributeError it appends `. Did you mean: 'counter'?` to the message's
// line. Nothing is stored in the exception: `str(e)`, `e.args` and
// `print(e)` never show the hint; only the traceback printer computes it,
// from the `name` (and `obj`) the exception carries and, for a NameError,
// the names visible in the innermost frame of its traceback.
//
// This file is the pure part — the edit distance and the choice among
// candidates (Python/suggestions.c `levenshtein_distance` and
// `calculate_suggestions`, the same in 3.10–3.12 and in 3.13's
// `_suggestions._generate_suggestions`, which Lib/traceback.py calls):
//
//   - distance on UTF-8 bytes, after the common prefix and suffix are cut;
//     an insertion, deletion or substitution costs 2 (MOVE_COST), a
//     substitution that only flips ASCII case costs 1 (CASE_COST);
//   - a candidate is accepted when its distance is at most
//     (len(name) + len(candidate) + 3) * 2 / 6 — about a third of the
//     characters changed — and strictly below the best so far, so ties go
//     to the first in list order (which is why `dir()` order, sorted,
//     matters);
//   - the name itself is skipped; no suggestion at all from a list of 750
//     names or more; a trimmed string longer than 40 bytes is never close.
//
// Measured on the reference interpreters: 3.10–3.13 all suggest `ac` for
// `ab` (distance 2 = the bound; traceback.py's pure-Python fallback, whose
// first bound is len(name) - 1, would not: 3.13 uses the C module), all
// suggest a 47-character name one letter away (the 40-byte cap applies to
// the trimmed middle only), and all stop at exactly 750 candidates.
//
// Interpreter+Suggestions.swift gathers the candidates (which differ per
// version) and formats the hint.

/// CPython's suggestion search: `levenshtein_distance` and
/// `calculate_suggestions` of Python/suggestions.c.
enum Suggestions {
  /// `MAX_CANDIDATE_ITEMS`: a list this long gets no suggestion.
  static let maxCandidateItems = 750
  /// `MAX_STRING_SIZE`: trimmed strings longer than this never match.
  static let maxStringSize = 40
  /// `MOVE_COST`: an insertion, a deletion or a substitution.
  static let moveCost = 2
  /// `CASE_COST`: a substitution that only changes ASCII case.
  static let caseCost = 1

  /// `substitution_cost`: 0 for equal bytes, 1 for an ASCII case flip,
  /// 2 otherwise.
  static func substitutionCost(_ a: UInt8, _ b: UInt8) -> Int {
    if a == b { return 0 }
    func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }
    return lower(a) == lower(b) ? caseCost : moveCost
  }

  /// `levenshtein_distance`: the weighted edit distance between two UTF-8
  /// strings, or any value above `maxCost` once it is known to exceed it.
  static func distance(_ first: [UInt8], _ second: [UInt8], maxCost: Int) -> Int {
    var a = first[...]
    var b = second[...]
    while let x = a.first, let y = b.first, x == y {
      a.removeFirst()
      b.removeFirst()
    }
    while let x = a.last, let y = b.last, x == y {
      a.removeLast()
      b.removeLast()
    }
    if a.isEmpty || b.isEmpty { return (a.count + b.count) * moveCost }
    if a.count > maxStringSize || b.count > maxStringSize { return maxCost + 1 }
    if b.count < a.count { swap(&a, &b) }
    if (b.count - a.count) * moveCost > maxCost { return maxCost + 1 }
    // One row of the matrix, updated in place: row[i] is the cost of
    // turning b's prefix read so far into a[...i].
    var row = (1...a.count).map { $0 * moveCost }
    var result = 0
    for (bIndex, code) in b.enumerated() {
      var distance = bIndex * moveCost
      result = distance
      var minimum = Int.max
      for (index, byte) in a.enumerated() {
        let substitute = distance + substitutionCost(code, byte)
        distance = row[index]
        result = min(min(result, distance) + moveCost, substitute)
        row[index] = result
        minimum = min(minimum, result)
      }
      if minimum > maxCost { return maxCost + 1 }
    }
    return result
  }

  /// `calculate_suggestions`: the first of `candidates` closest to `name`
  /// within the bound, or nil.
  static func bestMatch<Names: Collection>(for name: String, in candidates: Names) -> String?
  where Names.Element == String {
    guard candidates.count < maxCandidateItems else { return nil }
    let wrong = Array(name.utf8)
    var best: String? = nil
    var bestDistance = Int.max
    for candidate in candidates where candidate != name {
      let bytes = Array(candidate.utf8)
      let bound = min((wrong.count + bytes.count + 3) * moveCost / 6, bestDistance - 1)
      let cost = distance(wrong, bytes, maxCost: bound)
      if cost > bound { continue }
      if best == nil || cost < bestDistance {
        best = candidate
        bestDistance = cost
      }
    }
    return best
  }
}
