import BigInt
import HeapModel
import Testing

@testable import Scenario

@Suite("powers and shifts")
struct PyNumericPowerTests {
  @Test func floatPowerSpecialCases() throws {
    #expect(try PyNumeric.power(Double.nan, 0) == 1)
    #expect(try PyNumeric.power(1, Double.nan) == 1)
    #expect(try PyNumeric.power(-1, Double.infinity) == 1)
    #expect(try PyNumeric.power(0.5, -Double.infinity) == Double.infinity)
    #expect(try PyNumeric.power(-Double.infinity, 3) == -Double.infinity)
    #expect(try PyNumeric.power(-Double.infinity, -3).sign == .minus)
    #expect(try PyNumeric.power(-0.0, 3).sign == .minus)
    #expect(try PyNumeric.power(-2.0, 3.0) == -8)
    #expect(try PyNumeric.power(2.0, -1080.0) == 0)
  }

  @Test func floatPowerErrors() throws {
    #expect(throws: FormattingError(.zeroDivisionError, "0.0 cannot be raised to a negative power")) {
      try PyNumeric.power(0.0, -1)
    }
    // ERANGE: args (34, 'Numerical result out of range').
    #expect(throws: FormattingError.floatRange) { try PyNumeric.power(10.0, 400) }
    #expect(FormattingError.floatRange.description == "OverflowError: (34, 'Numerical result out of range')")
    #expect(throws: FormattingError.self) { try PyNumeric.power(-8.0, 1.0 / 3) }
  }

  @Test func intPowerWithHugeExponents() throws {
    let huge = BigInt(10).power(20)
    #expect(try PyNumeric.power(BigInt(1), huge) == 1)
    #expect(try PyNumeric.power(BigInt(0), huge) == 0)
    #expect(try PyNumeric.power(BigInt(-1), huge + 1) == -1)
    #expect(try PyNumeric.power(BigInt(3), BigInt(4)) == 81)
    #expect(throws: FormattingError.noMemory) { try PyNumeric.power(BigInt(2), huge) }
  }

  @Test func shifts() throws {
    #expect(PyNumeric.rightShift(-(BigInt(1) << 100) - 1, 99) == -3)
    #expect(PyNumeric.rightShift(-(BigInt(1) << 100), 99) == -2)
    #expect(PyNumeric.rightShift(BigInt(-1), BigInt(10).power(20)) == -1)
    #expect(PyNumeric.rightShift(BigInt(5), BigInt(10).power(20)) == 0)
    #expect(try PyNumeric.leftShift(0, BigInt(10).power(20)) == 0)
    #expect(throws: FormattingError.noMemory) { try PyNumeric.leftShift(1, BigInt(1) << 63) }
    #expect(throws: FormattingError(.overflowError, "too many digits in integer")) {
      try PyNumeric.leftShift(1, BigInt(1) << 70)
    }
  }
}

@Suite("model memory limits")
struct ModelMemoryLimitTests {
  @Test func hugeFormatWidthsAreMemoryErrors() throws {
    #expect(PyNumeric.maxModelledBytes == 1 << 30)
    #expect(throws: FormattingError.noMemory) {
      try FormatSpec.parse(
        Array("5000000000".unicodeScalars), defaultType: "d", defaultAlign: ">", typeName: "int",
        version: .py312)
    }
  }
}
