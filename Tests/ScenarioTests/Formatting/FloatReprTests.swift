// repr(float) against CPython: 20,000 recorded doubles (edge cases, powers of
// two and ten, random bit patterns and decimals), plus an optional bulk file
// produced by `python3 tools/gen_format_cases.py --bulk N FILE` and checked when
// HEAPSCOPE_FLOAT_BULK=FILE is set.

import Foundation
import Testing

@testable import Scenario

@Suite("float repr")
struct FloatReprTests {
  @Test(
    "switching rules and specials",
    arguments: [
      (1e16, "1e+16"), (1e-5, "1e-05"), (0.0001, "0.0001"), (123_456_789_012_345.0, "123456789012345.0"),
      (1.5e300, "1.5e+300"), (Double.infinity, "inf"), (-Double.infinity, "-inf"), (Double.nan, "nan"),
      (-0.0, "-0.0"), (0.0, "0.0"), (1.0, "1.0"), (0.1, "0.1"), (1.0 / 3, "0.3333333333333333"),
      (9_999_999_999_999_998.0, "9999999999999998.0"), (5e-324, "5e-324"),
      (1.7976931348623157e308, "1.7976931348623157e+308"), (-Double.nan, "nan"), (1e22, "1e+22"),
      (2.5e-5, "2.5e-05"), (100.0, "100.0"),
    ])
  func knownValues(value: Double, text: String) {
    #expect(FloatFormatter.repr(value) == text)
  }

  @Test("20,000 recorded doubles match CPython")
  func recorded() throws {
    let url = FormattingFixture.directory.appendingPathComponent("float_repr.txt")
    let (checked, failures) = try Self.check(url)
    #expect(checked == 20_000)
    #expect(failures.isEmpty, "\(failures.count) differ: \(failures.prefix(20))")
  }

  @Test(
    "bulk file from HEAPSCOPE_FLOAT_BULK",
    .enabled(if: ProcessInfo.processInfo.environment["HEAPSCOPE_FLOAT_BULK"] != nil))
  func bulk() throws {
    let path = ProcessInfo.processInfo.environment["HEAPSCOPE_FLOAT_BULK"]!
    let (checked, failures) = try Self.check(URL(fileURLWithPath: path))
    #expect(checked > 0)
    #expect(failures.isEmpty, "\(failures.count) of \(checked) differ: \(failures.prefix(20))")
  }

  /// Checks every "bits repr" line of a file; returns the count and the mismatches.
  static func check(_ url: URL) throws -> (Int, [String]) {
    let text = try String(contentsOf: url, encoding: .utf8)
    var failures: [String] = []
    var checked = 0
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: " ")
      let bits = try #require(UInt64(parts[0], radix: 16))
      let got = FloatFormatter.repr(Double(bitPattern: bits))
      checked += 1
      if got != parts[1] { failures.append("\(parts[0]): want \(parts[1]) got \(got)") }
    }
    return (checked, failures)
  }
}
