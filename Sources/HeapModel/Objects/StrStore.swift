// The text of every str object, kept without a Swift String per str.
//
// CPython stores a compact str's characters right after its header, in one
// block; the model only needs the text to answer Python-level questions
// (`==`, hashing, methods, printing), and a Swift String per str made every
// creation a heap allocation plus retains and releases on every copy of its
// payload. Here the text is UTF-8 in one byte slab, and each str has a
// fixed 32-byte record (`StrPayload`): where its bytes are, how many, its
// length in code points, its kind, whether it is ASCII, its cached hash and
// the block of its cached UTF-8 copy.
//
// The slab hands out chunks of 8 << c bytes (c = 0, 1, …), 8-byte aligned,
// each a power of two at least as large as the text; a freed chunk goes on
// the free list of its class, linked through its first four bytes (the next
// chunk's number, offset / 8), and is reused LIFO. A str appended to in place
// (`s += t`, Heap+StrResize.swift) keeps its chunk while the text fits and
// moves to one twice as large otherwise, so a loop of appends copies each
// byte O(1) times on average. Records are recycled LIFO like `Store`'s.
//
// Invariants:
// - a live record's chunk is `8 << chunkClass` bytes at `chunk * 8`, and
//   holds `byteCount` bytes of valid UTF-8 at its start;
// - no two live records share a chunk; a chunk on a free list belongs to no
//   record;
// - everything is plain data behind one storage object: copying the store
//   (a timeline checkpoint copies the heap) retains one reference, not one
//   per str, and the first mutation after a copy duplicates the buffers.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A str's storage facts and the layout facts CPython derives from its text.
/// Plain data: the text itself is in the heap's `StrStore` slab.
public struct StrPayload: Sendable {
  /// Where the text is: its chunk number (slab offset / 8).
  var chunk: UInt32 = 0
  /// UTF-8 bytes of the text.
  var byteCount: UInt32 = 0
  /// Length in code points.
  var codePoints: UInt32 = 0
  /// 1, 2 or 4.
  var kindCode: UInt8 = 1
  var ascii = true
  var hasHash = false
  /// The chunk's size class: 8 << chunkClass bytes.
  var chunkClass: UInt8 = 0
  var hashValue = 0
  /// The block of the cached UTF-8 copy of a non-ASCII str, 0 when none.
  public var utf8Block: UInt64 = 0

  /// The facts of `text`, not stored anywhere (the free path's filler).
  public init(_ text: String) {
    var text = text
    let shape = text.withUTF8 { StrShape(scanning: $0) }
    codePoints = UInt32(shape.length)
    kindCode = UInt8(shape.kind)
    ascii = shape.isASCII
    byteCount = UInt32(text.utf8.count)
  }

  init(shape: StrShape, byteCount: Int) {
    self.byteCount = UInt32(byteCount)
    codePoints = UInt32(shape.length)
    kindCode = UInt8(shape.kind)
    ascii = shape.isASCII
  }

  /// Length in code points (`len(s)`).
  public var length: Int { Int(codePoints) }
  /// Bytes per code point in CPython's compact representation: 1, 2 or 4.
  public var kind: Int { Int(kindCode) }
  public var isASCII: Bool { ascii }
  /// Length of the text in UTF-8 bytes.
  public var utf8Count: Int { Int(byteCount) }

  /// The cached `hash()` once computed (CPython caches it in the object).
  public var hash: Int? {
    get { hasHash ? hashValue : nil }
    set {
      hasHash = newValue != nil
      hashValue = newValue ?? 0
    }
  }

  /// The facts without the storage.
  public var shape: StrShape { StrShape(length: Int(codePoints), kind: Int(kindCode), isASCII: ascii) }

  /// The compact representation's kind, as the layouts name it.
  var strKind: ObjectLayouts.StrKind {
    ascii ? .ascii : (kindCode == 1 ? .latin1 : (kindCode == 2 ? .ucs2 : .ucs4))
  }
}

/// What CPython's layout of a str depends on: its length in code points,
/// its kind (bytes per code point) and whether it is ASCII.
public struct StrShape: Sendable, Equatable {
  public var length: Int
  public var kind: Int
  public var isASCII: Bool

  public init(length: Int, kind: Int, isASCII: Bool) {
    self.length = length
    self.kind = kind
    self.isASCII = isASCII
  }

  /// The shape of ASCII text of `length` characters.
  @inlinable
  public static func ascii(_ length: Int) -> StrShape { StrShape(length: length, kind: 1, isASCII: true) }

