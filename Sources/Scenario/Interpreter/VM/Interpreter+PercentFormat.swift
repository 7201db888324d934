// `template % args` for a str, bytes or bytearray template: the interpreter
// classifies the right operand the way `PyUnicode_Format` and
// `_PyBytes_FormatEx` do, computes what the formatting layer needs of each
// argument, and builds the result object.
//
// The operand is a mapping (it serves `%(key)s` and never leaves arguments
// unconverted) when its type has `mp_subscript` and it is not a tuple or a
// str; for a bytes template neither may it be a bytes or bytearray. So
// `"abc" % []` and `b"abc" % {}` are fine, `b"abc" % b"x"` is not.
//
// A bytes template's arguments arrive as `FormatValue.bytes` when they are
// bytes-like: a bytes, a bytearray, or an instance whose class defines
// `__bytes__` (called once, before formatting; CPython calls it when the
// conversion is reached, which differs only if an earlier conversion fails).

import HeapModel

extension Interpreter {
  mutating func percentFormat(_ template: ObjectID, _ argument: ObjectID) throws -> ObjectID {
    let templateKind = heap.kind(of: template)
    let bytesMode = templateKind != .str
    let source: (inout Interpreter, ObjectID) throws -> FormatValue =
      bytesMode ? { try $0.bytesFormatSource($1) } : { try $0.formatSource($1) }
    let args: PercentArguments
    if heap.kind(of: argument) == .tuple {
      args = .tuple(try heap.items(argument).map { try source(&self, $0) })
    } else if try isPercentMapping(argument, bytesMode: bytesMode) {
      // `%(key)s` takes `argument[key]` (PyObject_GetItem with a new str or
      // bytes key); the keys are looked up first, in template order, so a
      // missing one raises the interpreter's own KeyError.
      let keys: [String]
      let unkeyed: Bool
      if bytesMode {
        let found = PercentFormatter.mappingKeys(inBytes: heap.bytesValue(template))
        keys = found.keys.map(PercentFormatter.latin1)
        unkeyed = found.unkeyed
      } else {
        (keys, unkeyed) = PercentFormatter.mappingKeys(in: heap.string(template))
      }
      var values: [CodePointString: FormatValue] = [:]
      for key in keys where values[CodePointString(key)] == nil {
        let keyObject =
          bytesMode
          ? heap.newBytes(key.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }) : heap.newStr(key)
        defer { drop(keyObject) }
        let value = try getItem(argument, keyObject)
        defer { drop(value) }
        values[CodePointString(key)] = try source(&self, value)
      }
      args = .mapping(unkeyed ? try source(&self, argument) : .none) { key throws(FormattingError) in
        guard let value = values[CodePointString(key)] else { throw FormattingError(.keyError, key) }
        return value
      }
    } else {
      args = .single(try source(&self, argument))
    }
    do {
      switch templateKind {
      case .str:
        return heap.newStr(try PercentFormatter.format(heap.string(template), args, version: version))
      case .bytearray:
        return heap.newByteArray(
          try PercentFormatter.format(bytes: heap.bytesValue(template), args, version: version))
      default:
        // `_PyBytesWriter_Finish`: the result is made by
        // `PyBytes_FromStringAndSize`, so b'' and one byte are the cached ones.
        return heap.newBytes(
          try PercentFormatter.format(bytes: heap.bytesValue(template), args, version: version))
      }
    } catch {
      throw raise(formatting: error)
    }
  }

  /// `PyMapping_Check` as the formatters use it (see the file comment).
  mutating func isPercentMapping(_ argument: ObjectID, bytesMode: Bool) throws -> Bool {
    switch heap.kind(of: argument) {
    case .list, .dict, .range: return true
    case .bytes, .bytearray: return !bytesMode
    case .instance, .slotsInstance: return try lookupType(heap.type(of: argument), "__getitem__") != nil
    default: return false
    }
  }

  /// `formatSource` for an argument of bytes formatting: bytes-like values
  /// carry their bytes.
  mutating func bytesFormatSource(_ object: ObjectID) throws -> FormatValue {
    switch heap.kind(of: object) {
    case .bytes, .bytearray:
      return .bytes(heap.bytesValue(object), typeName: try typeName(of: object), repr: try repr(object))
    case .instance, .slotsInstance:
      guard let method = try lookupType(heap.type(of: object), "__bytes__") else { break }
      let result = try callObject(method, [object])
      defer { drop(result) }
      guard heap.kind(of: result) == .bytes else {
        throw raise(.typeError, "__bytes__ returned non-bytes (type \(try typeName(of: result)))")
      }
      return .bytes(heap.bytesValue(result), typeName: try typeName(of: object), repr: try repr(object))
    default: break
    }
    return try formatSource(object)
  }
}
