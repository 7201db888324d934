/// A live block of the raw allocator (0-byte and > 512-byte requests).
public struct RawBlockSummary: Sendable, Equatable {
  /// Its address.
  public var address: Address
  /// Bytes requested (0-byte requests count as 1).
  public var size: Int
}
