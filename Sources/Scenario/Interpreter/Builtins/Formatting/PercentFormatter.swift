// printf-style formatting, `template % args` (`PyUnicode_Format` in
// Objects/unicodeobject.c). A conversion is
//
//   '%' ['(' key ')'] flags* [width | '*'] ['.' (precision | '*')] [h|l|L] type
//
// with flags '-' (left-justify), '+', ' ', '#', '0'. Types: d i u (decimal), o x
// X (an integer is required: floats are refused), e E f F g G (anything
// float() accepts; default precision 6), c (int or one-character str), s r a
// (str(), repr(), ascii(); precision truncates), and '%%' which is only
// recognised directly after the '%': '%5%' consumes an argument and then fails
// as an unsupported character.
//
// Argument bookkeeping mirrors CPython exactly: a tuple is consumed left to
// right; a single value counts as one argument; leftovers raise "not all
// arguments converted during string formatting" unless the argument is a
// mapping. Every conversion, even a bad one, takes its argument first, so
// "not enough arguments" wins over "unsupported format character".
//
// Numbers are padded by `unicode_format_arg_output`: with '0' (and not '-') the
// sign and 0x/0o prefix go first and zeros follow; otherwise spaces go first.
//
// Version difference: 3.8-3.9 say "%d format: a number is required, not str",
// 3.10+ "a real number is required".
//
// Bytes (`bytes % args`, `bytearray % args`: `_PyBytes_FormatEx` in
// Objects/bytesobject.c) run the same machine over the template's bytes, each
// byte standing for the code point of the same value, with these
// differences: %s and its alias %b take only a bytes-like argument (bytes,
// bytearray, or what `__bytes__` returned); %r and its alias %a give
// ascii(repr(x)); %c takes an int in range(256) or a one-byte bytes or
// bytearray; a float conversion of a non-number says "float argument
// required"; leftovers are "not all arguments converted during bytes
// formatting".

import BigInt
import HeapModel

/// `template % args`.
public enum PercentFormatter {
  /// Formats `template` with `args` as CPython `version` would.
  public static func format(_ template: String, _ args: PercentArguments, version: PythonVersion)
    throws(FormattingError) -> String
  {
    var state = State(template: Array(template.unicodeScalars), args: args, version: version)
    return String(try state.run())
  }

  /// Formats the bytes `template` with `args` as CPython `version`'s
  /// `_PyBytes_FormatEx` would.
  public static func format(bytes template: [UInt8], _ args: PercentArguments, version: PythonVersion)
    throws(FormattingError) -> [UInt8]
  {
    var state = State(
      template: template.map { Unicode.Scalar($0) }, args: args, version: version, bytesMode: true)
    // Every scalar written is a template byte, an argument's byte or ASCII.
    return try state.run().map { UInt8(truncatingIfNeeded: $0.value) }
  }

