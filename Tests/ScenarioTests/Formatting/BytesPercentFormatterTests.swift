// Readable examples of `bytes % args` (`_PyBytes_FormatEx`): the same machine
// as str's over the template's bytes, with bytes-only %s/%b, %c and messages.

import HeapModel
import Testing

@testable import Scenario

@Suite("bytes %-formatting")
struct BytesPercentFormatterTests {
  private func bytes(_ text: String, _ typeName: String = "bytes") -> FormatValue {
    .bytes(Array(text.utf8), typeName: typeName, repr: "b'\(text)'")
  }

  private func run(_ template: String, _ args: PercentArguments, _ version: PythonVersion = .py312) -> String
  {
    do throws(FormattingError) {
      let result = try PercentFormatter.format(bytes: Array(template.utf8), args, version: version)
      return PercentFormatter.latin1(result)
    } catch {
      return "!" + error.description
    }
  }

  @Test func conversions() {
    #expect(run("%s %d", .tuple([bytes("ab"), .int(3)])) == "ab 3")
    #expect(
      run("%b|%5s|%-5b|%.1s|", .tuple([bytes("x"), bytes("ab"), bytes("cd", "bytearray"), bytes("xyz")]))
        == "x|   ab|cd   |x|")
    #expect(run("%r %a", .tuple([.str("h\u{e9}"), bytes("q")])) == "'h\\xe9' b'q'")
    #expect(run("%c%c|%3c", .tuple([.int(65), bytes("B"), .int(67)])) == "AB|  C")
    #expect(run("%c", .single(.int(255))) == "\u{ff}")
    #expect(run("%05.1f|%#x", .tuple([.float(2.25), .int(255)])) == "002.2|0xff")
  }

  @Test func misuse() {
    #expect(
      run("%s", .single(.str("t")))
        == "!TypeError: %b requires a bytes-like object, or an object that implements __bytes__, not 'str'")
    #expect(run("%c", .single(.int(256))) == "!OverflowError: %c arg not in range(256)")
    #expect(
      run("%c", .single(bytes("AB"))) == "!TypeError: %c requires an integer in range(256) or a single byte")
    #expect(
      run("%d", .tuple([.int(1), .int(2)]))
        == "!TypeError: not all arguments converted during bytes formatting")
    #expect(run("%f", .single(.str("x"))) == "!TypeError: float argument required, not str")
    #expect(run("%d", .single(.str("x")), .py39) == "!TypeError: %d format: a number is required, not str")
    #expect(run("%y", .single(.int(1))) == "!ValueError: unsupported format character 'y' (0x79) at index 1")
  }

  @Test func keysAreBytes() {
    let found = PercentFormatter.mappingKeys(inBytes: Array("%(a)s %(\u{7f}b)d %s".utf8))
    #expect(found.keys == [[0x61], [0x7f, 0x62]])
    #expect(found.unkeyed)
  }
}
