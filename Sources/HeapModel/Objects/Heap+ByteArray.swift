// bytearray: a 56-byte object (not a GC object) plus a buffer block of
// `allocated` bytes, resized by `PyByteArray_Resize` with its own
// over-allocation (ObjectLayouts.bytearrayResize). The bytes live in the
// `byteStrings` store like a bytes object's; the buffer's size and address
// in the `bytearrayBuffers` side table.

extension Heap {
  /// A bytearray (+1) holding `value`, in a buffer of `allocated` bytes
  /// (by default the exact `count + 1`, none when empty).
  public mutating func newByteArray(_ value: [UInt8], allocated: Int? = nil) -> ObjectID {
    let slot = byteStrings.insert(value)
    let id = allocateObject(
      kind: .bytearray, type: typeObject(.bytearray), size: layouts.fixedBlockSize(.bytearray)!,
      payload: Int64(slot))
    let allocated = allocated ?? ObjectLayouts.bytearrayInitialAllocation(count: value.count)
    let buffer = allocated > 0 ? allocator.allocate(allocated).rawValue : 0
    bytearrayBuffers[id] = (allocated, buffer)
    return id
  }

  /// Appends bytes, resizing the buffer as CPython does.
  public mutating func byteArrayAppend(_ id: ObjectID, _ bytes: [UInt8]) {
    let slot = Int(payloads[id.slot])
    let newSize = byteStrings[slot].count + bytes.count
    resizeByteArrayBuffer(id, to: newSize)
    byteStrings[slot].append(contentsOf: bytes)
  }

  /// `sys.getsizeof` of a bytearray.
  public func byteArraySizeOf(_ id: ObjectID) -> Int {
    ObjectLayouts.bytearrayGetsizeof(allocated: bytearrayBuffers[id]?.allocated ?? 0)
  }
}

extension Heap {
  /// Gives a bytearray the contents `bytes` through one `PyByteArray_Resize`
  /// to their length (pop, remove, insert, clear: the bytes are moved in
  /// the buffer, then the buffer is resized, shrinking to the exact size
  /// once less than half of it is used).
  public mutating func byteArraySetContents(_ id: ObjectID, _ bytes: [UInt8]) {
    let slot = Int(payloads[id.slot])
    if bytes.count != byteStrings[slot].count {
      resizeByteArrayBuffer(id, to: bytes.count)
    }
    byteStrings[slot] = bytes
  }

  /// `PyByteArray_Resize`'s buffer for `newSize` bytes: allocated or
  /// reallocated when the over-allocation rule asks for another size.
  mutating func resizeByteArrayBuffer(_ id: ObjectID, to newSize: Int) {
    var (allocated, buffer) = bytearrayBuffers[id] ?? (0, 0)
    let wanted = ObjectLayouts.bytearrayResize(allocated: allocated, newSize: newSize)
    guard wanted != allocated else { return }
    buffer =
      buffer == 0
      ? allocator.allocate(wanted).rawValue : allocator.reallocate(Address(buffer), to: wanted).rawValue
    allocated = wanted
    bytearrayBuffers[id] = (allocated, buffer)
  }
}