  /// `mappingKeys(in:)` for a bytes template: the keys as bytes.
  public static func mappingKeys(inBytes template: [UInt8]) -> (keys: [[UInt8]], unkeyed: Bool) {
    var text = String.UnicodeScalarView()
    text.append(contentsOf: template.map { Unicode.Scalar($0) })
    let (keys, unkeyed) = mappingKeys(in: String(text))
    return (keys.map { $0.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } }, unkeyed)
  }

  /// The text a key of a bytes template is looked up under by the
  /// `mapping` argument's closure: each byte as the code point of its value.
  public static func latin1(_ bytes: [UInt8]) -> String {
    var text = String.UnicodeScalarView()
    text.append(contentsOf: bytes.map { Unicode.Scalar($0) })
    return String(text)
  }

  /// The `%(key)` names of `template` in order, and whether some conversion
  /// has no key (it formats the mapping itself), for an argument that is a
  /// mapping: the interpreter looks the keys up before formatting.
  public static func mappingKeys(in template: String) -> (keys: [String], unkeyed: Bool) {
    let scalars = Array(template.unicodeScalars)
    var keys: [String] = []
    var unkeyed = false
    var pos = 0
    while pos < scalars.count {
      guard scalars[pos] == "%" else {
        pos += 1
        continue
      }
      pos += 1
      guard pos < scalars.count else { break }
      if scalars[pos] == "%" {
        pos += 1
      } else if scalars[pos] == "(" {
        pos += 1
        let start = pos
        var depth = 1
        while pos < scalars.count {
          if scalars[pos] == "(" { depth += 1 }
          if scalars[pos] == ")" {
            depth -= 1
            if depth == 0 { break }
          }
          pos += 1
        }
        var key = String.UnicodeScalarView()
        key.append(contentsOf: scalars[start..<min(pos, scalars.count)])
        keys.append(String(key))
        pos += 1
      } else {
        unkeyed = true
      }
    }
    return (keys, unkeyed)
  }

  private struct Flags: OptionSet {
    let rawValue: UInt8
    static let leftJustify = Flags(rawValue: 1)
    static let sign = Flags(rawValue: 2)
    static let blank = Flags(rawValue: 4)
    static let alternate = Flags(rawValue: 8)
    static let zero = Flags(rawValue: 16)
  }

  private struct Conversion {
    var flags: Flags = []
    var width = -1
    var precision = -1
    var type: Unicode.Scalar = "\0"
    /// Whether the text is a number whose sign the padding must respect.
    var signed = false
  }

  private struct State {
    let template: [Unicode.Scalar]
    let version: PythonVersion
    let bytesMode: Bool
    var tupleItems: [FormatValue] = []
    var current: FormatValue = .none
    var lookup: ((String) throws(FormattingError) -> FormatValue)?
    var argIndex: Int
    var argCount: Int
    var pos = 0
    var exhausted = false
    var out = String.UnicodeScalarView()

    init(template: [Unicode.Scalar], args: PercentArguments, version: PythonVersion, bytesMode: Bool = false)
    {
      self.template = template
      self.version = version
      self.bytesMode = bytesMode
      switch args {
      case .tuple(let items):
        tupleItems = items
        argIndex = 0
        argCount = items.count
      case .single(let value):
        current = value
        argIndex = -2
        argCount = -1
      case .mapping(let value, let lookup):
        current = value
        self.lookup = lookup
        argIndex = -2
        argCount = -1
      }
    }

    mutating func run() throws(FormattingError) -> String.UnicodeScalarView {
      while pos < template.count {
        if template[pos] != "%" {
          let start = pos
          while pos < template.count && template[pos] != "%" { pos += 1 }
          out.append(contentsOf: template[start..<pos])
          continue
        }
        pos += 1
        try formatOne()
      }
      if argIndex < argCount && lookup == nil {
        throw leftovers
      }
      return out
    }

    /// Reads the next template character into `ch`; false (and `exhausted`) at the end.
    mutating func advance(_ ch: inout Unicode.Scalar) -> Bool {
      guard pos < template.count else {
        exhausted = true
        return false
      }
      ch = template[pos]
      pos += 1
      return true
    }

    mutating func nextArgument() throws(FormattingError) -> FormatValue {
      guard argIndex < argCount else { throw .type("not enough arguments for format string") }
      argIndex += 1
      return argCount < 0 ? current : tupleItems[argIndex - 1]
    }

    mutating func formatOne() throws(FormattingError) {
      if pos < template.count && template[pos] == "%" {
        pos += 1
        out.append("%")
        return
      }
      var conversion = try parse()
      let argument = try nextArgument()
      if let text = try convert(argument, &conversion) {
        output(text, conversion)
      }
      if lookup != nil && argIndex < argCount {
        throw leftovers
      }
    }

    var leftovers: FormattingError {
      .type("not all arguments converted during \(bytesMode ? "bytes" : "string") formatting")
    }

    /// `unicode_format_arg_parse`.
    mutating func parse() throws(FormattingError) -> Conversion {
      var c = Conversion()
      c.type = pos < template.count ? template[pos] : "\0"
      if pos < template.count && template[pos] == "(" {
        guard let lookup else { throw .type("format requires a mapping") }
        pos += 1
        let keyStart = pos
        var depth = 1
        while depth > 0 && pos < template.count {
          if template[pos] == ")" {
            depth -= 1
          } else if template[pos] == "(" {
            depth += 1
          }
          pos += 1
        }
        if depth > 0 { throw .value("incomplete format key") }
        var key = ""
        key.unicodeScalars.append(contentsOf: template[keyStart..<(pos - 1)])
        current = try lookup(key)
        argCount = -1
        argIndex = -2
      }
      while advance(&c.type) {
        switch c.type {
        case "-": c.flags.insert(.leftJustify)
        case "+": c.flags.insert(.sign)
        case " ": c.flags.insert(.blank)
        case "#": c.flags.insert(.alternate)
        case "0": c.flags.insert(.zero)
        default: break
        }
        if !"-+ #0".unicodeScalars.contains(c.type) { break }
      }
      if c.type == "*" {
        let value = try nextArgument()
        guard let n = value.integerValue else { throw .type("* wants int") }
        guard let width = Int(exactly: n) else {
          throw .overflow("Python int too large to convert to C ssize_t")
        }
        c.width = width
        if c.width < 0 {
          c.flags.insert(.leftJustify)
          c.width = -c.width
        }
        _ = advance(&c.type)
      } else if let digit = Self.digit(c.type) {
        c.width = digit
        while advance(&c.type) {
          guard let d = Self.digit(c.type) else { break }
          if c.width > (Int.max - d) / 10 { throw .value("width too big") }
          c.width = c.width * 10 + d
        }
      }
      if c.type == "." {
        c.precision = 0
        _ = advance(&c.type)
        if c.type == "*" {
          let value = try nextArgument()
          guard let n = value.integerValue else { throw .type("* wants int") }
          guard let precision = Int32(exactly: n) else {
            throw .overflow("Python int too large to convert to C int")
          }
          c.precision = Swift.max(0, Int(precision))
          _ = advance(&c.type)
        } else if let digit = Self.digit(c.type) {
          c.precision = digit
          while advance(&c.type) {
            guard let d = Self.digit(c.type) else { break }
            if c.precision > (Int(Int32.max) - d) / 10 { throw .value("precision too big") }
            c.precision = c.precision * 10 + d
          }
        }
      }
      if !exhausted && (c.type == "h" || c.type == "l" || c.type == "L") {
        _ = advance(&c.type)
      }
      if exhausted { throw .value("incomplete format") }
      // Padding this wide is more memory than the model has (see
      // PyNumeric.maxModelledBytes); an int's precision pads with zeros too.
      let padsToPrecision = "diuxXo".unicodeScalars.contains(c.type)
      if c.width > PyNumeric.maxModelledBytes || (padsToPrecision && c.precision > PyNumeric.maxModelledBytes)
      {
        throw .noMemory
      }
      return c
    }

    static func digit(_ c: Unicode.Scalar) -> Int? {
      c.value >= 0x30 && c.value <= 0x39 ? Int(c.value - 0x30) : nil
    }

    /// `unicode_format_arg_format`: the converted text, or nil if already written.
    mutating func convert(_ value: FormatValue, _ c: inout Conversion) throws(FormattingError) -> [Unicode
      .Scalar]?
    {
      if bytesMode, let bytes = try convertBytes(value, c) { return bytes }
      switch c.type {
      case "s", "r", "a":
        let text: String
        switch c.type {
        case "s": text = try value.strText(version: version)
        case "r": text = try value.reprText(version: version)
        default: text = StringRepr.asciiEscaped(try value.reprText(version: version))
        }
        return Array(text.unicodeScalars)
      case "i", "d", "u", "o", "x", "X":
        c.signed = true
        return Array(try formatLong(value, c).unicodeScalars)
      case "e", "E", "f", "F", "g", "G":
        c.signed = true
        let x = try realValue(value)
        var options: FloatFormatter.Options = []
        if c.flags.contains(.alternate) { options.insert(.alternate) }
        let precision = c.precision < 0 ? 6 : c.precision
        let text = FloatFormatter.format(x, code: UInt8(c.type.value), precision: precision, options: options)
        return Array(text.unicodeScalars)
      case "c":
        return [try character(value)]
      default:
        let shown = c.type.value >= 31 && c.type.value <= 126 ? Character(c.type) : "?"
        throw .value(
          "unsupported format character '\(shown)' (0x\(String(c.type.value, radix: 16))) at index \(pos - 1)"
        )
      }
    }

    /// The conversions that differ for a bytes template (s b r a c), nil
    /// for the others.
    func convertBytes(_ value: FormatValue, _ c: Conversion) throws(FormattingError) -> [Unicode.Scalar]? {
      switch c.type {
      case "s", "b":
        guard case .bytes(let bytes, _, _) = value else {
          throw .type(
            "%b requires a bytes-like object, or an object that implements __bytes__, not '\(value.typeName)'"
          )
        }
        return bytes.map { Unicode.Scalar($0) }
      case "r", "a":
        return Array(StringRepr.asciiEscaped(try value.reprText(version: version)).unicodeScalars)
      case "c":
        if case .bytes(let bytes, let typeName, _) = value, typeName == "bytes" || typeName == "bytearray",
          bytes.count == 1
        {
          return [Unicode.Scalar(bytes[0])]
        }
        guard let n = value.integerValue else {
          throw .type("%c requires an integer in range(256) or a single byte")
        }
        guard let code = UInt8(exactly: n) else { throw .overflow("%c arg not in range(256)") }
        return [Unicode.Scalar(code)]
      default:
        return nil
      }
    }

    /// `mainformatlong` + `_PyUnicode_FormatLong`.
    func formatLong(_ value: FormatValue, _ c: Conversion) throws(FormattingError) -> String {
      let n: BigInt
      switch value {
      case .int(let i): n = i
      case .bool(let b): n = b ? 1 : 0
      case .float(let x) where c.type != "o" && c.type != "x" && c.type != "X":
        n = try PyNumeric.toInteger(x)
      default:
        let what: String
        if c.type == "o" || c.type == "x" || c.type == "X" {
          what = "an integer is required"
        } else {
          what = version >= .py310 ? "a real number is required" : "a number is required"
        }
        throw .type("%\(Character(c.type)) format: \(what), not \(value.typeName)")
      }
      let radix = c.type == "o" ? 8 : (c.type == "x" || c.type == "X" ? 16 : 10)
      if radix == 10 { try IntFormatter.checkDecimalLimit(n, version: version) }
      let digits = IntFormatter.magnitudeDigits(n, radix: radix)
      var text = n.sign == .minus && !n.isZero ? "-" : ""
      if c.flags.contains(.alternate) && radix != 10 { text += radix == 8 ? "0o" : "0x" }
      if c.precision > digits.count { text += String(repeating: "0", count: c.precision - digits.count) }
      text += digits
      return c.type == "X" ? text.uppercased() : text
    }

    /// `PyFloat_AsDouble` as `formatfloat` uses it.
    func realValue(_ value: FormatValue) throws(FormattingError) -> Double {
      switch value {
      case .float(let x): return x
      case .int(let n): return try PyNumeric.toDouble(n)
      case .bool(let b): return b ? 1 : 0
      default:
        if bytesMode { throw .type("float argument required, not \(value.typeName)") }
        throw .type("must be real number, not \(value.typeName)")
      }
    }

    /// `formatchar`.
    func character(_ value: FormatValue) throws(FormattingError) -> Unicode.Scalar {
      switch value {
      case .str(let s):
        let scalars = s.unicodeScalars
        if scalars.count == 1 { return scalars.first! }
      case .int, .bool:
        let n = value.integerValue!
        guard let code = UInt32(exactly: n), code <= 0x10FFFF else {
          throw .overflow("%c arg not in range(0x110000)")
        }
        // A lone surrogate cannot live in a Swift string (the model's str).
        guard let scalar = Unicode.Scalar(code) else { throw .loneSurrogate("%c") }
        return scalar
      default: break
      }
      throw .type("%c requires int or char")
    }

    /// `unicode_format_arg_output`: sign, prefix, padding.
    mutating func output(_ text: [Unicode.Scalar], _ c: Conversion) {
      var c = c
      let fill: Unicode.Scalar = c.signed && c.flags.contains(.zero) ? "0" : " "
      var length = text.count
      if (c.width == -1 || c.width <= length) && (c.precision == -1 || c.precision >= length)
        && !c.flags.contains(.sign) && !c.flags.contains(.blank)
      {
        out.append(contentsOf: text)
        return
      }
      if c.type == "s" || c.type == "r" || c.type == "a" || (bytesMode && c.type == "b") {
        if c.precision >= 0 && length > c.precision { length = c.precision }
      }
      var index = 0
      var signChar: Unicode.Scalar?
      if c.signed {
        let first = text.first
        if first == "-" || first == "+" {
          signChar = first
          length -= 1
          index += 1
        } else if c.flags.contains(.sign) {
          signChar = "+"
        } else if c.flags.contains(.blank) {
          signChar = " "
        }
      }
      if c.width < length { c.width = length }
      if let signChar {
        if fill != " " { out.append(signChar) }
        if c.width > length { c.width -= 1 }
      }
      let prefixed = c.flags.contains(.alternate) && (c.type == "x" || c.type == "X" || c.type == "o")
      if prefixed {
        if fill != " " {
          out.append("0")
          out.append(c.type)
        }
        index += 2
        c.width = Swift.max(0, c.width - 2)
        length -= 2
      }
      if c.width > length && !c.flags.contains(.leftJustify) {
        out.append(contentsOf: repeatElement(fill, count: c.width - length))
        c.width = length
      }
      if fill == " " {
        if let signChar { out.append(signChar) }
        if prefixed {
          out.append("0")
          out.append(c.type)
        }
      }
      out.append(contentsOf: text[index..<(index + length)])
      if c.width > length { out.append(contentsOf: repeatElement(" ", count: c.width - length)) }
    }
  }
}
