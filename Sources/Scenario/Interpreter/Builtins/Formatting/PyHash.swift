// hash() as CPython 3.8-3.13 computes it on 64-bit Linux (Python/pyhash.c,
// Objects/longobject.c, floatobject.c, tupleobject.c, object.c). Hashes decide
// set and dict slot order, so `print({3, 'a', 2.5})` only matches CPython if
// these match bit for bit.
//
// * Numbers hash by value modulo the Mersenne prime P = 2**61 - 1, so equal
//   numbers of different types hash equal (hash(2.0) == hash(2)); a negative
//   number hashes to -(|x| mod P); -1 is reserved for errors and becomes -2.
//   inf/-inf hash to ±314159. NaN: 0 in 3.8-3.9, the object's pointer hash in
//   3.10+ (so two NaNs land in different slots).
// * str and bytes: SipHash of the raw storage (for str: 1, 2 or 4 bytes per
//   character by its kind, little-endian), zero key under PYTHONHASHSEED=0;
//   SipHash-2-4 until 3.10, SipHash-1-3 from 3.11; the empty string hashes to 0.
// * tuple: the xxHash-style combination of item hashes introduced in 3.8.
// * object identity (`object.__hash__`, and None before 3.12): the address
//   rotated right by 4 bits (`_Py_HashPointer`). 3.12 gave None a constant hash.

import BigInt
import HeapModel

/// CPython's `hash()` for built-in values (`Py_hash_t` is a 64-bit Int).
public enum PyHash {
  /// 2**61 - 1, the modulus of numeric hashes (`_PyHASH_MODULUS`).
  public static let modulus: UInt64 = (1 << 61) - 1
  /// hash(inf) (`_PyHASH_INF`).
  public static let infinity = 314_159
  /// hash(None) in 3.12+ (`0xFCA86420`).
  public static let noneConstant = 0xFCA8_6420

  /// hash(n) for an int.
  public static func hash(_ n: BigInt) -> Int {
    let residue: UInt64
    if let small = UInt64(exactly: n.magnitude) {
      residue = small % modulus
    } else {
      residue = UInt64(n.magnitude % BigUInt(modulus))
    }
    return finish(Int(residue), negative: n.sign == .minus)
  }

  /// hash(b) for a bool.
  public static func hash(_ b: Bool) -> Int { b ? 1 : 0 }

  /// hash(x) for a float; `address` is the float object's address, used for NaN in 3.10+.
  public static func hash(_ x: Double, version: PythonVersion, address: UInt = 0) -> Int {
    if x.isNaN { return version >= .py310 ? hashPointer(address) : 0 }
    if x.isInfinite { return x < 0 ? -infinity : infinity }
    if x == 0 { return 0 }
    let exact = ExactBinary(x)
    // |x| = m × 2^e and 2^61 ≡ 1 (mod P), so 2^e ≡ 2^(e mod 61).
    let shift = UInt64(((exact.exponent % 61) + 61) % 61)
    let m = exact.mantissa % modulus
    let product = m.multipliedFullWidth(by: shift == 0 ? 1 : (1 << shift))
    let residue = mod61(high: product.high, low: product.low)
    return finish(Int(residue), negative: x < 0)
  }

  /// hash(s) for a str under PYTHONHASHSEED=0.
  public static func hash(_ s: String, version: PythonVersion) -> Int {
    if s.isEmpty { return 0 }
    let kind = StringKind(of: s)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(s.unicodeScalars.count * kind.characterSize)
    for c in s.unicodeScalars {
      for i in 0..<kind.characterSize { bytes.append(UInt8(truncatingIfNeeded: c.value >> (8 * i))) }
    }
    return hashBytes(bytes, version: version)
  }

