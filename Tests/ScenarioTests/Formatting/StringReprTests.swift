import BigInt
import HeapModel
import Testing

@testable import Scenario

@Suite("repr/ascii of str and bytes, str kinds")
struct StringReprTests {
  @Test func quoteChoiceAndEscapes() {
    #expect(StringRepr.repr("it's", version: .py312) == "\"it's\"")
    #expect(StringRepr.repr("both ' and \"", version: .py312) == "'both \\' and \"'")
    #expect(StringRepr.repr("a\tb\n\\\u{7}\u{7f}", version: .py312) == "'a\\tb\\n\\\\\\x07\\x7f'")
    #expect(
      StringRepr.repr("é\u{a0}\u{ad}\u{200b}\u{e000}", version: .py312) == "'é\\xa0\\xad\\u200b\\ue000'")
    #expect(StringRepr.ascii("日本😀", version: .py312) == "'\\u65e5\\u672c\\U0001f600'")
    #expect(StringRepr.bytesRepr(Array("it's\u{0}".utf8)) == "b\"it's\\x00\"")
    #expect(StringRepr.bytearrayRepr(Array("it's".utf8)) == "bytearray(b\"it\\'s\")")
  }

  @Test("newer emoji are unassigned, so escaped, before 3.12", arguments: PythonVersion.allCases)
  func unicodeDatabaseVersion(version: PythonVersion) {
    let shaking = "\u{1FAE8}"
    #expect(
      StringRepr.repr(shaking, version: version) == (version < .py312 ? "'\\U0001fae8'" : "'\(shaking)'"))
    #expect(StringRepr.isPrintable("\u{0C5D}", version: version) == (version >= .py311))
    #expect(StringRepr.isPrintable(" ", version: version))
    #expect(!StringRepr.isPrintable("\u{3000}", version: version))
  }

  @Test func kinds() {
    #expect(StringKind(of: "abc") == .ascii)
    #expect(StringKind(of: "ÿ") == .latin1)
    #expect(StringKind(of: "Ā") == .ucs2)
    #expect(StringKind(of: "a😀") == .ucs4)
    #expect(StringKind(of: "") == .ascii)
    #expect(StringKind.ucs2.characterSize == 2)
  }

  @Test func compileTimeInterning() {
    #expect(StringKind.isInternableConstant("ab_9"))
    #expect(StringKind.isInternableConstant("1abc"))
    #expect(StringKind.isInternableConstant(""))
    #expect(!StringKind.isInternableConstant("a b"))
    #expect(!StringKind.isInternableConstant("é"))
    #expect(StringKind.isIdentifier("λx") && !StringKind.isIdentifier("9a"))
  }

  @Test func intText() {
    #expect(IntFormatter.hex(-31) == "-0x1f")
    #expect(IntFormatter.oct(8) == "0o10")
    #expect(IntFormatter.bin(-5) == "-0b101")
    #expect(IntFormatter.decimal(BigInt(10).power(25)) == "10000000000000000000000000")
  }
}
