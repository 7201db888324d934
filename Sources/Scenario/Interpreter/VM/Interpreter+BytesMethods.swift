// bytes methods (Objects/bytesobject.c, Objects/bytes_methods.c,
// Objects/stringlib/). What each result is:
// - the receiver itself, for an exact bytes, when nothing changes: `strip`
//   with nothing to strip, `replace` with no match, `split` with no split
//   (its only piece), `join` of one exact bytes;
// - otherwise a new bytes object. Pieces copied out of the receiver
//   (`split`, `strip`) come from `PyBytes_FromStringAndSize(data, n)`, so
//   `b''` and the one-byte bytes are the cached singletons; results built
//   in a buffer allocated first (`upper`, `lower`, `replace`, `join`) are
//   new even at one byte (`b''` stays the singleton);
// - `split` preallocates 12 list slots for an unlimited count in every
//   version (str's 3.12 bound does not apply to bytes);
// - `find`/`count`/`index` return ints, `hex()` a new str, `fromhex` (a
//   class method) a new bytes.
// The search methods take `(sub[, start[, end]])` through METH_VARARGS:
// their argument tuple is measured (BuiltinArgumentTuples+Measured.swift).

import HeapModel

extension Interpreter {
  /// The bytes methods; nil for any other builtin.
  mutating func bytesMethod(
    _ builtin: Builtin, _ receiver: ObjectID, _ args: [ObjectID], keywords: [(String, ObjectID)]
  ) throws -> ObjectID? {
    // `fromhex` is a class method: its receiver is the type.
    let data = builtin == .bytesFromhex ? [] : heap.bytesValue(receiver)
    switch builtin {
    case .bytesDecode:
      return try decodeBytes(builtin, data, args, keywords)
    case .bytesUpper, .bytesLower:
      let upper = builtin == .bytesUpper
      let mapped = data.map { byte -> UInt8 in
        if upper, (0x61...0x7A).contains(byte) { return byte - 32 }
        if !upper, (0x41...0x5A).contains(byte) { return byte + 32 }
        return byte
      }
      return heap.newBytes(mapped, fresh: !mapped.isEmpty)
    case .bytesSplit:
      let bound = try bindArguments(builtin, args, keywords, names: ["sep", "maxsplit"])
      let limit = try maxSplitArgument(bound[1])
      let slots = splitPreallocation(
        maxSplit: limit, length: data.count, separatorLength: nil, boundsByLength: false)
      let pieces: [[UInt8]]
      if let separator = bound[0], separator != heap.none {
        let needle = try bytesLikeArgument(separator)
        if needle.isEmpty { throw raise(.valueError, "empty separator") }
        pieces = Interpreter.splitBytes(data, on: needle, maxSplit: limit)
      } else {
        pieces = Interpreter.splitBytesOnWhitespace(data, maxSplit: limit)
      }
      if pieces.count == 1, pieces[0].count == data.count {
        return newSplitList(preallocating: slots, pieces: [retain(receiver)])
      }
      var objects: [ObjectID] = []
      for piece in pieces { objects.append(heap.newBytes(piece)) }
      return newSplitList(preallocating: slots, pieces: objects)
    case .bytesStrip:
      var strip: (UInt8) -> Bool = Interpreter.isByteSpace
      if let chars = args.first, chars != heap.none {
        let set = Set(try bytesLikeArgument(chars))
        strip = { set.contains($0) }
      }
      var start = 0
      var end = data.count
      while start < end, strip(data[start]) { start += 1 }
      while end > start, strip(data[end - 1]) { end -= 1 }
      if start == 0, end == data.count { return retain(receiver) }
      return heap.newBytes(Array(data[start..<end]))
    case .bytesStartswith, .bytesEndswith:
      let (start, end) = try sliceBounds(args.dropFirst(), count: data.count)
      var candidates: [[UInt8]] = []
      if heap.kind(of: args[0]) == .tuple {
        for item in heap.items(args[0]) { candidates.append(try bytesLikeArgument(item)) }
      } else {
        candidates.append(try bytesLikeArgument(args[0]))
      }
      let window = start <= end ? Array(data[start..<end]) : nil
      let found = candidates.contains { part in
        guard let window, part.count <= window.count else { return false }
        return builtin == .bytesStartswith
          ? window.prefix(part.count).elementsEqual(part) : window.suffix(part.count).elementsEqual(part)
      }
      return heap.newBool(found)
    case .bytesFind, .bytesIndex, .bytesCount:
      let needle = try searchNeedle(args[0])
      let (start, end) = try sliceBounds(args.dropFirst(), count: data.count)
      if builtin == .bytesCount {
        guard start <= end else { return heap.newInt(0, origin: .machineInt) }
        if needle.isEmpty { return heap.newInt(end - start + 1, origin: .machineInt) }
        var count = 0
        var index = start
        while index + needle.count <= end {
          if data[index..<index + needle.count].elementsEqual(needle) {
            count += 1
            index += needle.count
          } else {
            index += 1
          }
        }
        return heap.newInt(count, origin: .machineInt)
      }
      var found = -1
      if start <= end, end - start >= needle.count {
        for index in start...(end - needle.count)
        where data[index..<index + needle.count].elementsEqual(needle) {
          found = index
          break
        }
      }
      if found < 0, builtin == .bytesIndex { throw raise(.valueError, "subsection not found") }
      return heap.newInt(found, origin: .machineInt)
    case .bytesReplace:
      let old = try bytesLikeArgument(args[0])
      let new = try bytesLikeArgument(args[1])
      let limit = args.count > 2 ? try integerArgument(args[2]) : -1
      let result = Interpreter.replaceBytes(data, old, new, count: limit)
      guard let result else { return retain(receiver) }
      return heap.newBytes(result, fresh: !result.isEmpty)
    case .bytesHex:
      return try heap.newStr(hexText(data, args, keywords))
    case .bytesFromhex:
      guard receiver == heap.typeObject(.bytes) else {
        throw InterpreterStop.unsupported(feature: "fromhex of a bytes subclass", line: currentLine)
      }
      guard heap.kind(of: args[0]) == .str else {
        throw raise(.typeError, "fromhex() argument must be str, not \(try typeName(of: args[0]))")
      }
      return heap.newBytes(try parseHexBytes(heap.string(args[0])))
    case .bytesJoin:
      let items = try collect(args[0])
      defer { for item in items { drop(item) } }
      if items.count == 1, heap.kind(of: items[0]) == .bytes { return retain(items[0]) }
      var result: [UInt8] = []
      for (index, item) in items.enumerated() {
        guard heap.kind(of: item) == .bytes || heap.kind(of: item) == .bytearray else {
          throw raise(
            .typeError,
            "sequence item \(index): expected a bytes-like object, \(try typeName(of: item)) found")
        }
        if index > 0 { result.append(contentsOf: data) }
        result.append(contentsOf: heap.bytesValue(item))
      }
      return heap.newBytes(result, fresh: !result.isEmpty)
    default:
      return nil
    }
  }

