// str.format's template parser against CPython 3.8–3.13's behaviour
// (measured: the messages are the same in every version).

import Testing

@testable import Scenario

@Suite("str.format markup")
struct FormatMarkupTests {
  /// Pieces of `template` as "literal|name!conversion:spec" strings, or the
  /// first error's message.
  static func pieces(_ template: String) -> [String] {
    let scalars = Array(template.unicodeScalars)
    var markup = FormatMarkup(scalars[...])
    var result: [String] = []
    do {
      while let piece = try markup.next() {
        var text = FormatFieldName.string(piece.literal)
        if let field = piece.field {
          text += "|" + FormatFieldName.string(field.name)
          if let conversion = field.conversion { text += "!" + String(Character(conversion)) }
          text += ":" + FormatFieldName.string(field.spec) + (field.specHasFields ? "*" : "")
        }
        result.append(text)
      }
    } catch {
      result.append("error: \(error.message)")
    }
    return result
  }

  @Test func literalsFieldsAndEscapes() {
    #expect(Self.pieces("a{0}b{x!r:>5}") == ["a|0:", "b|x!r:>5"])
    #expect(Self.pieces("{{}} }}{{") == ["{", "}", " }", "{"])
    #expect(Self.pieces("{:{w}.{p}f}") == ["|:{w}.{p}f*"])
    #expect(Self.pieces("{0[a:b!c]}") == ["|0[a:b!c]:"])
    #expect(Self.pieces("plain") == ["plain"])
  }

  @Test(arguments: [
    ("{", "Single '{' encountered in format string"),
    ("x}", "Single '}' encountered in format string"),
    ("{0", "expected '}' before end of string"),
    ("{0[}", "expected '}' before end of string"),
    ("{!}", "unmatched '{' in format spec"),
    ("{0!rr}", "expected ':' after conversion specifier"),
    ("{0!", "end of string while looking for conversion specifier"),
    ("{a{b}", "unexpected '{' in field name"),
    ("{0:{1}", "unmatched '{' in format spec"),
  ])
  func errors(template: String, message: String) {
    #expect(Self.pieces(template).last == "error: \(message)")
  }

  @Test func fieldNamesAreWalkedLazily() throws {
    let scalars = Array("0.a[12][k].b".unicodeScalars)
    var name = try FormatFieldName(scalars[...])
    #expect(name.first == .index(0))
    #expect(try name.next() == .attribute("a"))
    #expect(try name.next() == .index(12))
    #expect(try name.next() == .key("k"))
    #expect(try name.next() == .attribute("b"))
    #expect(try name.next() == nil)
    var bad = try FormatFieldName(Array("x[1]y".unicodeScalars)[...])
    #expect(bad.first == .keyword("x"))
    #expect(try bad.next() == .index(1))
    #expect(throws: FormattingError(.valueError, "Only '.' or '[' may follow ']' in format field specifier"))
    {
      try bad.next()
    }
    var empty = try FormatFieldName(Array(".".unicodeScalars)[...])
    #expect(empty.first == .automatic)
    #expect(throws: FormattingError(.valueError, "Empty attribute in format string")) { try empty.next() }
  }

  @Test func automaticAndManualNumberingDoNotMix() throws {
    var numbering = FormatNumbering()
    #expect(try numbering.index(for: .automatic) == 0)
    #expect(try numbering.index(for: .automatic) == 1)
    #expect(throws: FormattingError.self) { try numbering.index(for: .index(0)) }
    var manual = FormatNumbering()
    #expect(try manual.index(for: .index(3)) == 3)
    #expect(throws: FormattingError.self) { try manual.index(for: .automatic) }
  }

  @Test func formatMethodEndToEnd() throws {
    let result = try runScenario(
      """
      class P:
          def __init__(self):
              self.v = [10, 20]
      print("{0.v[1]} {k!r:>5}|".format(P(), k="s"))
      print("{:{w}}|".format(7, w=3), "%(a)s/%(a)r" % {"a": "x"})
      try:
          "{0.nope}}".format(1)
      except AttributeError as e:
          print("AttributeError first:", e)
      """)
    #expect(
      result.stdout == "20   's'|\n  7| x/'x'\nAttributeError first: 'int' object has no attribute 'nope'\n")
  }
}