  /// The shape of valid UTF-8 `bytes`. ASCII text (nearly every str a
  /// scenario makes) costs one pass of 8-byte ORs; other text classifies
  /// its lead bytes — the kind follows from the lead byte alone: C2/C3 start
  /// U+0080…U+00FF (latin-1), C4…DF and E0…EF the rest of the BMP, F0…F4
  /// the astral planes.
  public init(scanning bytes: UnsafeBufferPointer<UInt8>) {
    let count = bytes.count
    var bits: UInt64 = 0
    var index = 0
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      while index + 8 <= count {
        bits |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        index += 8
      }
      while index < count {
        bits |= UInt64(base[index])
        index += 1
      }
    }
    if bits & 0x8080_8080_8080_8080 == 0 {
      self.init(length: count, kind: 1, isASCII: true)
      return
    }
    var length = 0
    var kind = 1
    for byte in bytes where byte & 0xC0 != 0x80 {
      length += 1
      if byte >= 0xF0 {
        kind = 4
      } else if byte >= 0xC4, kind < 2 {
        kind = 2
      }
    }
    self.init(length: length, kind: kind, isASCII: false)
  }

  /// The shape of `a` followed by `b`.
  @inlinable
  public func followed(by b: StrShape) -> StrShape {
    StrShape(length: length + b.length, kind: max(kind, b.kind), isASCII: isASCII && b.isASCII)
  }
}

/// The text of every str: records plus a byte slab (see the file essay).
/// A value: the storage is copied on the first mutation after a copy of
/// the store (one `isKnownUniquelyReferenced` per operation).
struct StrStore: Sendable {
  private(set) var storage = StrStoreStorage()

  static let noChunk = UInt32.max

  /// The class of the smallest chunk holding `count` bytes.
  @inline(__always)
  static func chunkClass(for count: Int) -> Int {
    count <= 8 ? 0 : Int.bitWidth - (count - 1).leadingZeroBitCount - 3
  }

  @inline(__always)
  private mutating func unique() -> StrStoreStorage {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    return storage
  }

  // MARK: Records

  subscript(slot: Int) -> StrPayload {
    _read { yield storage.records[slot] }
    _modify {
      let storage = unique()
      yield &storage.records[slot]
    }
  }

  var liveCount: Int { storage.recordCount - storage.freeRecordCount }

  /// The text of a str as a new Swift String (cold paths).
  func text(_ slot: Int) -> String {
    withBytes(slot) { String(decoding: $0, as: UTF8.self) }
  }

  /// `body` on the UTF-8 bytes of a str, in place.
  @inline(__always)
  func withBytes<R>(_ slot: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    try body(storage.utf8(slot))
  }

  /// `body` with a reader of the records and slab that retains nothing.
  @inline(__always)
  func withReader<R>(_ body: (Reader) throws -> R) rethrows -> R {
    try withExtendedLifetime(storage) { try body(Reader(storage: storage)) }
  }

  /// Whether a str's text is `text`, code point by code point.
  func equals(_ slot: Int, _ text: String) -> Bool {
    CodePoints.withBytes(text) { CodePoints.equal(storage.utf8(slot), $0) }
  }

  /// Whether two strs hold the same code points.
  func equals(_ a: Int, _ b: Int) -> Bool {
    a == b || CodePoints.equal(storage.utf8(a), storage.utf8(b))
  }

  // MARK: Creating

  /// Stores `count` bytes that `write` puts at the pointer it gets, with the
  /// given shape, and returns the str's slot. `write` must not touch the store.
  @inline(__always)
  mutating func insert(
    byteCount count: Int, shape: StrShape, _ write: (UnsafeMutablePointer<UInt8>) -> Void
  ) -> Int {
    let storage = unique()
    let slot = storage.newRecord(byteCount: count, shape: shape)
    write(storage.start(slot))
    return slot
  }

  /// Stores a copy of valid UTF-8 `text` of the given shape.
  mutating func insert(_ text: UnsafeBufferPointer<UInt8>, shape: StrShape) -> Int {
    insert(byteCount: text.count, shape: shape) { target in
      if let source = text.baseAddress { target.update(from: source, count: text.count) }
    }
  }

  /// Stores a copy of `text`.
  mutating func insert(_ text: String) -> Int {
    var text = text
    return text.withUTF8 { insert($0, shape: StrShape(scanning: $0)) }
  }

