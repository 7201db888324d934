import HeapModel
import Testing

@testable import Scenario

/// The measured argument-count errors of the builtins.
@Suite struct BuiltinArityTests {
  @Test func everyMeasuredBuiltinHasOneEntryPerVersion() {
    #expect(BuiltinArity.measured.count > 80)
    for (builtin, entries) in BuiltinArity.measured {
      #expect(entries.count == PythonVersion.allCases.count, "\(builtin)")
    }
  }

  @Test func messagesNameTheCountGiven() throws {
    let append38 = try #require(BuiltinArity.of(.listAppend, version: .py38))
    #expect(append38.error(forCount: 1) == nil)
    #expect(append38.error(forCount: 0) == "append() takes exactly one argument (0 given)")
    let append312 = try #require(BuiltinArity.of(.listAppend, version: .py312))
    #expect(append312.error(forCount: 3) == "list.append() takes exactly one argument (3 given)")
    let pop = try #require(BuiltinArity.of(.listPop, version: .py311))
    #expect(pop.error(forCount: 0) == nil && pop.error(forCount: 1) == nil)
    #expect(pop.error(forCount: 7) == "pop expected at most 1 argument, got 7")
    let min = try #require(BuiltinArity.of(.min, version: .py313))
    #expect(min.error(forCount: 40) == nil)
    #expect(min.error(forCount: 0) == "min expected at least 1 argument, got 0")
  }

  @Test func aBuiltinAbsentFromAVersionHasNoEntry() {
    #expect(BuiltinArity.of(.gcIsFinalized, version: .py38) == nil)
    #expect(BuiltinArity.of(.gcIsFinalized, version: .py39) != nil)
    #expect(BuiltinArity.of(.print, version: .py312) == nil)
  }
}