  /// A bytes-like argument (bytes or bytearray).
  mutating func bytesLikeArgument(_ value: ObjectID) throws -> [UInt8] {
    switch heap.kind(of: value) {
    case .bytes, .bytearray: return heap.bytesValue(value)
    default:
      throw raise(.typeError, "a bytes-like object is required, not '\(try typeName(of: value))'")
    }
  }

  /// The `sub` of find/count/index: bytes-like or an int in range(256).
  mutating func searchNeedle(_ value: ObjectID) throws -> [UInt8] {
    if heap.kind(of: value) == .int || heap.kind(of: value) == .bool {
      guard let byte = heap.intValue(value), (0...255).contains(byte) else {
        throw raise(.valueError, "byte must be in range(0, 256)")
      }
      return [UInt8(byte)]
    }
    guard heap.kind(of: value) == .bytes || heap.kind(of: value) == .bytearray else {
      throw raise(
        .typeError, "argument should be integer or bytes-like object, not '\(try typeName(of: value))'")
    }
    return heap.bytesValue(value)
  }

  /// Optional `start` and `end` (ints or None), adjusted like a slice.
  mutating func sliceBounds(_ args: ArraySlice<ObjectID>, count: Int) throws -> (Int, Int) {
    var bounds = [0, count]
    for (offset, value) in args.prefix(2).enumerated() where value != heap.none {
      var index = try integerArgument(value)
      if index < 0 { index = max(0, index + count) }
      bounds[offset] = min(index, count)
    }
    return (bounds[0], bounds[1])
  }

