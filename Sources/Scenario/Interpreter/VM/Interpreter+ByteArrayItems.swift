// Item and slice assignment and deletion on a bytearray
// (`bytearray_ass_subscript`, `bytearray_setslice_linear` in
// Objects/bytearrayobject.c). Every change of length is one
// `PyByteArray_Resize` of the buffer (Heap.byteArraySetContents): growing
// over-allocates, shrinking below half the buffer reallocates it to the
// exact size, anything else keeps the buffer.
//
// `ba[i] = v` takes an int in range(256) (checked before the index is from
// 3.10); `ba[i:j] = x` takes bytes, a
// bytearray or an iterable of such ints (not a str or a number); an
// extended slice must be replaced by as many bytes as it selects.

import HeapModel

extension Interpreter {
  mutating func byteArraySetItem(_ array: ObjectID, _ index: ObjectID, _ value: ObjectID) throws {
    var bytes = heap.bytesValue(array)
    guard heap.kind(of: index) == .slice else {
      // 3.10+ check the byte before the index's range (GH-91153), 3.8-3.9
      // after it; an index that is not an int is refused first in both.
      let isInteger = heap.kind(of: index) == .int || heap.kind(of: index) == .bool
      let early = version >= .py310 && isInteger ? try byteValue(value) : nil
      let position = try normalizedIndex(index, count: bytes.count, typeName: "bytearray")
      bytes[position] = try early ?? byteValue(value)
      heap.byteArraySetContents(array, bytes)
      return
    }
    let replacement = try byteArraySliceSource(value)
    let positions = try sliceIndices(index, count: bytes.count)
    let step = heap.fieldsPayload(index).refs[2]
    if step == heap.none || heap.intValue(step) == 1 {
      var start = heap.intValue(heap.fieldsPayload(index).refs[0]) ?? 0
      if heap.fieldsPayload(index).refs[0] == heap.none { start = 0 }
      if start < 0 { start = max(0, start + bytes.count) }
      start = min(start, bytes.count)
      let range = positions.first.map { $0..<($0 + positions.count) } ?? start..<start
      bytes.replaceSubrange(range, with: replacement)
    } else {
      guard positions.count == replacement.count else {
        throw raise(
          .valueError,
          "attempt to assign bytes of size \(replacement.count) to extended slice of size \(positions.count)")
      }
      for (offset, position) in positions.enumerated() { bytes[position] = replacement[offset] }
    }
    heap.byteArraySetContents(array, bytes)
  }

  mutating func byteArrayDeleteItem(_ array: ObjectID, _ index: ObjectID) throws {
    let bytes = heap.bytesValue(array)
    let removed: Set<Int>
    if heap.kind(of: index) == .slice {
      removed = Set(try sliceIndices(index, count: bytes.count))
    } else {
      removed = [try normalizedIndex(index, count: bytes.count, typeName: "bytearray")]
    }
    if removed.isEmpty { return }
    let kept = bytes.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
    heap.byteArraySetContents(array, kept)
  }

  /// `_getbytevalue`: an int in range(256).
  private mutating func byteValue(_ value: ObjectID) throws -> UInt8 {
    try requireInteger(value)
    guard let byte = heap.intValue(value), (0...255).contains(byte) else {
      throw raise(.valueError, "byte must be in range(0, 256)")
    }
    return UInt8(byte)
  }

  /// The bytes a slice of a bytearray is replaced by.
  private mutating func byteArraySliceSource(_ value: ObjectID) throws -> [UInt8] {
    switch heap.kind(of: value) {
    case .bytes, .bytearray:
      return heap.bytesValue(value)
    case .str, .int, .bool, .float:
      throw raise(.typeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)")
    default:
      let items = try collect(value)
      defer { for item in items { drop(item) } }
      var bytes: [UInt8] = []
      for item in items {
        try requireInteger(item)
        guard let byte = heap.intValue(item), (0...255).contains(byte) else {
          throw raise(.valueError, "byte must be in range(0, 256)")
        }
        bytes.append(UInt8(byte))
      }
      return bytes
    }
  }
}
