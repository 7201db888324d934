// A modelled machine address.
//
// Every block the model hands out has one, so `id()` in a scenario behaves as
// in CPython: a freed block's address is the next one its size class hands
// out. Arena memory lives near 0x7f3a_0000_0000 (where mmap puts it on
// x86-64 Linux); raw `malloc` blocks live near 0x5555_5580_0000 (the brk
// heap), so the two can never be confused.

/// A modelled 64-bit address.
public struct Address: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The address as an unsigned integer.
  public var rawValue: UInt64

  /// Wraps `rawValue`.
  public init(_ rawValue: UInt64) { self.rawValue = rawValue }

  /// `0x…` in lower-case hex, as CPython's `%p` prints it.
  public var description: String { "0x" + String(rawValue, radix: 16) }

  /// The address `bytes` further on.
  public func advanced(by bytes: Int) -> Address {
    Address(UInt64(Int64(bitPattern: rawValue) &+ Int64(bytes)))
  }

  public static func < (lhs: Address, rhs: Address) -> Bool { lhs.rawValue < rhs.rawValue }
}
