// Loads the expectations recorded from real CPython by tools/gen_format_cases.py
// (Tests/ScenarioTests/Fixtures/Formatting) and evaluates each case with the
// Swift formatting layer, so a test can compare every case for every version.

import BigInt
import Foundation
import HeapModel

@testable import Scenario

/// A JSON argument of a recorded case.
enum FixtureArgument: Sendable, CustomStringConvertible {
  case text(String)
  case list([String])
  case map([String: FixtureArgument])

  init(json: Any) {
    if let text = json as? String {
      self = .text(text)
    } else if let list = json as? [String] {
      self = .list(list)
    } else if let map = json as? [String: Any] {
      self = .map(map.mapValues(FixtureArgument.init(json:)))
    } else {
      preconditionFailure("bad fixture argument \(json)")
    }
  }

  var text: String {
    guard case .text(let t) = self else { preconditionFailure("expected text, got \(self)") }
    return t
  }

  var description: String {
    switch self {
    case .text(let t): return t.debugDescription
    case .list(let l): return l.description
    case .map(let m): return m.description
    }
  }
}

/// One recorded case: a category, its encoded arguments, and CPython's output per version.
struct FormattingCase: Sendable {
  var category: String
  var arguments: [FixtureArgument]
  /// Minor version → "=result" or "!Type: message".
  var expected: [Int: String]
  var line: Int
}

enum FormattingFixture {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/Formatting")

