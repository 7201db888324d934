// SipHash (Aumasson & Bernstein), the keyed hash CPython uses for str and bytes
// (`_Py_HashBytes` → `pysiphash`, Python/pyhash.c). 3.8-3.10 use SipHash-2-4,
// 3.11+ SipHash-1-3 (two/one compression rounds per 8-byte block, four/three
// finalisation rounds). The key is `_Py_HashSecret`; PYTHONHASHSEED=0 zeroes
// it, which is what makes hash('abc') reproducible and what heapscope models.

/// SipHash-c-d over a byte buffer with a 128-bit key.
struct SipHash {
  var compressionRounds: Int
  var finalizationRounds: Int
  var k0: UInt64 = 0
  var k1: UInt64 = 0

  static let sip24 = SipHash(compressionRounds: 2, finalizationRounds: 4)
  static let sip13 = SipHash(compressionRounds: 1, finalizationRounds: 3)

  func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBufferPointer { hash($0) } }

  /// The hash of `bytes`, read in place.
  func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var v0 = k0 ^ 0x736f_6d65_7073_6575
    var v1 = k1 ^ 0x646f_7261_6e64_6f6d
    var v2 = k0 ^ 0x6c79_6765_6e65_7261
    var v3 = k1 ^ 0x7465_6462_7974_6573

    func round() {
      v0 &+= v1
      v1 = (v1 << 13) | (v1 >> 51)
      v1 ^= v0
      v0 = (v0 << 32) | (v0 >> 32)
      v2 &+= v3
      v3 = (v3 << 16) | (v3 >> 48)
      v3 ^= v2
      v0 &+= v3
      v3 = (v3 << 21) | (v3 >> 43)
      v3 ^= v0
      v2 &+= v1
      v1 = (v1 << 17) | (v1 >> 47)
      v1 ^= v2
      v2 = (v2 << 32) | (v2 >> 32)
    }

    let blocks = bytes.count / 8
    let raw = UnsafeRawBufferPointer(bytes)
    for block in 0..<blocks {
      let m = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: block * 8, as: UInt64.self))
      v3 ^= m
      for _ in 0..<compressionRounds { round() }
      v0 ^= m
    }
    var last = UInt64(truncatingIfNeeded: bytes.count) << 56
    for i in 0..<(bytes.count % 8) { last |= UInt64(bytes[blocks * 8 + i]) << (8 * i) }
    v3 ^= last
    for _ in 0..<compressionRounds { round() }
    v0 ^= last
    v2 ^= 0xff
    for _ in 0..<finalizationRounds { round() }
    return v0 ^ v1 ^ v2 ^ v3
  }
}