  /// hash(s) for a str given as its UTF-8 bytes and shape. An ASCII str's
  /// storage is its UTF-8, hashed in place; other kinds are widened first.
  public static func hash(utf8 bytes: UnsafeBufferPointer<UInt8>, shape: StrShape, version: PythonVersion)
    -> Int
  {
    if bytes.isEmpty { return 0 }
    if shape.isASCII {
      let sip = version >= .py311 ? SipHash.sip13 : SipHash.sip24
      let value = Int(Int64(bitPattern: sip.hash(bytes)))
      return value == -1 ? -2 : value
    }
    return hash(String(decoding: bytes, as: UTF8.self), version: version)
  }

  /// hash(b) for bytes under PYTHONHASHSEED=0.
  public static func hash(bytes: [UInt8], version: PythonVersion) -> Int {
    bytes.isEmpty ? 0 : hashBytes(bytes, version: version)
  }

  /// hash(t) for a tuple, from the hashes of its items (`tuplehash`).
  public static func hashTuple(_ itemHashes: [Int]) -> Int {
    let prime1: UInt64 = 11_400_714_785_074_694_791
    let prime2: UInt64 = 14_029_467_366_897_019_727
    let prime5: UInt64 = 2_870_177_450_012_600_261
    var acc = prime5
    for item in itemHashes {
      acc &+= UInt64(bitPattern: Int64(item)) &* prime2
      acc = (acc << 31) | (acc >> 33)
      acc &*= prime1
    }
    acc &+= UInt64(itemHashes.count) ^ (prime5 ^ 3_527_539)
    if acc == UInt64.max { return 1_546_275_796 }
    return Int(Int64(bitPattern: acc))
  }

  /// hash(fs) for a frozenset, from the hashes of its keys in any order
  /// (`frozenset_hash`, 3.8–3.13): the keys' hashes, each bit-shuffled, are
  /// xor-ed (the empty and dummy slots CPython also xors in cancel out),
  /// the size is mixed in, and the result dispersed.
  public static func hashFrozenset(_ keyHashes: [Int]) -> Int {
    func shuffled(_ hash: UInt64) -> UInt64 { ((hash ^ 89_869_747) ^ (hash << 16)) &* 3_644_798_167 }
    var hash: UInt64 = 0
    for key in keyHashes { hash ^= shuffled(UInt64(bitPattern: Int64(key))) }
    hash ^= (UInt64(keyHashes.count) &+ 1) &* 1_927_868_237
    hash ^= (hash >> 11) ^ (hash >> 25)
    hash = hash &* 69_069 &+ 907_133_923
    if hash == UInt64.max { return 590_923_713 }
    return Int(Int64(bitPattern: hash))
  }

  /// `_Py_HashPointer`: identity hash of the object at `address`.
  public static func hashPointer(_ address: UInt) -> Int {
    let rotated = (address >> 4) | (address << (UInt(UInt.bitWidth) - 4))
    let value = Int(bitPattern: rotated)
    return value == -1 ? -2 : value
  }

  /// hash(None): a constant in 3.12+, the pointer hash of the None object before.
  public static func hashNone(version: PythonVersion, address: UInt) -> Int {
    version >= .py312 ? noneConstant : hashPointer(address)
  }

  private static func hashBytes(_ bytes: [UInt8], version: PythonVersion) -> Int {
    let sip = version >= .py311 ? SipHash.sip13 : SipHash.sip24
    let value = Int(Int64(bitPattern: sip.hash(bytes)))
    return value == -1 ? -2 : value
  }

  private static func finish(_ residue: Int, negative: Bool) -> Int {
    let value = negative ? -residue : residue
    return value == -1 ? -2 : value
  }

  /// (high·2^64 + low) mod 2^61 - 1, for products of two values below 2^61.
  private static func mod61(high: UInt64, low: UInt64) -> UInt64 {
    // Split at bit 61: value = hi·2^61 + lo ≡ hi + lo.
    let lo = low & modulus
    let hi = (low >> 61) | (high << 3)
    var r = lo + hi
    while r >= modulus { r -= modulus }
    return r
  }
}
