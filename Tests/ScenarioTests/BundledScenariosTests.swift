import Foundation
import Scenario
import Testing

@Suite struct BundledScenariosTests {
  @Test func theBundledTourIsScenariosTourPy() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let file = try String(contentsOf: root.appendingPathComponent("Scenarios/tour.py"), encoding: .utf8)
    #expect(BundledScenarios.tour == file, "regenerate Sources/Scenario/Bundled/BundledScenarios.swift")
    let result = compileCheck(SourceFile(name: "tour.py", text: BundledScenarios.tour))
    #expect(result.module != nil)
  }
}
