extension CellBuffer {
  /// Replaces every non-ASCII character with an ASCII look-alike, for
  /// terminals whose locale is not UTF-8: the views' own punctuation maps to
  /// its plain form, anything else (source text, reprs) becomes "?", one per
  /// display column so the layout does not move.
  mutating func transliterateToASCII() {
    for i in cells.indices where !cells[i].scalar.isASCII || cells[i].isContinuation {
      let scalar = cells[i].scalar
      if scalar == Cell.continuationScalar {
        cells[i].scalar = "?"
        continue
      }
      cells[i].scalar = asciiLookAlike[scalar] ?? "?"
    }
  }
}

private let asciiLookAlike: [Unicode.Scalar: Unicode.Scalar] = [
  "·": ".", "−": "-", "×": "x", "…": ".", "→": ">", "←": "<", "↑": "^", "↓": "v", "—": "-", "–": "-",
  "‘": "'", "’": "'", "“": "\"", "”": "\"", "\u{a0}": " ",
]