  /// `bytes.hex([sep[, bytes_per_sep]])`.
  mutating func hexText(_ data: [UInt8], _ args: [ObjectID], _ keywords: [(String, ObjectID)]) throws
    -> String
  {
    let bound = try bindArguments(.bytesHex, args, keywords, names: ["sep", "bytes_per_sep"])
    let digits = data.map { byte in String(byte >> 4, radix: 16) + String(byte & 15, radix: 16) }
    guard let separator = bound[0] else { return digits.joined() }
    let sepText: String
    switch heap.kind(of: separator) {
    case .str: sepText = heap.string(separator)
    case .bytes: sepText = String(decoding: heap.bytesValue(separator), as: UTF8.self)
    default: throw raise(.typeError, "sep must be str or bytes.")
    }
    guard sepText.unicodeScalars.count == 1 else { throw raise(.valueError, "sep must be length 1.") }
    guard sepText.utf8.count == 1 else { throw raise(.valueError, "sep must be ASCII.") }
    let group = try bound[1].map { try integerArgument($0) } ?? 1
    if group == 0 || digits.isEmpty { return digits.joined() }
    let size = Swift.abs(group)
    var groups: [String] = []
    if group > 0 {
      // Groups counted from the right.
      var end = digits.count
      while end > 0 {
        groups.insert(digits[max(0, end - size)..<end].joined(), at: 0)
        end -= size
      }
    } else {
      var start = 0
      while start < digits.count {
        groups.append(digits[start..<min(digits.count, start + size)].joined())
        start += size
      }
    }
    return groups.joined(separator: sepText)
  }

  /// `bytes.fromhex`: pairs of hex digits, ASCII whitespace between pairs.
  mutating func parseHexBytes(_ text: String) throws -> [UInt8] {
    let scalars = Array(text.unicodeScalars)
    var bytes: [UInt8] = []
    var index = 0
    func digit(_ at: Int) -> UInt8? {
      guard at < scalars.count, scalars[at].isASCII else { return nil }
      return Character(scalars[at]).hexDigitValue.map(UInt8.init)
    }
    while index < scalars.count {
      if scalars[index].isASCII, Interpreter.isByteSpace(UInt8(scalars[index].value)) {
        index += 1
        continue
      }
      guard let high = digit(index) else { throw fromhexError(index) }
      guard let low = digit(index + 1) else { throw fromhexError(index + 1) }
      bytes.append(high << 4 | low)
      index += 2
    }
    return bytes
  }

  private mutating func fromhexError(_ position: Int) -> PythonRaise {
    raise(.valueError, "non-hexadecimal number found in fromhex() arg at position \(position)")
  }

  /// `Py_ISSPACE` of a byte: space, \t, \n, \v, \f, \r.
  static func isByteSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

  static func splitBytes(_ data: [UInt8], on needle: [UInt8], maxSplit: Int) -> [[UInt8]] {
    var pieces: [[UInt8]] = []
    var start = 0
    var index = 0
    while index + needle.count <= data.count, maxSplit < 0 || pieces.count < maxSplit {
      if data[index..<index + needle.count].elementsEqual(needle) {
        pieces.append(Array(data[start..<index]))
        index += needle.count
        start = index
      } else {
        index += 1
      }
    }
    pieces.append(Array(data[start...]))
    return pieces
  }

  static func splitBytesOnWhitespace(_ data: [UInt8], maxSplit: Int) -> [[UInt8]] {
    var pieces: [[UInt8]] = []
    var index = 0
    while index < data.count {
      while index < data.count, isByteSpace(data[index]) { index += 1 }
      if index == data.count { break }
      if maxSplit >= 0, pieces.count == maxSplit {
        pieces.append(Array(data[index...]))
        break
      }
      let start = index
      while index < data.count, !isByteSpace(data[index]) { index += 1 }
      pieces.append(Array(data[start..<index]))
    }
    return pieces
  }

  /// `bytes.replace`; nil when the result is the receiver unchanged.
  static func replaceBytes(_ data: [UInt8], _ old: [UInt8], _ new: [UInt8], count: Int) -> [UInt8]? {
    if count == 0 { return nil }
    var result: [UInt8] = []
    var replaced = 0
    var index = 0
    if old.isEmpty {
      if new.isEmpty { return nil }
      // Inserted before every byte and at the end, `count` times at most.
      for byte in data {
        if count < 0 || replaced < count {
          result.append(contentsOf: new)
          replaced += 1
        }
        result.append(byte)
      }
      if count < 0 || replaced < count { result.append(contentsOf: new) }
      return result
    }
    while index < data.count {
      if count < 0 || replaced < count, index + old.count <= data.count,
        data[index..<index + old.count].elementsEqual(old)
      {
        result.append(contentsOf: new)
        index += old.count
        replaced += 1
      } else {
        result.append(data[index])
        index += 1
      }
    }
    return replaced == 0 ? nil : result
  }
}
