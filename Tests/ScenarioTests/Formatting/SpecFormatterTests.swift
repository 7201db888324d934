// Readable examples of format()/f-string specs; the exhaustive comparison with
// CPython is FormattingFixtureTests.

import BigInt
import HeapModel
import Testing

@testable import Scenario

@Suite("format() mini-language")
struct SpecFormatterTests {
  private func format(_ value: FormatValue, _ spec: String, _ version: PythonVersion = .py312)
    throws(FormattingError)
    -> String
  {
    try SpecFormatter.format(value, spec: spec, version: version)
  }

  private func error(_ value: FormatValue, _ spec: String, _ version: PythonVersion = .py312) -> String? {
    do throws(FormattingError) {
      _ = try format(value, spec, version)
      return nil
    } catch {
      return error.description
    }
  }

  @Test func integers() throws {
    #expect(try format(.int(1234), "010,") == "00,001,234")
    #expect(try format(.int(-255), "#x") == "-0xff")
    #expect(try format(.int(255), "#010X") == "0X000000FF")
    #expect(try format(.int(0b1011_0110), "_b") == "1011_0110")
    #expect(try format(.int(42), "*^9") == "***42****")
    #expect(try format(.int(-42), "=+8") == "-     42")
    #expect(try format(.int(97), "c") == "a")
    #expect(try format(.int(BigInt(10).power(20)), ",") == "100,000,000,000,000,000,000")
    #expect(try format(.int(7), ".2f") == "7.00")
  }

  @Test func boolsFormatAsIntsExceptWithAnEmptySpec() throws {
    #expect(try format(.bool(true), "") == "True")
    #expect(try format(.bool(true), ">5") == "    1")
    #expect(try format(.bool(false), "d") == "0")
  }

  @Test func floats() throws {
    #expect(try format(.float(1.0), "") == "1.0")
    #expect(try format(.float(1e16), "") == "1e+16")
    #expect(try format(.float(1.0), ".3") == "1.0")
    #expect(try format(.float(123.0), ".3") == "1.23e+02")
    #expect(try format(.float(2.675), ".2f") == "2.67")
    #expect(try format(.float(0.125), ".2f") == "0.12")
    #expect(try format(.float(1234567.891), ",.2f") == "1,234,567.89")
    #expect(try format(.float(0.25), ".1%") == "25.0%")
    #expect(try format(.float(-0.0001), "z.2f", .py311) == "0.00")
    #expect(try format(.float(1e16), "#") == "1.e+16")
    #expect(try format(.float(-.infinity), "010") == "-000000inf")  // zero padding applies to inf too
    #expect(try format(.float(.nan), "+") == "+nan")
  }

  @Test func strings() throws {
    #expect(try format(.str("abc"), "^7") == "  abc  ")
    #expect(try format(.str("hello"), ".2") == "he")
    #expect(try format(.str("日本"), "*>4") == "**日本")
    #expect(try format(.str("ab"), "05", .py310) == "ab000")
  }

  @Test func errorsCarryCPythonsMessages() {
    #expect(error(.float(1.5), "d") == "ValueError: Unknown format code 'd' for object of type 'float'")
    #expect(error(.float(1.5), ".f") == "ValueError: Format specifier missing precision")
    #expect(error(.str("a"), ",") == "ValueError: Cannot specify ',' with 's'.")
    #expect(error(.int(5), ".2") == "ValueError: Precision not allowed in integer format specifier")
    #expect(error(.int(5), ",_") == "ValueError: Cannot specify both ',' and '_'.")
    #expect(error(.int(0x110000), "c") == "OverflowError: %c arg not in range(0x110000)")
    #expect(error(.none, ">5") == "TypeError: unsupported format string passed to NoneType.__format__")
    #expect(error(.str("a"), "+") == "ValueError: Sign not allowed in string format specifier")
  }

  @Test func versionDifferences() {
    #expect(
      error(.str("ab"), "05", .py39) == "ValueError: '=' alignment not allowed in string format specifier")
    #expect(
      error(.float(1.0), "z", .py310) == "ValueError: Unknown format code 'z' for object of type 'float'")
    #expect(error(.str("a"), " ", .py38) == "ValueError: Sign not allowed in string format specifier")
    #expect(error(.str("a"), " ", .py39) == "ValueError: Space not allowed in string format specifier")
    #expect(error(.float(1.0), "f.", .py310) == "ValueError: Invalid format specifier")
    #expect(
      error(.float(1.0), "f.", .py311)
        == "ValueError: Invalid format specifier 'f.' for object of type 'float'")
    #expect(
      error(.int(0), "z", .py311)
        == "ValueError: Negative zero coercion (z) not allowed in integer format specifier")
  }

  @Test func conversions() throws {
    #expect(try SpecFormatter.convert(.str("é"), conversion: "r", version: .py312) == "'é'")
    #expect(try SpecFormatter.convert(.str("é"), conversion: "a", version: .py312) == "'\\xe9'")
    #expect(try SpecFormatter.convert(.bool(true), conversion: "s", version: .py312) == "True")
    #expect(throws: FormattingError(.valueError, "Unknown conversion specifier \\xe9")) {
      try SpecFormatter.convert(.int(1), conversion: "é", version: .py312)
    }
  }
}
