// The tokens of the scenario subset, as Python's tokenizer produces them:
// names, numbers, strings, operators, and the layout tokens NEWLINE, INDENT
// and DEDENT that turn indentation into block structure. A token carries only
// its kind and its byte range; the text (a name's spelling, a literal's
// digits, a string's body) is read back from the source when the parser needs
// it, so lexing a file allocates one array and nothing per token.

/// One token: what it is and the bytes it was read from.
struct Token: Hashable, Sendable {
  var kind: TokenKind
  var range: SourceRange

  init(_ kind: TokenKind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}

/// Every kind of token. Keywords are their own kinds so the parser can switch
/// on them without comparing text.
enum TokenKind: UInt8, Hashable, Sendable {
  case name, int, float, imaginary, string
  case newline, indent, dedent, endOfFile

  case kwFalse, kwNone, kwTrue, kwAnd, kwAs, kwAssert, kwAsync, kwAwait, kwBreak, kwClass
  case kwContinue, kwDef, kwDel, kwElif, kwElse, kwExcept, kwFinally, kwFor, kwFrom, kwGlobal
  case kwIf, kwImport, kwIn, kwIs, kwLambda, kwNonlocal, kwNot, kwOr, kwPass, kwRaise
  case kwReturn, kwTry, kwWhile, kwWith, kwYield

  case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
  case colon, comma, semicolon, dot, ellipsis, arrow, at, colonEqual, exclamation
  case plus, minus, star, doubleStar, slash, doubleSlash, percent, tilde
  case vbar, ampersand, circumflex, leftShift, rightShift
  case less, greater, equal, equalEqual, notEqual, lessEqual, greaterEqual
  case plusEqual, minusEqual, starEqual, doubleStarEqual, slashEqual, doubleSlashEqual
  case percentEqual, atEqual, vbarEqual, ampersandEqual, circumflexEqual
  case leftShiftEqual, rightShiftEqual

  /// Python's reserved words, by spelling.
  static let keywords: [String: TokenKind] = [
    "False": .kwFalse, "None": .kwNone, "True": .kwTrue, "and": .kwAnd, "as": .kwAs,
    "assert": .kwAssert, "async": .kwAsync, "await": .kwAwait, "break": .kwBreak,
    "class": .kwClass, "continue": .kwContinue, "def": .kwDef, "del": .kwDel, "elif": .kwElif,
    "else": .kwElse, "except": .kwExcept, "finally": .kwFinally, "for": .kwFor, "from": .kwFrom,
    "global": .kwGlobal, "if": .kwIf, "import": .kwImport, "in": .kwIn, "is": .kwIs,
    "lambda": .kwLambda, "nonlocal": .kwNonlocal, "not": .kwNot, "or": .kwOr, "pass": .kwPass,
    "raise": .kwRaise, "return": .kwReturn, "try": .kwTry, "while": .kwWhile, "with": .kwWith,
    "yield": .kwYield,
  ]

  var isKeyword: Bool { rawValue >= TokenKind.kwFalse.rawValue && rawValue <= TokenKind.kwYield.rawValue }

  /// The binary operator an augmented assignment token stands for.
  var augmentedOperator: BinaryOperator? {
    switch self {
    case .plusEqual: .add
    case .minusEqual: .subtract
    case .starEqual: .multiply
    case .doubleStarEqual: .power
    case .slashEqual: .trueDivide
    case .doubleSlashEqual: .floorDivide
    case .percentEqual: .modulo
    case .atEqual: .matrixMultiply
    case .vbarEqual: .bitOr
    case .ampersandEqual: .bitAnd
    case .circumflexEqual: .bitXor
    case .leftShiftEqual: .leftShift
    case .rightShiftEqual: .rightShift
    default: nil
    }
  }

  /// How the token is spelled, for messages (`'('`, `NEWLINE`).
  var spelling: String {
    switch self {
    case .name: return "name"
    case .int, .float, .imaginary: return "number"
    case .string: return "string"
    case .newline: return "newline"
    case .indent: return "indent"
    case .dedent: return "dedent"
    case .endOfFile: return "end of file"
    default:
      if let word = TokenKind.keywords.first(where: { $0.value == self })?.key { return word }
      return TokenKind.operatorSpellings.first(where: { $0.1 == self })?.0 ?? "\(self)"
    }
  }

  /// Operators by spelling, longest first so a greedy match picks `**=` over `**`.
  static let operatorSpellings: [(String, TokenKind)] = [
    ("**=", .doubleStarEqual), ("//=", .doubleSlashEqual), (">>=", .rightShiftEqual),
    ("<<=", .leftShiftEqual), ("...", .ellipsis),
    ("**", .doubleStar), ("//", .doubleSlash), ("<<", .leftShift), (">>", .rightShift),
    ("<=", .lessEqual), (">=", .greaterEqual), ("==", .equalEqual), ("!=", .notEqual),
    ("->", .arrow), (":=", .colonEqual), ("+=", .plusEqual), ("-=", .minusEqual),
    ("*=", .starEqual), ("/=", .slashEqual), ("%=", .percentEqual), ("@=", .atEqual),
    ("|=", .vbarEqual), ("&=", .ampersandEqual), ("^=", .circumflexEqual),
    ("(", .leftParen), (")", .rightParen), ("[", .leftBracket), ("]", .rightBracket),
    ("{", .leftBrace), ("}", .rightBrace), (":", .colon), (",", .comma), (";", .semicolon),
    (".", .dot), ("@", .at), ("!", .exclamation), ("+", .plus), ("-", .minus), ("*", .star),
    ("/", .slash), ("%", .percent), ("~", .tilde), ("|", .vbar), ("&", .ampersand),
    ("^", .circumflex), ("<", .less), (">", .greater), ("=", .equal),
  ]
}
