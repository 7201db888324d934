// How CPython pads a formatted number (`calc_number_widths` and `fill_number`
// in Python/formatter_unicode.c). The output is, left to right:
//
//   <lpadding> <sign> <prefix> <spadding> <grouped digits> <decimal> <remainder> <rpadding>
//
// Only one of the three paddings is non-zero, chosen by the alignment ('<'
// right, '>' left, '^' both with the odd one on the right, '=' between prefix
// and digits). The "remainder" is what follows the integer digits: fraction,
// exponent, '%', or the one character of 'c' formatting.
//
// Zero padding is special: with fill '0' and alignment '=', the padding is not
// written as fill but as leading zeros *inside* the grouped digits, so
// separators appear in it: format(1234, '010,') == '00,001,234'. That is
// `_PyUnicode_InsertThousandsGrouping` with a minimum width, walked here from the
// right exactly as CPython walks it (a group may be widened by zeros; the
// leftmost group can be a lone zero).

/// Number padding and digit grouping (`calc_number_widths` + `fill_number`).
struct NumberLayout {
  /// The characters of the formatted number, without sign.
  var digits: [Unicode.Scalar]
  /// How many of `digits` are integer digits (grouped); the rest follow the decimal point.
  var integerCount: Int
  /// Whether `digits[integerCount]` is a decimal point.
  var hasDecimal: Bool
  /// '-' when the number is negative.
  var negative: Bool
  /// Base prefix such as "0x" written after the sign (empty for none).
  var prefix: [Unicode.Scalar] = []

  /// Lays the number out according to `spec`; `uppercase` turns a-z into A-Z in the
  /// prefix and digits ('X' formatting).
  func render(_ spec: FormatSpec, groupSize: Int?, separator: Unicode.Scalar?, uppercase: Bool = false)
    -> String
  {
    var signChar: Unicode.Scalar?
    switch spec.sign {
    case "+": signChar = negative ? "-" : "+"
    case " ": signChar = negative ? "-" : " "
    default: signChar = negative ? "-" : nil
    }
    let decimalCount = hasDecimal ? 1 : 0
    let remainderCount = digits.count - integerCount - decimalCount
    let nonDigit = (signChar == nil ? 0 : 1) + prefix.count + decimalCount + remainderCount
    let minWidth = spec.fill == "0" && spec.align == "=" ? spec.width - nonDigit : 0
    let grouped =
      integerCount == 0
      ? [] : Self.group(digits[0..<integerCount], minWidth: minWidth, size: groupSize, separator: separator)
    let padding = spec.width - (nonDigit + grouped.count)
    var left = 0
    var middle = 0
    var right = 0
    if padding > 0 {
      switch spec.align {
      case "<": right = padding
      case "^":
        left = padding / 2
        right = padding - left
      case "=": middle = padding
      default: left = padding
      }
    }
    var out = String.UnicodeScalarView()
    out.append(contentsOf: repeatElement(spec.fill, count: left))
    if let signChar { out.append(signChar) }
    out.append(contentsOf: uppercase ? prefix.map(Self.upper) : prefix)
    out.append(contentsOf: repeatElement(spec.fill, count: middle))
    out.append(contentsOf: uppercase ? grouped.map(Self.upper) : grouped)
    out.append(contentsOf: digits[integerCount...])
    out.append(contentsOf: repeatElement(spec.fill, count: right))
    return String(out)
  }

  /// `_PyUnicode_InsertThousandsGrouping`: groups of `size` (nil: no grouping),
  /// left-padded with zeros (which are grouped too) up to `minWidth`.
  static func group(
    _ digits: ArraySlice<Unicode.Scalar>, minWidth: Int, size: Int?, separator: Unicode.Scalar?
  ) -> [Unicode.Scalar] {
    var reversed: [Unicode.Scalar] = []
    var minWidth = Swift.max(0, minWidth)
    var remaining = digits.count
    var position = digits.endIndex
    var useSeparator = false
    let separatorLength = separator == nil ? 0 : 1

    func emit(_ length: Int) {
      let zeros = Swift.max(0, length - remaining)
      let chars = Swift.max(0, Swift.min(remaining, length))
      if useSeparator, let separator { reversed.append(separator) }
      reversed.append(contentsOf: digits[(position - chars)..<position].reversed())
      reversed.append(contentsOf: repeatElement("0", count: zeros))
      position -= chars
      remaining -= chars
    }

    if let size {
      while true {
        let length = Swift.min(size, Swift.max(Swift.max(remaining, minWidth), 1))
        emit(length)
        useSeparator = true
        minWidth -= length
        if remaining <= 0 && minWidth <= 0 { return reversed.reversed() }
        minWidth -= separatorLength
      }
    }
    emit(Swift.max(Swift.max(remaining, minWidth), 1))
    return reversed.reversed()
  }

  private static func upper(_ c: Unicode.Scalar) -> Unicode.Scalar {
    c.value >= 0x61 && c.value <= 0x7A ? Unicode.Scalar(c.value - 0x20)! : c
  }
}