  /// Stores the texts of the strs `slots`, in order, with the text of str
  /// `separator` between each two (none when nil); `shape` is the result's.
  mutating func insert(joining slots: UnsafeBufferPointer<Int>, separator: Int?, shape: StrShape) -> Int {
    let storage = unique()
    var total = 0
    for slot in slots { total += Int(storage.records[slot].byteCount) }
    let gap = separator.map { Int(storage.records[$0].byteCount) } ?? 0
    if slots.count > 1 { total += (slots.count - 1) * gap }
    // The chunk first (the slab may move), then copies within the slab.
    let slot = storage.newRecord(byteCount: total, shape: shape)
    var target = storage.start(slot)
    let between = separator.map { storage.start($0) }
    for index in 0..<slots.count {
      if index > 0, let between {
        target.copyBytes(from: between, count: gap)
        target += gap
      }
      let count = Int(storage.records[slots[index]].byteCount)
      target.copyBytes(from: storage.start(slots[index]), count: count)
      target += count
    }
    return slot
  }

  /// Stores bytes `range` of str `source`'s text (whole code points).
  mutating func insert(slicing source: Int, bytes range: Range<Int>, shape: StrShape) -> Int {
    let storage = unique()
    let slot = storage.newRecord(byteCount: range.count, shape: shape)
    storage.start(slot).copyBytes(from: storage.start(source) + range.lowerBound, count: range.count)
    return slot
  }

  /// Stores str `source`'s text with every byte passed through `map`
  /// (which must keep it valid UTF-8 of the same shape, e.g. ASCII case).
  mutating func insert(mapping source: Int, shape: StrShape, _ map: (UInt8) -> UInt8) -> Int {
    let storage = unique()
    let count = Int(storage.records[source].byteCount)
    let slot = storage.newRecord(byteCount: count, shape: shape)
    let (from, to) = (storage.start(source), storage.start(slot))
    for index in 0..<count { to[index] = map(from[index]) }
    return slot
  }

  /// Appends the text of str `suffix` to str `slot`'s (its shape becomes
  /// `shape`), moving it to a larger chunk when it no longer fits.
  mutating func append(_ suffix: Int, to slot: Int, shape: StrShape) {
    let storage = unique()
    let old = storage.records[slot]
    let added = Int(storage.records[suffix].byteCount)
    let count = Int(old.byteCount) + added
    precondition(count < Int(UInt32.max), "str of \(count) bytes is beyond the model")
    if count > 8 << Int(old.chunkClass) {
      let chunkClass = Self.chunkClass(for: count)
      let chunk = storage.allocateChunk(chunkClass)
      storage.slab.advanced(by: Int(chunk) << 3).copyBytes(
        from: storage.start(slot), count: Int(old.byteCount))
      storage.freeChunk(old.chunk, chunkClass: Int(old.chunkClass))
      storage.records[slot].chunk = chunk
      storage.records[slot].chunkClass = UInt8(chunkClass)
    }
    (storage.start(slot) + Int(old.byteCount)).copyBytes(from: storage.start(suffix), count: added)
    storage.records[slot].byteCount = UInt32(count)
    storage.records[slot].codePoints = UInt32(shape.length)
    storage.records[slot].kindCode = UInt8(shape.kind)
    storage.records[slot].ascii = shape.isASCII
  }

  // MARK: Freeing

  /// Releases a str's record and chunk.
  mutating func remove(_ slot: Int) {
    unique().removeRecord(slot)
  }

  /// The `Store` spelling of `remove(_:)`; the filler is not needed.
  mutating func remove(_ slot: Int, filler: StrPayload) { remove(slot) }

  // MARK: Accounting

  /// Bytes the store occupies: the records and the slab.
  var memoryFootprint: Int {
    ModelFootprint.array(capacity: storage.recordCapacity, stride: MemoryLayout<StrPayload>.stride)
      + ModelFootprint.array(capacity: storage.slabCapacity, stride: 1)
  }
}

extension UnsafeMutablePointer<UInt8> {
  /// Copies `count` bytes; short texts (most strs) without a memcpy call.
  @inline(__always)
  fileprivate func copyBytes(from source: UnsafeMutablePointer<UInt8>, count: Int) {
    if count <= 16 {
      for index in 0..<count { self[index] = source[index] }
    } else {
      update(from: source, count: count)
    }
  }
}

/// The buffers behind a `StrStore`: the records (a freed record links the
/// next free one through its `chunk`), the slab, and the free chunk heads.
final class StrStoreStorage: @unchecked Sendable {
  @exclusivity(unchecked) var records: UnsafeMutablePointer<StrPayload>
  @exclusivity(unchecked) private(set) var recordCount = 0
  @exclusivity(unchecked) private(set) var recordCapacity: Int
  @exclusivity(unchecked) private(set) var freeRecordCount = 0
  @exclusivity(unchecked) private var freeRecord = StrStore.noChunk
  @exclusivity(unchecked) private(set) var slab: UnsafeMutablePointer<UInt8>
  /// Bytes of the slab handed out as chunks so far.
  @exclusivity(unchecked) private var top = 0
  @exclusivity(unchecked) private(set) var slabCapacity: Int
  /// First free chunk of each class, `StrStore.noChunk` when none.
  @exclusivity(unchecked) private var freeHeads: UnsafeMutablePointer<UInt32>

