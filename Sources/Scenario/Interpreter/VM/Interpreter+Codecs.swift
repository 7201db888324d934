// str.encode and bytes/bytearray.decode for the codecs CPython handles
// without its codec registry: `PyUnicode_AsEncodedString` and
// `PyUnicode_Decode` lowercase the name, turn `_` into `-`, and go straight
// to the C codec for utf-8 (`utf-8`, `utf8`), latin-1 (`latin-1`, `latin1`,
// `iso-8859-1`, `iso8859-1`) and ascii (`ascii`, `us-ascii`). Any other
// name goes through `codecs.lookup` and Python-level codec functions,
// whose allocations the model does not follow: the run stops there, as it
// does on undecodable or unencodable text (UnicodeDecodeError and
// UnicodeEncodeError are outside the modelled exceptions).
// Results: encoding builds the bytes with `PyBytes_FromStringAndSize` (so
// `b''` and the one-byte bytes are the cached ones); decoding builds a str
// (the empty and one-character latin-1 strings are the cached ones).

import HeapModel

extension Interpreter {
  enum TextCodec {
    case utf8, latin1, ascii
  }

  /// The codec for an encoding name that CPython resolves without a lookup.
  static func fastCodec(_ name: String) -> TextCodec? {
    let normalized = String(
      name.unicodeScalars.map { $0 == "_" ? "-" : Character(String($0).lowercased()) })
    switch normalized {
    case "utf-8", "utf8": return .utf8
    case "latin-1", "latin1", "iso-8859-1", "iso8859-1": return .latin1
    case "ascii", "us-ascii": return .ascii
    default: return nil
    }
  }

  /// The `encoding` and `errors` arguments of encode/decode.
  mutating func codecArguments(_ builtin: Builtin, _ args: [ObjectID], _ keywords: [(String, ObjectID)])
    throws
    -> TextCodec
  {
    let bound = try bindArguments(builtin, args, keywords, names: ["encoding", "errors"])
    for argument in bound.compactMap({ $0 }) where heap.kind(of: argument) != .str {
      throw InterpreterStop.unsupported(
        feature: "a non-str encoding or errors argument of \(builtin.name)()", line: currentLine)
    }
    guard let encoding = bound[0] else { return .utf8 }
    let name = heap.string(encoding)
    guard let codec = Interpreter.fastCodec(name) else {
      throw InterpreterStop.unsupported(
        feature: "\(builtin.name)() with encoding '\(name)'", line: currentLine)
    }
    return codec
  }

  mutating func strEncode(_ receiver: ObjectID, _ args: [ObjectID], keywords: [(String, ObjectID)]) throws
    -> ObjectID
  {
    let codec = try codecArguments(.strEncode, args, keywords)
    let text = heap.string(receiver)
    var bytes: [UInt8] = []
    switch codec {
    case .utf8:
      bytes = Array(text.utf8)
    case .latin1, .ascii:
      let limit: UInt32 = codec == .ascii ? 0x80 : 0x100
      for scalar in text.unicodeScalars {
        guard scalar.value < limit else {
          throw InterpreterStop.unsupported(
            feature: "UnicodeEncodeError (str.encode of text the codec cannot encode)", line: currentLine)
        }
        bytes.append(UInt8(scalar.value))
      }
    }
    return heap.newBytes(bytes)
  }

  /// `bytes.decode` / `bytearray.decode` of `bytes`.
  mutating func decodeBytes(
    _ builtin: Builtin, _ bytes: [UInt8], _ args: [ObjectID], _ keywords: [(String, ObjectID)]
  )
    throws -> ObjectID
  {
    let codec = try codecArguments(builtin, args, keywords)
    var text: String?
    switch codec {
    case .utf8:
      text = String(validating: bytes, as: UTF8.self)
    case .latin1:
      var view = String.UnicodeScalarView()
      for byte in bytes { view.append(Unicode.Scalar(byte)) }
      text = String(view)
    case .ascii:
      text = bytes.allSatisfy { $0 < 0x80 } ? String(decoding: bytes, as: UTF8.self) : nil
    }
    guard let text else {
      throw InterpreterStop.unsupported(
        feature: "UnicodeDecodeError (decode of bytes the codec cannot decode)", line: currentLine)
    }
    return heap.newStr(text)
  }
}
