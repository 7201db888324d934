// bytearray methods beyond append/extend (Objects/bytearrayobject.c).
// `pop`, `remove`, `insert` and `clear` move the bytes inside the buffer
// and then call `PyByteArray_Resize` once (`Heap.byteArraySetContents`):
// growth over-allocates as append does, a shrink below half the buffer
// reallocates it to the exact size + 1 (so `clear()` leaves a 1-byte
// buffer: `sys.getsizeof` 57), a smaller shrink keeps the buffer. `reverse`
// works in place; `copy` is a new bytearray with an exact buffer; `pop`
// returns the small int of the byte; `decode` builds a str
// (Interpreter+Codecs.swift).

import HeapModel

extension Interpreter {
  /// The bytearray methods of this file; nil for any other builtin.
  mutating func byteArrayMethod(
    _ builtin: Builtin, _ receiver: ObjectID, _ args: [ObjectID], keywords: [(String, ObjectID)]
  ) throws -> ObjectID? {
    var data = heap.bytesValue(receiver)
    switch builtin {
    case .bytearrayDecode:
      return try decodeBytes(builtin, data, args, keywords)
    case .bytearrayPop:
      if data.isEmpty { throw raise(.indexError, "pop from empty bytearray") }
      var index = args.isEmpty ? -1 : try integerArgument(args[0])
      if index < 0 { index += data.count }
      guard index >= 0, index < data.count else { throw raise(.indexError, "pop index out of range") }
      let byte = data.remove(at: index)
      heap.byteArraySetContents(receiver, data)
      return heap.newInt(Int(byte))
    case .bytearrayRemove:
      let byte = try byteArgument(args[0])
      guard let index = data.firstIndex(of: byte) else {
        throw raise(.valueError, "value not found in bytearray")
      }
      data.remove(at: index)
      heap.byteArraySetContents(receiver, data)
    case .bytearrayInsert:
      var index = try integerArgument(args[0])
      let byte = try byteArgument(args[1])
      if index < 0 { index = max(0, index + data.count) }
      data.insert(byte, at: min(index, data.count))
      heap.byteArraySetContents(receiver, data)
    case .bytearrayClear:
      heap.byteArraySetContents(receiver, [])
    case .bytearrayReverse:
      heap.byteArraySetContents(receiver, data.reversed())
    case .bytearrayCopy:
      return heap.newByteArray(data)
    default:
      return nil
    }
    return retain(heap.none)
  }

  /// An int argument that must be a byte value.
  mutating func byteArgument(_ value: ObjectID) throws -> UInt8 {
    let number = try integerArgument(value)
    guard (0...255).contains(number) else { throw raise(.valueError, "byte must be in range(0, 256)") }
    return UInt8(number)
  }
}