  static let classes = 34

  init(recordCapacity: Int = 64, slabCapacity: Int = 4096) {
    self.recordCapacity = recordCapacity
    self.slabCapacity = slabCapacity
    records = .allocate(capacity: recordCapacity)
    slab = .allocate(capacity: slabCapacity)
    freeHeads = .allocate(capacity: Self.classes)
    freeHeads.initialize(repeating: StrStore.noChunk, count: Self.classes)
  }

  deinit {
    records.deallocate()
    slab.deallocate()
    freeHeads.deallocate()
  }

  @inline(never)
  func copy() -> StrStoreStorage {
    let other = StrStoreStorage(recordCapacity: recordCapacity, slabCapacity: slabCapacity)
    other.records.initialize(from: records, count: recordCount)
    other.recordCount = recordCount
    other.freeRecordCount = freeRecordCount
    other.freeRecord = freeRecord
    other.slab.initialize(from: slab, count: top)
    other.top = top
    other.freeHeads.update(from: freeHeads, count: Self.classes)
    return other
  }

  /// Where str `slot`'s bytes start.
  @inline(__always)
  func start(_ slot: Int) -> UnsafeMutablePointer<UInt8> { slab + Int(records[slot].chunk) << 3 }

  /// Str `slot`'s UTF-8 bytes.
  @inline(__always)
  func utf8(_ slot: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: start(slot), count: Int(records[slot].byteCount))
  }

  /// A record with a chunk for `count` bytes (not written yet).
  @inline(__always)
  func newRecord(byteCount count: Int, shape: StrShape) -> Int {
    precondition(count < Int(UInt32.max), "str of \(count) bytes is beyond the model")
    var record = StrPayload(shape: shape, byteCount: count)
    let chunkClass = StrStore.chunkClass(for: count)
    record.chunkClass = UInt8(chunkClass)
    record.chunk = allocateChunk(chunkClass)
    if freeRecord != StrStore.noChunk {
      let slot = Int(freeRecord)
      freeRecord = records[slot].chunk
      freeRecordCount -= 1
      records[slot] = record
      return slot
    }
    if recordCount == recordCapacity { growRecords() }
    (records + recordCount).initialize(to: record)
    recordCount += 1
    return recordCount - 1
  }

  /// Frees a record and its chunk.
  @inline(__always)
  func removeRecord(_ slot: Int) {
    let record = records[slot]
    freeChunk(record.chunk, chunkClass: Int(record.chunkClass))
    records[slot] = StrPayload(shape: .ascii(0), byteCount: 0)
    records[slot].chunk = freeRecord
    freeRecord = UInt32(slot)
    freeRecordCount += 1
  }

  @inline(__always)
  func allocateChunk(_ chunkClass: Int) -> UInt32 {
    let head = freeHeads[chunkClass]
    if head != StrStore.noChunk {
      freeHeads[chunkClass] = UnsafeRawPointer(slab + Int(head) << 3).loadUnaligned(as: UInt32.self)
      return head
    }
    let offset = top
    top += 8 << chunkClass
    if top > slabCapacity { growSlab() }
    precondition(offset >> 3 < Int(StrStore.noChunk), "str slab beyond the model")
    return UInt32(offset >> 3)
  }

  @inline(__always)
  func freeChunk(_ chunk: UInt32, chunkClass: Int) {
    UnsafeMutableRawPointer(slab + Int(chunk) << 3).storeBytes(of: freeHeads[chunkClass], as: UInt32.self)
    freeHeads[chunkClass] = chunk
  }

  @inline(never)
  private func growRecords() {
    let grown = max(64, recordCapacity * 2)
    let moved = UnsafeMutablePointer<StrPayload>.allocate(capacity: grown)
    moved.moveInitialize(from: records, count: recordCount)
    records.deallocate()
    records = moved
    recordCapacity = grown
  }

  @inline(never)
  private func growSlab() {
    let grown = max(top, slabCapacity * 2)
    let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
    moved.moveInitialize(from: slab, count: slabCapacity)
    slab.deallocate()
    slab = moved
    slabCapacity = grown
  }
}