  /// All cases of cases.jsonl, parsed once.
  static let cases: [FormattingCase] = {
    let url = directory.appendingPathComponent("cases.jsonl")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      preconditionFailure("missing fixture \(url.path)")
    }
    var result: [FormattingCase] = []
    for (index, line) in text.split(separator: "\n").enumerated() {
      guard let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any], json.count == 3,
        let category = json[0] as? String, let arguments = json[1] as? [Any]
      else { preconditionFailure("bad fixture line \(index + 1)") }
      var expected: [Int: String] = [:]
      if let single = json[2] as? String {
        for version in PythonVersion.allCases { expected[version.minor] = single }
      } else if let perVersion = json[2] as? [String: String] {
        for (keys, value) in perVersion {
          for key in keys.split(separator: ",") { expected[Int(key)!] = value }
        }
      }
      result.append(
        FormattingCase(
          category: category, arguments: arguments.map(FixtureArgument.init(json:)), expected: expected,
          line: index + 1))
    }
    return result
  }()

  /// The cases of the given categories.
  static func cases(_ categories: Set<String>) -> [FormattingCase] {
    cases.filter { categories.contains($0.category) }
  }

  /// Runs `cases` under `version`; returns up to `limit` descriptions of mismatches and the count.
  /// A case without an expectation for `version` counts as a mismatch.
  static func mismatches(_ cases: [FormattingCase], version: PythonVersion, limit: Int = 25) -> (
    Int, [String]
  ) {
    var count = 0
    var shown: [String] = []
    for c in cases {
      guard let want = c.expected[version.minor] else {
        count += 1
        shown.append("line \(c.line): no expectation for \(version)")
        continue
      }
      let got = evaluate(c, version: version)
      if got != want {
        count += 1
        if shown.count < limit {
          shown.append(
            "line \(c.line) \(c.category) \(c.arguments): want \(want.debugDescription) got \(got.debugDescription)"
          )
        }
      }
    }
    return (count, shown)
  }

  // MARK: Decoding

  static func value(_ encoded: String) -> FormatValue {
    let tag = encoded.first!
    let body = payload(encoded)
    switch tag {
    case "i": return .int(BigInt(body)!)
    case "b": return .bool(body == "1")
    case "f": return .float(Double(bitPattern: UInt64(body, radix: 16)!))
    case "s": return .str(body)
    case "n": return .none
    case "y":
      return .object(
        typeName: "bytes", str: StringRepr.bytesRepr(bytes(body)), repr: StringRepr.bytesRepr(bytes(body)))
    case "o": return object(body)
    default: preconditionFailure("bad value \(encoded)")
    }
  }

  /// The text after a two-character tag such as "s:", cut by code points, not graphemes.
  static func payload(_ encoded: String) -> String {
    String(String.UnicodeScalarView(encoded.unicodeScalars.dropFirst(2)))
  }

  static func bytes(_ hex: String) -> [UInt8] {
    var result: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
      let next = hex.index(index, offsetBy: 2)
      result.append(UInt8(hex[index..<next], radix: 16)!)
      index = next
    }
    return result
  }

  static func object(_ name: String) -> FormatValue {
    switch name {
    case "list12": return .object(typeName: "list", str: "[1, 2]", repr: "[1, 2]")
    case "dict": return .object(typeName: "dict", str: "{'a': 1}", repr: "{'a': 1}")
    case "tuple0": return .object(typeName: "tuple", str: "()", repr: "()")
    case "bytes": return .object(typeName: "bytes", str: "b'hi'", repr: "b'hi'")
    case "set": return .object(typeName: "set", str: "{3}", repr: "{3}")
    case "complex": return .object(typeName: "complex", str: "(1+2j)", repr: "(1+2j)")
    default: preconditionFailure("unknown object \(name)")
    }
  }

  /// The `%` right operand, classified as `PyUnicode_Format` does.
  static func percentArguments(_ argument: FixtureArgument, version: PythonVersion) -> PercentArguments {
    guard case .map(let json) = argument else { preconditionFailure("bad % arguments") }
    if case .list(let items)? = json["t"] { return .tuple(items.map(value)) }
    if case .map(let mapping)? = json["m"] {
      let values = mapping.mapValues { value($0.text) }
      let keys = mapping.keys.sorted()
      let repr =
        "{"
        + keys.map { key in
          let text = (try? values[key]!.reprText(version: version)) ?? "?"
          return "\(StringRepr.repr(key, version: version)): \(text)"
        }
        .joined(separator: ", ") + "}"
      return .mapping(.object(typeName: "dict", str: repr, repr: repr)) { key throws(FormattingError) in
        guard let found = values[key] else {
          throw FormattingError(.keyError, StringRepr.repr(key, version: version))
        }
        return found
      }
    }
    let encoded = json["v"]!.text
    switch encoded {
    case "o:tuple0": return .tuple([])
    case "o:dict":
      return .mapping(object("dict")) { key throws(FormattingError) in
        guard key == "a" else { throw FormattingError(.keyError, StringRepr.repr(key, version: version)) }
        return .int(1)
      }
    case "o:list12", "o:bytes":
      let v = value(encoded)
      return .mapping(v) { _ throws(FormattingError) in
        throw FormattingError(.typeError, "\(v.typeName) indices must be integers or slices, not str")
      }
    default:
      return .single(value(encoded))
    }
  }

  // MARK: Evaluation

  static func evaluate(_ c: FormattingCase, version: PythonVersion) -> String {
    do throws(FormattingError) {
      return "=" + (try run(c, version: version))
    } catch {
      return "!" + error.description
    }
  }

  private static func integer(_ v: FormatValue) -> BigInt? { v.integerValue }

  private static func run(_ c: FormattingCase, version: PythonVersion) throws(FormattingError) -> String {
    let args = c.arguments
    func arg(_ i: Int) -> FormatValue { value(args[i].text) }
    switch c.category {
    case "int.str": return IntFormatter.decimal(integer(arg(0))!)
    case "int.hex": return IntFormatter.hex(integer(arg(0))!)
    case "int.oct": return IntFormatter.oct(integer(arg(0))!)
    case "int.bin": return IntFormatter.bin(integer(arg(0))!)
    case "format": return try SpecFormatter.format(arg(0), spec: args[1].text, version: version)
    case "percent":
      return try PercentFormatter.format(
        args[0].text, percentArguments(args[1], version: version), version: version)
    case "repr":
      let raw = args[0].text
      if raw.hasPrefix("y:") { return StringRepr.bytesRepr(bytes(payload(raw))) }
      return StringRepr.repr(payload(raw), version: version)
    case "ascii": return StringRepr.ascii(payload(args[0].text), version: version)
    case "repr.bytearray": return StringRepr.bytearrayRepr(bytes(payload(args[0].text)))
    case "identifier": return StringKind.isIdentifier(payload(args[0].text)) ? "True" : "False"
    case "round":
      let digits = args[1].text
      switch arg(0) {
      case .float(let x):
        if digits.isEmpty { return IntFormatter.decimal(try PyNumeric.round(x)) }
        return FloatFormatter.repr(try PyNumeric.round(x, ndigits: Int(digits)!))
      case let v:
        let n = integer(v)!
        return IntFormatter.decimal(digits.isEmpty ? n : PyNumeric.round(n, ndigits: Int(digits)!))
      }
    case "divmod", "floordiv", "mod", "truediv":
      return try arithmetic(c.category, arg(0), arg(1), version: version)
    case "float": return FloatFormatter.repr(try PyNumeric.toDouble(integer(arg(0))!))
    case "int":
      guard case .float(let x) = arg(0) else { preconditionFailure("int() of non-float") }
      return IntFormatter.decimal(try PyNumeric.toInteger(x))
    case "hash": return String(hash(args[0].text, version: version))
    case "hash.tuple":
      guard case .list(let items) = args[0] else { preconditionFailure("bad tuple") }
      return String(PyHash.hashTuple(items.map { hash($0, version: version) }))
    default: preconditionFailure("unknown category \(c.category)")
    }
  }

  static func hash(_ encoded: String, version: PythonVersion) -> Int {
    if encoded.hasPrefix("y:") { return PyHash.hash(bytes: bytes(payload(encoded)), version: version) }
    switch value(encoded) {
    case .int(let n): return PyHash.hash(n)
    case .bool(let b): return PyHash.hash(b)
    case .float(let x): return PyHash.hash(x, version: version)
    case .str(let s): return PyHash.hash(s, version: version)
    default: preconditionFailure("unhashable fixture value \(encoded)")
    }
  }

  private static func arithmetic(_ op: String, _ a: FormatValue, _ b: FormatValue, version: PythonVersion)
    throws(FormattingError) -> String
  {
    if let x = a.integerValue, let y = b.integerValue {
      switch op {
      case "divmod":
        let (q, r) = try PyNumeric.divmod(x, y)
        return "(\(IntFormatter.decimal(q)), \(IntFormatter.decimal(r)))"
      case "floordiv": return IntFormatter.decimal(try PyNumeric.floorDivide(x, y))
      case "mod": return IntFormatter.decimal(try PyNumeric.remainder(x, y, version: version))
      default: return FloatFormatter.repr(try PyNumeric.trueDivide(x, y))
      }
    }
    let x = try double(a)
    let y = try double(b)
    switch op {
    case "divmod":
      let (q, r) = try PyNumeric.divmod(x, y)
      return "(\(FloatFormatter.repr(q)), \(FloatFormatter.repr(r)))"
    case "floordiv": return FloatFormatter.repr(try PyNumeric.floorDivide(x, y, version: version))
    case "mod": return FloatFormatter.repr(try PyNumeric.remainder(x, y, version: version))
    default: return FloatFormatter.repr(try PyNumeric.trueDivide(x, y))
    }
  }

  private static func double(_ v: FormatValue) throws(FormattingError) -> Double {
    if case .float(let x) = v { return x }
    return try PyNumeric.toDouble(v.integerValue!)
  }
}
