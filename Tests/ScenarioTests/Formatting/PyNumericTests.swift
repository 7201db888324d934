import BigInt
import HeapModel
import Testing

@testable import Scenario

@Suite("numeric semantics")
struct PyNumericTests {
  @Test func bankersRounding() throws {
    #expect(try PyNumeric.round(2.675, ndigits: 2) == 2.67)
    #expect(try PyNumeric.round(0.5) == 0)
    #expect(try PyNumeric.round(1.5) == 2)
    #expect(try PyNumeric.round(2.5) == 2)
    #expect(try PyNumeric.round(-2.5) == -2)
    #expect(try PyNumeric.round(0.125, ndigits: 2) == 0.12)
    #expect(try PyNumeric.round(1234.5, ndigits: -2) == 1200.0)
    #expect(try PyNumeric.round(-0.4, ndigits: 0).sign == .minus)
    #expect(PyNumeric.round(BigInt(1250), ndigits: -2) == 1200)
    #expect(PyNumeric.round(BigInt(1350), ndigits: -2) == 1400)
    #expect(PyNumeric.round(BigInt(-15), ndigits: -1) == -20)
    #expect(throws: FormattingError(.overflowError, "cannot convert float infinity to integer")) {
      try PyNumeric.round(Double.infinity)
    }
    #expect(throws: FormattingError(.overflowError, "rounded value too large to represent")) {
      try PyNumeric.round(1.7976931348623157e308, ndigits: -308)
    }
  }

  @Test func floorDivisionTakesTheDivisorsSign() throws {
    #expect(try PyNumeric.divmod(BigInt(-7), BigInt(2)) == (-4, 1))
    #expect(try PyNumeric.divmod(BigInt(7), BigInt(-2)) == (-4, -1))
    #expect(try PyNumeric.divmod(-7.5, 2.0) == (-4.0, 0.5))
    #expect(try PyNumeric.remainder(-0.0, 5.0, version: .py312).sign == .plus)
    #expect(try PyNumeric.remainder(1.0, -1.0, version: .py312).sign == .minus)
    #expect(try PyNumeric.floorDivide(-0.0, 5.0, version: .py312).sign == .minus)
    #expect(throws: FormattingError(.zeroDivisionError, "float divmod()")) {
      try PyNumeric.floorDivide(1.0, 0.0, version: .py38)
    }
    #expect(throws: FormattingError(.zeroDivisionError, "float floor division by zero")) {
      try PyNumeric.floorDivide(1.0, 0.0, version: .py39)
    }
    #expect(throws: FormattingError(.zeroDivisionError, "float modulo by zero")) {
      try PyNumeric.remainder(1.0, 0.0, version: .py313)
    }
    #expect(throws: FormattingError(.zeroDivisionError, "integer modulo by zero")) {
      try PyNumeric.remainder(BigInt(1), BigInt(0), version: .py311)
    }
  }

  @Test func intTrueDivisionIsCorrectlyRounded() throws {
    #expect(try PyNumeric.trueDivide(BigInt(10).power(30), BigInt(7)) == 1.4285714285714286e+29)
    #expect(try PyNumeric.trueDivide(BigInt(10).power(400), BigInt(10).power(399)) == 10.0)
    #expect(try PyNumeric.trueDivide(BigInt(1), BigInt(1) << 1075) == 0.0)
    #expect(try PyNumeric.trueDivide(BigInt(3), BigInt(1) << 1076) == 5e-324)
    #expect(throws: FormattingError(.overflowError, "integer division result too large for a float")) {
      try PyNumeric.trueDivide(BigInt(10).power(400), BigInt(1))
    }
  }

  @Test func conversions() throws {
    #expect(try PyNumeric.toInteger(1e20) == BigInt(10).power(20))
    #expect(try PyNumeric.toInteger(-1.5) == -1)
    #expect(try PyNumeric.toDouble((BigInt(1) << 53) + 1) == 9_007_199_254_740_992.0)
    #expect(try PyNumeric.toDouble((BigInt(1) << 53) + 3) == 9_007_199_254_740_996.0)
    #expect(throws: FormattingError(.overflowError, "int too large to convert to float")) {
      try PyNumeric.toDouble(BigInt(1) << 1024)
    }
    #expect(throws: FormattingError(.valueError, "cannot convert float NaN to integer")) {
      try PyNumeric.toInteger(.nan)
    }
  }
}
