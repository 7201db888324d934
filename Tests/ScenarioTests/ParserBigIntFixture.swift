import BigInt

enum BigIntFixture {
  static let twoTo63 = BigInt(1) << 63
}
