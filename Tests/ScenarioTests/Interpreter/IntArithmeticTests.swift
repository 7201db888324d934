import HeapModel
import Scenario
import Testing

/// Ints that fit in 64 bits take a fast path; these cases cross into the
/// BigInt path or depend on Python's floor semantics. Expected output from
/// CPython 3.8–3.13 (identical).
@Suite struct IntArithmeticTests {
  @Test(arguments: PythonVersion.allCases)
  func edgeCasesAgreeWithCPython(version: PythonVersion) throws {
    let result = try runScenario(
      """
      print(True & False, True | True, 7 // -2, -7 % 3, 2**63 // 3, (-2)**63 % 7)
      print(-7 // 2, 7 % -3, hash(-1), 1 / 4, 9223372036854775807 + 1, -9223372036854775807 - 2)
      """, version: version)
    #expect(
      result.stdout
        == "False True -4 2 3074457345618258602 6\n-4 -2 -2 0.25 9223372036854775808 -9223372036854775809\n")
  }
}
