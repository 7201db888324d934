// Every case recorded from CPython 3.8-3.13, replayed per version.

import HeapModel
import Testing

@testable import Scenario

@Suite("Formatting fixtures recorded from CPython")
struct FormattingFixtureTests {
  static let groups: [(String, Set<String>)] = [
    ("int text", ["int.str", "int.hex", "int.oct", "int.bin"]),
    ("format spec", ["format"]),
    ("percent", ["percent"]),
    ("repr", ["repr", "ascii", "repr.bytearray", "identifier"]),
    ("arithmetic", ["round", "divmod", "floordiv", "mod", "truediv", "float", "int"]),
    ("hash", ["hash", "hash.tuple"]),
  ]

  @Test("fixture covers every category with thousands of cases")
  func fixtureIsComplete() {
    let all = FormattingFixture.cases
    #expect(all.count > 20_000)
    let categories = Set(all.map(\.category))
    let known = Self.groups.reduce(into: Set<String>()) { $0.formUnion($1.1) }
    #expect(categories == known)
  }

  @Test(arguments: PythonVersion.allCases)
  func intText(version: PythonVersion) { check(0, version) }

  @Test(arguments: PythonVersion.allCases)
  func formatSpec(version: PythonVersion) { check(1, version) }

  @Test(arguments: PythonVersion.allCases)
  func percent(version: PythonVersion) { check(2, version) }

  @Test(arguments: PythonVersion.allCases)
  func repr(version: PythonVersion) { check(3, version) }

  @Test(arguments: PythonVersion.allCases)
  func arithmetic(version: PythonVersion) { check(4, version) }

  @Test(arguments: PythonVersion.allCases)
  func hash(version: PythonVersion) { check(5, version) }

  private func check(_ group: Int, _ version: PythonVersion) {
    let cases = FormattingFixture.cases(Self.groups[group].1)
    #expect(cases.count > 20)
    let (count, shown) = FormattingFixture.mismatches(cases, version: version)
    #expect(
      count == 0,
      "\(count) of \(cases.count) \(Self.groups[group].0) cases differ:\n\(shown.joined(separator: "\n"))")
  }
}
