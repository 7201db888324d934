import BigInt
import Testing

@testable import HeapModel

/// The int fast paths' HeapModel side: `ObjectLayouts.machineIntBlockSize`
/// agrees with the general `intBlockSize(resultDigits:origin:)` on either side
/// of every digit boundary, `Heap.newMachineInt` makes the objects
/// `newInt(_:origin: .machineInt)` makes (the cached small ints at the cache's
/// edges, the same block sizes past them), and `smallIntPayload` reads only
/// plain 64-bit ints.
@Suite struct MachineIntTests {
  static let boundaries: [Int] = [
    0, 1, -1, -5, -6, 256, 257, 255, -4, (1 << 30) - 1, 1 << 30, -(1 << 30) + 1, -(1 << 30),
    (1 << 60) - 1, 1 << 60, -(1 << 60) + 1, -(1 << 60), 1 << 62, Int.max, Int.min, Int.min + 1,
  ]

  @Test(arguments: PythonVersion.allCases)
  func machineIntBlockSizeIsTheMachineIntOrigin(version: PythonVersion) {
    let layouts = ObjectLayouts(version: version)
    for value in Self.boundaries {
      let general = layouts.intBlockSize(
        resultDigits: ObjectLayouts.intDigits(of: value), origin: .machineInt)
      #expect(layouts.machineIntBlockSize(value) == general, "\(value)")
    }
    // 3.8–3.10 exact digits; 3.11+ 32 bytes up to two digits.
    let exact = version < .py311
    #expect(layouts.machineIntBlockSize((1 << 30) - 1) == (exact ? 28 : 32))
    #expect(layouts.machineIntBlockSize(-(1 << 30) + 1) == (exact ? 28 : 32))
    #expect(layouts.machineIntBlockSize(1 << 30) == 32)
    #expect(layouts.machineIntBlockSize((1 << 60) - 1) == 32)
    #expect(layouts.machineIntBlockSize(1 << 60) == 36)
    #expect(layouts.machineIntBlockSize(Int.min) == 36)
  }

  /// What the interpreter's one-digit fast path relies on: with both
  /// operands of at most one digit, every arithmetic origin gives the
  /// machine-int block for any result such operands can produce.
  @Test(arguments: PythonVersion.allCases)
  func oneDigitOperandsGiveTheMachineIntBlock(version: PythonVersion) {
    let layouts = ObjectLayouts(version: version)
    let largest = (1 << 30) - 1
    let results = [
      2, -2, 300, -300, largest, -largest, largest + 1, 2 * largest, -2 * largest, largest * largest,
    ]
    for a in 0...1 {
      for b in 0...1 {
        let origins: [ObjectLayouts.IntOrigin] = [
          .magnitudeAdd(lhsDigits: a, rhsDigits: b), .magnitudeSubtract(lhsDigits: a, rhsDigits: b),
          .multiply(lhsDigits: a, rhsDigits: b), .floorDivide(lhsDigits: a, rhsDigits: b),
        ]
        for origin in origins {
          for value in results {
            let general = layouts.intBlockSize(
              resultDigits: ObjectLayouts.intDigits(of: value), origin: origin)
            #expect(layouts.machineIntBlockSize(value) == general, "\(origin) \(value)")
          }
        }
      }
    }
  }

  @Test(arguments: PythonVersion.allCases)
  func newMachineIntMakesTheMachineIntObjects(version: PythonVersion) {
    var heap = Heap(version: version)
    for value in Self.boundaries {
      let fast = heap.newMachineInt(value)
      let general = heap.newInt(value, origin: .machineInt)
      if ObjectLayouts.isCachedSmallInt(value) {
        #expect(fast == general, "\(value)")
        #expect(heap.isStatic(fast))
      } else {
        #expect(fast != general, "\(value)")
        #expect(heap.sizes[fast.slot] == heap.sizes[general.slot], "\(value)")
        #expect(heap.refcount(of: fast) == 1)
      }
      #expect(heap.smallIntPayload(fast) == value)
      #expect(heap.intValue(fast) == value)
    }
    // A cached int gains a reference, except where it is immortal.
    let seven = heap.newMachineInt(7)
    let before = heap.refcount(of: seven)
    _ = heap.newMachineInt(7)
    #expect(heap.refcount(of: seven) == before + (version >= .py312 ? 0 : 1))
  }

  @Test func smallIntPayloadReadsOnlyPlainInts() {
    var heap = Heap(version: .py312)
    #expect(heap.smallIntPayload(heap.trueObject) == nil)
    #expect(heap.smallIntPayload(heap.falseObject) == nil)
    #expect(heap.smallIntPayload(heap.none) == nil)
    let float = heap.newFloat(2.0)
    #expect(heap.smallIntPayload(float) == nil)
    let big = heap.newInt(big: BigInt(1) << 70)
    #expect(heap.smallIntPayload(big) == nil)
    let large = heap.newInt(-(1 << 62))
    #expect(heap.smallIntPayload(large) == -(1 << 62))
  }
}
