// Readable examples of `template % args`; the exhaustive comparison with
// CPython is FormattingFixtureTests.

import HeapModel
import Testing

@testable import Scenario

@Suite("%-formatting")
struct PercentFormatterTests {
  private func run(_ template: String, _ args: PercentArguments, _ version: PythonVersion = .py312) -> String
  {
    do throws(FormattingError) {
      return try PercentFormatter.format(template, args, version: version)
    } catch {
      return "!" + error.description
    }
  }

  @Test func mixedConversions() {
    let args: [FormatValue] = [.int(3), .str("a"), .str("b"), .float(2.345), .int(255)]
    #expect(run("%d items, %s, %r, %5.2f, %x, %%", .tuple(args)) == "3 items, a, 'b',  2.35, ff, %")
    #expect(
      run("%-6s|%6.2e|%+05d|%#o", .tuple([.str("ab"), .float(31415.9), .int(42), .int(8)]))
        == "ab    |3.14e+04|+0042|0o10")
    #expect(run("%*d|%-*d|", .tuple([.int(4), .int(7), .int(3), .int(1)])) == "   7|1  |")
    #expect(run("%c%c", .tuple([.int(72), .str("i")])) == "Hi")
    #expect(run("%s", .single(.object(typeName: "list", str: "[1, 2]", repr: "[1, 2]"))) == "[1, 2]")
    #expect(run("%a", .single(.str("é"))) == "'\\xe9'")
    #expect(run("%d", .single(.float(-3.99))) == "-3")
  }

  @Test func mappingKeys() {
    let args = PercentArguments.mapping(.object(typeName: "dict", str: "{}", repr: "{}")) {
      key throws(FormattingError) in
      guard key == "n" else { throw FormattingError(.keyError, "'\(key)'") }
      return .int(5)
    }
    #expect(run("%(n)03d", args) == "005")
    #expect(run("%(m)s", args) == "!KeyError: 'm'")
    #expect(run("no conversions", args) == "no conversions")
  }

  @Test func errors() {
    #expect(run("%s %s", .tuple([.int(1)])) == "!TypeError: not enough arguments for format string")
    #expect(
      run("%s", .tuple([.int(1), .int(2)]))
        == "!TypeError: not all arguments converted during string formatting")
    #expect(run("%d", .single(.str("a"))) == "!TypeError: %d format: a real number is required, not str")
    #expect(run("%d", .single(.str("a")), .py39) == "!TypeError: %d format: a number is required, not str")
    #expect(run("%x", .single(.float(1.5))) == "!TypeError: %x format: an integer is required, not float")
    #expect(run("%q", .single(.int(1))) == "!ValueError: unsupported format character 'q' (0x71) at index 1")
    #expect(run("%5%", .tuple([])) == "!TypeError: not enough arguments for format string")
    #expect(run("abc%", .tuple([])) == "!ValueError: incomplete format")
    #expect(run("%(a)s", .single(.int(3))) == "!TypeError: format requires a mapping")
    #expect(run("%c", .single(.str("ab"))) == "!TypeError: %c requires int or char")
  }
}
