import Testing

@testable import Scenario

@Suite("float() text")
struct PyNumericFloatParsingTests {
  private func parse(_ text: String) -> Double? { PyNumeric.parseFloat(Array(text.utf8)) }

  @Test func accepted() {
    #expect(parse("1_0.5") == 10.5)
    #expect(parse(" \t1.5e3\n") == 1500)
    #expect(parse("1_0e1_0") == 1e11)
    #expect(parse(".5") == 0.5)
    #expect(parse("5.") == 5)
    #expect(parse("-InFiNiTy") == -.infinity)
    #expect(parse("+nan")?.isNaN == true)
    #expect(parse("1e99999") == .infinity)
    #expect(parse("-1e-99999")?.sign == .minus)
  }

  @Test(arguments: [
    "0x10", "1__0", "_1", "1_", "1_.5", "1._5", "1e", "e5", ".", "1.5e+", "infinit", "nan(1)", "1.5 e3", "",
    " ",
  ])
  func refused(_ text: String) {
    #expect(parse(text) == nil)
  }
}
