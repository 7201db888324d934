// Dispatch for the builtin-type methods implemented outside
// Interpreter+Methods.swift, one file per family: dict (popitem,
// fromkeys), int and float, the str methods of Interpreter+StrTextMethods
// and Interpreter+Codecs, bytes and bytearray.

import HeapModel

extension Interpreter {
  /// Runs `builtin` if it is one of these methods; nil otherwise.
  mutating func callTypeMethod(
    _ builtin: Builtin, _ receiver: ObjectID, _ args: [ObjectID], keywords: [(String, ObjectID)]
  ) throws -> ObjectID? {
    if !keywords.isEmpty, !BuiltinArity.keywordsFillPositional.contains(builtin),
      Builtin.typeMethodsHere.contains(builtin)
    {
      throw InterpreterStop.unsupported(feature: "keyword arguments to \(builtin.name)()", line: currentLine)
    }
    switch builtin.owner {
    case .type(.dict):
      switch builtin {
      case .dictPopitem: return try dictPopitem(receiver)
      case .dictFromkeys: return try dictFromkeys(receiver, args)
      default: return nil
      }
    case .type(.int), .type(.float):
      return try numberMethod(builtin, receiver, args, keywords: keywords)
    case .type(.str):
      return try strTextMethod(builtin, receiver, args, keywords: keywords)
    case .type(.bytes):
      return try bytesMethod(builtin, receiver, args, keywords: keywords)
    case .type(.bytearray):
      return try byteArrayMethod(builtin, receiver, args, keywords: keywords)
    default:
      return nil
    }
  }
}

extension Builtin {
  /// The methods dispatched by `callTypeMethod`.
  static let typeMethodsHere: Set<Builtin> = [
    .dictPopitem, .dictFromkeys, .strRsplit, .strSplitlines, .strEncode, .strCasefold, .strExpandtabs,
    .strIsidentifier, .strIsprintable, .strIsascii, .strRemoveprefix, .strRemovesuffix, .intBitLength,
    .intBitCount, .intToBytes, .intFromBytes, .intConjugate, .intAsIntegerRatio, .intIsInteger,
    .floatIsInteger, .floatAsIntegerRatio, .floatHex, .floatFromhex, .floatConjugate, .bytesDecode,
    .bytesUpper, .bytesLower, .bytesSplit, .bytesStrip, .bytesStartswith, .bytesEndswith, .bytesFind,
    .bytesCount, .bytesReplace, .bytesHex, .bytesFromhex, .bytesJoin, .bytesIndex, .bytearrayPop,
    .bytearrayDecode, .bytearrayClear, .bytearrayInsert, .bytearrayReverse, .bytearrayCopy, .bytearrayRemove,
  ]
}
