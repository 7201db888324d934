import HeapModel
import Testing

@Suite struct PythonVersionTests {
  @Test(arguments: PythonVersion.allCases)
  func roundTripsThroughItsName(version: PythonVersion) {
    #expect(PythonVersion(string: version.description) == version)
  }

  @Test(arguments: ["3.7", "3.14", "2.7", "3", "3.", "312", "3.12.1", ""])
  func rejectsUnmodelledVersions(text: String) {
    #expect(PythonVersion(string: text) == nil)
  }

  @Test func defaultIsThreeTwelve() {
    #expect(PythonVersion.default == .py312)
    #expect(PythonVersion.allCases.map(\.minor) == [8, 9, 10, 11, 12, 13])
  }
}
